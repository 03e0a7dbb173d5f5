/// The day-by-day record of a run: one row per (day, SKU), kept only when asked for, since its
/// memory grows with the horizon. Values are 64-bit, like the simulator's own quantities, so the
/// trace holds every level a valid scenario can reach exactly.
public struct DailyTrace: Sendable, Equatable {
  /// The number of SKUs per day.
  public let skuCount: Int
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
    self.skuCount = skuCount
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

  /// The row index of (day, sku).
  @inlinable public func index(day: Int, sku: Int) -> Int { day * skuCount + sku }

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
