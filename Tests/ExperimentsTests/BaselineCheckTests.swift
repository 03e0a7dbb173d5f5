import Testing
@testable import Experiments

@Suite struct ChangeIntervalTests {
  @Test func pairedIdenticalValuesGiveAZeroWidthIntervalAtZero() {
    let values = [3.0, 5.0, 4.0, 6.5]
    let c = ChangeInterval(baseline: values, now: values, paired: true, level: 0.95)
    #expect(c.method == .paired && c.change == 0)
    #expect(c.interval?.lower == 0 && c.interval?.upper == 0)
  }

  @Test func pairedIntervalIsTheStudentIntervalOfTheDifferences() {
    let c = ChangeInterval(baseline: [10, 20, 30, 40], now: [11, 22, 30, 43], paired: true, level: 0.95)
    let d = KPISummary(values: [1, 2, 0, 3], level: 0.95)
    #expect(c.change == 1.5)
    #expect(c.interval == d.interval)
  }

  @Test func welchIntervalMatchesAHandComputation() throws {
    // a: mean 2, variance 1 (n 3); b: mean 6, variance 4 (n 5).
    // se^2 = 1/3 + 4/5 = 17/15; df = (17/15)^2 / ((1/3)^2/2 + (4/5)^2/4) = 5.9588…
    let c = ChangeInterval(baseline: [1, 2, 3], now: [4, 4, 6, 8, 8], paired: false, level: 0.95)
    #expect(c.method == .welch && c.change == 4)
    let se = (17.0 / 15).squareRoot()
    let df = (17.0 / 15) * (17.0 / 15) / (1.0 / 9 / 2 + 0.64 / 4)
    #expect(df > 5.95 && df < 5.97)
    let ci = try #require(c.interval)
    #expect(abs((ci.upper + ci.lower) / 2 - 4) < 1e-12)
    // t(0.975) is 2.4469 at 6 and 2.5706 at 5 degrees of freedom; at 5.96 it is about 2.452.
    let t = ci.halfWidth / se
    #expect(t > 2.4469 && t < 2.46, "t = \(t)")
  }

  @Test func welchWithoutSpreadIsThePointAndWithOneValueHasNoInterval() {
    let flat = ChangeInterval(baseline: [2, 2, 2], now: [3, 3], paired: false, level: 0.95)
    #expect(flat.interval?.lower == 1 && flat.interval?.upper == 1)
    #expect(ChangeInterval(baseline: [2], now: [3, 4], paired: false, level: 0.95).interval == nil)
  }
}

@Suite struct BaselineDecodingTests {
  static func document(values: String = "[1, 2]", mean: String = "1.5", replications: String = "2", format: String = "supplysim.baseline/1", extra: String = "") -> String {
    """
    {
      "format": "\(format)", "supplysimVersion": "0.1.0", "seed": 18446744073709551615, "replications": \(replications),
      "scenario": { "name": "tiny", "file": "tiny.json", "hash": "sha256:00", "hashOf": "…" },
      "policies": [ { "name": "p", "kpis": { "totalCost": { "mean": \(mean), "sd": 0.7, "ci95Lower": null, "ci95Upper": null, "values": \(values)\(extra) } } } ]
    }
    """
  }

  @Test func aWellFormedBaselineReadsBack() throws {
    let b = try Baseline.decode(json: Self.document(), file: "b.json")
    #expect(b.seed == UInt64.max && b.replications == 2 && b.scenarioName == "tiny")
    #expect(b.policy(named: "p")?.values(of: "totalCost") == [1, 2])
  }

  @Test("malformed baselines name the file, the path and how to regenerate", arguments: [
    (document(values: "[1, 2, 3]"), "b.json: policies[0].kpis.totalCost.values: expected 2 values (one per replication), got 3"),
    (document(mean: "9"), "b.json: policies[0].kpis.totalCost.mean: is 9.0 but the values average 1.5; the file was edited by hand"),
    (document(values: "[1, \"x\"]"), "b.json: policies[0].kpis.totalCost.values[1]: expected a number, got a string"),
    (document(replications: "0"), "b.json: replications: must be >= 1, got 0"),
    (document(format: "supplysim.summary/1"), "b.json: format: expected 'supplysim.baseline/1', got 'supplysim.summary/1'"),
    (document(extra: ", \"median\": 1"), "b.json: policies[0].kpis.totalCost.median: unknown key 'median'"),
    (#"{"format": "supplysim.baseline/1"}"#, "b.json: missing key 'scenario'"),
    ("[1, 2", "b.json: malformed JSON at line 1, column 6"),
  ])
  func malformed(json: String, message: String) {
    let error = #expect(throws: CheckInputError.self) { try Baseline.decode(json: json, file: "b.json") }
    #expect(error?.description.hasPrefix(message) == true, "\(error?.description ?? "no error")")
  }
}

