import Testing
import Foundation
@testable import Scenarios
import Replenishment
import SupplyModel
import _TestSupport

/// A small scenario with nested arrays (promotions inside SKUs) for variation tests.
enum VariationFixture {
  static let json = """
  {
    "name": "vary", "seed": 5, "horizonDays": 90, "warmUpDays": 5,
    "suppliers": [{"id": "acme", "leadTime": {"distribution": "deterministic", "mean": 4}}],
    "skus": [
      {"id": "A", "supplier": "acme", "demand": {"distribution": "poisson", "mean": 3,
        "promotions": [{"start": 20, "end": 29, "uplift": 2.0}, {"start": 50, "end": 59, "uplift": 1.5}]},
       "unitCost": 2, "holdingCostPerUnitDay": 0.01, "backorderCostPerUnitDay": 0.5},
      {"id": "B", "supplier": "acme", "demand": {"distribution": "poisson", "mean": 5}, "unitCost": 2, "holdingCostPerUnitDay": 0.01}
    ],
    "policies": [{"name": "p", "type": "sS", "serviceLevel": 0.9}, {"name": "r", "type": "RS", "reviewPeriod": 7, "fillRate": 0.95}]
  }
  """

  static func template(_ text: String = json) throws -> ScenarioTemplate { try ScenarioTemplate.load(json: text, file: "vary.json") }

  static func set(_ path: String, _ value: JSONValue) throws -> ScenarioVariation {
    ScenarioVariation(path: try JSONPath(parsing: path), value: value)
  }

  /// The fixture with `extra` (top-level members) added before the closing brace.
  static func with(_ extra: String) -> String {
    String(json.dropLast(json.hasSuffix("\n") ? 2 : 1)) + ",\n" + extra + "\n}"
  }

  static func firstError(_ text: String) -> ScenarioError? {
    do {
      _ = try Scenario.load(json: text, file: "vary.json")
      return nil
    } catch {
      return error.errors.first
    }
  }
}

@Suite struct JSONPathTests {
  @Test func readsKeysIndicesAndQuotedKeys() throws {
    let p = try JSONPath(parsing: "skus[0].demand.promotions[12].uplift")
    #expect(p.components == [.key("skus"), .index(0), .key("demand"), .key("promotions"), .index(12), .key("uplift")])
    #expect(p.description == "skus[0].demand.promotions[12].uplift")
    let q = try JSONPath(parsing: "parameters[\"odd key\"]")
    #expect(q.components == [.key("parameters"), .key("odd key")])
    #expect(q.description == "parameters[\"odd key\"]")
  }

  @Test("malformed paths are rejected with what to write", arguments: ["", "skus[", "skus[x]", "skus[-1]", ".a", "a..b", "a.", "[0]", "a b", "a]"])
  func malformed(text: String) {
    #expect(throws: JSONPath.SyntaxError.self) { try JSONPath(parsing: text) }
  }
}

@Suite struct ScenarioVariationTests {
  @Test func setsAValueInsideNestedArraysAndLeavesTheRestAlone() throws {
    let t = try VariationFixture.template()
    let s = try t.variant([try VariationFixture.set("skus[0].demand.promotions[1].uplift", .number(3))], context: "test")
    #expect(s.spec.skus[0].demand.promotions?[1].uplift == 3)
    #expect(s.spec.skus[0].demand.promotions?[0].uplift == 2)
    #expect(s.spec.skus[1] == t.base.spec.skus[1])
    #expect(s.network.seed == t.base.network.seed)
  }

  @Test func integralRangeValuesDecodeIntoWholeNumberFields() throws {
    let axis = try SweepAxis(parsing: "policies[1].reviewPeriod=7..21:3")
    #expect(axis.values == [.number("7"), .number("14"), .number("21")])
    let t = try VariationFixture.template()
    let s = try t.variant([ScenarioVariation(path: axis.path, value: axis.values[1])], context: "test")
    #expect((s.policies[1].model as? PolicySpecification)?.reviewPeriod == 14)
    let fractional = try SweepAxis(parsing: "skus[0].demand.promotions[0].uplift=1.5..3.0:4")
    #expect(fractional.values.map(\.jsonText) == ["1.5", "2", "2.5", "3"])
  }

