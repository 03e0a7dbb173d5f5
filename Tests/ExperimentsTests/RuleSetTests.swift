import Testing
@testable import Experiments
import SupplyModel
import _TestSupport

@Suite struct RuleSetTests {
  @Test func builtInRulesGateServiceTotalCostAndControlledCostComponentsWithoutTolerancesAndShowTheRest() {
    let rules = RuleSet()
    for kpi in KPIs.names {
      #expect(RuleSet.builtIn[kpi] != nil, "\(kpi) has no built-in rule")
      let rule = rules.rule(policy: "p", kpi: kpi)
      #expect(rule.test == (RuleSet.gatedKPIs.contains(kpi) ? .statistical : .ignore), "\(kpi)")
      #expect(rule.threshold(baselineMean: 1000) == 0, "\(kpi): tolerances are not a default")
      if ExperimentResult.higherIsBetter.contains(kpi) { #expect(rule.direction == .noDecrease, "\(kpi)") }
    }
    #expect(Set(RuleSet.gatedKPIs) == ["totalCost", "holdingCost", "shortageCost", "orderingCost", "transportCost",
                                       "fillRate", "cycleServiceLevel", "stockoutDays", "unitsShort"])
    #expect(rules.rule(policy: "p", kpi: "totalCost").direction == .noIncrease)
    #expect(rules.rule(policy: "p", kpi: "demand").direction == .bothWays)
    #expect(rules.multipleComparisons == .westfallYoung)
  }

  @Test func layersApplyInOrderAllThenKPIThenPolicy() throws {
    let rules = try RuleSet.decode(json: """
      {
        "format": "supplysim.rules/1",
        "multipleComparisons": "none",
        "all": { "level": 0.9 },
        "kpis": { "totalCost": { "test": "tolerance", "relative": 0.03 }, "demand": { "test": "ignore" } },
        "policies": { "slow": { "totalCost": { "absolute": 100, "relative": 0 } } }
      }
      """, file: "r.json")
    #expect(rules.multipleComparisons == .none)
    #expect(rules.rule(policy: "fast", kpi: "fillRate") == KPIRule(direction: .noDecrease, level: 0.9))
    #expect(rules.rule(policy: "fast", kpi: "totalCost") == KPIRule(test: .tolerance, direction: .noIncrease, relative: 0.03, level: 0.9))
    #expect(rules.rule(policy: "slow", kpi: "totalCost") == KPIRule(test: .tolerance, direction: .noIncrease, absolute: 100, relative: 0, level: 0.9))
    #expect(rules.rule(policy: "slow", kpi: "demand").test == .ignore)
    #expect(rules.source == "r.json")
  }

  @Test("bad rules files name the file, the JSON path and the fix", arguments: [
    (#"{"kpis": {"fillRate": {"relatve": 0.1}}}"#, "r.json: kpis.fillRate.relatve: unknown key 'relatve'; did you mean 'relative'?"),
    (#"{"kpis": {"fillrate": {}}}"#, "r.json: kpis.fillrate: unknown KPI 'fillrate'; did you mean 'fillRate'?"),
    (#"{"all": {"level": 1.5}}"#, "r.json: all.level: must be in [0.5, 1.0), got 1.5"),
    (#"{"all": {"relative": -1}}"#, "r.json: all.relative: must be in [0.0, ∞], got -1.0"),
    (#"{"all": {"direction": "up"}}"#, "r.json: all.direction: unknown value 'up'; use one of noIncrease, noDecrease, bothWays"),
    (#"{"all": {"test": "statistcal"}}"#, "r.json: all.test: unknown value 'statistcal'; did you mean 'statistical'?; use one of tolerance, statistical, ignore"),
    (#"{"all": {"absolute": "5"}}"#, "r.json: all.absolute: expected a number, got a string"),
    (#"{"policies": {"p": {"totalCost": []}}}"#, "r.json: policies.p.totalCost: expected an object, got an array"),
    (#"{"format": "supplysim.rules/2"}"#, "r.json: format: expected 'supplysim.rules/1', got 'supplysim.rules/2'"),
    (#"{"defaults": {}}"#, "r.json: defaults: unknown key 'defaults'; valid keys here: format, multipleComparisons, all, kpis, policies"),
    ("{\n  \"all\": {,}\n}", "r.json: malformed JSON at line 2, column 11: expected a key in double quotes, found ','"),
  ])
  func badRules(json: String, message: String) {
    let error = #expect(throws: CheckInputError.self) { try RuleSet.decode(json: json, file: "r.json") }
    #expect(error?.description.hasPrefix(message) == true, "\(error?.description ?? "no error")")
  }

  @Test func missingRulesFileSaysSo() {
    let error = #expect(throws: CheckInputError.self) { try RuleSet.load(path: "/nonexistent/rules.json") }
    #expect(error?.description == "/nonexistent/rules.json: no such rules file")
  }
}

@Suite struct KPIRuleTests {
  @Test func thresholdIsTheLargerOfAbsoluteAndRelative() {
    #expect(KPIRule(direction: .noIncrease, absolute: 3, relative: 0.01).threshold(baselineMean: 100) == 3)
    #expect(KPIRule(direction: .noIncrease, absolute: 3, relative: 0.01).threshold(baselineMean: -1000) == 10)
    #expect(KPIRule(direction: .noIncrease).threshold(baselineMean: 1000) == 0)
  }

  @Test func toleranceRulesFailOnlyBeyondTheThresholdInTheBadDirection() {
    let rise = KPIRule(test: .tolerance, direction: .noIncrease, relative: 0.1)
    #expect(rise.isRegression(change: 11, adjustedPValue: nil, baselineMean: 100))
    #expect(!rise.isRegression(change: 10, adjustedPValue: nil, baselineMean: 100))
    #expect(!rise.isRegression(change: -50, adjustedPValue: nil, baselineMean: 100))
    let fall = KPIRule(test: .tolerance, direction: .noDecrease, absolute: 0.005)
    #expect(fall.isRegression(change: -0.006, adjustedPValue: nil, baselineMean: 0.98))
    #expect(!fall.isRegression(change: 0.5, adjustedPValue: nil, baselineMean: 0.98))
    let both = KPIRule(test: .tolerance, direction: .bothWays, absolute: 1)
    #expect(both.isRegression(change: -1.5, adjustedPValue: nil, baselineMean: 0))
    #expect(both.isRegression(change: 1.5, adjustedPValue: nil, baselineMean: 0))
    #expect(!KPIRule(test: .ignore, direction: .bothWays).isRegression(change: 1e9, adjustedPValue: 0, baselineMean: 0))
  }

  @Test func statisticalRulesNeedASignificantChangeBeyondTheThreshold() {
    let rule = KPIRule(direction: .noIncrease, relative: 0.01)
    #expect(rule.isRegression(change: 5, adjustedPValue: 0.01, baselineMean: 100))     // significant, large
    #expect(!rule.isRegression(change: 5, adjustedPValue: 0.2, baselineMean: 100))     // large, not significant
    #expect(!rule.isRegression(change: 0.5, adjustedPValue: 0.001, baselineMean: 100)) // significant, small
    #expect(!rule.isRegression(change: 0, adjustedPValue: 1, baselineMean: 100))       // identical runs
    #expect(rule.isRegression(change: 5, adjustedPValue: nil, baselineMean: 100))      // one replication: threshold alone
    let strict = KPIRule(direction: .noIncrease)
    #expect(strict.isRegression(change: 0.001, adjustedPValue: 0.05, baselineMean: 100)) // no threshold: any significant rise
    #expect(!strict.isRegression(change: -3, adjustedPValue: 0, baselineMean: 100))      // a fall is never a rise
  }

  @Test func summariesReadAsRules() {
    #expect(KPIRule(direction: .noIncrease).summary == "no rise (t)")
    #expect(KPIRule(direction: .noIncrease, relative: 0.01).summary == "rise ≤ 1% (t)")
    #expect(KPIRule(test: .tolerance, direction: .noDecrease, absolute: 0.005).summary == "fall ≤ 0.005")
    #expect(KPIRule(direction: .bothWays, absolute: 2, relative: 0.1).summary == "change ≤ 10% or 2 (t)")
    #expect(KPIRule(test: .tolerance, direction: .bothWays).summary == "change ≤ 0")
    #expect(KPIRule(test: .ignore, direction: .bothWays).summary == "ignored")
  }

  @Test func numbersFormatWithoutNoise() {
    #expect(KPIRule.format(0.1 + 0.2) == "0.3")
    #expect(KPIRule.format(-0.000123456) == "-0.0001235")
    #expect(KPIRule.format(12) == "12")
    #expect(KPIRule.format(653512.25) == "653512.25")
  }
}

@Suite struct ExampleRulesFileTests {
  @Test func theExampleRulesFileInScenariosReads() throws {
    let rules = try RuleSet.load(path: SourceTree.root() + "/scenarios/rules/example.rules.json")
    #expect(rules.multipleComparisons == .westfallYoung)
    #expect(rules.rule(policy: "sQ-csl95", kpi: "fillRate") == KPIRule(direction: .noDecrease))
    #expect(rules.rule(policy: "sQ-csl95", kpi: "totalCost") == KPIRule(direction: .noIncrease, relative: 0.002))
    #expect(rules.rule(policy: "sQ-csl95", kpi: "holdingCost") == KPIRule(direction: .noIncrease, relative: 0.05))
    #expect(rules.rule(policy: "sQ-csl95", kpi: "stockoutDays") == KPIRule(direction: .noIncrease, absolute: 2))
    #expect(rules.rule(policy: "RS-weekly", kpi: "orderingCost") == KPIRule(test: .tolerance, direction: .bothWays, relative: 0))
    #expect(rules.rule(policy: "sQ-csl95", kpi: "meanOrderSize").test == .ignore)
  }
}
