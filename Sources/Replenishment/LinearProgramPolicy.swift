import LinearProgramming
import Stochastics
import SupplyModel

/// Rolling-horizon (model predictive) replenishment by linear programming.
///
/// On each review day t it plans days t+1…t+H for every SKU at once:
///
///     min  Σ c_k q_kτ + h_k I_kτ + b_k B_kτ (+ K_k y_kτ) − c_k I_kH + c_k B_kH
///     s.t. I_kτ − B_kτ = I_k,τ−1 − B_k,τ−1 + A_kτ + q_k,τ−L_k − d_kτ     (backorders;
///          lost sales: B is lost demand and does not carry over)
///          Σ_{k of supplier j} q_kτ ≤ capacity_j,  Σ_k c_k q_kτ ≤ budget,  Σ_k I_kτ ≤ storage,
///          MOQ_k y_kτ ≤ q_kτ ≤ M y_kτ (y binary, with fixed costs or a minimum order),
///          I_kτ ≥ safety stock_k once an order placed today can have arrived,
///
/// where q_kτ is ordered at the close of day t+τ and arrives L_k = max(1, round(E[L])) days later,
/// A_kτ are the expected arrivals of the policy's own outstanding orders, d_kτ the demand
/// forecast (or the model's expected demand), and I₀ − B₀ today's closing net inventory. It
/// values stock left at the horizon's end at its unit cost, and open backorders as units still to
/// buy, so the plan does not run stock down or backlog demand just because the horizon ends. It
/// places the first day's orders (rounded to whole units) and re-plans at the next review from
/// the previous basis with the dual simplex, which is what makes daily re-planning cheap.
///
/// - SeeAlso: S. Nahmias, T. Olsen (2015), *Production and Operations Analysis*, ch. 3 (LP
///   aggregate planning); the rolling-horizon scheme follows J. Rawlings, D. Mayne (2009),
///   *Model Predictive Control*.
public struct LinearProgramPolicy: ReplenishmentPolicy {
  /// Report label.
  public var name: String
  /// Review period and (for the safety stock) the target.
  public let specification: PolicySpecification
  /// Horizon, demand source and side constraints.
  public let settings: LinearProgramSettings
  /// Lead-time moments, costs and unmet-demand rule per SKU.
  let skuData: [PlanningData]
  /// Expected demand per SKU and day (model mean), used when the demand source is `.expected`
  /// and for the safety stock's spread then.
  let expectedDemand: [[Double]]
  /// Supplier of each SKU and each supplier's daily capacity.
  let supplierOf: [Int]
  let capacity: [Int?]
  /// Simulated days, so the horizon can stop at the end of the run.
  let runDays: Int

  var tracker: DemandForecastTracker?
  var estimates: [DemandForecastTracker.Estimate] = []
  var outstanding: [[(day: Int, units: Int)]]
  /// The last optimal basis and its program's shape, per group of SKUs planned together.
  var bases: [(basis: Basis, shape: [Int])?] = []
  /// The objective of the last plan.
  public private(set) var lastPlannedCost: Double = .nan
  /// Plans solved, and how many ended without an optimal (or feasible MIP) solution.
  public private(set) var solves = 0
  public private(set) var failedSolves = 0

  /// Creates the policy for every SKU of `network`.
  public init(specification: PolicySpecification, network: SupplyNetwork, promotions: [[Double]?]) {
    precondition(specification.family == .lp, "LinearProgramPolicy needs family .lp")
    name = specification.name
    self.specification = specification
    settings = specification.linearProgram ?? LinearProgramSettings()
    skuData = specification.perturbation?.planningData(PlanningData.fromModel(network)) ?? PlanningData.fromModel(network)
    let days = network.horizonDays + settings.horizonDays + 1
    expectedDemand = network.skus.map { sku in (0..<days).map { sku.demand.profile.mean(onDay: $0, calendar: network.calendar) } }
    supplierOf = network.skus.map(\.supplierIndex)
    capacity = network.suppliers.map(\.capacityPerDay)
    runDays = network.horizonDays
    if settings.demandSource == .forecast, let f = specification.forecast {
      tracker = DemandForecastTracker(settings: f, promotions: promotions, warmUpDays: network.warmUpDays,
                                      bias: specification.perturbation?.forecastFactor ?? 1, past: ForecastDrivenPolicy.pastDemand(network),
                                      pastPromotions: ForecastDrivenPolicy.pastPromotionColumns(network))
    }
    outstanding = Array(repeating: [], count: network.skus.count)
  }

  /// Forecast errors when planning from forecasts.
  public var forecastErrors: ForecastErrorTotals? { tracker?.errors }

  /// Records demand for the forecaster.
  public mutating func observe(demand: [Int], day: Int) {
    tracker?.observe(demand: demand, day: day)
  }

  /// The lead time the plan assumes for SKU k, at least one day.
  func lead(_ k: Int) -> Int { max(1, Int(skuData[k].leadTimeMean.rounded())) }