  @Test func aFractionInAWholeNumberFieldIsRejectedWithItsPath() throws {
    let t = try VariationFixture.template()
    let error = #expect(throws: ScenarioErrors.self) {
      try t.variant([try VariationFixture.set("policies[1].reviewPeriod", .number(7.5))], context: "grid point 2 of 4: x=7.5")
    }
    #expect(error?.errors.first?.path == "policies[1].reviewPeriod")
    #expect(error?.errors.first?.problem.contains("expected a whole number") == true)
    #expect(error?.errors.first?.problem.hasSuffix("(in grid point 2 of 4: x=7.5)") == true)
  }

  @Test func aMisspeltKeySuggestsTheNearestOne() throws {
    let t = try VariationFixture.template()
    let error = #expect(throws: ScenarioErrors.self) {
      try t.variant([try VariationFixture.set("skus[0].demand.promotins[0].uplift", .number(2))], context: "test")
    }
    let e = try #require(error?.errors.first)
    #expect(e.path == "skus[0].demand.promotins[0].uplift")
    #expect(e.problem.contains("no key 'promotins' in skus[0].demand; did you mean 'skus[0].demand.promotions[0].uplift'?"), "\(e.problem)")
  }

  @Test func aKeyOneLevelTooHighSuggestsTheFullPath() throws {
    let t = try VariationFixture.template()
    let error = #expect(throws: ScenarioErrors.self) {
      try t.variant([try VariationFixture.set("skus[0].promotions[0].uplift", .number(2))], context: "test")
    }
    #expect(error?.errors.first?.problem.contains("did you mean 'skus[0].demand.promotions[0].uplift'?") == true, "\(String(describing: error))")
  }

  @Test func anIndexOutOfRangeNamesTheArraysSize() throws {
    let t = try VariationFixture.template()
    let error = #expect(throws: ScenarioErrors.self) {
      try t.variant([try VariationFixture.set("skus[5].unitCost", .number(2))], context: "test")
    }
    #expect(error?.errors.first?.problem.hasPrefix("index 5 is out of range: skus is an array and it has 2 elements, indices 0...1") == true,
            "\(String(describing: error))")
  }

  @Test func aKeyOnAnArrayAsksForAnIndex() throws {
    let t = try VariationFixture.template()
    let error = #expect(throws: ScenarioErrors.self) { try t.variant([try VariationFixture.set("skus.unitCost", .number(2))], context: "test") }
    #expect(error?.errors.first?.problem.contains("skus is an array of 2, not an object; pick an element, e.g. skus[0].unitCost") == true)
  }

  @Test func theLastKeyMayBeAddedToAnExistingObject() throws {
    let t = try VariationFixture.template()
    let outage: JSONValue = try JSONParser.parse("[{\"start\": 30, \"end\": 39}]")
    let s = try t.variant([try VariationFixture.set("suppliers[0].outages", outage)], context: "test")
    #expect(s.spec.suppliers[0].outages == [DayRangeSpec(start: 30, end: 39)])
    #expect(s.network.suppliers[0].disruptions.outages == [30...39])
  }

  @Test func anAddedUnknownKeyFailsTheScenarioChecksWithASuggestion() throws {
    let t = try VariationFixture.template()
    let error = #expect(throws: ScenarioErrors.self) { try t.variant([try VariationFixture.set("skus[1].demand.mena", .number(4))], context: "test") }
    #expect(error?.errors.first?.path == "skus[1].demand.mena")
    #expect(error?.errors.first?.problem.contains("did you mean 'mean'?") == true)
  }

  @Test func variedValuesGoThroughEveryScenarioRule() throws {
    let t = try VariationFixture.template()
    let error = #expect(throws: ScenarioErrors.self) { try t.variant([try VariationFixture.set("policies[0].serviceLevel", .number(1.5))], context: "grid point 3 of 3") }
    #expect(error?.errors.first?.description == "vary.json: policies[0].serviceLevel: must be < 1, got 1.5 (in grid point 3 of 3)")
  }

  @Test func theSeedAndThePolicyNamesStayFixed() throws {
    let t = try VariationFixture.template()
    let seed = #expect(throws: ScenarioErrors.self) { try t.variant([try VariationFixture.set("seed", .number(9))], context: "test") }
    #expect(seed?.errors.first?.problem.contains("common random numbers") == true)
    let renamed = #expect(throws: ScenarioErrors.self) { try t.variant([try VariationFixture.set("policies[0].name", .string("q"))], context: "test") }
    #expect(renamed?.errors.first?.path == "policies")
  }
}

