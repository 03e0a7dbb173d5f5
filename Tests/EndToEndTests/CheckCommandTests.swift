import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import SupplySimCLI

/// A 12-SKU, one-year scenario: small enough to run in milliseconds, large enough that its
/// KPIs aggregate many replenishment cycles (as reference scenarios do).
func gateScenario(name: String = "gate", serviceLevel: Double = 0.95, seed: Int = 11, pretty: Bool = false) -> String {
  let means = [1, 2, 3, 4, 6, 8, 10, 12, 15, 20, 25, 40]
  let skus = means.enumerated().map { i, m in
    let demand = i % 3 == 0
      ? #"{"distribution": "negativeBinomial", "mean": \#(m), "dispersion": 4}"#
      : #"{"distribution": "poisson", "mean": \#(m)}"#
    return #"{"id": "K\#(i)", "supplier": "s", "demand": \#(demand), "unitCost": \#(4 + i % 5), "holdingCostPerUnitDay": 0.005, "backorderCostPerUnitDay": 0.25, "orderCost": 30}"#
  }
  let separator = pretty ? ",\n    " : ","
  return """
    {"name": "\(name)", "seed": \(seed), "horizonDays": 365, "warmUpDays": 28, "warehouse": {"id": "dc"},
     "suppliers": [{"id": "s", "leadTime": {"distribution": "gamma", "mean": 4, "sd": 1}}],
     "skus": [\(skus.joined(separator: separator))],
     "policies": [{"name": "sQ", "type": "sQ", "serviceLevel": \(serviceLevel)},
                  {"name": "RS", "type": "RS", "reviewPeriod": 7, "serviceLevel": 0.95}]}
    """
}

/// Writes `text` to `directory/name` and returns the path.
@discardableResult
func write(_ text: String, _ directory: String, _ name: String) -> String {
  let path = directory + "/" + name
  try! text.write(toFile: path, atomically: true, encoding: .utf8)
  return path
}

func text(_ path: String) -> String { String(decoding: read(path) ?? Data(), as: UTF8.self) }

/// A folder with the gate scenario and its baseline (6 replications).
func preparedGate(_ label: String) -> (dir: String, scenario: String, baselines: String) {
  let dir = temporaryDirectory(label)
  let scenario = write(gateScenario(), dir, "gate.json")
  let baselines = dir + "/baselines"
  let r = runCLI(["baseline", scenario, "--out", baselines, "--replications", "6", "--threads", "2"])
  precondition(r.code == 0, "baseline failed: \(r.err)")
  return (dir, scenario, baselines)
}

/// The elements of an XML document, with attributes and nesting depth.
final class XMLElements: NSObject, XMLParserDelegate {
  var all: [(name: String, attributes: [String: String], depth: Int)] = []
  private var depth = 0
  func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
    all.append((name, attributes, depth))
    depth += 1
  }
  func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) { depth -= 1 }

  static func parse(_ path: String) -> XMLElements? {
    let parser = XMLParser(data: read(path) ?? Data())
    let elements = XMLElements()
    parser.delegate = elements
    return parser.parse() ? elements : nil
  }
}

@Suite struct BaselineCommandTests {
  @Test func writesOneBaselinePerScenarioWithEveryReplication() throws {
    let dir = temporaryDirectory("baseline")
    let a = write(gateScenario(name: "alpha"), dir, "a.json")
    let b = write(gateScenario(name: "beta"), dir, "b.json")
    let r = runCLI(["baseline", a, b, "--out", dir + "/out", "--replications", "3"])
    #expect(r.code == 0, "\(r.err)")
    #expect(r.out.contains("wrote \(dir)/out/alpha.baseline.json") && r.out.contains("beta.baseline.json"))
    let object = try JSONSerialization.jsonObject(with: read(dir + "/out/beta.baseline.json")!) as! [String: Any]
    #expect(Set(object.keys) == ["format", "supplysimVersion", "scenario", "seed", "replications", "policies"])
    #expect(object["format"] as? String == "supplysim.baseline/1" && object["replications"] as? Int == 3 && object["seed"] as? Int == 11)
    let scenario = object["scenario"] as! [String: Any]
    #expect((scenario["hash"] as! String).hasPrefix("sha256:") && scenario["name"] as? String == "beta")
    let policies = object["policies"] as! [[String: Any]]
    #expect(policies.map { $0["name"] as! String } == ["sQ", "RS"])
    let fill = (policies[0]["kpis"] as! [String: [String: Any]])["fillRate"]!
    #expect((fill["values"] as! [Double]).count == 3)
    #expect(Set(fill.keys) == ["mean", "sd", "ci95Lower", "ci95Upper", "values"])
  }

