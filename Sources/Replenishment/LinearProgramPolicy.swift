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
  var basis: Basis?
  var basisShape: (Int, Int) = (0, 0)
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
    skuData = PlanningData.fromModel(network)
    let days = network.horizonDays + settings.horizonDays + 1
    expectedDemand = network.skus.map { sku in (0..<days).map { sku.demand.profile.mean(onDay: $0, calendar: network.calendar) } }
    supplierOf = network.skus.map(\.supplierIndex)
    capacity = network.suppliers.map(\.capacityPerDay)
    runDays = network.horizonDays
    if settings.demandSource == .forecast, let f = specification.forecast {
      tracker = DemandForecastTracker(settings: f, promotions: promotions, warmUpDays: network.warmUpDays)
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
    guard day % specification.effectiveReviewPeriod == 0 else { return }
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
    let plan = buildPlan(state: state, day: day, horizon: horizon, demand: demand, protection: protection)
    let values = solve(plan, horizon: horizon)
    guard let values else { return }
    for k in 0..<n {
      let q = values[plan.order[k][0]]
      let units = Int(q.rounded())
      if units > 0 {
        orders[k] = units
        outstanding[k].append((day, units))
      }
    }
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
    /// `order[k][τ]`: q_kτ for τ in 0..<H (order placed at the close of day t+τ).
    var order: [[Int]]
  }

  func buildPlan(state: InventoryState, day: Int, horizon: Int, demand: [[Double]], protection: [Double]) -> Plan {
    let n = state.skuCount
    var lp = LinearProgram()
    var order = Array(repeating: [Int](), count: n)
    let z = settings.safetyServiceLevel.map { SpecialFunctions.inverseNormalCDF($0) }
    for k in 0..<n {
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
      let bigM = demand[k].reduce(0, +) + safety + Double(state.backordered[k]) + 1
      for tau in 0..<horizon {
        let integer = settings.integerQuantities || settings.minimumOrderQuantity != nil
        let q = lp.addVariable(name: "q_\(k)_\(tau)", lower: 0, upper: tau + L <= horizon ? .infinity : 0, cost: d.costs.unitCost, isInteger: integer)
        order[k].append(q)
        if settings.fixedOrderCosts || settings.minimumOrderQuantity != nil {
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
        let stock = lp.addVariable(name: "I_\(k)_\(tau)", lower: tau >= L ? min(safety, bigM) : 0, cost: stockCost)
        let short = lp.addVariable(name: "B_\(k)_\(tau)", lower: 0, cost: shortCost)
        var terms: [(Int, Double)] = [(stock, 1), (short, -1)]
        var rhs = arrivals[tau] - demand[k][tau - 1]
        if let previous {
          terms.append((previous.stock, -1))
          if backorders { terms.append((previous.short, 1)) }
        } else {
          rhs += Double(state.onHand[k]) - Double(state.backordered[k])
        }
        if tau - L >= 0 { terms.append((order[k][tau - L], -1)) }
        _ = lp.addConstraint(name: "balance_\(k)_\(tau)", terms: terms, relation: .equal, rhs: rhs)
        previous = (stock, short)
      }
    }
    // Coupling constraints across SKUs.
    for (j, cap) in capacity.enumerated() {
      guard let cap else { continue }
      let members = (0..<n).filter { supplierOf[$0] == j }
      for tau in 0..<horizon {
        _ = lp.addConstraint(name: "capacity_\(j)_\(tau)", terms: members.map { (order[$0][tau], 1) }, relation: .lessOrEqual, rhs: Double(cap))
      }
    }
    if let budget = settings.budgetPerDay {
      for tau in 0..<horizon {
        _ = lp.addConstraint(name: "budget_\(tau)", terms: (0..<n).map { (order[$0][tau], skuData[$0].costs.unitCost) }, relation: .lessOrEqual, rhs: budget)
      }
    }
    if let storage = settings.storageCapacity {
      // Stock variables sit right after each SKU's order variables; find them by name order.
      for tau in 1...horizon {
        let terms = (0..<n).map { k -> (Int, Double) in (stockIndex(lp, k: k, tau: tau), 1) }
        _ = lp.addConstraint(name: "storage_\(tau)", terms: terms, relation: .lessOrEqual, rhs: storage)
      }
    }
    return Plan(program: lp, order: order)
  }

  func stockIndex(_ lp: LinearProgram, k: Int, tau: Int) -> Int {
    lp.variables.firstIndex { $0.name == "I_\(k)_\(tau)" }!
  }

  /// Solves the plan (warm-started when the shape repeats); nil when no plan was found.
  mutating func solve(_ plan: Plan, horizon: Int) -> [Double]? {
    solves += 1
    let lp = plan.program
    if settings.isMixedInteger {
      var options = MIPOptions()
      options.nodeLimit = settings.nodeLimit
      let s = lp.solveMIP(options: options)
      guard let values = s.values, let objective = s.objective else { failedSolves += 1; return nil }
      lastPlannedCost = objective
      return values
    }
    let shape = (lp.variableCount, lp.constraintCount)
    let warm = shape == basisShape ? basis : nil
    let s = lp.solve(warmStart: warm)
    guard s.status == .optimal else { failedSolves += 1; basis = nil; return nil }
    basis = s.basis
    basisShape = shape
    lastPlannedCost = s.objective
    return s.values
  }
}