@Suite struct SweepAxisTests {
  @Test func readsRangesAndLists() throws {
    let r = try SweepAxis(parsing: "skus[0].demand.mean = 0.1..0.3:3")
    #expect(r.path.description == "skus[0].demand.mean")
    #expect(r.values.map(\.jsonText) == ["0.1", "0.2", "0.3"])
    let l = try SweepAxis(parsing: "suppliers[0].leadTime.distribution=gamma,lognormal")
    #expect(l.values == [.string("gamma"), .string("lognormal")])
    let mixed = try SweepAxis(parsing: "x=3, 7.50,true,\"7\"")
    #expect(mixed.values == [.number("3"), .number("7.50"), .bool(true), .string("7")])
    let negative = try SweepAxis(parsing: "x=-1..1:3")
    #expect(negative.values.map(\.jsonText) == ["-1", "0", "1"])
  }

  @Test("Ranges between the largest doubles have finite inner values", arguments: [
    (-1e308, 1e308, 3), (-1.7976931348623157e308, 1.7976931348623157e308, 1000), (1.7976931348623157e308, -1e308, 7),
  ])
  func widestRangesStayFinite(from: Double, to: Double, count: Int) throws {
    let values = try SweepAxis.range(from: from, to: to, count: count)
    #expect(values.count == count)
    for v in values {
      let x = try #require(v.doubleValue)
      #expect(x.isFinite && x >= min(from, to) && x <= max(from, to), "\(v.jsonText)")
    }
  }

  @Test func aNonFiniteRangeEndIsASyntaxError() {
    #expect(throws: SweepAxis.SyntaxError.self) { try SweepAxis.range(from: -.infinity, to: 1, count: 3) }
  }

  @Test("bad --vary text is a syntax error", arguments: ["x", "x=", "=1,2", "x=1..2", "x=1..2:1", "x=1..1:3", "x=a..2:3", "x=1..2:three", "x=1,,2", "x=1,2,1", "x[=1"])
  func badSyntax(text: String) {
    #expect(throws: SweepAxis.SyntaxError.self) { try SweepAxis(parsing: text) }
  }
}

@Suite struct SuiteSectionTests {
  @Test func validSectionsLoadAndListInFileOrder() throws {
    let text = VariationFixture.with("""
      "sweep": {"vary": [{"path": "policies[0].serviceLevel", "from": 0.8, "to": 0.95, "count": 4}, {"path": "skus[1].demand.mean", "values": [4, 6]}], "replications": 3},
      "stressTests": [
        {"name": "outage", "description": "ten days down", "set": {"suppliers[0].outages": [{"start": 30, "end": 39}]}},
        {"name": "promo 3x", "set": {"skus[0].demand.promotions[0].uplift": 3, "skus[0].demand.promotions[0].postDip": {"days": 7, "factor": 0.5}}}
      ]
    """)
    let t = try VariationFixture.template(text)
    let axes = try t.sweepAxes()
    #expect(axes.map(\.path.description) == ["policies[0].serviceLevel", "skus[1].demand.mean"])
    #expect(axes[0].values.map(\.jsonText) == ["0.8", "0.85", "0.9", "0.95"])
    let tests = try t.stressTests()
    #expect(tests.map(\.name) == ["outage", "promo 3x"])
    #expect(tests[1].variations.map(\.path.description) == ["skus[0].demand.promotions[0].uplift", "skus[0].demand.promotions[0].postDip"])
    let promo = try t.variant(tests[1].variations, context: tests[1].context)
    #expect(promo.spec.skus[0].demand.promotions?[0].postDip == DipSpec(days: 7, factor: 0.5))
    #expect(promo.spec.stressTests == nil && promo.spec.sweep == nil)
  }

