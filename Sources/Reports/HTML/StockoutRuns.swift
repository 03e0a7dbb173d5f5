import Experiments
import SupplyModel

/// Stockout episodes reconstructed from a daily trace: runs of consecutive stockout days per SKU.
///
/// A day is a *stockout day* for a SKU when some of that day's demand was not met from stock
/// (the definition of the `stockoutDays` KPI). The trace records units shipped, which include
/// backorders served from that day's receipts; receipts serve backorders before the day's demand,
/// so units shipped from stock are `shipped − min(backordered the day before, received)` and the
/// day is a stockout day when that is less than demand. Only measured days (after warm-up) count;
/// a run still open on the last day ends there.
public struct StockoutRuns: Sendable, Equatable {
  /// Per SKU (per slot in `slots` order when slots were given), the lengths in days of its
  /// stockout runs, in day order.
  public var runsPerSKU: [[Int]]
  /// Per SKU (or slot), the number of stockout days.
  public var stockoutDays: [Int]

  /// Finds the runs in `trace` over `measuredDays`.
  ///
  /// - Parameters:
  ///   - trace: A daily trace.
  ///   - measuredDays: The days that count.
  ///   - slots: The trace slots to read, in order; nil for all. A multi-echelon network passes
  ///     its customer-facing stocking points (`StockingPoints.customerFacingSlots`): at internal
  ///     nodes the trace's demand is downstream orders, which ship in the review phase, so the
  ///     receipt rule below does not hold there.
  /// - Complexity: O(days × slots).
  public init(trace: DailyTrace, measuredDays: Range<Int>, slots: [Int]? = nil) {
    let chosen = slots ?? Array(0..<trace.skuCount)
    runsPerSKU = Array(repeating: [], count: chosen.count)
    stockoutDays = Array(repeating: 0, count: chosen.count)
    let days = measuredDays.clamped(to: 0..<trace.dayCount)
    for (j, k) in chosen.enumerated() {
      var run = 0
      for day in days {
        if Self.unitsShort(in: trace, day: day, sku: k) > 0 {
          run += 1
          stockoutDays[j] += 1
        } else if run > 0 {
          runsPerSKU[j].append(run)
          run = 0
        }
      }
      if run > 0 { runsPerSKU[j].append(run) }
    }
  }

  /// The lengths of all runs, SKU by SKU.
  public var lengths: [Int] { runsPerSKU.flatMap { $0 } }

  /// Units of the day's demand not met from stock (0 when all was met).
  ///
  /// Exact unless a receipt arrives on the day it was ordered (lead time 0), which happens after
  /// demand and is then mistaken for a receipt before it.
  public static func unitsShort(in trace: DailyTrace, day: Int, sku: Int) -> Int {
    let i = trace.index(day: day, sku: sku)
    let owed = day > 0 ? Int(trace.backordered[trace.index(day: day - 1, sku: sku)]) : 0
    let served = min(owed, Int(trace.received[i]))
    let fromStock = Int(trace.shipped[i]) - served
    return max(0, Int(trace.demand[i]) - fromStock)
  }
}

extension StockoutRuns {
  /// Finds the runs day by day, as a trace streamed to disk is read back
  /// (`DailyTraceSpool.forEachSegment`): the same runs as `init(trace:measuredDays:slots:)`, in
  /// memory proportional to the slots, not to the days.
  public struct Builder {
    /// Per slot of the run, its index in the chosen slots, or -1 when not chosen.
    private var position: [Int]
    /// Per chosen slot, the open run's length.
    private var open: [Int]
    /// Per chosen slot, the backorders at the close of the last day added.
    private var previousBackordered: [Int]
    private var runsPerSKU: [[Int]]
    private var stockoutDays: [Int]
    private let measured: Range<Int>

    /// Starts on a run of `slotCount` slots over `dayCount` days.
    ///
    /// - Parameters: `measuredDays` and `slots` as for `init(trace:measuredDays:slots:)`.
    public init(slotCount: Int, dayCount: Int, measuredDays: Range<Int>, slots: [Int]? = nil) {
      let chosen = slots ?? Array(0..<slotCount)
      position = Array(repeating: -1, count: slotCount)
      for (j, slot) in chosen.enumerated() { position[slot] = j }
      open = Array(repeating: 0, count: chosen.count)
      previousBackordered = Array(repeating: 0, count: chosen.count)
      runsPerSKU = Array(repeating: [], count: chosen.count)
      stockoutDays = Array(repeating: 0, count: chosen.count)
      measured = measuredDays.clamped(to: 0..<max(dayCount, 0))
    }

    /// Adds one day of consecutive slots; days come in order, each day's slots once.
    public mutating func add(day: Int, segment: DailyTraceSpool.Segment) {
      for k in 0..<segment.width {
        let j = position[segment.firstSlot + k]
        guard j >= 0 else { continue }
        let backordered = segment.value(4, k)
        defer { previousBackordered[j] = backordered }
        guard measured.contains(day) else { continue }
        let owed = day > 0 ? previousBackordered[j] : 0
        let fromStock = segment.value(1, k) - min(owed, segment.value(6, k))
        if segment.value(0, k) - fromStock > 0 {
          open[j] += 1
          stockoutDays[j] += 1
        } else if open[j] > 0 {
          runsPerSKU[j].append(open[j])
          open[j] = 0
        }
      }
    }

    /// The runs, each still open on the last day ending there.
    public func finish() -> StockoutRuns {
      var runs = runsPerSKU
      for j in open.indices where open[j] > 0 { runs[j].append(open[j]) }
      return StockoutRuns(runsPerSKU: runs, stockoutDays: stockoutDays)
    }
  }

  init(runsPerSKU: [[Int]], stockoutDays: [Int]) {
    self.runsPerSKU = runsPerSKU
    self.stockoutDays = stockoutDays
  }
}
