import InventoryOptimization
import Stochastics
import Testing

/// The myopic lost-sales policy against hand computations and against the optimum.
@Suite struct MyopicLostSalesTests {
  /// Demand 0, 1, 2 with probabilities ¼, ½, ¼; L = 2 (one order in transit), h = 1, p = 4.
  static func tiny() throws -> MyopicLostSales {
    let pmf = try DemandPMF(probabilities: [0.25, 0.5, 0.25])
    return try MyopicLostSales(try OptimalPolicyMDP(dailyDemand: pmf, leadDays: 2, holding: 1, shortage: .lostSales(penalty: 4)))
  }

  /// By hand: G(0) = 4, G(1) = ¼·1 + 4·¼·1 = 1.25, G(2) = ¼·2 + ½·1 = 1, G(3) = 2, G(4) = 3.
  /// x = 1, a₁ = 0: I = (1 − D)⁺ is 1 w.p. ¼, 0 w.p. ¾; f(0) = 3.3125, f(1) = 1.1875, f(2) = 1.25 → 1.
  /// x = 0, a₁ = 2: I is 2, 1, 0 w.p. ¼, ½, ¼; f(0) = 1.875, f(1) = 1.3125, f(2) = 2 → 1.
  /// x = 3, a₁ = 0: I is 3, 2, 1 w.p. ¼, ½, ¼; f(0) = 1.3125, f(1) = 2 → 0.
  @Test func handComputedInstance() throws {
    let rule = try Self.tiny()
    let dist = rule.stockBeforeArrival(onHand: 1, inTransit: [0])
    #expect(dist == [0.75, 0.25])
    #expect(abs(rule.cost(ofOrdering: 0, stockBeforeArrival: dist) - 3.3125) < 1e-12)
    #expect(abs(rule.cost(ofOrdering: 1, stockBeforeArrival: dist) - 1.1875) < 1e-12)
    #expect(abs(rule.cost(ofOrdering: 2, stockBeforeArrival: dist) - 1.25) < 1e-12)
    #expect(rule.order(onHand: 1, inTransit: [0]) == 1)
    let two = rule.stockBeforeArrival(onHand: 0, inTransit: [2])
    #expect(abs(rule.cost(ofOrdering: 0, stockBeforeArrival: two) - 1.875) < 1e-12)
    #expect(abs(rule.cost(ofOrdering: 1, stockBeforeArrival: two) - 1.3125) < 1e-12)
    #expect(rule.order(onHand: 0, inTransit: [2]) == 1)
    #expect(rule.order(onHand: 3, inTransit: [0]) == 0)
    // Far above any demand: G grows by h a unit.
    #expect(rule.order(onHand: 40, inTransit: [0]) == 0)
  }

  /// A fixed order cost K = 1 makes ordering 1 at x = 0, a₁ = 2 not worth it: f(1) = 2.3125 > f(0) = 1.875.
  @Test func fixedCostCanSuppressTheOrder() throws {
    let pmf = try DemandPMF(probabilities: [0.25, 0.5, 0.25])
    let rule = try MyopicLostSales(try OptimalPolicyMDP(dailyDemand: pmf, leadDays: 2, holding: 1, shortage: .lostSales(penalty: 4), orderCost: 1))
    #expect(rule.order(onHand: 0, inTransit: [2]) == 0)
    #expect(rule.order(onHand: 1, inTransit: [0]) == 1)  // f(1) = 2.1875 < f(0) = 3.3125
  }

  /// With SupplySim's one-day lead time the myopic policy is base stock at the newsvendor level
  /// (the smallest S with P(D ≤ S) ≥ p/(p + h)), which is optimal: its exact cost equals value iteration's.
  @Test func oneDayLeadTimeIsTheOptimalNewsvendor() throws {
    let poisson = Poisson(mean: 5)
    let mdp = try OptimalPolicyMDP(dailyDemand: try DemandPMF(poisson), leadDays: 1, holding: 1, shortage: .lostSales(penalty: 9))
    let rule = try MyopicLostSales(mdp)
    var S = 0
    while poisson.cdf(S) < 0.9 { S += 1 }
    for x in 0...15 { #expect(rule.order(onHand: x, inTransit: []) == max(0, S - x), "x = \(x)") }
    #expect(abs(try rule.costPerDay() - (try mdp.solve().costPerDay)) < 1e-6)
  }

  /// On Zipkin's instances (his lead times 1 and 2) the myopic policy costs no less than the
  /// optimum and less than a poor policy (the best constant order), within a few per cent of optimal.
  @Test(arguments: [(2, 4.0), (2, 19.0), (3, 9.0)])
  func zipkinInstances(leadDays: Int, penalty: Double) throws {
    let mdp = try OptimalPolicyMDP(dailyDemand: try DemandPMF(Poisson(mean: 5)), leadDays: leadDays, holding: 1, shortage: .lostSales(penalty: penalty))
    let optimum = try mdp.solve().costPerDay
    let myopic = try MyopicLostSales(mdp).costPerDay()
    let constant = try LostSalesHeuristics.bestConstantOrder(mdp).costPerDay
    #expect(myopic >= optimum - 1e-9 && myopic < constant, "L = \(leadDays), p = \(penalty): myopic \(myopic), optimum \(optimum), constant \(constant)")
    #expect(myopic <= optimum * 1.05, "L = \(leadDays), p = \(penalty): myopic \(myopic), optimum \(optimum)")
  }

  @Test func backordersAreRefused() throws {
    let mdp = try OptimalPolicyMDP(dailyDemand: try DemandPMF(Poisson(mean: 5)), leadDays: 2, holding: 1, shortage: .backorders(costPerUnitDay: 9))
    #expect(throws: OptimizationError.self) { try MyopicLostSales(mdp) }
  }
}
