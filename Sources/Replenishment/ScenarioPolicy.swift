import SupplyModel

/// Any policy a scenario can name, as one type the simulator runs: dispatch happens once per day.
public enum ScenarioPolicy: ReplenishmentPolicy {
  /// Levels planned once from the demand model.
  case planned(PlannedPolicy)
  /// Levels that follow a forecaster's forecasts.
  case forecastDriven(ForecastDrivenPolicy)
  /// Rolling-horizon LP over all SKUs.
  case linearProgram(LinearProgramPolicy)

  /// Builds the policy `spec` describes for `network`.
  public static func make(_ spec: PolicySpecification, for network: SupplyNetwork) -> ScenarioPolicy {
    if spec.family == .lp {
      return .linearProgram(LinearProgramPolicy(specification: spec, network: network, promotions: promotionColumns(network)))
    }
    let data = PlanningData.fromModel(network)
    guard spec.forecast != nil else { return .planned(PolicyPlanner.plan(spec, data: data)) }
    return .forecastDriven(ForecastDrivenPolicy(specification: spec, skuData: data, promotions: promotionColumns(network), warmUpDays: network.warmUpDays))
  }

  /// Known promotion uplift − 1 per SKU and day (horizon plus a margin for forecasts), nil for
  /// SKUs without promotions.
  static func promotionColumns(_ network: SupplyNetwork) -> [[Double]?] {
    let margin = 400
    return network.skus.map { sku in
      let windows = sku.demand.profile.windows.filter { $0.cause == "promotion" }
      guard !windows.isEmpty else { return nil }
      var column = Array(repeating: 0.0, count: network.horizonDays + margin)
      for w in windows {
        for d in (w.startDay...max(w.startDay, w.endDay)).clamped(toDays: column.count) { column[d] += w.factor - 1 }
      }
      return column
    }
  }

  /// An empty value parked in `self` while a payload is mutated out of place.
  static let placeholder = ScenarioPolicy.planned(.orderUpTo(OrderUpToPolicy(level: [])))

  /// The wrapped policy's label.
  public var name: String {
    switch self {
    case let .planned(p): p.name
    case let .forecastDriven(p): p.name
    case let .linearProgram(p): p.name
    }
  }

  /// True when each SKU decides on its own data, so SKUs may be split across threads; the LP
  /// plans all SKUs together (shared capacity, budget, storage).
  public var isSeparable: Bool {
    if case .linearProgram = self { return false }
    return true
  }

  /// Delegates to the wrapped policy.
  public mutating func decide(_ state: InventoryState, day: Int, orders: inout [Int]) {
    switch self {
    case var .planned(p): p.decide(state, day: day, orders: &orders); self = .planned(p)
    case var .forecastDriven(p):
      self = Self.placeholder  // release the payload so `p` is uniquely referenced and never copied
      p.decide(state, day: day, orders: &orders)
      self = .forecastDriven(p)
    case var .linearProgram(p):
      self = Self.placeholder
      p.decide(state, day: day, orders: &orders)
      self = .linearProgram(p)
    }
  }

  /// Delegates to the wrapped policy.
  public mutating func observe(demand: [Int], day: Int) {
    switch self {
    case .planned: break
    case var .forecastDriven(p):
      self = Self.placeholder  // release the payload so `p` is uniquely referenced
      p.observe(demand: demand, day: day)
      self = .forecastDriven(p)
    case var .linearProgram(p):
      self = Self.placeholder
      p.observe(demand: demand, day: day)
      self = .linearProgram(p)
    }
  }

  /// The forecast errors of a forecasting policy.
  public var forecastErrors: ForecastErrorTotals? {
    switch self {
    case .planned: nil
    case let .forecastDriven(p): p.forecastErrors
    case let .linearProgram(p): p.forecastErrors
    }
  }

  /// The same policy for the SKUs in `range` only.
  public func restricted(to range: Range<Int>) -> ScenarioPolicy {
    switch self {
    case let .planned(p): .planned(p.restricted(to: range))
    case let .forecastDriven(p): .forecastDriven(p.restricted(to: range))
    case .linearProgram: preconditionFailure("the LP policy plans all SKUs together and cannot be split; check isSeparable")
    }
  }

  /// Planned levels of SKU k for reports: (s, S, Q); all nil for forecast-driven policies,
  /// whose levels change at every refit.
  public func levels(ofSKU k: Int) -> (reorderPoint: Int?, orderUpTo: Int?, orderQuantity: Int?) {
    switch self {
    case let .planned(p): p.levels(ofSKU: k)
    case .forecastDriven, .linearProgram: (nil, nil, nil)
    }
  }
}
