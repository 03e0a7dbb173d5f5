import SupplyModel

/// A SKU picked for the trajectory charts, with the reason it was picked.
public struct FeaturedSKU: Sendable, Equatable {
  /// The SKU's index in the network.
  public var index: Int
  /// Why it was picked, as a phrase ("highest demand: 12.3 units/day").
  public var reason: String

  /// Creates a pick.
  public init(index: Int, reason: String) {
    self.index = index
    self.reason = reason
  }

  /// Up to three distinct SKUs that show different behaviour: the highest mean demand, the most
  /// stockout days (mean over replications, summed over policies), and the lowest mean demand.
  /// Ties go to the lower index; a SKU already picked is skipped. In a multi-echelon network the
  /// figures are the SKU's over all customer-facing nodes (the reasons say so).
  public static func select(from result: ExperimentResult) -> [FeaturedSKU] {
    let skus = result.scenario.network.skus
    guard let first = result.outcomes.first, !skus.isEmpty else { return [] }
    let days = Double(max(result.scenario.network.measuredDays.count, 1))
    let demand = skus.indices.map { first.meanKPIs(ofSKU: $0).demand / days }
    let stockouts = skus.indices.map { k in result.outcomes.reduce(0.0) { $0 + $1.meanKPIs(ofSKU: k).stockoutDays } }
    var picks: [FeaturedSKU] = []
    func pick(_ score: [Double], largest: Bool, reason: (Int) -> String) {
      var best: Int?
      for k in skus.indices where !picks.contains(where: { $0.index == k }) {
        guard let b = best else { best = k; continue }
        if largest ? score[k] > score[b] : score[k] < score[b] { best = k }
      }
      if let best { picks.append(FeaturedSKU(index: best, reason: reason(best))) }
    }
    let perPolicy = Double(result.outcomes.count)
    let scope = result.scenario.network.hasSeveralNodes ? " over all customer-facing nodes" : ""
    pick(demand, largest: true) { "highest demand, \(NumberFormat.fixed(demand[$0], 1)) units/day\(scope)" }
    pick(stockouts, largest: true) {
      stockouts[$0] > 0 ? "most stockouts, \(NumberFormat.fixed(stockouts[$0] / perPolicy, 1)) stockout days per policy\(scope)"
        : "no SKU had stockouts; next in order"
    }
    pick(demand, largest: false) { "slowest mover, \(NumberFormat.fixed(demand[$0], 2)) units/day\(scope)" }
    return picks
  }
}