  /// Plans on review days and places the first day's orders.
  public mutating func decide(_ state: InventoryState, day: Int, orders: inout [Int]) {
    reconcile(state)
    guard day % specification.executedReviewPeriod == 0 else { return }
    let horizon = min(settings.horizonDays, runDays - 1 - day)
    guard horizon >= 1 else { return }
    let n = state.skuCount
    let review = specification.effectiveReviewPeriod
    let protection = (0..<n).map { Double(lead($0) + review - 1) }
    if var t = tracker, estimates.isEmpty || day % t.settings.retrainEvery == 0 {
      estimates = t.refit(day: day, horizon: horizon + t.settings.retrainEvery, protection: protection)
      tracker = t
    }
    let demand: [[Double]] = (0..<n).map { k in
      (1...horizon).map { tau in
        if let t = tracker { let h = day + tau - t.forecastDay; return h - 1 < t.forecastMeans[k].count ? t.forecastMeans[k][h - 1] : t.forecastMeans[k].last ?? 0 }
        return expectedDemand[k][min(day + tau, expectedDemand[k].count - 1)]
      }
    }
    // Without constraints that couple SKUs the plan separates: one small program per SKU solves
    // much faster than one large one (above all with binaries), and gives the same optimum.
    let groups: [[Int]] = isCoupled ? [Array(0..<n)] : (0..<n).map { [$0] }
    if bases.count != groups.count { bases = Array(repeating: nil, count: groups.count) }
    for (g, members) in groups.enumerated() {
      let plan = buildPlan(state: state, day: day, horizon: horizon, demand: demand, protection: protection, skus: members)
      guard let values = solve(plan, group: g) else { continue }
      for (i, k) in members.enumerated() {
        let units = Int(values[plan.order[i][0]].rounded())
        if units > 0 {
          orders[k] = units
          outstanding[k].append((day, units))
        }
      }
    }
  }

  /// True when a supplier capacity, the budget or the storage limit ties SKUs together.
  var isCoupled: Bool {
    settings.budgetPerDay != nil || settings.storageCapacity != nil || supplierOf.contains { capacity[$0] != nil }
  }

  /// Drops outstanding orders that have arrived: the oldest first, until the total matches on-order.
  mutating func reconcile(_ state: InventoryState) {
    for k in 0..<state.skuCount {
      var excess = outstanding[k].reduce(0) { $0 + $1.units } - state.onOrder[k]
      while excess > 0, !outstanding[k].isEmpty {
        if outstanding[k][0].units <= excess { excess -= outstanding[k][0].units; outstanding[k].removeFirst() }
        else { outstanding[k][0].units -= excess; excess = 0 }
      }
    }
  }

  /// Variable indices of a built plan.
  struct Plan {
    var program: LinearProgram
    /// `order[i][τ]`: q for the i-th planned SKU at τ in 0..<H (ordered at the close of day t+τ).
    var order: [[Int]]
    /// `stock[i][τ − 1]`: closing stock variable of the i-th planned SKU on day t+τ.
    var stock: [[Int]]
  }

