import SupplyModel

/// A deliberate planning error of the kind a bug introduces, injected into the built-in
/// planners to measure whether the CI gate (`supplysim check`) notices it.
///
/// It is a seam inside the real planning code, not a model of it: `PolicyPlanner.plan`,
/// `PolicySpecification.makePolicy`, `ForecastDrivenPolicy`, `DemandForecastTracker` and
/// `LinearProgramPolicy` read `PolicySpecification.perturbation` at the exact place where the
/// bug would sit. Scenarios cannot set it; only the power study (`supplysim check --power`) does.
package enum PlanningPerturbation: Sendable, Equatable {
  /// Every planned reorder point s (reorder-point families) or order-up-to level S (order-up-to
  /// families) moved by this many units, as an off-by-one in the planner would; for (s,S) the
  /// whole band moves (S is planned as s + Q).
  case levelOffset(Int)
  /// Safety stock (planned level − mean demand over the protection interval) scaled by this
  /// factor before rounding.
  case safetyStockScale(Double)
  /// The mean lead time the plan assumes moved by this many days (never below 0); the
  /// simulated lead times are unchanged.
  case leadTimeOffset(Double)
  /// Every point forecast of a forecast-driven policy multiplied by this factor.
  case forecastBias(Double)
  /// The policy reviews this many days less often than its levels were planned for.
  case reviewPeriodOffset(Int)
  /// Order quantities (and the S − s band of min–max) scaled by this factor before rounding.
  case lotSizeScale(Double)

  /// The regressions the power study injects, with their labels and the names `supplysim check
  /// --inject` takes, in report order.
  package static let standardRegressions: [(label: String, name: String, perturbation: PlanningPerturbation)] = [
    ("s/S −1 unit", "levels", .levelOffset(-1)),
    ("safety stock −10%", "safety-stock", .safetyStockScale(0.9)),
    ("lead time −1 day", "lead-time", .leadTimeOffset(-1)),
    ("forecast bias +5%", "forecast-bias", .forecastBias(1.05)),
    ("review period +1 day", "review-period", .reviewPeriodOffset(1)),
    ("lot size +10%", "lot-size", .lotSizeScale(1.1)),
  ]

  /// True when a policy of `spec` has the planned quantity this perturbation changes.
  package func applies(to spec: PolicySpecification) -> Bool {
    switch self {
    case .levelOffset, .safetyStockScale: spec.family != .lp
    case .leadTimeOffset: true
    case .forecastBias: spec.forecast != nil && (spec.family != .lp || spec.linearProgram?.demandSource == .forecast)
    case .reviewPeriodOffset: spec.family != .sQ
    case .lotSizeScale: spec.family == .sQ || spec.family == .sS
    }
  }

  /// Planning data with the assumed lead time moved (`leadTimeOffset`); other cases return `data`.
  package func planningData(_ data: [PlanningData]) -> [PlanningData] {
    guard case let .leadTimeOffset(days) = self else { return data }
    return data.map { d in
      var e = d
      e.leadTimeMean = max(0, d.leadTimeMean + days)
      return e
    }
  }

  /// The days between reviews a policy runs with, when its plan assumed `planned`.
  package func executedReviewPeriod(planned: Int) -> Int {
    guard case let .reviewPeriodOffset(days) = self else { return planned }
    return max(1, planned + days)
  }

  /// The factor on forecasts (1 unless `forecastBias`).
  package var forecastFactor: Double {
    guard case let .forecastBias(factor) = self else { return 1 }
    return factor
  }
}

extension PolicySpecification {
  /// The days between reviews the running policy uses: `effectiveReviewPeriod` unless a
  /// `perturbation` moves it.
  var executedReviewPeriod: Int {
    perturbation?.executedReviewPeriod(planned: effectiveReviewPeriod) ?? effectiveReviewPeriod
  }
}
