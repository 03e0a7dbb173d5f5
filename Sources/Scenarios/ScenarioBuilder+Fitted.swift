import DemandFitting
import SupplyModel

extension ScenarioBuilder {
  /// Demand fitted to the SKU's days before startDate (`"demand": {"source": "fitted"}`): the
  /// history of its series summed over nodes, from the earliest series' first date (days before
  /// it, when the SKU was not yet sold, are left out); a day is censored when any node was out of
  /// stock, on promotion when any node was, and its price is the mean of the known prices (days
  /// without one take the last known price). The fit is recorded in `demandFits`.
  mutating func fittedDemand(sku: String, path: String, positions: [Int], history: SalesHistory, startDate: CalendarDate,
                             windows: [DemandWindow], past: [Double]) -> DemandModel? {
    let series = positions.map { history.series[$0] }
    guard let first = series.map(\.firstDate).min() else { return nil }
    let days = startDate.daysSinceEpoch - first.daysSinceEpoch
    guard days >= DemandFitter.minimumDays else {
      validator.fail("\(path).source", "fitted demand needs at least \(DemandFitter.minimumDays) days of SKU \"\(sku)\"'s history before startDate \(startDate), got \(max(0, days)) (its first row is on \(first)); move startDate later or use a distribution")
      return nil
    }
    var quantity = [Double](repeating: 0, count: days), available = [Bool](repeating: true, count: days)
    var promotion = [Bool](repeating: false, count: days)
    var priceSum = [Double](repeating: 0, count: days), priceCount = [Int](repeating: 0, count: days)
    for s in series {
      let offset = first.daysSinceEpoch - s.firstDate.daysSinceEpoch
      for i in 0..<days {
        let j = i + offset
        guard j >= 0 && j < s.quantity.count else { continue }
        quantity[i] += s.quantity[j]
        available[i] = available[i] && s.available[j]
        if s.promotion[j] > 0 { promotion[i] = true }
        if s.price[j].isFinite && s.price[j] > 0 { priceSum[i] += s.price[j]; priceCount[i] += 1 }
      }
    }
    var price: [Double] = []
    if let firstKnown = priceCount.firstIndex(where: { $0 > 0 }) {
      var last = priceSum[firstKnown] / Double(priceCount[firstKnown])
      price = (0..<days).map { i in
        if priceCount[i] > 0 { last = priceSum[i] / Double(priceCount[i]) }
        return last
      }
    }
    let calendar = SimulationCalendar(startWeekday: first.weekday, startDayOfYear: min(first.dayOfYear, 364))
    let input = DemandHistory(quantities: quantity.map { Int(min($0, SalesHistory.maximumQuantity).rounded()) }, available: available,
                              price: price, promotion: promotion.contains(true) ? promotion : [], calendar: calendar)
    let fit = DemandFitter().fit(input)
    demandFits.append(SKUDemandFit(sku: sku, fit: fit))
    var model = fit.demandModel(fromDay: days)
    model.profile.windows = windows
    model.past = past
    return model
  }
}

/// One SKU's fitted demand, as `Scenario.demandFits` lists it.
public struct SKUDemandFit: Sendable {
  /// The SKU id.
  public var sku: String
  /// The fit.
  public var fit: DemandFit

  /// Creates an entry.
  public init(sku: String, fit: DemandFit) {
    self.sku = sku
    self.fit = fit
  }
}
