import Testing
@testable import Replenishment
import Stochastics
import SupplyModel

/// Level planning whose work does not grow with the mean, checked against a direct sum and
/// against the normal approximation where both are accurate.
@Suite struct PlannerScaleTests {
  static func data(mean: Double, lead: Double = 5) -> PlanningData {
    PlanningData(meanPerDay: mean, variancePerDay: mean, leadTimeMean: lead, leadTimeVariance: 0, exactPoisson: true,
                 costs: CostRates(unitCost: 1, holdingCostPerUnitDay: 0.01, backorderCostPerUnitDay: 0.5, lostSalePenaltyPerUnit: 0, orderCost: 20),
                 unmetDemand: .backorder)
  }

  @Test("Poisson expected shortage equals the direct sum", arguments: [0.3, 4.0, 37.5, 400.0])
  func shortageMatchesTheDirectSum(lambda: Double) {
    let poisson = Poisson(mean: lambda)
    for s in [0, 1, Int(lambda), Int(lambda + 2 * lambda.squareRoot()) + 1] {
      var direct = 0.0
      for d in (s + 1)...(s + 2_000) { direct += Double(d - s) * poisson.probability(d) }
      let allowed = direct * (1 + 1e-9)
      // The smallest level meeting the direct shortage exactly must be at most s, and s − 1 must miss it.
      let level = PolicyPlanner.smallestLevel(withExpectedShortageAtMost: allowed, mean: lambda, sd: lambda.squareRoot(), exactPoisson: true)
      #expect(level <= Double(s), "λ \(lambda), s \(s): planned \(level)")
      if s > 0 {
        let below = PolicyPlanner.smallestLevel(withExpectedShortageAtMost: direct * (1 - 1e-6) , mean: lambda, sd: lambda.squareRoot(), exactPoisson: true)
        #expect(below >= Double(s), "λ \(lambda), s \(s): planned \(below) for a slightly smaller shortage")
      }
    }
  }

  @Test("Huge Poisson means plan quickly and agree with the normal approximation", arguments: [1e6, 1e9])
  func hugeMeansPlan(mean: Double) {
    let d = Self.data(mean: mean)
    let protection = mean * 5
    for target in [StockTarget.cycleServiceLevel(0.95), .fillRate(0.98), .costOptimal] {
      let exact = PolicyPlanner.level(target, data: d, reviewPeriod: 1, cycleDemand: mean * 7)
      var normal = d
      normal.exactPoisson = false
      let approx = PolicyPlanner.level(target, data: normal, reviewPeriod: 1, cycleDemand: mean * 7)
      // The Poisson and normal levels differ by the skewness correction, a few units at most.
      #expect(abs(exact - approx) <= 3 + 1e-6 * protection, "\(target): exact \(exact), normal \(approx)")
      if target != .fillRate(0.98) { #expect(exact >= protection - 1, "\(target): \(exact) below the mean \(protection)") }
    }
  }

  @Test func unitsSaturateInsteadOfTrapping() {
    #expect(PolicyPlanner.units(.infinity) == StockQuantity.maximum)
    #expect(PolicyPlanner.units(-.infinity) == -StockQuantity.maximum)
    #expect(PolicyPlanner.units(.nan) == 0)
    #expect(PolicyPlanner.units(12.2) == 13)
  }

  @Test func auditNamesAnEOQBeyondTheRange() {
    var d = Self.data(mean: 10)
    d.costs.holdingCostPerUnitDay = 1e-300
    let spec = PolicySpecification(name: "q", family: .sQ, target: .cycleServiceLevel(0.9))
    let findings = PolicyPlanner.audit(spec, data: [d, Self.data(mean: 10)])
    #expect(findings.count == 1)
    #expect(findings.first?.sku == 0)
    #expect(findings.first?.subject == .sku(key: "holdingCostPerUnitDay"))
    #expect(findings.first?.severity == .error)
  }

  @Test func auditWarnsOfAZeroLevelUnderDemand() {
    var d = Self.data(mean: 10)
    d.costs.backorderCostPerUnitDay = 0
    let spec = PolicySpecification(name: "b", family: .baseStock, target: .costOptimal)
    let findings = PolicyPlanner.audit(spec, data: [d])
    #expect(findings.map(\.kind) == ["no-shortage-cost"])
    #expect(findings.first?.severity == .warning)
  }
}
