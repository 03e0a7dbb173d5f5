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
  /// Per SKU, the lengths in days of its stockout runs, in day order.
  public var runsPerSKU: [[Int]]
  /// Per SKU, the number of stockout days.
  public var stockoutDays: [Int]

  /// Finds the runs in `trace` over `measuredDays`.
  ///
  /// - Complexity: O(days × SKUs).
  public init(trace: DailyTrace, measuredDays: Range<Int>) {
    runsPerSKU = Array(repeating: [], count: trace.skuCount)
    stockoutDays = Array(repeating: 0, count: trace.skuCount)
    let days = measuredDays.clamped(to: 0..<trace.dayCount)
    for k in 0..<trace.skuCount {
      var run = 0
      for day in days {
        if Self.unitsShort(in: trace, day: day, sku: k) > 0 {
          run += 1
          stockoutDays[k] += 1
        } else if run > 0 {
          runsPerSKU[k].append(run)
          run = 0
        }
      }
      if run > 0 { runsPerSKU[k].append(run) }
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
