import Experiments
import Replenishment
import Scenarios
import SupplyModel
import Testing

/// The `optimal` policy type simulated: its cost per day matches the optimum its planner
/// computed, on the published instances, and it refuses problems it cannot solve exactly.
@Suite struct OptimalPolicyTests {
  static func scenario(sku: String, policies: String, horizon: Int = 20_000, replications: Int = 4) throws -> Scenario {
    try Scenario.load(json: """
      {"name": "optimal", "seed": 11, "horizonDays": \(horizon), "warmUpDays": 200, "replications": \(replications),
       "warehouse": {"id": "dc"}, "suppliers": [{"id": "s", "leadTime": {"distribution": "deterministic", "mean": 2}}],
       "skus": [\(sku)], "policies": [\(policies)]}
      """, file: "optimal.json")
  }

  /// Mean and 99% half-width of total cost per measured day across replications.
  static func costPerDay(_ outcome: PolicyOutcome, days: Int) -> (mean: Double, half: Double) {
    let summary = outcome.summary(of: "totalCost", level: 0.99)
    let interval = summary.interval
    return (summary.mean / Double(days), ((interval?.upper ?? summary.mean) - summary.mean) / Double(days))
  }

  /// Zipkin's instance with L = 1 in his convention (SupplySim's 2 days), p = 9: optimum 5.44.
  @Test func lostSalesOptimumIsWhatTheSimulationCosts() throws {
    let sku = #"{"id": "Z", "supplier": "s", "demand": {"distribution": "poisson", "mean": 5}, "unitCost": 0, "holdingCostPerUnitDay": 1, "lostSalePenaltyPerUnit": 9, "orderCost": 0, "unmetDemand": "lostSales"}"#
    let scenario = try Self.scenario(sku: sku, policies: #"{"name": "opt", "type": "optimal"}, {"name": "bs", "type": "baseStock", "target": "costOptimal"}"#)
    let result = try Experiment(scenario: scenario, replications: 4, threads: 2).run()
    let optimal = result.outcomes[0]
    let planned = try #require(optimal.parameters.value(OptimalPolicy.optimalCost, ofSKU: 0))
    #expect(abs(planned - 5.44) < 0.005)
    let simulated = Self.costPerDay(optimal, days: scenario.network.measuredDays.count)
    #expect(abs(simulated.mean - planned) <= max(simulated.half, 0.02), "simulated \(simulated) against \(planned)")
    // Base stock is not optimal under lost sales: on the same demand it costs more.
    let baseStock = Self.costPerDay(result.outcomes[1], days: scenario.network.measuredDays.count)
    #expect(baseStock.mean > simulated.mean)
    // The distance to the optimum: 0 within its interval for the optimal policy, positive for base stock.
    let gap = try #require(OptimalityGap.of(result))
    #expect(gap.reference == "opt")
    let own = try #require(gap.gaps[0].gap.interval), other = try #require(gap.gaps[1].gap.interval)
    #expect(own.lower <= 0 && own.upper >= 0, "\(own)")
    #expect(other.lower > 0)
  }

  /// Zheng and Federgruen's instance: (s, S) = (6, 40) at 35.02 per day.
  @Test func backorderOptimumIsZhengFedergruens() throws {
    let sku = #"{"id": "ZF", "supplier": "s", "leadTime": {"distribution": "deterministic", "mean": 1}, "demand": {"distribution": "poisson", "mean": 10}, "unitCost": 0, "holdingCostPerUnitDay": 1, "backorderCostPerUnitDay": 9, "orderCost": 64}"#
    let scenario = try Self.scenario(sku: sku, policies: #"{"name": "opt", "type": "optimal"}"#)
    let outcome = try Experiment(scenario: scenario, replications: 4, threads: 2).run().outcomes[0]
    #expect(outcome.parameters.value(PolicyParameters.reorderPoint, ofSKU: 0) == 6)
    #expect(outcome.parameters.value(PolicyParameters.orderUpTo, ofSKU: 0) == 40)
    let simulated = Self.costPerDay(outcome, days: scenario.network.measuredDays.count)
    #expect(abs(simulated.mean - 35.02) <= max(simulated.half, 0.05), "simulated \(simulated)")
  }

  @Test func problemsWithoutAnExactOptimumAreRefusedWithTheReason() throws {
    let seasonal = #"{"id": "W", "supplier": "s", "demand": {"distribution": "poisson", "mean": 5, "weekly": [1, 1, 1, 1, 1, 1.5, 0.5]}, "unitCost": 1, "holdingCostPerUnitDay": 1, "backorderCostPerUnitDay": 9}"#
    #expect {
      try Self.scenario(sku: seasonal, policies: #"{"name": "opt", "type": "optimal"}"#, horizon: 400)
    } throws: { error in
      let text = "\(error)"
      return text.contains("skus[0].demand") && text.contains("stationary demand only")
    }
    let normal = #"{"id": "N", "supplier": "s", "demand": {"distribution": "normal", "mean": 5, "cv": 0.3}, "unitCost": 1, "holdingCostPerUnitDay": 1, "backorderCostPerUnitDay": 9}"#
    #expect {
      try Self.scenario(sku: normal, policies: #"{"name": "opt", "type": "optimal"}"#, horizon: 400)
    } throws: { error in "\(error)".contains("whole-unit distribution") }
    let huge = #"{"id": "H", "supplier": "s", "leadTime": {"distribution": "deterministic", "mean": 9}, "demand": {"distribution": "poisson", "mean": 50}, "unitCost": 1, "holdingCostPerUnitDay": 1, "lostSalePenaltyPerUnit": 9, "unmetDemand": "lostSales"}"#
    #expect {
      try Self.scenario(sku: huge, policies: #"{"name": "opt", "type": "optimal"}"#, horizon: 400)
    } throws: { error in "\(error)".contains("states") && "\(error)".contains("skus[0].leadTime") }
  }
}

/// The lost-sales heuristics as policy types: optimised levels simulate at their computed cost.
@Suite struct LostSalesHeuristicPolicyTests {
  @Test func cappedBaseStockAndConstantOrderRunFromJSON() throws {
    let sku = #"{"id": "Z", "supplier": "s", "demand": {"distribution": "poisson", "mean": 5}, "unitCost": 0, "holdingCostPerUnitDay": 1, "lostSalePenaltyPerUnit": 9, "orderCost": 0, "unmetDemand": "lostSales"}"#
    let scenario = try OptimalPolicyTests.scenario(sku: sku, policies: #"{"name": "capped", "type": "cappedBaseStock"}, {"name": "fixed", "type": "cappedBaseStock", "orderUpTo": 14, "cap": 6}, {"name": "const", "type": "constantOrder"}, {"name": "opt", "type": "optimal"}"#, horizon: 8000)
    let result = try Experiment(scenario: scenario, replications: 4, threads: 2).run()
    #expect(result.outcomes[0].parameters.value(PolicyParameters.orderUpTo, ofSKU: 0) == 14)
    #expect(result.outcomes[0].parameters.value("cap", ofSKU: 0) == 6)
    // The optimised and the given (14, 6) policy are the same policy: identical KPIs.
    #expect(result.outcomes[0].totals == result.outcomes[1].totals)
    #expect(result.outcomes[2].parameters.value("dailyOrder", ofSKU: 0) == 4)
    let days = Double(scenario.network.measuredDays.count)
    let capped = result.outcomes[0].summary(of: "totalCost").mean / days, optimal = result.outcomes[3].summary(of: "totalCost").mean / days
    #expect(abs(capped - 5.4812) < 0.1, "\(capped)")
    #expect(capped > optimal - 0.05)
  }

  /// Zipkin's instance (his L = 2, SupplySim's 3 days), p = 4, where myopic is furthest from the
  /// optimum: the simulated cost matches the exact evaluation and lies above the optimum's.
  @Test func myopicSimulatesAtItsExactCost() throws {
    let sku = #"{"id": "Z", "supplier": "s", "leadTime": {"distribution": "deterministic", "mean": 3}, "demand": {"distribution": "poisson", "mean": 5}, "unitCost": 0, "holdingCostPerUnitDay": 1, "lostSalePenaltyPerUnit": 4, "orderCost": 0, "unmetDemand": "lostSales"}"#
    let scenario = try OptimalPolicyTests.scenario(sku: sku, policies: #"{"name": "myopic", "type": "myopic"}, {"name": "opt", "type": "optimal"}"#, horizon: 20_000)
    let result = try Experiment(scenario: scenario, replications: 4, threads: 2).run()
    let exact = try #require(result.outcomes[0].parameters.value("myopicCostPerDay", ofSKU: 0))
    let optimum = try #require(result.outcomes[1].parameters.value(OptimalPolicy.optimalCost, ofSKU: 0))
    #expect(exact > optimum * 1.02 && exact < optimum * 1.05, "myopic \(exact), optimum \(optimum)")
    let simulated = OptimalPolicyTests.costPerDay(result.outcomes[0], days: scenario.network.measuredDays.count)
    #expect(abs(simulated.mean - exact) <= max(simulated.half, 0.02), "simulated \(simulated) against \(exact)")
  }

  @Test func backorderedSKUsNeedGivenLevels() {
    let sku = #"{"id": "B", "supplier": "s", "demand": {"distribution": "poisson", "mean": 5}, "unitCost": 0, "holdingCostPerUnitDay": 1, "backorderCostPerUnitDay": 9}"#
    #expect { try OptimalPolicyTests.scenario(sku: sku, policies: #"{"name": "c", "type": "cappedBaseStock"}"#, horizon: 300) } throws: { "\($0)".contains("backorders") }
    #expect(throws: (any Error).self) { try OptimalPolicyTests.scenario(sku: sku, policies: #"{"name": "c", "type": "cappedBaseStock", "cap": 3}"#, horizon: 300) }
    #expect((try? OptimalPolicyTests.scenario(sku: sku, policies: #"{"name": "c", "type": "cappedBaseStock", "orderUpTo": 30, "cap": 8}"#, horizon: 300)) != nil)
    #expect { try OptimalPolicyTests.scenario(sku: sku, policies: #"{"name": "m", "type": "myopic"}"#, horizon: 300) } throws: { "\($0)".contains("backorders") }
  }
}