  @Test func stressTestNamesMustBeNonEmptyAndUnique() {
    let text = VariationFixture.with("""
      "stressTests": [{"name": "a", "set": {"horizonDays": 80}}, {"name": "a", "set": {"horizonDays": 70}}, {"name": " ", "set": {"horizonDays": 60}}]
    """)
    let errors = allErrors(text)
    #expect(errors.map(\.path) == ["stressTests[1].name", "stressTests[2].name"])
    #expect(errors.first?.problem == "duplicate stress test name \"a\" (also stressTests[0])")
  }

  @Test func aBadStressPathNamesTheTestAndSuggestsTheKey() {
    let text = VariationFixture.with("""
      "stressTests": [{"name": "down", "set": {"supplers[0].outages": [{"start": 30, "end": 39}]}}]
    """)
    let e = VariationFixture.firstError(text)
    #expect(e?.path == "stressTests[0].set[\"supplers[0].outages\"]")
    #expect(e?.problem == "no key 'supplers' at the top level; did you mean 'suppliers[0].outages'?")
  }

  @Test func anInvalidStressValueNamesItsPathAndTheTest() {
    let text = VariationFixture.with("""
      "stressTests": [{"name": "down", "set": {"suppliers[0].outages": [{"start": 30, "end": 20}]}}]
    """)
    let e = VariationFixture.firstError(text)
    #expect(e?.description == "vary.json: suppliers[0].outages[0].end: must be >= start (30), got 20 (in stress test 'down' (stressTests[0]))")
  }

  @Test func aStressSetMustBeANonEmptyObject() {
    let e = VariationFixture.firstError(VariationFixture.with("\"stressTests\": [{\"name\": \"x\", \"set\": []}]"))
    #expect(e?.path == "stressTests[0].set")
    #expect(e?.problem.hasPrefix("must be a non-empty object") == true)
  }

  @Test func sweepSectionProblemsHaveTheirPaths() {
    let both = VariationFixture.firstError(VariationFixture.with("\"sweep\": {\"vary\": [{\"path\": \"horizonDays\", \"values\": [60], \"count\": 3}]}"))
    #expect(both?.path == "sweep.vary[0]")
    let missing = VariationFixture.firstError(VariationFixture.with("\"sweep\": {\"vary\": [{\"path\": \"horizonDays\", \"from\": 60, \"count\": 3}]}"))
    #expect(missing?.path == "sweep.vary[0].to")
    let badPath = VariationFixture.firstError(VariationFixture.with("\"sweep\": {\"vary\": [{\"path\": \"polices[0].serviceLevel\", \"values\": [0.9]}]}"))
    #expect(badPath?.path == "sweep.vary[0].path")
    #expect(badPath?.problem.contains("did you mean 'policies[0].serviceLevel'?") == true)
    let unknownKey = VariationFixture.firstError(VariationFixture.with("\"sweep\": {\"vary\": [], \"replicatons\": 2}"))
    #expect(unknownKey?.path == "sweep.replicatons")
  }
}

/// Every error of loading `json` (none when it loads).
func allErrors(_ json: String) -> [ScenarioError] {
  do {
    _ = try Scenario.load(json: json, file: "vary.json")
    return []
  } catch {
    return error.errors
  }
}

@Suite struct ShippedSuiteTests {
  @Test func theShippedSweepAndStressSectionsLoad() throws {
    let root = SourceTree.root()
    let sweep = try ScenarioTemplate.load(path: root + "/scenarios/sweep-example.json")
    #expect(try sweep.sweepAxes().map(\.values.count) == [4, 3])
    let stress = try ScenarioTemplate.load(path: root + "/scenarios/supplier-outage.json")
    let tests = try stress.stressTests()
    #expect(tests.count == 6)
    for test in tests { _ = try stress.variant(test.variations, context: test.context) }
  }
}
