import Testing
import Scenarios
import SupplyModel
@testable import Experiments

/// A two-SKU, 120-day scenario: quick enough to sweep in tests.
enum SweepFixture {
  static let json = """
  {"name": "small", "seed": 11, "horizonDays": 120, "warmUpDays": 10,
   "suppliers": [{"id": "s", "leadTime": {"distribution": "gamma", "mean": 4, "sd": 1}}],
   "skus": [
     {"id": "A", "supplier": "s", "demand": {"distribution": "poisson", "mean": 8}, "unitCost": 3, "holdingCostPerUnitDay": 0.02, "backorderCostPerUnitDay": 0.5, "orderCost": 20},
     {"id": "B", "supplier": "s", "demand": {"distribution": "negativeBinomial", "mean": 3, "dispersion": 2}, "unitCost": 5, "holdingCostPerUnitDay": 0.02, "backorderCostPerUnitDay": 0.5, "orderCost": 20}
   ],
   "policies": [{"name": "sS", "type": "sS", "fillRate": 0.9}, {"name": "RS", "type": "RS", "reviewPeriod": 7, "serviceLevel": 0.9}]}
  """

  static func template() throws -> ScenarioTemplate { try ScenarioTemplate.load(json: json, file: "small.json") }

  static func axis(_ text: String) throws -> SweepAxis { try SweepAxis(parsing: text) }

  static func totals(_ fill: Double, _ cost: Double, name: String) -> PolicyTotals {
    var values = Array(repeating: 0.0, count: KPIs.names.count)
    values[KPIs.names.firstIndex(of: "fillRate")!] = fill
    values[KPIs.names.firstIndex(of: "totalCost")!] = cost
    return PolicyTotals(name: name, totals: [KPIs(values: values)])
  }
}

@Suite struct SweepGridTests {
  @Test func theGridIsTheCartesianProductWithTheFirstAxisSlowest() throws {
    let grid = SweepGrid(axes: [try SweepFixture.axis("a=1,2"), try SweepFixture.axis("b=x,y,z")])
    #expect(grid.count == 6)
    #expect((0..<6).map { grid.label(of: $0) } == ["a=1, b=x", "a=1, b=y", "a=1, b=z", "a=2, b=x", "a=2, b=y", "a=2, b=z"])
    for p in 0..<6 { #expect(grid.point(at: grid.indices(of: p)) == p) }
    #expect(grid.context(of: 4) == "grid point 5 of 6: a=2, b=y")
  }

  @Test func referenceValuesAreTheMiddleOrTheScenariosOwn() throws {
    let document = try JSONParser.parse("{\"a\": 3, \"b\": 7, \"c\": 1}")
    let grid = SweepGrid(axes: [try SweepFixture.axis("a=1,2,3"), try SweepFixture.axis("b=1,3,5,7"), try SweepFixture.axis("c=4,5,6,8")])
    // Odd count: the middle; even count with the scenario's value: that one; otherwise the lower middle.
    #expect(grid.referenceIndices(in: document) == [1, 3, 1])
  }
}

@Suite struct SweepTests {
  @Test func aGridPointAtTheScenariosOwnValueReproducesTheScenarioExactly() throws {
    let t = try SweepFixture.template()
    let grid = SweepGrid(axes: [try SweepFixture.axis("suppliers[0].leadTime.mean=2,4,6")])
    let sweep = try Sweep(template: t, grid: grid, replications: 3, threads: 2).run()
    let base = try Experiment(scenario: t.base, replications: 3, threads: 1).run()
    for (q, outcome) in base.outcomes.enumerated() {
      #expect(sweep.points[1][q].totals == outcome.totals, "grid point 2 (the scenario's own lead time) differs for \(outcome.name)")
    }
    #expect(sweep.points[0][0].totals != base.outcomes[0].totals)
    #expect(sweep.scenarioIndices == [1])
  }

  @Test func raisingTheFillRateTargetRaisesTheFillRate() throws {
    let grid = SweepGrid(axes: [try SweepFixture.axis("policies[0].fillRate=0.7..0.98:3")])
    let result = try Sweep(template: try SweepFixture.template(), grid: grid, replications: 4, threads: 2).run()
    let fills = (0..<3).map { result.summary(point: $0, policy: 0, kpi: "fillRate").mean }
    #expect(fills[0] < fills[1] && fills[1] < fills[2], "\(fills)")
    // The other policy does not depend on the varied target: common random numbers give it identical KPIs.
    #expect(result.points[0][1].totals == result.points[2][1].totals)
    let tornado = result.tornado(policy: 0, kpi: "fillRate")
    #expect(tornado.count == 1 && tornado[0].atLow == fills[0] && tornado[0].atHigh == fills[2] && tornado[0].center == fills[1])
  }