  @Test func anInvalidScenarioWritesNothing() {
    let dir = temporaryDirectory("baseline-bad")
    let good = write(gateScenario(), dir, "good.json")
    let bad = write(#"{"name": "x"}"#, dir, "bad.json")
    let r = runCLI(["baseline", good, bad, "--out", dir + "/out"])
    #expect(r.code == 1 && r.err.contains("bad.json"))
    #expect(!FileManager.default.fileExists(atPath: dir + "/out/gate.baseline.json"))
  }
}

@Suite struct CheckCommandTests {
  @Test func anUnchangedRunPassesWithExitZeroAndZeroChanges() throws {
    let g = preparedGate("unchanged")
    let r = runCLI(["check", g.scenario, "--baseline", g.baselines, "--json", g.dir + "/r.json", "--junit", g.dir + "/r.xml", "--threads", "1"])
    #expect(r.code == 0, "\(r.out)\(r.err)")
    #expect(r.out.contains("paired by replication (seed 11, 6 replications)"))
    #expect(r.out.hasSuffix("check passed: 34 KPIs held in 1 scenario\n"))
    let object = try JSONSerialization.jsonObject(with: read(g.dir + "/r.json")!) as! [String: Any]
    let kpis = (object["scenarios"] as! [[String: Any]])[0]["kpis"] as! [[String: Any]]
    #expect(kpis.count == 34 && kpis.allSatisfy { $0["change"] as? Double == 0 })
    // Six service and cost KPIs per policy are gated; six replications are too few for sign
    // flips at 5%, so paired t-tests with Holm's correction over the 12; the rest are shown.
    let gated = kpis.filter { $0["verdict"] as? String == "pass" }
    #expect(gated.count == 12 && kpis.filter { $0["verdict"] as? String == "ignored" }.count == 22)
    #expect(gated.allSatisfy { $0["adjustedPValue"] as? Double == 1 && $0["test"] as? String == "paired t, Holm over 12" })
    let xml = try #require(XMLElements.parse(g.dir + "/r.xml"))
    #expect(xml.all.first?.attributes["tests"] == "34" && xml.all.first?.attributes["failures"] == "0")
    #expect(!xml.all.contains { $0.name == "failure" })
  }

