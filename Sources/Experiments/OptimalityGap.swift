import Replenishment
import SupplyModel

/// Every policy's distance to the optimum, when one policy of a single-warehouse run knows the
/// optimal long-run cost per day of every SKU (the `optimal` policy records it as the parameter
/// `optimalCostPerDay`).
///
/// The optimum over the measured days is Σ_k c*_k × days. A policy's gap in replication r is its
/// total cost minus that optimum; the summary across replications gives the mean gap and its
/// confidence interval. The reference policy's own gap is its simulation error: its interval
/// should contain 0.
public struct OptimalityGap: Sendable {
  /// The policy whose plan gives the optimum.
  public var reference: String
  /// The optimal total cost over the measured days.
  public var optimum: Double
  /// Measured days.
  public var days: Int
  /// Per policy in scenario order: the gap's summary across replications (total cost − optimum).
  public var gaps: [(policy: String, gap: KPISummary)]

  /// The name of the parameter that holds a SKU's optimal cost per day.
  public static let parameter = OptimalPolicy.optimalCost

  /// The gaps of `result`, or nil when no policy recorded an optimum for every SKU (or the run is
  /// a multi-echelon network).
  public static func of(_ result: ExperimentResult, level: Double = 0.95) -> OptimalityGap? {
    let network = result.scenario.network
    guard !network.hasSeveralNodes, !network.skus.isEmpty else { return nil }
    for outcome in result.outcomes {
      let costs = network.skus.indices.map { outcome.parameters.value(parameter, ofSKU: $0) }
      guard costs.allSatisfy({ $0 != nil && $0!.isFinite }) else { continue }
      let days = network.measuredDays.count
      let optimum = costs.reduce(0) { $0 + $1! } * Double(days)
      let gaps = result.outcomes.map { o in (o.name, KPISummary(values: o.totals.map { $0.totalCost - optimum }, level: level)) }
      return OptimalityGap(reference: outcome.name, optimum: optimum, days: days, gaps: gaps)
    }
    return nil
  }
}
