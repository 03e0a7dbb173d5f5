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
