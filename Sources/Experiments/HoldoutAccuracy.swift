import Parallelism
import Replenishment
import Scenarios
import SupplyModel

/// Each forecast-driven policy's forecaster scored on the end of the scenario's sales history
/// (`ForecastHoldout`), computed once per run, before or after simulating: it depends on the
/// scenario only, so it is the same whatever the seed, replications or threads.
public enum HoldoutAccuracy {
  /// Per policy of `scenario` (scenario order), the holdout scores of every SKU (network order),
  /// or nil for a policy without a forecaster and for every policy when no SKU has a history.
  ///
  /// A SKU's protection interval is its mean lead time to the first stocking node plus the
  /// policy's review period − 1, as the policy plans it.
  ///
  /// - Complexity: `ForecastHoldout.reportOrigins` fits per SKU and forecasting policy, spread
  ///   over `threads` threads; results are gathered in SKU order.
  public static func compute(for scenario: Scenario, threads: Int = Parallel.defaultThreadCount) -> [ForecastErrorTotals?] {
    let network = scenario.network
    guard let past = ForecastDrivenPolicy.pastDemand(network) else { return scenario.policies.map { _ in nil } }
    let lead = PlanningData.fromModel(network).map(\.leadTimeMean)
    return scenario.policies.map { definition -> ForecastErrorTotals? in
      guard let settings = definition.model.forecast else { return nil }
      let review = Double(definition.model.effectiveReviewPeriod - 1)
      let parts = Parallel.map(past.count, threads: threads) { k in
        ForecastHoldout.evaluate(past[k], settings: settings, protection: max(0, lead[k] + review),
                                 promotion: network.skus[k].demand.pastPromotion).totals
      }
      return ForecastErrorTotals.concatenating(parts)
    }
  }
}