  /// Builds the plan for the SKUs in `skus` (all by default).
  func buildPlan(state: InventoryState, day: Int, horizon: Int, demand: [[Double]], protection: [Double], skus: [Int]? = nil) -> Plan {
    let members = skus ?? Array(0..<state.skuCount)
    var lp = LinearProgram()
    var order = Array(repeating: [Int](), count: members.count)
    var stockVariables = Array(repeating: [Int](), count: members.count)
    let z = settings.safetyServiceLevel.map { SpecialFunctions.inverseNormalCDF($0) }
    for (i, k) in members.enumerated() {
      let d = skuData[k]
      let backorders = d.unmetDemand == .backorder
      let shortageRate = backorders ? d.costs.backorderCostPerUnitDay : d.costs.lostSalePenaltyPerUnit
      let L = lead(k)
      var safety = 0.0
      if let z {
        let variance: Double
        if tracker != nil, k < estimates.count { variance = estimates[k].variance }
        else { variance = protection[k] * d.variancePerDay + d.meanPerDay * d.meanPerDay * d.leadTimeVariance }
        safety = max(0, z * variance.squareRoot())
      }
      // An order arriving on day τ + L never needs to exceed the demand from then to the horizon's
      // end plus the safety stock and today's backlog: a tight big-M keeps the relaxation strong.
      var demandFrom = Array(repeating: 0.0, count: horizon + 2)
      for tau in stride(from: horizon, through: 1, by: -1) { demandFrom[tau] = demandFrom[tau + 1] + demand[k][tau - 1] }
      for tau in 0..<horizon {
        let integer = settings.integerQuantities || settings.minimumOrderQuantity != nil
        let arrives = tau + L
        let q = lp.addVariable(name: "q_\(k)_\(tau)", lower: 0, upper: arrives <= horizon ? .infinity : 0, cost: d.costs.unitCost, isInteger: integer)
        order[i].append(q)
        if settings.fixedOrderCosts || settings.minimumOrderQuantity != nil {
          let bigM = (arrives <= horizon ? demandFrom[arrives] : 0) + safety + Double(max(0, state.backordered[k] - state.onHand[k])) + Double(settings.minimumOrderQuantity ?? 0) + 1
          let y = lp.addBinary(name: "y_\(k)_\(tau)", cost: settings.fixedOrderCosts ? d.costs.orderCost : 0)
          _ = lp.addConstraint(name: "open_\(k)_\(tau)", terms: [(q, 1), (y, -bigM)], relation: .lessOrEqual, rhs: 0)
          if let moq = settings.minimumOrderQuantity {
            _ = lp.addConstraint(name: "moq_\(k)_\(tau)", terms: [(q, 1), (y, -Double(moq))], relation: .greaterOrEqual, rhs: 0)
          }
        }
      }
      var arrivals = Array(repeating: 0.0, count: horizon + 1)
      for o in outstanding[k] {
        let due = max(day + 1, o.day + L)
        if due - day <= horizon { arrivals[due - day] += Double(o.units) }
      }
      var previous: (stock: Int, short: Int)? = nil
      for tau in 1...horizon {
        // Terminal valuation: stock left at the horizon is worth its unit cost, and backorders
        // left open will have to be bought; without it the plan would backlog the last days'
        // demand rather than buy it.
        let last = tau == horizon
        let stockCost = d.costs.holdingCostPerUnitDay - (last ? d.costs.unitCost : 0)
        let shortCost = shortageRate + (last && backorders ? d.costs.unitCost : 0)
        let stock = lp.addVariable(name: "I_\(k)_\(tau)", lower: tau >= L ? safety : 0, cost: stockCost)
        stockVariables[i].append(stock)
        let short = lp.addVariable(name: "B_\(k)_\(tau)", lower: 0, cost: shortCost)
        var terms: [(Int, Double)] = [(stock, 1), (short, -1)]
        var rhs = arrivals[tau] - demand[k][tau - 1]
        if let previous {
          terms.append((previous.stock, -1))
          if backorders { terms.append((previous.short, 1)) }
        } else {
          rhs += Double(state.onHand[k]) - Double(state.backordered[k])
        }
        if tau - L >= 0 { terms.append((order[i][tau - L], -1)) }
        _ = lp.addConstraint(name: "balance_\(k)_\(tau)", terms: terms, relation: .equal, rhs: rhs)
        previous = (stock, short)
      }
    }
    // Coupling constraints across SKUs.
    for (j, cap) in capacity.enumerated() {
      guard let cap else { continue }
      let supplied = members.indices.filter { supplierOf[members[$0]] == j }
      guard !supplied.isEmpty else { continue }
      for tau in 0..<horizon {
        _ = lp.addConstraint(name: "capacity_\(j)_\(tau)", terms: supplied.map { (order[$0][tau], 1) }, relation: .lessOrEqual, rhs: Double(cap))
      }
    }
    if let budget = settings.budgetPerDay {
      for tau in 0..<horizon {
        _ = lp.addConstraint(name: "budget_\(tau)", terms: members.indices.map { (order[$0][tau], skuData[members[$0]].costs.unitCost) },
                             relation: .lessOrEqual, rhs: budget)
      }
    }
    if let storage = settings.storageCapacity {
      for tau in 1...horizon {
        _ = lp.addConstraint(name: "storage_\(tau)", terms: members.indices.map { (stockVariables[$0][tau - 1], 1) }, relation: .lessOrEqual, rhs: storage)
      }
    }
    return Plan(program: lp, order: order, stock: stockVariables)
  }

  /// Solves the plan of SKU group `group` (an LP warm-started from that group's last basis when
  /// the shape repeats); nil when no plan was found.
  mutating func solve(_ plan: Plan, group: Int = 0) -> [Double]? {
    solves += 1
    let lp = plan.program
    if settings.isMixedInteger {
      var options = MIPOptions()
      options.nodeLimit = settings.nodeLimit
      options.relativeGap = 1e-4
      let s = lp.solveMIP(options: options)
      guard let values = s.values, let objective = s.objective else { failedSolves += 1; return nil }
      lastPlannedCost = objective
      return values
    }
    let shape = [lp.variableCount, lp.constraintCount]
    if bases.count <= group { bases += Array(repeating: nil, count: group + 1 - bases.count) }
    let warm = bases[group].flatMap { $0.shape == shape ? $0.basis : nil }
    let s = lp.solve(warmStart: warm)
    guard s.status == .optimal else { failedSolves += 1; bases[group] = nil; return nil }
    bases[group] = (s.basis, shape)
    lastPlannedCost = s.objective
    return s.values
  }
}
