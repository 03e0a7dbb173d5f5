import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import Experiments
@testable import Reports

/// Builds a check result from (policy, KPI, baseline values, new values) without simulating.
func syntheticResult(scenario: String = "tiny", _ rows: [(String, String, [Double], [Double])], rules: RuleSet = RuleSet()) -> CheckResult {
  var verdicts: [KPIVerdict] = []
  var statistical = 0
  for (policy, kpi, before, now) in rows {
    let baseline = Baseline(supplysimVersion: "0.1.0", scenarioName: scenario, scenarioFile: "\(scenario).json", scenarioHash: "", seed: 1, replications: before.count,
                            policies: [BaselinePolicy(name: policy, kpis: [(kpi, before)])])
    let judged = BaselineCheck.judge([BaselinePolicy(name: policy, kpis: [(kpi, now)])], against: baseline, paired: true, rules: rules)
    verdicts += judged.verdicts.filter { $0.kpi == kpi }
    statistical += judged.statistical
  }
  return CheckResult(scenario: scenario, scenarioFile: "\(scenario).json", baselineFile: "b/\(scenario).baseline.json", seed: 1, baselineSeed: 1,
                     replications: 3, baselineReplications: 3, method: .paired, multipleComparisons: .none, statisticalComparisons: statistical,
                     baselineVersion: "0.1.0", verdicts: verdicts)
}

/// Collects the elements of an XML document with their attributes.
final class XMLCollector: NSObject, XMLParserDelegate {
  var elements: [(name: String, attributes: [String: String], depth: Int)] = []
  var depth = 0
  var text = ""
  func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
    elements.append((name, attributes, depth))
    depth += 1
  }
  func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) { depth -= 1 }
  func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
}

@Suite struct GateReportTests {
  let report = CheckReport(results: [
    syntheticResult([
      ("good", "totalCost", [100, 110, 120], [100, 110, 120]),
      ("good", "fillRate", [0.99, 0.98, 0.99], [0.99, 0.98, 0.99]),
      ("bad <&\"> one", "fillRate", [0.99, 0.98, 0.99], [0.90, 0.91, 0.92]),
    ]),
    syntheticResult(scenario: "other", [("p", "totalCost", [10, 11, 12], [10, 11, 12])]),
  ], rulesSource: "built-in defaults", version: "0.1.0")

  @Test func junitParsesAsXMLWithOneTestCasePerScenarioPolicyAndKPI() throws {
    let xml = JUnitReport.render(report)
    let parser = XMLParser(data: Data(xml.utf8))
    let collector = XMLCollector()
    parser.delegate = collector
    #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
    let e = collector.elements
    #expect(e.first?.name == "testsuites" && e.first?.depth == 0)
    #expect(e.first?.attributes["tests"] == "4" && e.first?.attributes["failures"] == "1")
    let suites = e.filter { $0.name == "testsuite" }
    #expect(suites.map { $0.attributes["name"] } == ["tiny", "other"])
    #expect(suites.map { $0.attributes["tests"] } == ["3", "1"])
    #expect(suites.map { $0.attributes["failures"] } == ["1", "0"])
    #expect(suites.allSatisfy { $0.depth == 1 })
    let cases = e.filter { $0.name == "testcase" }
    #expect(cases.count == 4 && cases.allSatisfy { $0.depth == 2 })
    #expect(cases.map { $0.attributes["classname"]! } == ["tiny.good", "tiny.good", "tiny.bad <&\"> one", "other.p"])
    #expect(cases.map { $0.attributes["name"]! } == ["totalCost", "fillRate", "fillRate", "totalCost"])
    let failures = e.filter { $0.name == "failure" }
    #expect(failures.count == 1 && failures[0].depth == 3)
    #expect(failures[0].attributes["message"]?.hasPrefix("fillRate fell by 0.07667 (0.9867 → 0.91, -7.8%); p = 0.0037, adjusted 0.0037 ≤ 0.05 (paired t); effect -6.6 sd; worse in 3 of 3 replications, better in 0; 95% CI of the change [") == true, "\(failures[0].attributes)")
    // The failure sits inside the third test case.
    let failureIndex = e.firstIndex { $0.name == "failure" }!
    #expect(e[..<failureIndex].last { $0.name == "testcase" }?.attributes["classname"] == "tiny.bad <&\"> one")
  }

  @Test func tableListsFailuresFirstAndTheTextEndsWithTheVerdict() {
    let rows = report.table().rows
    #expect(rows.count == 4)
    #expect(rows[0][1] == "bad <&\"> one" && rows[0][8] == "FAIL")
    #expect(rows.dropFirst().allSatisfy { $0[8] == "ok" })
    let text = report.text()
    #expect(text.contains("FAIL tiny bad <&\"> one fillRate: fillRate fell by"))
    #expect(text.hasSuffix("check FAILED: 1 of 4 KPIs regressed\n"))
    #expect(text.contains("paired by replication (seed 1, 3 replications)"))
  }

  @Test func jsonResultHasStableKeysAndVerdicts() throws {
    let object = try JSONSerialization.jsonObject(with: Data(report.json().utf8)) as! [String: Any]
    #expect(Set(object.keys) == ["format", "supplysimVersion", "rules", "passed", "failures", "scenarios"])
    #expect(object["format"] as? String == "supplysim.check/1")
    #expect(object["passed"] as? Bool == false && object["failures"] as? Int == 1)
    let scenarios = object["scenarios"] as! [[String: Any]]
    #expect(scenarios.map { $0["method"] as! String } == ["paired", "paired"])
    let kpis = scenarios[0]["kpis"] as! [[String: Any]]
    #expect(kpis.map { $0["verdict"] as! String } == ["pass", "pass", "fail"])
    #expect((kpis[2]["interval"] as? [String: Any])?["upper"] is Double)
  }

  @Test func baselineFileRoundTripsExactly() throws {
    let baseline = Baseline(supplysimVersion: "0.1.0", scenarioName: "tiny", scenarioFile: "tiny.json", scenarioHash: "sha256:" + String(repeating: "ab", count: 32),
                            seed: 18_446_744_073_709_551_615, replications: 3,
                            policies: [BaselinePolicy(name: "p", kpis: [("totalCost", [0.1 + 0.2, 1e-17, 123456789.123]), ("fillRate", [1, 0.5, 0.25])])])
    let text = BaselineFile.render(baseline)
    #expect(try Baseline.decode(json: text, file: "x") == baseline)
    #expect(text.contains("\"format\": \"supplysim.baseline/1\""))
    let one = Baseline(supplysimVersion: "0.1.0", scenarioName: "t", scenarioFile: "t.json", scenarioHash: "sha256:00", seed: 1, replications: 1,
                       policies: [BaselinePolicy(name: "p", kpis: [("totalCost", [5])])])
    #expect(try Baseline.decode(json: BaselineFile.render(one), file: "x") == one)
  }
}
