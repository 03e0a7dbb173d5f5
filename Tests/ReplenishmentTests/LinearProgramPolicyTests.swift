import Testing
import LinearProgramming
import SupplyModel
@testable import Replenishment

@Suite struct LinearProgramPolicyTests {
  static func network(days: Int, demand: [Double], lead: Int = 3, capacity: Int? = nil, family: DemandFamily = .deterministic,
                      initial: Int = 10) -> SupplyNetwork {
    let skus = demand.enumerated().map { k, mean in
      SKU(id: "sku-\(k)", supplierIndex: 0, demand: DemandModel(family: family, profile: DemandProfile(base: mean)),
          costs: CostRates(unitCost: 2 + Double(k), holdingCostPerUnitDay: 0.05 * Double(k + 1), backorderCostPerUnitDay: 1.5,
                           lostSalePenaltyPerUnit: 0, orderCost: 30),
          unmetDemand: .backorder)
    }
    return SupplyNetwork(warehouse: "w", suppliers: [Supplier(id: "s", leadTime: .deterministic(days: lead), capacityPerDay: capacity)],
                         skus: skus, initialOnHand: Array(repeating: initial, count: skus.count), horizonDays: days, warmUpDays: 0, seed: 4)
  }

  static func spec(_ settings: LinearProgramSettings) -> PolicySpecification {
    PolicySpecification(name: "lp", family: .lp, target: .costOptimal, linearProgram: settings)
  }

  @Test("with exact demand the rolling plan's simulated cost equals the day-0 plan's cost")
  func oracleReproducesPlannedCost() throws {
    let days = 41
    let net = Self.network(days: days, demand: [4, 7, 2])
    let spec = Self.spec(LinearProgramSettings(horizonDays: 400, demandSource: .expected))
    // The plan made on day 0, after day 0's demand, covering days 1...40.
    var probe = LinearProgramPolicy(specification: spec, network: net, promotions: [nil, nil, nil])
    var state = InventoryState(skuCount: 3)
    state.onHand = [6, 3, 8]  // 10 units less day 0's demand
    let plan = probe.buildPlan(state: state, day: 0, horizon: days - 1, demand: [[Double]](repeating: [], count: 3).enumerated().map { k, _ in
      Array(repeating: [4.0, 7, 2][k], count: days - 1) }, protection: [3, 3, 3])
    let solution = plan.program.solve()
    #expect(solution.status == .optimal)
    var planned = 0.0
    for (i, v) in plan.program.variables.enumerated() {
      let k = Int(v.name.split(separator: "_")[1])!
      let c = net.skus[k].costs
      if v.name.hasPrefix("q_") { planned += c.unitCost * solution.values[i] }
      if v.name.hasPrefix("I_") { planned += c.holdingCostPerUnitDay * solution.values[i] }
      if v.name.hasPrefix("B_") { planned += c.backorderCostPerUnitDay * solution.values[i] }
    }
    _ = probe.solve(plan)

    let result = Simulation.run(net, separable: false) { _, _ in ScenarioPolicy.make(spec, for: net) }
    let kpi = result.totalKPIs(in: net)
    // Day 0's closing stock is not in the plan (it is the plan's starting point).
    let day0Holding = zip(state.onHand, net.skus).reduce(0.0) { $0 + Double($1.0) * $1.1.costs.holdingCostPerUnitDay }
    let purchases = zip(result.statistics, net.skus).reduce(0.0) { $0 + Double($1.0.unitsOrdered) * $1.1.costs.unitCost }
    let simulated = kpi.holdingCost - day0Holding + kpi.shortageCost + purchases
    #expect(abs(simulated - planned) < 1e-6 * planned, "simulated \(simulated) vs planned \(planned)")
  }

  @Test func supplierCapacityAndBudgetAreRespected() {
    let net = Self.network(days: 120, demand: [12, 9, 15], capacity: 40, family: .poisson)
    let spec = Self.spec(LinearProgramSettings(horizonDays: 21, budgetPerDay: 150))
    let result = Simulation.run(net, options: SimulationOptions(recordTrace: true), separable: false) { _, _ in ScenarioPolicy.make(spec, for: net) }
    let t = result.trace!
    for day in 0..<t.dayCount {
      let units = (0..<3).map { Int(t.ordered[t.index(day: day, sku: $0)]) }
      #expect(units.reduce(0, +) <= 40 + 2, "day \(day): \(units)")  // + rounding of three fractional orders
      let spend = zip(units, net.skus).reduce(0.0) { $0 + Double($1.0) * $1.1.costs.unitCost }
      #expect(spend <= 150 + 3 * 4.5, "day \(day) spends \(spend)")
    }
    #expect(result.totalKPIs(in: net).fillRate > 0.6)
  }

  @Test func fixedOrderCostsBatchOrders() {
    let net = Self.network(days: 60, demand: [5, 3], family: .poisson)
    let pure = Simulation.run(net, separable: false) { _, _ in ScenarioPolicy.make(Self.spec(LinearProgramSettings(horizonDays: 14)), for: net) }
    let mip = Simulation.run(net, separable: false) { _, _ in
      ScenarioPolicy.make(Self.spec(LinearProgramSettings(horizonDays: 14, fixedOrderCosts: true)), for: net)
    }
    let a = pure.totalKPIs(in: net), b = mip.totalKPIs(in: net)
    #expect(b.ordersPlaced < a.ordersPlaced / 2, "orders \(b.ordersPlaced) vs \(a.ordersPlaced)")
    #expect(b.totalCost < a.totalCost)
  }

  @Test func minimumOrderQuantityHolds() {
    let net = Self.network(days: 60, demand: [3], family: .poisson)
    let result = Simulation.run(net, options: SimulationOptions(recordTrace: true), separable: false) { _, _ in
      ScenarioPolicy.make(Self.spec(LinearProgramSettings(horizonDays: 14, minimumOrderQuantity: 25)), for: net)
    }
    let orders = result.trace!.ordered.filter { $0 > 0 }
    #expect(!orders.isEmpty && orders.allSatisfy { $0 >= 25 })
  }
}
