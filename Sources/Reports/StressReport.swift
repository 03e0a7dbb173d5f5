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

  /// The verdict on service: "keeps service best: POLICY (fill rate X, cost Y); its lead is
  /// significant (...)" only when its paired fill-rate interval with every other policy excludes
  /// zero; otherwise "highest fill rate: POLICY (...), not distinguishable from ..." or, with one
  /// replication, "... untested".
  public static func verdictLine(_ v: StressVerdict, replications: Int) -> String {
    let figures = "\(v.name) (fill rate \(NumberFormat.percent(v.fillRate, 2)), cost \(NumberFormat.grouped(v.totalCost, 0)))"
    if v.significant {
      return "keeps service best: \(figures), a significant lead (paired t, 95%)"
    }
    if replications < 2 { return "highest fill rate: \(figures); untested with 1 replication (at least 2 are needed)" }
    if v.indistinguishable.isEmpty { return "highest fill rate: \(figures); the only policy" }
    return "highest fill rate: \(figures), not distinguishable from \(PairedRanking.list(v.indistinguishable)) at 95% over \(replications) replications"
  }

  /// The requirement in words: "a mean fill rate of at least 95.0%".
  var requirementText: String { "a mean fill rate of at least \(NumberFormat.percent(result.requiredFillRate, 1))" }

  /// The names of the base scenario and every test, in order (nil: the base).
  var scenarios: [(test: Int?, name: String)] { [(nil, Self.baseLabel)] + result.tests.indices.map { ($0, result.tests[$0].name) } }

  /// The first-screen answer, one sentence per item: the question; the cheapest policy at the
  /// required fill rate in the base scenario; how often each policy is cheapest under the tests
  /// (and how often significantly); the test whose paired cost increase is largest; the test.
  public func answer() -> [String] {
    var lines = ["Question: which policy has the lowest total cost at \(requirementText), in the base scenario and under each stress test, and what does each test cost?"]
    lines.append("Base scenario: " + statement(test: nil))
    var cheapest = Array(repeating: 0, count: result.policies.count), significant = cheapest
    var none: [String] = []
    for (i, test) in result.tests.enumerated() {
      let r = result.costRanking(test: i)
      guard let best = r.best else { none.append(test.name); continue }
      cheapest[best.index] += 1
      if r.bestIsSignificant { significant[best.index] += 1 }
    }
    let counts = result.policies.indices.filter { cheapest[$0] > 0 }.sorted { (cheapest[$0], -$0) > (cheapest[$1], -$1) }.map { q in
      "\(result.policies[q]) in \(cheapest[q]) (significantly in \(significant[q]))"
    }
    let n = result.tests.count
    var over = "Under the \(n) stress test\(n == 1 ? "" : "s"), the cheapest policy at \(requirementText) is "
    over += counts.isEmpty ? "never found" : PairedRanking.list(counts)
    if !none.isEmpty { over += "; in \(none.count) (\(PairedRanking.list(none))) no policy reaches it" }
    lines.append(over + ".")
    var worst: (test: Int, policy: Int, change: KPISummary)?
    for i in result.tests.indices {
      for q in result.policies.indices {
        let c = result.change(test: i, policy: q, kpi: "totalCost")
        if c.mean.isFinite, worst == nil || c.mean > worst!.change.mean { worst = (i, q, c) }
      }
    }
    if let worst, worst.change.mean > 0 {
      let ci = worst.change.interval.map { " (paired 95% interval \(Self.signed(NumberFormat.grouped($0.lower, 0), $0.lower)) to \(Self.signed(NumberFormat.grouped($0.upper, 0), $0.upper)))" } ?? ""
      lines.append("The largest cost increase over the base is \(result.policies[worst.policy]) under \(result.tests[worst.test].name): +\(NumberFormat.grouped(worst.change.mean, 0))\(ci).")
    }
    lines.append(result.costRanking(test: nil).testDescription)
    return lines
  }

  /// The cost ranking's statement for one scenario (nil: the base).
  func statement(test: Int?) -> String {
    result.costRanking(test: test).statement(noun: ("policy", "policies"), kpiName: "total cost", format: { NumberFormat.grouped($0, 0) },
                                             requirementText: requirementText)
  }

  /// `text` with a "+" when `value` is positive.
  static func signed(_ text: String, _ value: Double) -> String { value > 0 ? "+" + text : text }

  /// Per scenario: the cheapest policy at the required fill rate, its cost, the paired difference
  /// to the next with its interval and the verdict; the policy with the highest fill rate and
  /// whether its lead is significant.
  public func rankingTable() -> TextTable {
    let header = ["Scenario", "Cheapest at ≥ \(NumberFormat.percent(result.requiredFillRate, 1))", "Total cost", "Next", "Next − cheapest", "Cost verdict",
                  "Highest fill rate", "Service verdict"]
    var table = TextTable(header: header, rightAligned: [false, false, true, false, true, false, false, false])
    for (test, name) in scenarios {
      let r = result.costRanking(test: test)
      let v = test.map { result.verdict(test: $0) } ?? result.baseVerdict
      var row = [name]
      if let best = r.best {
        row += [best.name, SweepReport.withInterval(best.summary)]
        if let next = r.runnerUp, let d = next.differenceToBest {
          row += [next.name, SweepReport.change(d), SweepReport.verdict(r)]
        } else {
          row += ["–", "–", "only policy reaching it"]
        }
      } else {
        row += ["none", "", "", "", "no policy reaches \(NumberFormat.percent(result.requiredFillRate, 1))"]
      }
      let service = v.significant ? "significant" : (result.replications < 2 ? "untested (1 replication)" : "not distinguishable from " + PairedRanking.list(v.indistinguishable))
      row += ["\(v.name) (\(NumberFormat.percent(v.fillRate, 2)))", service]
      table.rows.append(row)
    }
    return table
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

  /// One verdict line per scenario: `base scenario: keeps service best: ...` (see `verdictLine`).
  public func verdicts() -> [String] {
    ["\(Self.baseLabel): " + Self.verdictLine(result.baseVerdict, replications: result.replications)]
      + result.tests.indices.map { "\(result.tests[$0].name): " + Self.verdictLine(result.verdict(test: $0), replications: result.replications) }
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
      .object([("policy", .string(v.name)), ("fillRate", JSONWriter.number(v.fillRate)), ("totalCost", JSONWriter.number(v.totalCost)),
               ("significant", .bool(v.significant)), ("indistinguishable", .array(v.indistinguishable.map { .string($0) }))])
    }
    let base: JSONValue = .object([
      ("policies", .array(result.base.map { .object([("name", .string($0.name)), ("kpis", SweepReport.kpisJSON($0))]) })),
      ("keepsServiceBest", verdictJSON(result.baseVerdict)),
      ("costRanking", SweepReport.rankingJSON(result.costRanking(test: nil))),
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
        ("costRanking", SweepReport.rankingJSON(result.costRanking(test: i))),
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
    md += "## Answer\n\n" + answer().map { "- " + $0 }.joined(separator: "\n") + "\n\n"
    md += "## Ranking per scenario\n\n"
    md += "Policies ranked by mean total cost among those with \(requirementText); Next − cheapest is the paired difference (same random numbers) with its 95% interval. The highest fill rate is significant when its paired interval with every other policy excludes 0.\n\n"
    md += rankingTable().markdown() + "\n"
    md += "## Change from the base scenario\n\n"
    md += "Each cell: the mean of the per-replication differences (test − base) of the same policy, with its paired 95% interval; fill rate in percentage points (pp).\n\n"
    md += changeTable().markdown() + "\n"
    md += "## Base scenario\n\n" + policyTable(test: nil).markdown() + "\n" + Self.verdictLine(result.baseVerdict, replications: result.replications) + "\n\n"
    for (i, test) in result.tests.enumerated() {
      md += "## \(test.name)\n\n"
      if let d = test.description { md += d + "\n\n" }
      md += "Sets: " + Self.settings(test).map { "`\($0)`" }.joined(separator: "; ") + "\n\n"
      md += policyTable(test: i).markdown() + "\n" + Self.verdictLine(result.verdict(test: i), replications: result.replications) + "\n\n"
    }
    md += "## Method\n\n"
    md += "Each test is the scenario with the listed values set at their JSON paths, checked like a scenario file. The base scenario and every test run with the scenario's seed, so replication r of each draws the same demand and lead times wherever the test leaves them alone; a change is the mean of the per-replication differences (test − base) of the same policy, with a paired Student-t 95% interval (± half-width; none with one replication). Fill-rate changes are in percentage points (pp).\n\n"
    md += "KPIs cover the days after warm-up:\n\n" + HTMLPage.definitions(keys: ["totalCost", "fillRate"]).map { "- **\($0.term)**: \($0.text)" }.joined(separator: "\n") + "\n"
    return md
  }

  /// Per test and policy: the paired change of fill rate and of total cost from the base, each
  /// with its 95% interval.
  func changeTable() -> TextTable {
    var t = TextTable(header: ["Test"] + result.policies.flatMap { ["\($0) fill rate", "\($0) cost"] },
                      rightAligned: [false] + result.policies.flatMap { _ in [true, true] })
    for (i, test) in result.tests.enumerated() {
      t.rows.append([test.name] + result.policies.indices.flatMap { q in
        [Self.change(result.change(test: i, policy: q, kpi: "fillRate"), percent: true), Self.change(result.change(test: i, policy: q, kpi: "totalCost"), percent: false)]
      })
    }
    return t
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
