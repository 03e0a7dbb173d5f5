#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Experiments
import Scenarios
import SupplyModel

/// The files of a stress-test suite's report.
///
/// - `stress.csv`: one row per scenario (the base, then each test) and policy: every KPI's mean
///   and 95% CI half-width, and for tests its paired change from the base with that change's half-width.
/// - `stress.json`: the same with the tests' settings and verdicts.
/// - `stress.md`: per test what it sets, each policy's fill rate and total cost with their
///   changes from the base, and the verdict.
/// - `stress.html`: the same as one page with grouped dot charts (`StressHTMLReport`).
public struct StressReport: Sendable {
  /// The suite's result.
  public var result: StressResult
  /// The SupplySim version written into outputs.
  public var version: String

  /// Creates a report.
  public init(result: StressResult, version: String) {
    self.result = result
    self.version = version
  }

  /// The label of the base scenario in tables.
  static let baseLabel = "base scenario"

  /// "keeps service best: POLICY (fill rate X, cost Y)".
  public static func verdictLine(_ v: StressVerdict) -> String {
    "keeps service best: \(v.name) (fill rate \(NumberFormat.percent(v.fillRate, 2)), cost \(NumberFormat.grouped(v.totalCost, 0)))"
  }

  /// A mean with its CI half-width when there is one.
  static func withInterval(_ s: KPISummary, percent: Bool) -> String {
    let f: (Double) -> String = percent ? { NumberFormat.percent($0, 2) } : { NumberFormat.grouped($0, 0) }
    return f(s.mean) + (s.interval.map { " ± " + f($0.halfWidth) } ?? "")
  }

  /// A paired change: percentage points for fill rate, currency units for cost, signed, with its
  /// CI half-width when there is one.
  static func change(_ s: KPISummary, percent: Bool) -> String {
    let sign = s.mean > 0 ? "+" : ""
    if percent {
      return sign + NumberFormat.fixed(s.mean * 100, 2) + " pp" + (s.interval.map { " ± " + NumberFormat.fixed($0.halfWidth * 100, 2) } ?? "")
    }
    return sign + NumberFormat.grouped(s.mean, 0) + (s.interval.map { " ± " + NumberFormat.grouped($0.halfWidth, 0) } ?? "")
  }

  /// The table of every scenario and policy: fill rate and total cost with CIs, and their paired
  /// changes from the base.
  public func table() -> TextTable {
    var t = TextTable(header: ["Test", "Policy", "Fill rate", "Change", "Total cost", "Change"], rightAligned: [false, false, true, true, true, true])
    for (q, name) in result.policies.enumerated() {
      let o = result.base[q]
      t.rows.append([q == 0 ? Self.baseLabel : "", name, Self.withInterval(o.summary(of: "fillRate"), percent: true), "–",
                     Self.withInterval(o.summary(of: "totalCost"), percent: false), "–"])
    }
    for (i, test) in result.tests.enumerated() {
      for (q, name) in result.policies.enumerated() {
        let o = result.outcomes[i][q]
        t.rows.append([q == 0 ? test.name : "", name,
                       Self.withInterval(o.summary(of: "fillRate"), percent: true), Self.change(result.change(test: i, policy: q, kpi: "fillRate"), percent: true),
                       Self.withInterval(o.summary(of: "totalCost"), percent: false), Self.change(result.change(test: i, policy: q, kpi: "totalCost"), percent: false)])
      }
    }
    return t
  }

  /// One verdict line per scenario: `base scenario: keeps service best: ...`.
  public func verdicts() -> [String] {
    ["\(Self.baseLabel): " + Self.verdictLine(result.baseVerdict)]
      + result.tests.indices.map { "\(result.tests[$0].name): " + Self.verdictLine(result.verdict(test: $0)) }
  }

  /// `stress.csv`.
  public func csv() -> String {
    var header = ["test", "policy"]
    for name in KPIs.names { header += [name + "_mean", name + "_ci95", name + "_change", name + "_change_ci95"] }
    var csv = CSVWriter(header: header)
    func row(_ test: String, _ o: PolicyTotals, _ change: (String) -> KPISummary?) -> [String] {
      var r = [test, o.name]
      for kpi in KPIs.names {
        let s = o.summary(of: kpi), c = change(kpi)
        r += [NumberFormat.shortest(s.mean), s.interval.map { NumberFormat.shortest($0.halfWidth) } ?? "",
              c.map { NumberFormat.shortest($0.mean) } ?? "", c?.interval.map { NumberFormat.shortest($0.halfWidth) } ?? ""]
      }
      return r
    }
    for o in result.base { csv.appendRow(row(Self.baseLabel, o) { _ in nil }) }
    for (i, test) in result.tests.enumerated() {
      for (q, o) in result.outcomes[i].enumerated() { csv.appendRow(row(test.name, o) { result.change(test: i, policy: q, kpi: $0) }) }
    }
    return csv.text
  }

