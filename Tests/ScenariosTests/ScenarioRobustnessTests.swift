import Foundation
import Testing
@testable import Scenarios
import SupplyModel

/// Scenarios whose inputs are each in range but combine into quantities the simulator cannot
/// hold, and files with several structural problems: `load` (what `validate` runs) must reject
/// them with every problem named by its JSON path, so that `run` never meets them.
@Suite struct ScenarioRobustnessTests {
  static let base = ScenarioLoadingTests.minimal

  static func errors(_ json: String) -> [ScenarioError] {
    do {
      _ = try Scenario.load(json: json, file: "bad.json")
      return []
    } catch {
      return error.errors
    }
  }

  static func variant(_ old: String, _ new: String) -> String { ScenarioLoadingTests.variant(old, new) }

  @Test func anEchoedStringIsQuotedAsJSONSoItStaysOnOneLine() {
    let json = Self.variant(#""seed": 1"#, #""seed": "1\n2\u0007""#)
    let problems = Self.errors(json).map(\.description)
    #expect(problems.contains { $0.hasSuffix(#"seed: expected a whole number >= 0, got a string ("1\n2\u0007")"#) }, "\(problems)")
    #expect(problems.allSatisfy { !$0.contains("\n") && !$0.contains("\u{7}") })
  }

  @Test func anEmptyDocumentListsEveryRequiredTopLevelKey() {
    let problems = Self.errors("{}").map(\.problem)
    #expect(problems == ["name", "seed", "horizonDays", "suppliers", "skus", "policies"].map { "missing required key '\($0)'" })
  }

  @Test func everyStructuralProblemIsListedInOnePass() {
    let json = """
    {"name": "x", "seed": 1, "horizonDay": 10, "bogus": true,
     "suppliers": [{"id": "a", "leadTime": {"distribution": "deterministic", "mean": "four"}}],
     "skus": [{"id": "s", "supplier": "a", "demand": {"distribution": "poisson", "mean": 2}, "unitCost": "1"}, {"supplier": "a"}],
     "policies": [{"name": "p", "type": "sQ", "serviceLevel": 0.9, "orderQuantity": "eoqq"}]}
    """
    let found = Self.errors(json).map { "\($0.path): \($0.problem)" }
    let expected = [
      "horizonDay: unknown key 'horizonDay'; did you mean 'horizonDays'?",
      "suppliers[0].leadTime.mean: expected a number, got a string (\"four\")",
      "skus[0].unitCost: expected a number, got a string (\"1\")",
      "skus[0]: missing required key 'holdingCostPerUnitDay'",
      "skus[1]: missing required key 'id'",
      "skus[1]: missing required key 'demand'",
      "skus[1]: missing required key 'unitCost'",
      "skus[1]: missing required key 'holdingCostPerUnitDay'",
      "policies[0].orderQuantity: expected a whole number of units or \"eoq\", got \"eoqq\"",
    ]
    #expect(Array(found.prefix(expected.count)) == expected)
    #expect(found.contains { $0.hasPrefix("bogus: unknown key 'bogus'") })
    #expect(found.count == expected.count + 1)
  }

  @Test("Lead times below one day are rejected with the period convention", arguments: [
    (#"{"distribution": "deterministic", "mean": 0}"#, "suppliers[0].leadTime.mean"),
    (#"{"distribution": "uniform", "min": 0, "max": 3}"#, "suppliers[0].leadTime.min"),
    (#"{"distribution": "empirical", "values": [2, 0], "probabilities": [0.5, 0.5]}"#, "suppliers[0].leadTime.values[1]"),
  ])
  func sameDayLeadTimeIsRejected(lead: String, path: String) {
    let json = Self.variant(#"{"distribution": "gamma", "mean": 4, "sd": 1}"#, lead)
    let e = Self.errors(json)
    #expect(e.map(\.path) == [path])
    #expect(e.first?.problem.contains("at least 1 day") == true)
    #expect(e.first?.problem.contains("before the next day's demand") == true)
  }

  @Test func productOfDemandFactorsBeyondTheRangeNamesTheSKU() {
    let json = Self.variant(#""demand": {"distribution": "poisson", "mean": 3}"#,
                            #""demand": {"distribution": "poisson", "mean": 1e9, "weekly": [100, 1, 1, 1, 1, 1, 1], "promotions": [{"start": 3, "end": 9, "uplift": 1000}, {"start": 5, "end": 8, "uplift": 1000}]}"#)
    let e = Self.errors(json)
    #expect(e.count == 1)
    #expect(e.first?.path == "skus[0].demand")
    #expect(e.first?.problem.contains("at most 1e9 units a day") == true)
  }

  @Test func aSeasonalPeakWithinTheRangeIsAccepted() throws {
    // 1e7 × weekly 50 on Mondays × a promotion ×1.9: 9.5e8 at the peak, within 1e9.
    let json = Self.variant(#""demand": {"distribution": "poisson", "mean": 3}"#,
                            #""demand": {"distribution": "poisson", "mean": 1e7, "weekly": [50, 1, 1, 1, 1, 1, 1], "promotions": [{"start": 0, "end": 59, "uplift": 1.9}]}"#)
    _ = try Scenario.load(json: json, file: "ok.json")
  }

  @Test func anEOQBeyondTheQuantityRangeNamesTheHoldingCost() {
    let json = Self.variant(#""unitCost": 2, "holdingCostPerUnitDay": 0.01},"#,
                            #""unitCost": 2, "holdingCostPerUnitDay": 1e-300, "orderCost": 1e9},"#)
    let e = Self.errors(json)
    #expect(e.map(\.path) == ["skus[0].holdingCostPerUnitDay"])
    #expect(e.first?.problem.contains("EOQ") == true)
    #expect(e.first?.problem.contains("policy \"p\"") == true)
  }

  @Test func hugeCostRatesAndQuantitiesAreOutOfRange() {
    #expect(Self.errors(Self.variant(#""unitCost": 2, "holdingCostPerUnitDay": 0.01},"#, #""unitCost": 1e308, "holdingCostPerUnitDay": 0.01},"#)).map(\.path)
            == ["skus[0].unitCost"])
    #expect(Self.errors(Self.variant(#""serviceLevel": 0.9}"#, #""serviceLevel": 0.9, "orderQuantityDays": 1e30}"#)).map(\.path)
            == ["policies[0].orderQuantityDays"])
    #expect(Self.errors(Self.variant(#""horizonDays": 60, "#, #""horizonDays": 60, "holidays": [{"start": 2, "end": 9223372036854775807, "factor": 0}], "#)).map(\.path)
            == ["holidays[0].end"])
  }

  @Test func aTinyCoefficientOfVariationLoadsAndRuns() throws {
    let json = Self.variant(#"{"distribution": "negativeBinomial", "mean": 5, "dispersion": 2}"#, #"{"distribution": "gamma", "mean": 5, "cv": 5e-324}"#)
    let s = try Scenario.load(json: json, file: "tiny.json")
    #expect(s.network.skus.count == 2)
  }

  @Test func duplicateIdsNameTheFirstOccurrence() {
    let json = Self.variant(#"{"id": "B", "supplier""#, #"{"id": "A", "supplier""#)
    let e = Self.errors(json)
    #expect(e.map(\.path) == ["skus[1].id"])
    #expect(e.first?.problem == "duplicate SKU id \"A\" (also skus[0])")
  }

  @Test func costOptimalWithoutShortageCostLoadsWithAWarning() throws {
    let json = Self.variant(#"[{"name": "p", "type": "sS", "serviceLevel": 0.9}]"#, #"[{"name": "p", "type": "baseStock"}]"#)
    let s = try Scenario.load(json: json, file: "w.json")
    #expect(s.warnings.map(\.path) == ["policies[0].target"])
    #expect(s.warnings.first?.problem.contains("backorderCostPerUnitDay is 0") == true)
    #expect(s.warnings.first?.problem.hasSuffix("(SKU \"A\" and 1 more SKU plan)") == true, "\(s.warnings)")
  }

  @Test func aServiceTargetGivesNoWarning() throws {
    #expect(try Scenario.load(json: Self.base, file: "ok.json").warnings.isEmpty)
  }
}
