import InventoryOptimization
import Stochastics
import Testing

/// The exact optimisers against published optima and against methods that share no code with them.
@Suite struct ExactOptimaTests {
  static func poisson(_ mean: Double) throws -> DemandPMF { try DemandPMF(Poisson(mean: mean)) }

  /// Zipkin (2008), Table 1: Poisson demand with mean 5, h = 1, lost-sale penalties 4 to 39. His
  /// lead time L (an order placed at the start of a period arrives L periods later) is
  /// SupplySim's L + 1, since SupplySim orders at the end of a day for the morning L days later.
  @Test("Zipkin's lost-sales optima", arguments: [
    (1, [4.04, 5.44, 6.68, 7.84]),
    (2, [4.40, 6.09, 7.66, 9.11]),
  ])
  func zipkinLostSales(zipkinLead: Int, published: [Double]) throws {
    for (penalty, optimum) in zip([4.0, 9, 19, 39], published) {
      let mdp = try OptimalPolicyMDP(dailyDemand: try Self.poisson(5), leadDays: zipkinLead + 1, holding: 1, shortage: .lostSales(penalty: penalty))
      let table = try mdp.solve(tolerance: 1e-8)
      #expect(abs(table.costPerDay - optimum) <= 0.005, "L = \(zipkinLead), p = \(penalty): \(table.costPerDay) against \(optimum)")
      #expect(table.costBounds.upperBound - table.costBounds.lowerBound <= 1e-7 * table.costPerDay)
    }
  }

  /// Zheng and Federgruen (1991): Poisson demand with mean 10, K = 64, h = 1, p = 9 and no lead
  /// time in their convention (SupplySim's 1 day): (s, S) = (6, 40) at 35.02 per period.
  @Test func zhengFedergruenPublishedInstance() throws {
    let problem = try StationaryProblem(dailyDemand: try Self.poisson(10), leadDays: 1, holding: 1, backorder: 9, orderCost: 64)
    let best = try ZhengFedergruen.optimize(problem)
    #expect(best.reorderPoint == 6 && best.orderUpTo == 40)
    #expect(abs(best.costPerDay - 35.02) < 0.005)
  }

  /// The stationary cost of a policy by iterating its Markov chain on the position after
  /// ordering (no renewal formula): Σ π(y)·G(y) + K·P(a day orders).
  static func markovCost(_ problem: StationaryProblem, low: Int, high: Int, order: (Int) -> Int) throws -> Double {
    let g = try problem.closingCost()
    let p = problem.dailyDemand.probabilities
    let n = high - low + 1
    var pi = Array(repeating: 1.0 / Double(n), count: n)
    var orderProbability = 0.0
    for _ in 0..<5_000 {
      var next = Array(repeating: 0.0, count: n)
      orderProbability = 0
      for i in 0..<n where pi[i] > 0 {
        for (d, pd) in p.enumerated() {
          let before = low + i - d
          let after = before + order(before)
          if after != before { orderProbability += pi[i] * pd }
          next[after - low] += pi[i] * pd
        }
      }
      pi = next
    }
    var cost = problem.orderCost * orderProbability
    for i in 0..<n { cost += pi[i] * g(low + i) }
    return cost
  }

  @Test("(s,S) optimum = brute force over (s,S) = Markov chain = value iteration", arguments: [
    (5.0, 64.0, 1, 9.0), (3.0, 10.0, 2, 9.0), (0.7, 25.0, 3, 4.0), (2.0, 0.0, 2, 19.0), (12.0, 150.0, 1, 2.0),
  ])
  func sSAgreesWithIndependentMethods(mean: Double, orderCost: Double, lead: Int, backorder: Double) throws {
    let problem = try StationaryProblem(dailyDemand: try Self.poisson(mean), leadDays: lead, holding: 1, backorder: backorder, orderCost: orderCost)
    let best = try ZhengFedergruen.optimize(problem)
    let s = try #require(best.reorderPoint), S = try #require(best.orderUpTo)
    var brute = (s: 0, S: 0, cost: Double.infinity)
    for s in -60...(Int(mean * Double(lead)) * 3 + 20) {
      for S in (s + 1)...(s + 150) {
        let c = try ZhengFedergruen.cost(of: problem, reorderPoint: s, orderUpTo: S)
        if c < brute.cost - 1e-12 { brute = (s, S, c) }
      }
    }
    #expect(abs(best.costPerDay - brute.cost) <= 1e-9 * brute.cost)
    let markov = try Self.markovCost(problem, low: s + 1 - 400, high: S) { $0 <= s ? S - $0 : 0 }
    #expect(abs(markov - best.costPerDay) <= 1e-6 * best.costPerDay, "Markov chain \(markov), renewal formula \(best.costPerDay)")
    let mdp = try OptimalPolicyMDP(dailyDemand: problem.dailyDemand, leadDays: lead, holding: 1, shortage: .backorders(costPerUnitDay: backorder), orderCost: orderCost)
    let table = try mdp.solve(tolerance: 1e-10)
    #expect(abs(table.costPerDay - best.costPerDay) <= 1e-6 * best.costPerDay, "value iteration \(table.costPerDay), (s,S) \(best.costPerDay)")
  }