  @Test func resultsDoNotDependOnTheThreadCount() throws {
    let t = try SweepFixture.template()
    let grid = SweepGrid(axes: [try SweepFixture.axis("policies[1].reviewPeriod=3,7"), try SweepFixture.axis("skus[0].demand.mean=6..10:3")])
    let one = try Sweep(template: t, grid: grid, replications: 2, threads: 1).run()
    let two = try Sweep(template: t, grid: grid, replications: 2, threads: 2).run()
    let three = try Sweep(template: t, grid: grid, replications: 2, threads: 3).run()
    #expect(one.points == two.points)
    #expect(one.points == three.points)
  }

  @Test func aBadGridPointNamesThePointThePathAndTheProblem() throws {
    let grid = SweepGrid(axes: [try SweepFixture.axis("policies[1].serviceLevel=0.9,1.2")])
    let error = #expect(throws: ScenarioErrors.self) { try Sweep(template: try SweepFixture.template(), grid: grid, replications: 1, threads: 1).run() }
    #expect(error?.errors.first?.description == "small.json: policies[1].serviceLevel: must be < 1, got 1.2 (in grid point 2 of 2: policies[1].serviceLevel=1.2)")
  }

  @Test func tornadoBarsComeWidestFirstAndFindTheLowestValueInUnsortedLists() throws {
    let grid = SweepGrid(axes: [try SweepFixture.axis("skus[1].demand.mean=3.5,3,3.25"), try SweepFixture.axis("skus[0].demand.mean=4,16")])
    let result = try Sweep(template: try SweepFixture.template(), grid: grid, replications: 1, threads: 2).run()
    let bars = result.tornado(policy: 1, kpi: "totalCost")
    #expect(bars.map(\.path.description) == ["skus[0].demand.mean", "skus[1].demand.mean"])
    let small = try #require(bars.last)
    #expect(small.lowIndex == 1 && small.highIndex == 0)
    #expect(small.atLow == small.means[1])
  }
}

@Suite struct StressSuiteTests {
  @Test func theVerdictIsTheHighestFillRateThenTheLowerCost() {
    let policies = [SweepFixture.totals(0.97, 100, name: "a"), SweepFixture.totals(0.99, 300, name: "b"),
                    SweepFixture.totals(0.99, 200, name: "c"), SweepFixture.totals(0.98, 50, name: "d")]
    let v = StressVerdict.keepsServiceBest(policies)
    // One replication: the lead cannot be tested, so every other policy stays indistinguishable and there is no verdict.
    #expect(v == StressVerdict(policy: 2, name: "c", fillRate: 0.99, totalCost: 200, significant: false, indistinguishable: ["b", "d", "a"]))
    #expect(StressVerdict.keepsServiceBest([SweepFixture.totals(0.9, 1, name: "x"), SweepFixture.totals(0.9, 1, name: "y")]).name == "x")
  }

  @Test func changesArePairedWithTheBaseAndANeutralTestChangesNothing() throws {
    let t = try SweepFixture.template()
    let neutral = StressTest(name: "same", variations: [ScenarioVariation(path: try JSONPath(parsing: "skus[0].unitCost"), value: .number(3))], index: 0)
    let outage = StressTest(name: "down", variations: [ScenarioVariation(path: try JSONPath(parsing: "suppliers[0].outages"),
                                                                          value: try JSONParser.parse("[{\"start\": 40, \"end\": 60}]"))], index: 1)
    let result = try StressSuite(template: t, tests: [neutral, outage], replications: 3, threads: 2).run()
    for q in result.policies.indices {
      let c = result.change(test: 0, policy: q, kpi: "totalCost")
      #expect(c.mean == 0 && c.standardDeviation == 0)
      #expect(result.change(test: 1, policy: q, kpi: "fillRate").mean < 0)
    }
    let direct = try Experiment(scenario: t.base, replications: 3, threads: 1).run()
    #expect(result.base.map(\.totals) == direct.outcomes.map(\.totals))
    #expect(result.verdict(test: 1) == StressVerdict.keepsServiceBest(result.outcomes[1]))
  }
}
