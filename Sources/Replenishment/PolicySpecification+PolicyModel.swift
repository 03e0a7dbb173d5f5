import SupplyModel

/// The built-in policies plan through `PolicyPlanner` (levels from the demand model), follow a
/// forecaster (`ForecastDrivenPolicy`), or solve a rolling-horizon LP (`LinearProgramPolicy`).
extension PolicySpecification: PolicyModel {
  /// Planned policies without a forecaster can decide on echelon stock.
  public var supportsEchelonStock: Bool { family != .lp && forecast == nil }

  /// `PolicyPlanner.audit` of the plan.
  public func audit(_ data: [PlanningData]) -> [PlanningFinding] {
    PolicyPlanner.audit(self, data: data)
  }

  /// The planned, forecast-driven or LP policy for `network`.
  public func makePolicy(named name: String, for network: SupplyNetwork) -> any ReplenishmentPolicy {
    var spec = self
    spec.name = name
    if spec.family == .lp {
      return LinearProgramPolicy(specification: spec, network: network, promotions: ForecastDrivenPolicy.promotionColumns(network))
    }
    let data = spec.perturbation?.planningData(PlanningData.fromModel(network)) ?? PlanningData.fromModel(network)
    guard spec.forecast != nil else { return PolicyPlanner.plan(spec, data: data) }
    let policy = ForecastDrivenPolicy(specification: spec, skuData: data, promotions: ForecastDrivenPolicy.promotionColumns(network),
                                      warmUpDays: network.warmUpDays, past: ForecastDrivenPolicy.pastDemand(network),
                                      pastPromotions: ForecastDrivenPolicy.pastPromotionColumns(network))
    return spec.forecast!.global ? GlobalForecastDrivenPolicy(policy) : policy
  }

  /// The same family with `forecast`; an LP policy then plans on the forecasts.
  public func replacingForecast(with forecast: ForecastSettings) -> (any PolicyModel)? {
    var spec = self
    spec.forecast = forecast
    if spec.family == .lp { spec.linearProgram?.demandSource = .forecast }
    return spec
  }

  /// What the policy does, for reports.
  public var summary: String {
    var parts: [String] = []
    switch family {
    case .sQ: parts.append("(s,Q), continuous review")
    case .sS: parts.append(effectiveReviewPeriod == 1 ? "(s,S) min–max, continuous review" : "(s,S) min–max, reviewed every \(effectiveReviewPeriod) days")
    case .RS: parts.append("(R,S) order-up-to, R = \(effectiveReviewPeriod) days")
    case .baseStock: parts.append("base-stock, daily review")
    case .lp:
      let lp = linearProgram ?? LinearProgramSettings()
      var text = "rolling-horizon LP over \(lp.horizonDays) days, re-planned every \(effectiveReviewPeriod) day\(effectiveReviewPeriod == 1 ? "" : "s") on "
      text += lp.demandSource == .expected ? "the demand model's expected demand (an oracle of the mean)" : "forecasts"
      if lp.isMixedInteger {
        let features = [lp.fixedOrderCosts ? "fixed order costs" : nil, lp.minimumOrderQuantity.map { "MOQ \($0)" }, lp.integerQuantities ? "whole units" : nil]
        text += "; mixed-integer (\(features.compactMap { $0 }.joined(separator: ", ")))"
      }
      if let b = lp.budgetPerDay { text += "; budget \(NumberFormat.grouped(b, 0))/day" }
      if let s = lp.storageCapacity { text += "; storage \(NumberFormat.grouped(s, 0)) units" }
      if let a = lp.safetyServiceLevel { text += "; safety stock for \(NumberFormat.percent(a, 1))" }
      parts.append(text)
      return parts.joined(separator: "; ") + (forecast.map { " (\($0.label), refit every \($0.retrainEvery) days)" } ?? "")
    }
    switch target {
    case let .cycleServiceLevel(a): parts.append("s/S set for a \(NumberFormat.percent(a, 1)) cycle service level")
    case let .fillRate(b): parts.append("s/S set for a \(NumberFormat.percent(b, 1)) fill rate")
    case .costOptimal: parts.append("level at the newsvendor critical ratio b/(b+h)")
    }
    if family == .sQ || family == .sS {
      switch lotSizing {
      case .eoq: parts.append("Q = EOQ")
      case let .units(u): parts.append("Q = \(u) units")
      case let .daysOfSupply(d): parts.append("Q = \(NumberFormat.shortest(d)) days of demand")
      }
    }
    if let f = forecast {
      parts.append("levels re-planned every \(f.retrainEvery) days from \(f.label) forecasts of observed demand (safety stock from the forecaster's own errors)")
    }
    if !overrides.isEmpty { parts.append("\(overrides.count) SKU override\(overrides.count == 1 ? "" : "s")") }
    return parts.joined(separator: "; ")
  }
}
