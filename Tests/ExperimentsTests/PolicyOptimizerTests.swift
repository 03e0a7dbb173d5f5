import Experiments
import Replenishment
import Scenarios
import SupplyModel
import InventoryOptimization
import Testing

/// `PolicyOptimizer`: exact levels where theory gives them, a simulation search that finds them
/// too, and a final comparison that only adopts what costs less.
@Suite struct PolicyOptimizerTests {
  /// Two stationary Poisson SKUs with a fixed lead time (exact) and one with a random lead time
  /// (searched); an (s,S) policy planned for a 90% cycle service level.
  static func scenario(lead: String = #"{"distribution": "deterministic", "mean": 2}"#) throws -> Scenario {
    try Scenario.load(json: """
      {"name": "tune", "seed": 5, "horizonDays": 3000, "warmUpDays": 100, "replications": 2,
       "warehouse": {"id": "dc"}, "suppliers": [{"id": "s", "leadTime": \(lead)}, {"id": "r", "leadTime": {"distribution": "uniform", "min": 2, "max": 6}}],
       "skus": [
         {"id": "A", "supplier": "s", "demand": {"distribution": "poisson", "mean": 10}, "unitCost": 0, "holdingCostPerUnitDay": 1, "backorderCostPerUnitDay": 9, "orderCost": 64},
         {"id": "B", "supplier": "s", "demand": {"distribution": "poisson", "mean": 3}, "unitCost": 0, "holdingCostPerUnitDay": 0.5, "backorderCostPerUnitDay": 12, "orderCost": 10},
         {"id": "C", "supplier": "r", "demand": {"distribution": "negativeBinomial", "mean": 4, "dispersion": 3}, "unitCost": 0, "holdingCostPerUnitDay": 1, "backorderCostPerUnitDay": 5, "orderCost": 20}],
       "policies": [{"name": "minmax", "type": "sS", "serviceLevel": 0.9}, {"name": "lp", "type": "lp"}]}
      """, file: "tune.json")
  }

  @Test func exactWhereTheoryAllowsSearchedElsewhere() throws {
    let scenario = try Self.scenario()
    let result = try PolicyOptimizer.optimize(scenario, policy: "minmax", options: .init(replications: 6, selectionReplications: 8, threads: 2))
    #expect(result.exactSKUs == 2 && result.searchedSKUs == 1)
    // SKU A is Zheng and Federgruen's instance shifted by a day of lead time: exact (s, S).
    let problem = try ZhengFedergruenCheck.problem(mean: 10, lead: 2, holding: 1, backorder: 9, orderCost: 64)
    #expect(result.levels[0].levels.reorderPoint == problem.s && result.levels[0].levels.orderUpTo == problem.S)
    #expect(result.levels[2].exactCostPerDay == nil)
    #expect(result.costChange.change < 0 && result.adopted)
  }

  /// With exact optima switched off the search starts from the planned levels and must land
  /// within 1% of the exact optimum's cost (simulated on the same replications).
  @Test func theSearchFindsTheExactOptimumsCost() throws {
    let scenario = try Self.scenario()
    var options = PolicyOptimizer.Options(replications: 8, selectionReplications: 8, threads: 2)
    options.exactWhereKnown = false
    let searched = try PolicyOptimizer.optimize(scenario, policy: "minmax", options: options)
    let exact = try PolicyOptimizer.optimize(scenario, policy: "minmax", options: .init(replications: 8, selectionReplications: 8, threads: 2))
    #expect(searched.searchedSKUs == 3 && searched.searchRuns > 4)
    let gap = (searched.after.cost.mean - exact.after.cost.mean) / exact.after.cost.mean
    #expect(gap < 0.01, "search \(searched.after.cost.mean), exact \(exact.after.cost.mean)")
  }

  @Test func aServiceConstraintHolds() throws {
    let result = try PolicyOptimizer.optimize(try Self.scenario(), policy: "minmax", options: .init(replications: 6, selectionReplications: 8, threads: 2, fillRate: 0.99))
    #expect(result.after.fillRate.mean >= 0.985)
    #expect(result.exactSKUs == 0)
  }

  @Test func policiesWithoutLevelsAreRefused() throws {
    #expect(throws: PolicyOptimizer.Refusal.self) { try PolicyOptimizer.optimize(try Self.scenario(), policy: "lp", options: .init()) }
    #expect(throws: PolicyOptimizer.Refusal.self) { try PolicyOptimizer.optimize(try Self.scenario(), policy: "nope", options: .init()) }
  }
}

/// The exact (s, S) of a Poisson instance, computed by the InventoryOptimization module directly.
enum ZhengFedergruenCheck {
  static func problem(mean: Double, lead: Int, holding: Double, backorder: Double, orderCost: Double) throws -> (s: Int, S: Int) {
    let pmf = try DemandFamily.poisson.exactDailyDemand(mean: mean)!
    let levels = try ZhengFedergruen.optimize(try StationaryProblem(dailyDemand: pmf, leadDays: lead, holding: holding, backorder: backorder, orderCost: orderCost))
    return (levels.reorderPoint!, levels.orderUpTo!)
  }
}