  @Test("(s,nQ) optimum = brute force = Markov chain", arguments: [(5.0, 64.0, 1), (3.0, 10.0, 2), (0.4, 30.0, 4)])
  func sQAgreesWithIndependentMethods(mean: Double, orderCost: Double, lead: Int) throws {
    let problem = try StationaryProblem(dailyDemand: try Self.poisson(mean), leadDays: lead, holding: 0.5, backorder: 6, orderCost: orderCost)
    let best = try BaseStockAndLotSize.reorderPointLotSize(problem)
    let s = try #require(best.reorderPoint), q = try #require(best.orderQuantity)
    var brute = Double.infinity
    for s in -10...(Int(mean * Double(lead)) * 3 + 20) {
      for q in 1...120 { brute = min(brute, try BaseStockAndLotSize.cost(of: problem, reorderPoint: s, lot: q)) }
    }
    #expect(abs(best.costPerDay - brute) <= 1e-9 * brute)
    let markov = try Self.markovCost(problem, low: s + 1 - 300, high: s + q) { $0 <= s ? ((s - $0) / q + 1) * q : 0 }
    #expect(abs(markov - best.costPerDay) <= 1e-6 * best.costPerDay)
    // (s, S) is optimal among all policies, so no (s, nQ) policy beats it.
    #expect(try ZhengFedergruen.optimize(problem).costPerDay <= best.costPerDay + 1e-9)
  }

  @Test func baseStockIsTheNewsvendorLevel() throws {
    let problem = try StationaryProblem(dailyDemand: try Self.poisson(4), leadDays: 3, holding: 1, backorder: 19, orderCost: 0)
    let best = try BaseStockAndLotSize.baseStock(problem)
    let S = try #require(best.orderUpTo)
    let lead = Poisson(mean: 12)
    #expect(lead.cdf(S) >= 0.95 && lead.cdf(S - 1) < 0.95)
    let g = try problem.closingCost()
    #expect(g(S) <= g(S - 1) && g(S) <= g(S + 1))
    // With no order cost the optimal (s, S) is the base-stock policy.
    let sS = try ZhengFedergruen.optimize(problem)
    #expect(sS.orderUpTo == S && sS.reorderPoint == S - 1)
  }

  @Test func convolutionOfPoissonDaysIsPoisson() throws {
    let three = try Self.poisson(2).convolved(days: 3)
    let six = Poisson(mean: 6)
    for k in 0..<40 { #expect(abs(three.probability(k) - six.probability(k)) < 1e-12) }
    #expect(try Self.poisson(2).convolved(days: 0).probabilities == [1])
  }

  @Test func tooLargeProblemsAreRefusedWithTheirSize() throws {
    let mdp = try OptimalPolicyMDP(dailyDemand: try Self.poisson(40), leadDays: 8, holding: 1, shortage: .lostSales(penalty: 9))
    #expect(throws: OptimizationError.self) { try mdp.solve() }
    do { _ = try mdp.solve() } catch {
      #expect(error.description.contains("states"), "\(error)")
      #expect(error.description.contains("more than the limit of 20,000,000"))
    }
    #expect(throws: OptimizationError.invalidCost(name: "holding cost", value: -1)) {
      try StationaryProblem(dailyDemand: try Self.poisson(1), leadDays: 1, holding: -1, backorder: 1, orderCost: 0)
    }
    #expect(throws: OptimizationError.self) { try StationaryProblem(dailyDemand: try DemandPMF(probabilities: [1]), leadDays: 1, holding: 1, backorder: 1, orderCost: 0) }
    #expect(throws: OptimizationError.self) { try DemandPMF(probabilities: [0.5, .nan]) }
  }
}

/// The lost-sales heuristics, evaluated exactly on the chain they induce.
@Suite struct LostSalesHeuristicsTests {
  static func zipkin(lead: Int, penalty: Double) throws -> OptimalPolicyMDP {
    try OptimalPolicyMDP(dailyDemand: try DemandPMF(Poisson(mean: 5)), leadDays: lead + 1, holding: 1, shortage: .lostSales(penalty: penalty))
  }

  /// The optimal decision table, evaluated as a fixed policy by the forward chain (no value
  /// iteration), costs what value iteration says the optimum is.
  @Test func theOptimalTableCostsTheOptimum() throws {
    let mdp = try Self.zipkin(lead: 2, penalty: 9)
    let table = try mdp.solve(tolerance: 1e-10)
    let evaluated = try LostSalesHeuristics.cost(of: mdp) { x, a in table.order(onHand: x, inTransit: a) }
    #expect(abs(evaluated - table.costPerDay) < 1e-7)
  }

  /// Capped base stock is near-optimal on Zipkin's instances (Xin 2021): within 1% here.
  @Test(arguments: [4.0, 9.0])
  func cappedBaseStockIsWithinOnePercent(penalty: Double) throws {
    let mdp = try Self.zipkin(lead: 1, penalty: penalty)
    let optimum = try mdp.solve().costPerDay
    let capped = try LostSalesHeuristics.bestCappedBaseStock(mdp)
    #expect(capped.costPerDay >= optimum - 1e-9 && capped.costPerDay <= optimum * 1.01, "\(capped) against \(optimum)")
    // An uncapped order (base stock) at the same S is no better than the best capped policy.
    let baseStock = try LostSalesHeuristics.cost(of: mdp) { x, a in max(0, capped.orderUpTo - x - a.reduce(0, +)) }
    #expect(baseStock >= capped.costPerDay - 1e-9)
  }

  /// A constant order r below mean demand loses mean − r units a day in the long run.
  @Test func constantOrderLosesTheShortfall() throws {
    let mdp = try Self.zipkin(lead: 1, penalty: 9)
    let best = try LostSalesHeuristics.bestConstantOrder(mdp)
    #expect(best.order == 4)
    // cost = 9 × (5 − 4) lost + holding ≥ 9.
    #expect(best.costPerDay > 9 && best.costPerDay < 11)
    #expect(best.costPerDay > (try mdp.solve().costPerDay))
  }
}
