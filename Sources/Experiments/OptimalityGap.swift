import Replenishment
import SupplyModel

/// Every policy's distance to the optimum, when the optimal long-run cost per day of every SKU is
/// known: in a single warehouse when a policy of the run computes it (the `optimal` policy
/// records it as the parameter `optimalCostPerDay`); in a serial chain (one customer-facing
/// node, each node supplied by one above it, backorders, fixed lead times, uncapacitated lanes,
/// stationary discrete demand) from Clark and Scarf's optimal echelon base-stock levels
/// (`SerialEchelonOptimum`), which no policy of any form beats when no stage has a fixed order
/// cost, and which are the best echelon base-stock policy otherwise.
///
/// The optimum over the measured days is Σ_k c*_k × days. A policy's gap in replication r is its
/// total cost minus that optimum; the summary across replications gives the mean gap and its
/// confidence interval. The reference policy's own gap is its simulation error: its interval
/// should contain 0.
public struct OptimalityGap: Sendable {
  /// Where the optimum comes from.
  public enum Basis: Sendable, Equatable {
    /// The exact optimum computed by this policy of the run (the `optimal` policy).
    case policy(String)
    /// Clark and Scarf's optimal echelon base-stock levels of a serial chain; `bound` is true
    /// when no stage has a fixed order cost, so that no policy of any form costs less.
    case serialEchelon(bound: Bool)
  }

  /// Where the optimum comes from.
  public var basis: Basis
  /// A short name of the reference: the policy's name, or "Clark–Scarf optimum".
  public var reference: String
  /// The optimal total cost over the measured days.
  public var optimum: Double
  /// Measured days.
  public var days: Int
  /// Per policy in scenario order: the gap's summary across replications (total cost − optimum).
  public var gaps: [(policy: String, gap: KPISummary)]

  /// The most (level, demand) pairs per stage and SKU that a report spends on Clark and Scarf's
  /// optimum (a few milliseconds): beyond it (daily means in the thousands) the report has no
  /// distance to the optimum, and `supplysim optimize` still computes the levels.
  public static let serialWorkLimit = 5_000_000

  /// The name of the parameter that holds a SKU's optimal cost per day.
  public static let parameter = OptimalPolicy.optimalCost

  /// One sentence saying what the optimum is, for reports.
  public var explanation: String {
    switch basis {
    case .policy(let name):
      return "The optimum is the exact optimal long-run cost per day of every SKU, computed by the policy \u{201C}\(name)\u{201D}."
    case .serialEchelon(let bound):
      let scope = bound
        ? "no policy of any form costs less in this chain, since no stage has a fixed order cost"
        : "the best echelon base-stock policy; with fixed order costs a batching policy may cost less, so this is a reference, not a lower bound"
      return "The optimum is the long-run cost per day of every SKU at Clark and Scarf's optimal echelon base-stock levels of this serial chain (Chen and Zheng's recursion): \(scope)."
    }
  }

  /// The gaps of `result`, or nil when no optimum is known for every SKU: no policy recorded
  /// one, and the network is not a serial chain that `SerialEchelonOptimum` solves.
  public static func of(_ result: ExperimentResult, level: Double = 0.95) -> OptimalityGap? {
    let network = result.scenario.network
    guard !network.skus.isEmpty else { return nil }
    let days = network.measuredDays.count
    func gaps(_ optimum: Double) -> [(policy: String, gap: KPISummary)] {
      result.outcomes.map { o in (o.name, KPISummary(values: o.totals.map { $0.totalCost - optimum }, level: level)) }
    }
    if network.hasSeveralNodes {
      var perDay = 0.0
      var bound = true
      for k in network.skus.indices {
        guard let optimum = try? SerialEchelonOptimum(network, sku: k, workLimit: serialWorkLimit), optimum.costPerDay.isFinite else { return nil }
        perDay += optimum.costPerDay
        if optimum.nodes.contains(where: { network.costs(ofNode: $0, sku: k).orderCost > 0 }) { bound = false }
      }
      let optimum = perDay * Double(days)
      return OptimalityGap(basis: .serialEchelon(bound: bound), reference: "Clark–Scarf optimum", optimum: optimum, days: days, gaps: gaps(optimum))
    }
    for outcome in result.outcomes {
      let costs = network.skus.indices.map { outcome.parameters.value(parameter, ofSKU: $0) }
      guard costs.allSatisfy({ $0 != nil && $0!.isFinite }) else { continue }
      let optimum = costs.reduce(0) { $0 + $1! } * Double(days)
      return OptimalityGap(basis: .policy(outcome.name), reference: outcome.name, optimum: optimum, days: days, gaps: gaps(optimum))
    }
    return nil
  }
}