  @Test func aWorsenedPolicyFailsWithExitOneNamesTheKPIAndWritesJUnitFailures() throws {
    let g = preparedGate("worse")
    // Same scenario name, sQ planned for a 50% instead of a 95% cycle service level: its
    // reorder points drop. Stand-in for a code change that worsens the policy: the baseline
    // is told the scenario is this one, so only the KPIs differ.
    let worse = write(gateScenario(serviceLevel: 0.5), g.dir, "worse.json")
    let probe = g.dir + "/probe"
    #expect(runCLI(["baseline", worse, "--out", probe, "--replications", "1"]).code == 0)
    let hashPattern = try Regex(#""hash": "(sha256:[0-9a-f]+)""#, as: (Substring, Substring).self)
    let newHash = try #require(text(probe + "/gate.baseline.json").firstMatch(of: hashPattern)?.1)
    let baselineFile = g.baselines + "/gate.baseline.json"
    let patched = text(baselineFile).replacing(hashPattern, with: #""hash": ""# + newHash + "\"")
    write(patched, g.baselines, "gate.baseline.json")

    let r = runCLI(["check", worse, "--baseline", g.baselines, "--junit", g.dir + "/r.xml", "--json", g.dir + "/r.json"])
    #expect(r.code == 1, "\(r.out)\(r.err)")
    #expect(r.out.contains("FAIL gate sQ fillRate: fillRate fell by"))
    #expect(r.out.contains("check FAILED"))
    // Which policy, by how much, and how to repeat the comparison.
    #expect(r.out.contains("gate: regressed: sQ (") && r.out.contains("worse in 6 of 6 replications"))
    #expect(r.out.contains("  reproduce: supplysim check \(worse) --baseline \(g.baselines)\n"))
    // Failures come first in the table; the unchanged policy holds on every KPI.
    let rows = r.out.split(separator: "\n").filter { $0.hasPrefix("gate ") }
    let firstPass = try #require(rows.firstIndex { !$0.contains("FAIL") })
    #expect(rows[..<firstPass].allSatisfy { $0.contains(" sQ ") } && firstPass > 0)
    #expect(rows[firstPass...].allSatisfy { !$0.contains("FAIL") })
    #expect(!rows.contains { $0.contains(" RS ") && $0.contains("FAIL") })

    let xml = try #require(XMLElements.parse(g.dir + "/r.xml"))
    let failureCount = r.out.split(separator: "\n").filter { $0.hasPrefix("FAIL ") }.count
    #expect(xml.all[0].name == "testsuites" && xml.all[0].attributes["tests"] == "34")
    #expect(xml.all[0].attributes["failures"] == String(failureCount))
    let suite = try #require(xml.all.first { $0.name == "testsuite" })
    #expect(suite.attributes["name"] == "gate" && suite.attributes["tests"] == "34" && suite.attributes["failures"] == String(failureCount))
    #expect(xml.all.filter { $0.name == "testcase" }.count == 34)
    var failedCases: [String] = []
    for (i, e) in xml.all.enumerated() where e.name == "failure" {
      let testcase = xml.all[..<i].last { $0.name == "testcase" }!
      #expect(e.depth == testcase.depth + 1)
      failedCases.append(testcase.attributes["classname"]! + "/" + testcase.attributes["name"]!)
    }
    #expect(failedCases.count == failureCount && failedCases.contains("gate.sQ/fillRate"))
    #expect(failedCases.allSatisfy { $0.hasPrefix("gate.sQ/") })
  }

  @Test func twentyOtherSeedsRarelyFailUnderWelchTests() {
    let g = preparedGate("seeds")
    var failures: [UInt64] = []
    for seed: UInt64 in 1001...1020 {
      let r = runCLI(["check", g.scenario, "--baseline", g.baselines, "--seed", String(seed)])
      #expect(r.code == 0 || r.code == 1)
      if r.code == 1 { failures.append(seed) }
      #expect(r.out.contains("unpaired Welch intervals: seed \(seed) differs from the baseline's 11"))
    }
    // Noise alone fails the gate with probability at most 5% (Holm); 4 of 20 would be a 0.3% event.
    #expect(failures.count <= 3, "failed seeds: \(failures)")
  }

  @Test func allowScenarioChangeComparesAnEditedScenarioPairedWithItsBaseline() throws {
    let g = preparedGate("edited")
    write(gateScenario(serviceLevel: 0.5), g.dir, "gate.json")
    #expect(runCLI(["check", g.scenario, "--baseline", g.baselines]).code == 2)
    let r = runCLI(["check", g.scenario, "--baseline", g.baselines, "--allow-scenario-change", "--json", g.dir + "/r.json"])
    #expect(r.code == 1, "\(r.out)\(r.err)")
    #expect(r.out.contains("paired by replication (seed 11, 6 replications)"))
    #expect(r.out.contains("note: the scenario changed since its baseline (compared anyway, --allow-scenario-change)"))
    #expect(r.out.contains("FAIL gate sQ fillRate:") && !r.out.contains("FAIL gate RS"))
    #expect(r.out.contains("reproduce: supplysim check \(g.scenario) --baseline \(g.baselines) --allow-scenario-change"))
    let object = try JSONSerialization.jsonObject(with: read(g.dir + "/r.json")!) as! [String: Any]
    #expect((object["scenarios"] as! [[String: Any]])[0]["scenarioChanged"] as? Bool == true)
  }

  @Test func powerReportsDetectionAndFalseAlarmRatesPerInjectedRegression() {
    let g = preparedGate("power")
    let r = runCLI(["check", g.scenario, "--baseline", g.baselines, "--power", "--seeds", "2", "--first-seed", "7"])
    #expect(r.code == 0, "\(r.err)")
    #expect(r.out.hasPrefix("power of the gate over seeds 7…8 (rules: built-in defaults)"))
    let rows = r.out.split(separator: "\n").filter { $0.hasPrefix("gate ") }
    #expect(rows.count == 9)
    #expect(rows.contains { $0.contains("s/S −1 unit") && $0.contains("2 of 2") })
    #expect(rows.contains { $0.contains("forecast bias +5%") && $0.contains("n/a") })
    #expect(rows.contains { $0.contains("no regression: unchanged code") && $0.contains("0% (0/2)") })
    #expect(runCLI(["check", g.scenario, "--baseline", g.baselines, "--seeds", "2"]).code == 64)
    #expect(runCLI(["check", g.scenario, "--baseline", g.baselines, "--power", "--seed", "2"]).code == 64)
  }

  @Test func reformattingTheScenarioKeepsItsBaseline() {
    let g = preparedGate("reformat")
    write(gateScenario(pretty: true), g.dir, "gate.json")
    #expect(runCLI(["check", g.scenario, "--baseline", g.baselines]).code == 0)
  }

  @Test func aChangedScenarioExitsTwoAndSaysHowToRefresh() {
    let g = preparedGate("changed")
    write(gateScenario(serviceLevel: 0.9), g.dir, "gate.json")
    let r = runCLI(["check", g.scenario, "--baseline", g.baselines, "--junit", g.dir + "/r.xml"])
    #expect(r.code == 2)
    #expect(r.out.isEmpty)
    // The JUnit file carries the reason as an error, so CI shows why the gate did not run.
    let xml = XMLElements.parse(g.dir + "/r.xml")
    #expect(xml?.all.first?.attributes["errors"] == "1")
    #expect(xml?.all.first { $0.name == "error" }?.attributes["message"]?.contains("the scenario changed since its baseline") == true)
    #expect(r.err.split(separator: "\n").count == 1)
    #expect(r.err.contains("\(g.scenario): the scenario changed since its baseline \(g.baselines)/gate.baseline.json was made"))
    #expect(r.err.contains("refresh the baseline with: supplysim baseline \(g.scenario) --out \(g.baselines)"))
  }

  @Test("malformed baselines exit 2 with the file, the JSON path and the fix", arguments: [
    ("{\"format\": ", "gate.baseline.json: malformed JSON at line 1, column 12"),
    (#"{"format": "supplysim.summary/1"}"#, "gate.baseline.json: format: expected 'supplysim.baseline/1', got 'supplysim.summary/1'"),
    ("VALUES", "gate.baseline.json: policies[0].kpis.averageBackorders.values: expected 6 values (one per replication), got 5"),
    ("MEAN", "gate.baseline.json: policies[0].kpis.averageBackorders.mean: is 12345.0 but the values average"),
  ])
  func malformedBaseline(content: String, message: String) {
    let g = preparedGate("malformed")
    let path = g.baselines + "/gate.baseline.json"
    let original = text(path)
    var replacement = content
    if content == "VALUES" {  // drop the first value of the first KPI
      replacement = original.replacing(try! Regex(#""values": \[[^,\]]+, "#), with: #""values": ["#, maxReplacements: 1)
    }
    if content == "MEAN" {
      replacement = original.replacing(try! Regex(#""mean": [-0-9.e]+"#), with: #""mean": 12345"#, maxReplacements: 1)
    }
    write(replacement, g.baselines, "gate.baseline.json")
    let r = runCLI(["check", g.scenario, "--baseline", g.baselines])
    #expect(r.code == 2, "\(r.out)\(r.err)")
    #expect(r.err.hasPrefix("supplysim check: \(g.baselines)/\(message)"), "\(r.err)")
    #expect(r.err.split(separator: "\n").count == 1)
    #expect(r.err.hasSuffix("regenerate it with 'supplysim baseline \(g.scenario) --out \(g.baselines)'\n"), "\(r.err)")
  }

  @Test func aMissingBaselineOrBadRulesExitTwo() {
    let g = preparedGate("missing")
    let r = runCLI(["check", g.scenario, "--baseline", g.dir + "/nowhere"])
    #expect(r.code == 2)
    #expect(r.err.contains("no baseline for scenario 'gate'; make one with: supplysim baseline \(g.scenario) --out \(g.dir)/nowhere"))
    let rules = write(#"{"kpis": {"fillRate": {"direction": "down"}}}"#, g.dir, "rules.json")
    let bad = runCLI(["check", g.scenario, "--baseline", g.baselines, "--rules", rules])
    #expect(bad.code == 2)
    #expect(bad.err.contains("\(rules): kpis.fillRate.direction: unknown value 'down'; use one of noIncrease, noDecrease, bothWays"))
  }

  @Test func rulesFromAFileApply() {
    let g = preparedGate("rules")
    let rules = write(#"{"all": {"test": "tolerance", "absolute": 0, "relative": 0}, "kpis": {"demand": {"test": "ignore"}}}"#, g.dir, "rules.json")
    // Zero tolerance with another seed: every KPI that moved the wrong way fails.
    let r = runCLI(["check", g.scenario, "--baseline", g.baselines, "--rules", rules, "--seed", "5"])
    #expect(r.code == 1)
    #expect(r.out.contains("rules: \(rules)"))
    #expect(r.out.contains("ignored"))
    // ...and with the baseline's seed nothing moved at all.
    #expect(runCLI(["check", g.scenario, "--baseline", g.baselines, "--rules", rules]).code == 0)
  }

  @Test func withoutScenariosEveryBaselineInTheFolderIsCheckedAndRefreshRebuildsThem() {
    let g = preparedGate("all")
    let r = runCLI(["check", "--baseline", g.baselines])
    #expect(r.code == 0, "\(r.err)")
    #expect(r.out.contains("gate: \(g.scenario) against \(g.baselines)/gate.baseline.json"))
    write(gateScenario(serviceLevel: 0.9), g.dir, "gate.json")
    #expect(runCLI(["check", "--baseline", g.baselines]).code == 2)
    let refresh = runCLI(["baseline", "--refresh", "--out", g.baselines])
    #expect(refresh.code == 0, "\(refresh.err)")
    #expect(refresh.out.contains("seed 11, 6 replications"))
    #expect(runCLI(["check", "--baseline", g.baselines]).code == 0)
    let empty = runCLI(["check", "--baseline", g.dir + "/none"])
    #expect(empty.code == 2 && empty.err.contains("holds no *.baseline.json files; make them with: supplysim baseline SCENARIO... --out"))
  }

  @Test func badUsageExits64() {
    #expect(runCLI(["check", quickstart]).code == 64)
    #expect(runCLI(["check"]).code == 64)
    #expect(runCLI(["baseline", "--refresh", quickstart]).code == 64)
    #expect(runCLI(["check", quickstart, "--baseline", "x", "--seed", "-1"]).code == 64)
    #expect(runCLI(["help", "check"]).out.contains("Exit codes: 0 every KPI held"))
  }
}

@Suite struct CheckInjectTests {
  /// `--inject lead-time --inject-policy sQ`: every (s,Q) reorder point planned for a lead time
  /// one day short, injected through the real planner on the baseline's seed, fails the gate on
  /// sQ alone, with the effect, its interval and a command that repeats it. (An off-by-one,
  /// `levels`, is too small for this 12-SKU scenario's 6 replications: its stockout days rise
  /// in 2 of 6, p = 0.09 before Holm over 12. The reference scenarios catch it: reports/README.md.)
  @Test func anInjectedPlanningBugFailsTheGateOnItsPolicyOnly() throws {
    let g = preparedGate("inject")
    let r = runCLI(["check", g.scenario, "--baseline", g.baselines, "--inject", "lead-time", "--inject-policy", "sQ", "--json", g.dir + "/r.json"])
    #expect(r.code == 1, "\(r.out)\(r.err)")
    #expect(r.out.contains("note: injected planning bug 'lead time −1 day' (--inject lead-time) into sQ: the changes are that bug's, not the code's as built"))
    let failures = r.out.split(separator: "\n").filter { $0.hasPrefix("FAIL ") }
    #expect(!failures.isEmpty && failures.allSatisfy { $0.hasPrefix("FAIL gate sQ ") })
    #expect(failures.allSatisfy { $0.contains("; 95% CI of the change [") && $0.contains(" replications, better in ") })
    #expect(r.out.contains("reproduce: supplysim check \(g.scenario) --baseline \(g.baselines) --inject lead-time --inject-policy sQ\n"))
    let object = try JSONSerialization.jsonObject(with: read(g.dir + "/r.json")!) as! [String: Any]
    let scenario = (object["scenarios"] as! [[String: Any]])[0]
    let injected = try #require(scenario["injected"] as? [String: Any])
    #expect(injected["name"] as? String == "lead-time" && injected["policies"] as? [String] == ["sQ"])
    let failed = (scenario["kpis"] as! [[String: Any]]).filter { $0["verdict"] as? String == "fail" }
    #expect(!failed.isEmpty && failed.allSatisfy { $0["effectSize"] != nil && $0["interval"] is [String: Any] && $0["replicationCounts"] is [String: Any] })
    // The same bug in every policy it applies to also fails; the run as built still passes.
    #expect(runCLI(["check", g.scenario, "--baseline", g.baselines, "--inject", "lead-time"]).code == 1)
    #expect(runCLI(["check", g.scenario, "--baseline", g.baselines]).code == 0)
  }

  @Test func injectionsThatCannotApplyAreRefusedWithTheReason() {
    let g = preparedGate("inject-bad")
    // No forecast-driven policy in the scenario: nothing to bias.
    let bias = runCLI(["check", g.scenario, "--baseline", g.baselines, "--inject", "forecast-bias"])
    #expect(bias.code == 2 && bias.err.contains("--inject forecast-bias (forecast bias +5%) does not apply to any policy of the scenario"), "\(bias.err)")
    // (R,S) has no lot size.
    let lot = runCLI(["check", g.scenario, "--baseline", g.baselines, "--inject", "lot-size", "--inject-policy", "RS"])
    #expect(lot.code == 2 && lot.err.contains("does not apply to policy 'RS'"), "\(lot.err)")
    let unknownPolicy = runCLI(["check", g.scenario, "--baseline", g.baselines, "--inject", "levels", "--inject-policy", "sq"])
    #expect(unknownPolicy.code == 2 && unknownPolicy.err.contains("--inject-policy: no policy 'sq' (the scenario has sQ, RS)"), "\(unknownPolicy.err)")
    #expect(runCLI(["check", g.scenario, "--baseline", g.baselines, "--inject", "level"]).code == 64)
    #expect(runCLI(["check", g.scenario, "--baseline", g.baselines, "--inject-policy", "sQ"]).code == 64)
    #expect(runCLI(["check", g.scenario, "--baseline", g.baselines, "--inject", "levels", "--power"]).code == 64)
  }
}

@Suite struct CheckInjectManyTests {
  /// Over several scenarios, one the injection does not touch is checked as built and says so.
  @Test func aScenarioTheInjectionDoesNotTouchIsCheckedAsBuilt() {
    let g = preparedGate("inject-many")
    let other = write(gateScenario(name: "gate2").replacingOccurrences(of: #""name": "RS""#, with: #""name": "RS2""#), g.dir, "gate2.json")
    #expect(runCLI(["baseline", other, "--out", g.baselines, "--replications", "6", "--threads", "2"]).code == 0)
    let r = runCLI(["check", g.scenario, other, "--baseline", g.baselines, "--inject", "lead-time", "--inject-policy", "RS2"])
    #expect(r.code == 1, "\(r.out)\(r.err)")
    #expect(r.out.contains("  note: --inject lead-time --inject-policy RS2 applies to no policy of this scenario: checked as built\n"))
    #expect(r.out.contains("note: injected planning bug 'lead time −1 day' (--inject lead-time) into RS2:"))
    let failures = r.out.split(separator: "\n").filter { $0.hasPrefix("FAIL ") }
    #expect(!failures.isEmpty && failures.allSatisfy { $0.hasPrefix("FAIL gate2 RS2 ") })
  }
}
