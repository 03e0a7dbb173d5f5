import Testing
import Replenishment
import Scenarios
import SupplyModel
@testable import Experiments
import _TestSupport

@Suite struct ExperimentTests {
  static func tinyScenario(seed: UInt64) throws -> Scenario {
    try Scenario.load(json: """
    {"name": "tiny", "seed": \(seed), "horizonDays": 60,
     "suppliers": [{"id": "s", "leadTime": {"distribution": "deterministic", "mean": 2}}],
     "skus": [{"id": "A", "supplier": "s", "demand": {"distribution": "poisson", "mean": 4}, "unitCost": 1, "holdingCostPerUnitDay": 0.1}],
     "policies": [{"name": "bs", "type": "baseStock", "serviceLevel": 0.9}]}
    """, file: "tiny.json")
  }

  @Test("95% intervals for mean demand cover the truth at close to the nominal rate")
  func intervalCoverage() throws {
    // Each experiment: 8 replications of 60 days of Poisson(4) demand; the true mean is 240.
    var covered = 0
    let repetitions = 300
    for seed in 0..<repetitions {
      let result = try Experiment(scenario: try Self.tinyScenario(seed: UInt64(seed)), replications: 8, threads: 1).run()
      if result.outcomes[0].summary(of: "demand").interval!.contains(240) { covered += 1 }
    }
    let rate = Double(covered) / Double(repetitions)
    // Binomial standard error at 0.95 with 300 trials is 0.0126; allow 3.5 SE.
    #expect(abs(rate - 0.95) < 3.5 * 0.0126, "coverage \(rate)")
  }

  @Test func pairedDifferencesVaryLessThanUnpairedOnes() throws {
    let scenario = try Scenario.load(path: SourceTree.root() + "/scenarios/quickstart.json")
    let result = try Experiment(scenario: scenario, replications: 8).run()
    let a = result.outcomes[0], b = result.outcomes[1]
    let paired = PairedComparison(a, b, kpi: "totalCost").difference.standardDeviation
    let sa = a.summary(of: "totalCost").standardDeviation, sb = b.summary(of: "totalCost").standardDeviation
    let unpaired = (sa * sa + sb * sb).squareRoot()
    #expect(paired < 0.7 * unpaired, "paired sd \(paired) vs unpaired \(unpaired)")
  }

  @Test func resultsDoNotDependOnThreadCount() throws {
    let scenario = try Scenario.load(path: SourceTree.root() + "/scenarios/quickstart.json")
    let one = try Experiment(scenario: scenario, replications: 3, threads: 1).run()
    let four = try Experiment(scenario: scenario, replications: 3, threads: 4).run()
    let totals = (one.outcomes.map(\.totals), four.outcomes.map(\.totals))
    let perSKU = (one.outcomes.map(\.perSKU), four.outcomes.map(\.perSKU))
    #expect(totals.0 == totals.1)
    #expect(perSKU.0 == perSKU.1)
  }

  @Test func replicationsAreIndependentSamples() throws {
    let result = try Experiment(scenario: try Self.tinyScenario(seed: 1), replications: 5, threads: 1).run()
    let demands = result.outcomes[0].totals.map(\.demand)
    #expect(Set(demands).count == 5)
  }

  @Test func significanceNeedsTwoReplications() throws {
    let scenario = try Scenario.load(path: SourceTree.root() + "/scenarios/quickstart.json")
    let result = try Experiment(scenario: scenario, replications: 1, threads: 1).run()
    let c = result.pairedComparisons(of: "totalCost")
    #expect(c.count == 3)
    #expect(c.allSatisfy { !$0.isSignificant && $0.better(higherIsBetter: false) == nil })
  }
}
