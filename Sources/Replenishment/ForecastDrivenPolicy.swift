import Forecasting
import SupplyModel

/// A reorder-point-family policy whose levels come from a forecaster fitted to the demand the
/// policy has observed so far (never the future), refitted every `retrainEvery` days.
///
/// At a refit on day t, each SKU's forecaster predicts days t+1…t+H; the mean over the
/// protection interval P (lead time, plus R − 1 for periodic review) is the sum of those point
/// forecasts and the spread is the forecaster's own (see `DemandForecastTracker.refit`).
/// Lead-time variance adds μ̄²·Var(L). The levels then follow the policy's target exactly as for
/// static policies (`PolicyPlanner`).
public struct ForecastDrivenPolicy: SeparableReplenishmentPolicy {
  /// Report label.
  public var name: String
  /// The family, target and lot sizing.
  public let specification: PolicySpecification
  /// What the policy knows of each SKU besides demand: lead time and costs.
  let skuData: [PlanningData]
  /// The forecasts and their errors.
  public private(set) var tracker: DemandForecastTracker
  var planned: PlannedPolicy?

  /// Creates the policy.
  ///
  /// - Parameters:
  ///   - specification: Family, target, lot sizing, review period, overrides and `forecast`.
  ///   - skuData: Per SKU lead-time moments and costs (the demand fields are ignored).
  ///   - promotions: Per SKU known promotion uplifts − 1 by day, or nil.
  ///   - warmUpDays: Days excluded from the error totals.
  ///   - past: Per SKU demand before day 0 (a sales history) the forecasters start from; nil: none.
  ///   - pastPromotions: Per SKU the promotion uplift − 1 on each day of `past`; nil: none known.
  public init(specification: PolicySpecification, skuData: [PlanningData], promotions: [[Double]?], warmUpDays: Int, past: [[Double]]? = nil,
              pastPromotions: [[Double]]? = nil) {
    precondition(specification.forecast != nil, "a forecast-driven policy needs forecast settings")
    precondition(promotions.count == skuData.count, "one promotion column (or nil) per SKU")
    name = specification.name
    self.specification = specification
    self.skuData = skuData
    tracker = DemandForecastTracker(settings: specification.forecast!, promotions: promotions, warmUpDays: warmUpDays,
                                    bias: specification.perturbation?.forecastFactor ?? 1, past: past, pastPromotions: pastPromotions)
  }

  private init(specification: PolicySpecification, skuData: [PlanningData], tracker: DemandForecastTracker) {
    name = specification.name
    self.specification = specification
    self.skuData = skuData
    self.tracker = tracker
  }

  /// The forecast errors so far.
  public var forecastErrors: ForecastErrorTotals? { tracker.errors }

  /// The same policy for the SKUs in `range`, with fresh state.
  public func restricted(to range: Range<Int>) -> ForecastDrivenPolicy {
    ForecastDrivenPolicy(specification: specification, skuData: Array(skuData[range]), tracker: tracker.restricted(to: range))
  }

  /// Records the day's demand.
  public mutating func observe(demand: [Int], day: Int) {
    tracker.observe(demand: demand, day: day)
  }

  /// Refits on schedule, then orders as the planned family would.
  public mutating func decide(_ state: InventoryState, day: Int, orders: inout [Int]) {
    if planned == nil || day % tracker.settings.retrainEvery == 0 { refit(day: day) }
    planned!.decide(state, day: day, orders: &orders)
  }

  mutating func refit(day: Int) {
    let review = specification.effectiveReviewPeriod
    let protection = skuData.map { max(0, $0.leadTimeMean + Double(review - 1)) }
    let estimates = tracker.refit(day: day, horizon: tracker.settings.retrainEvery, protection: protection,
                                  calibrationLevels: tracker.settings.calibration == .none ? nil : calibrationLevels)
    var data = skuData
    for k in data.indices {
      let p = protection[k], e = estimates[k]
      data[k].meanPerDay = max(0, p > 0 ? e.cumulative / p : (e.means.first ?? 0))
      data[k].variancePerDay = p > 0 ? max(0, e.variance) / p : max(0, e.variance)
      data[k].exactPoisson = false
    }
    planned = PolicyPlanner.plan(specification, data: data)
  }

  /// Per SKU the one-sided level the conformal calibration aims the spread at: the cycle
  /// service level, the newsvendor ratio b/(b + h) for a cost-optimal target, and the fill-rate
  /// target itself for a fill-rate target (a fill rate is met at a lower level than the same
  /// cycle service level, so this calibrates on the safe side).
  var calibrationLevels: [Double] {
    skuData.map { d in
      switch specification.target {
      case let .cycleServiceLevel(alpha): alpha
      case .costOptimal: PolicyPlanner.criticalRatio(d)
      case let .fillRate(beta): beta
      }
    }
  }
}

extension ForecastDrivenPolicy {
  /// Per SKU the demand recorded before day 0 (`DemandModel.past`, from a sales history); nil
  /// when no SKU has any, so trackers start cold as without a history.
  public static func pastDemand(_ network: SupplyNetwork) -> [[Double]]? {
    network.skus.contains { !$0.demand.past.isEmpty } ? network.skus.map(\.demand.past) : nil
  }

  /// Per SKU the history's promotion uplift − 1 on each day before day 0
  /// (`DemandModel.pastPromotion`); nil when no SKU has any.
  public static func pastPromotionColumns(_ network: SupplyNetwork) -> [[Double]]? {
    network.skus.contains { !$0.demand.pastPromotion.isEmpty } ? network.skus.map(\.demand.pastPromotion) : nil
  }

  /// Known promotion uplift − 1 per SKU and day (horizon plus a margin for forecasts): the
  /// profile's promotion windows plus `DemandModel.knownPromotion`; nil for SKUs without
  /// promotions.
  public static func promotionColumns(_ network: SupplyNetwork) -> [[Double]?] {
    let margin = 400
    return network.skus.map { sku in
      let windows = sku.demand.profile.windows.filter { $0.cause == "promotion" }
      let known = sku.demand.knownPromotion
      guard !windows.isEmpty || known.contains(where: { $0 != 0 }) else { return nil }
      var column = Array(repeating: 0.0, count: network.horizonDays + margin)
      for w in windows {
        for d in (w.startDay...max(w.startDay, w.endDay)).clamped(toDays: column.count) { column[d] += w.factor - 1 }
      }
      for (d, v) in known.prefix(column.count).enumerated() { column[d] += v }
      return column
    }
  }
}