  /// `stress.json` (format `supplysim.stress/1`, keys sorted).
  public func json() -> String {
    func verdictJSON(_ v: StressVerdict) -> JSONValue {
      .object([("policy", .string(v.name)), ("fillRate", JSONWriter.number(v.fillRate)), ("totalCost", JSONWriter.number(v.totalCost))])
    }
    let base: JSONValue = .object([
      ("policies", .array(result.base.map { .object([("name", .string($0.name)), ("kpis", SweepReport.kpisJSON($0))]) })),
      ("keepsServiceBest", verdictJSON(result.baseVerdict)),
    ])
    let tests: [JSONValue] = result.tests.enumerated().map { i, test in
      let policies: [JSONValue] = result.outcomes[i].enumerated().map { q, o in
        let changes: [(key: String, value: JSONValue)] = KPIs.names.map { kpi in
          let c = result.change(test: i, policy: q, kpi: kpi)
          let significant = c.interval.map { $0.lower > 0 || $0.upper < 0 } ?? false
          return (kpi, .object([
            ("meanDifference", JSONWriter.number(c.mean)),
            ("ci95Lower", c.interval.map { JSONWriter.number($0.lower) } ?? .null),
            ("ci95Upper", c.interval.map { JSONWriter.number($0.upper) } ?? .null),
            ("significant", .bool(significant)),
          ]))
        }
        return .object([("name", .string(o.name)), ("kpis", SweepReport.kpisJSON(o)), ("changeFromBase", .object(changes))])
      }
      var members: [(key: String, value: JSONValue)] = [
        ("name", .string(test.name)),
        ("set", .object(test.variations.map { ($0.path.description, $0.value) })),
        ("policies", .array(policies)),
        ("keepsServiceBest", verdictJSON(result.verdict(test: i))),
      ]
      if let d = test.description { members.append(("description", .string(d))) }
      return .object(members)
    }
    let doc: JSONValue = .object([
      ("format", .string("supplysim.stress/1")),
      ("supplysimVersion", .string(version)),
      ("scenario", SweepReport.scenarioJSON(result.scenario, replications: result.replications)),
      ("policies", .array(result.policies.map { .string($0) })),
      ("base", base),
      ("tests", .array(tests)),
    ])
    return JSONWriter.render(doc)
  }

  /// What a test sets, as `path = value` items (values as compact JSON).
  static func settings(_ test: StressTest) -> [String] {
    test.variations.map { "\($0.path) = \($0.value.jsonText)" }
  }

  /// `stress.md`.
  public func markdown() -> String {
    let s = result.scenario
    var md = "# SupplySim stress tests: \(s.spec.name)\n\n"
    if let d = s.spec.description { md += d + "\n\n" }
    md += "- Scenario file: `\(s.file)`; seed \(s.network.seed) for the base scenario and every test (common random numbers)\n"
    md += "- \(result.tests.count) stress test\(result.tests.count == 1 ? "" : "s") × \(result.policies.count) polic\(result.policies.count == 1 ? "y" : "ies") × \(result.replications) replication\(result.replications == 1 ? "" : "s")\n"
    md += "- SupplySim \(version)\n\n"
    md += "## Verdicts\n\n"
    var v = TextTable(header: ["Test", "Keeps service best", "Fill rate", "Total cost"], rightAligned: [false, false, true, true])
    let verdicts = [(Self.baseLabel, result.baseVerdict)] + result.tests.indices.map { (result.tests[$0].name, result.verdict(test: $0)) }
    for (name, verdict) in verdicts {
      v.rows.append([name, verdict.name, NumberFormat.percent(verdict.fillRate, 2), NumberFormat.grouped(verdict.totalCost, 0)])
    }
    md += v.markdown() + "\nThe policy with the highest mean fill rate keeps service best; equal fill rates go to the lower mean total cost.\n\n"
    md += "## Base scenario\n\n" + policyTable(test: nil).markdown() + "\n" + Self.verdictLine(result.baseVerdict) + "\n\n"
    for (i, test) in result.tests.enumerated() {
      md += "## \(test.name)\n\n"
      if let d = test.description { md += d + "\n\n" }
      md += "Sets: " + Self.settings(test).map { "`\($0)`" }.joined(separator: "; ") + "\n\n"
      md += policyTable(test: i).markdown() + "\n" + Self.verdictLine(result.verdict(test: i)) + "\n\n"
    }
    md += "## Method\n\n"
    md += "Each test is the scenario with the listed values set at their JSON paths, checked like a scenario file. The base scenario and every test run with the scenario's seed, so replication r of each draws the same demand and lead times wherever the test leaves them alone; a change is the mean of the per-replication differences (test − base) of the same policy, with a paired Student-t 95% interval (± half-width; none with one replication). Fill-rate changes are in percentage points (pp).\n"
    return md
  }

  /// Policy rows of one scenario (nil: the base): fill rate, change, total cost, change.
  func policyTable(test: Int?) -> TextTable {
    var t = TextTable(header: ["Policy", "Fill rate", "Change vs base", "Total cost", "Change vs base"], rightAligned: [false, true, true, true, true])
    for (q, name) in result.policies.enumerated() {
      let o = test.map { result.outcomes[$0][q] } ?? result.base[q]
      t.rows.append([name, Self.withInterval(o.summary(of: "fillRate"), percent: true),
                     test.map { Self.change(result.change(test: $0, policy: q, kpi: "fillRate"), percent: true) } ?? "–",
                     Self.withInterval(o.summary(of: "totalCost"), percent: false),
                     test.map { Self.change(result.change(test: $0, policy: q, kpi: "totalCost"), percent: false) } ?? "–"])
    }
    return t
  }

  /// Writes `stress.csv`, `stress.json`, `stress.md` and `stress.html` into `directory` (created
  /// if needed), each atomically.
  ///
  /// - Returns: The paths written.
  @discardableResult
  public func write(to directory: String) throws -> [String] {
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let files = [("stress.csv", csv()), ("stress.json", json()), ("stress.md", markdown()),
                 ("stress.html", StressHTMLReport(result: result, version: version).render())]
    var written: [String] = []
    for (name, contents) in files {
      let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
      try AtomicFile.write(contents, to: path)
      written.append(path)
    }
    return written
  }
}
