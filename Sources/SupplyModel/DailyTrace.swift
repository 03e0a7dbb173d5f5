/// The day-by-day record of a run: one row per (day, SKU), kept only when asked for, since its
/// memory grows with the horizon. Values are 64-bit, like the simulator's own quantities, so the
/// trace holds every level a valid scenario can reach exactly.
///
/// A trace may hold a subset of a run's slots (`recordedSlots`, such as the featured SKUs of a
/// run whose whole trace went to a `DailyTraceSink`); `index(day:sku:)` still takes the slot's
/// number in the whole run.
public struct DailyTrace: Sendable, Equatable {
  /// The number of SKUs (slots) recorded per day: the stride between days.
  public let skuCount: Int
  /// The run's slots this trace holds, in order, when it holds a subset; nil when it holds
  /// slots 0..<skuCount.
  public let recordedSlots: [Int]?
  /// The number of days recorded (from day 0, warm-up included).
  public private(set) var dayCount: Int = 0
  /// Units demanded.
  public private(set) var demand: [Int] = []
  /// Units shipped to customers (from stock, plus backorders served).
  public private(set) var shipped: [Int] = []
  /// Closing on-hand units.
  public private(set) var onHand: [Int] = []
  /// Closing on-order units.
  public private(set) var onOrder: [Int] = []
  /// Closing backordered units.
  public private(set) var backordered: [Int] = []
  /// Units ordered that day.
  public private(set) var ordered: [Int] = []
  /// Units received that day.
  public private(set) var received: [Int] = []

  /// Creates an empty trace for `skuCount` SKUs, reserving room for `days`.
  public init(skuCount: Int, reservingDays days: Int = 0) {
    self.init(skuCount: skuCount, recordedSlots: nil, reservingDays: days)
  }

  /// Creates an empty trace of the run's slots `slots` (in that order), reserving room for `days`.
  public init(slots: [Int], reservingDays days: Int = 0) {
    self.init(skuCount: slots.count, recordedSlots: slots, reservingDays: days)
  }

  private init(skuCount: Int, recordedSlots: [Int]?, reservingDays days: Int) {
    self.skuCount = skuCount
    self.recordedSlots = recordedSlots
    let n = skuCount * days
    for column in [\DailyTrace.demand, \.shipped, \.onHand, \.onOrder, \.backordered, \.ordered, \.received] {
      self[keyPath: column].reserveCapacity(n)
    }
  }

  /// Appends one day; every array has one value per SKU.
  public mutating func append(demand d: [Int], shipped s: [Int], onHand h: [Int], onOrder p: [Int], backordered b: [Int], ordered o: [Int], received r: [Int]) {
    for k in 0..<skuCount {
      demand.append(d[k]); shipped.append(s[k])
      onHand.append(h[k]); onOrder.append(p[k])
      backordered.append(b[k]); ordered.append(o[k])
      received.append(r[k])
    }
    dayCount += 1
  }

  /// Forgets every day recorded, keeping the arrays' capacity: an engine that hands its trace to
  /// a sink block by block reuses one block's memory.
  public mutating func removeAllDays() {
    for column in [\DailyTrace.demand, \.shipped, \.onHand, \.onOrder, \.backordered, \.ordered, \.received] {
      self[keyPath: column].removeAll(keepingCapacity: true)
    }
    dayCount = 0
  }

  /// The row index of (day, sku), `sku` being the slot's number in the whole run (for a subset
  /// trace it must be one of `recordedSlots`).
  @inlinable public func index(day: Int, sku: Int) -> Int {
    guard let recordedSlots else { return day * skuCount + sku }
    guard let local = recordedSlots.firstIndex(of: sku) else { preconditionFailure("slot \(sku) is not among the trace's recorded slots \(recordedSlots)") }
    return day * skuCount + local
  }

  /// Joins traces of consecutive SKU ranges (shards) into one trace over all SKUs.
  public static func merging(_ parts: [DailyTrace]) -> DailyTrace {
    let total = parts.reduce(0) { $0 + $1.skuCount }
    let days = parts.first?.dayCount ?? 0
    var merged = DailyTrace(skuCount: total, reservingDays: days)
    merged.dayCount = days
    for day in 0..<days {
      for part in parts {
        let range = (day * part.skuCount)..<((day + 1) * part.skuCount)
        merged.demand += part.demand[range]; merged.shipped += part.shipped[range]
        merged.onHand += part.onHand[range]; merged.onOrder += part.onOrder[range]
        merged.backordered += part.backordered[range]; merged.ordered += part.ordered[range]
        merged.received += part.received[range]
      }
    }
    return merged
  }
}

/// Where an engine hands a run's daily trace block by block, instead of keeping it whole: a
/// block holds the days `firstDay ..< firstDay + block.dayCount` of the slots `firstSlot ..<
/// firstSlot + block.skuCount` (slots numbered as in `SimulationResult.statistics`). Engines
/// hand a block at least every `blockDays` days, so the memory a trace needs is bounded by the
/// slots a thread simulates at once times `blockDays`, whatever the horizon and the SKU count.
///
/// Blocks come from several threads in no particular order; every (day, slot) comes exactly
/// once. A sink that keeps blocks must copy them: the engine reuses the block's memory.
public protocol DailyTraceSink: AnyObject, Sendable {
  /// Most days in one block; engines hand blocks at multiples of it, so blocks of different
  /// SKU chunks cover the same days.
  var blockDays: Int { get }
  /// Receives one block.
  func receive(_ block: DailyTrace, firstSlot: Int, firstDay: Int)
}
