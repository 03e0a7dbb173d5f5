import Experiments
import Scenarios
import SupplyModel

/// What `supplysim check` prints and writes: a table of every KPI, failures first, and a
/// machine-readable JSON document (`supplysim.check/1`).
public struct CheckReport: Sendable {
  /// One result per scenario, in command-line order.
  public var results: [CheckResult]
  /// Where the rules came from (a file or `built-in defaults`).
  public var rulesSource: String
  /// The SupplySim version doing the check.
  public var version: String

  /// Creates a report.
  public init(results: [CheckResult], rulesSource: String, version: String) {
    self.results = results
    self.rulesSource = rulesSource
    self.version = version
  }

  /// True when every KPI of every scenario held.
  public var passed: Bool { results.allSatisfy(\.passed) }

  /// Failed KPIs over all scenarios.
  public var failureCount: Int { results.reduce(0) { $0 + $1.failures.count } }

  /// Verdicts over all scenarios.
  public var verdictCount: Int { results.reduce(0) { $0 + $1.verdicts.count } }

  /// Every verdict with its scenario, failures first, otherwise in scenario, policy and KPI order.
  public var orderedVerdicts: [(scenario: String, verdict: KPIVerdict)] {
    let all = results.flatMap { r in r.verdicts.map { (scenario: r.scenario, verdict: $0) } }
    return all.filter { $0.verdict.outcome == .fail } + all.filter { $0.verdict.outcome != .fail }
  }

  /// The table of every KPI: scenario, policy, KPI, baseline, now, change, rule, verdict.
  public func table() -> TextTable {
    var table = TextTable(header: ["Scenario", "Policy", "KPI", "Baseline", "Now", "Change", "Rule", "p", "Verdict"],
                          rightAligned: [false, false, false, true, true, true, false, true, false])
    for (scenario, v) in orderedVerdicts {
      var change = "—"
      if let c = v.change {
        // Changes of large KPIs (costs, units) in whole units, like their baselines.
        let whole = abs(v.baselineMean ?? 0) >= 1000 && abs(c.change) >= 1
        change = (c.change > 0 ? "+" : "") + (whole ? NumberFormat.grouped(c.change, 0) : Self.cell(c.change))
        if let r = v.relativeChange, c.change != 0 { change += " (" + (r > 0 ? "+" : "") + NumberFormat.fixed(r * 100, 1) + "%)" }
      }
      let verdict = switch v.outcome {
      case .fail: "FAIL"
      case .pass: "ok"
      case .ignored: "ignored"
      case .new: "new"
      }
      let p = v.adjustedPValue.map { KPIVerdict.significant($0) } ?? "—"
      table.rows.append([scenario, v.policy, v.kpi, v.baselineMean.map(Self.cell) ?? "—", Self.cell(v.mean), change, v.rule.summary, p, verdict])
    }
    return table
  }

  /// The full text for standard output: per scenario how it was compared, the table, one line
  /// per failure, and per failing scenario which policies failed and the command that repeats it.
  public func text() -> String {
    var out = ""
    for r in results {
      out += "\(r.scenario): \(r.scenarioFile) against \(r.baselineFile), \(r.methodDescription)"
      if let correction = r.correctionDescription { out += "; \(correction)" }
      out += "\n"
      if r.scenarioChanged {
        out += "  note: the scenario changed since its baseline (compared anyway, --allow-scenario-change): changes show the effect of the edit\n"
      }
      if let injected = r.injected {
        out += "  note: injected planning bug '\(injected.label)' (--inject \(injected.name)) into \(injected.policies.joined(separator: ", ")): the changes are that bug's, not the code's as built\n"
      } else if let skipped = r.injectionSkipped {
        out += "  note: --inject \(skipped) applies to no policy of this scenario: checked as built\n"
      }
      if r.baselineVersion != version {
        out += "  note: the baseline was made by SupplySim \(r.baselineVersion.isEmpty ? "(unknown)" : r.baselineVersion), this is \(version)\n"
      }
    }
    out += "rules: \(rulesSource)\n\n"
    out += table().plain()
    out += "\n"
    for (scenario, v) in orderedVerdicts where v.outcome == .fail {
      out += "FAIL \(scenario) \(v.policy) \(v.kpi): \(v.message)\n"
    }
    for r in results where !r.passed {
      let policies = r.failedPolicies.map { p in "\(p) (\(r.failures.filter { $0.policy == p }.map(\.kpi).joined(separator: ", ")))" }
      out += "\(r.scenario): regressed: \(policies.joined(separator: "; "))\n"
      if let command = r.reproduceCommand { out += "  reproduce: \(command)\n" }
    }
    let new = orderedVerdicts.filter { $0.verdict.outcome == .new }.count
    if new > 0 { out += "\(new) KPI\(new == 1 ? " has" : "s have") no baseline value; refresh the baselines to track them\n" }
    out += passed
      ? "check passed: \(verdictCount) KPIs held in \(results.count) scenario\(results.count == 1 ? "" : "s")\n"
      : "check FAILED: \(failureCount) of \(verdictCount) KPIs regressed\n"
    return out
  }

  /// A number for the table: thousands grouped above 1,000, else up to 4 decimals.
  static func cell(_ x: Double) -> String {
    abs(x) >= 1000 ? NumberFormat.grouped(x, 0) : KPIRule.format(x)
  }

  /// The machine-readable result of a check that could not run: `passed` false and the problems.
  public static func json(problems: [String], version: String) -> String {
    JSONWriter.render(.object([
      ("format", .string("supplysim.check/1")),
      ("supplysimVersion", .string(version)),
      ("passed", .bool(false)),
      ("couldNotRun", .array(problems.map { .string($0) })),
      ("scenarios", .array([])),
    ]))
  }

  /// The machine-readable result, `supplysim.check/1`, keys sorted.
  public func json() -> String {
    var scenarios: [JSONValue] = []
    for r in results {
      var verdicts: [JSONValue] = []
      for v in r.verdicts {
        var rule: [(key: String, value: JSONValue)] = [
          ("test", .string(v.rule.test.rawValue)),
          ("direction", .string(v.rule.direction.rawValue)),
          ("absolute", v.rule.absolute.map(JSONWriter.number) ?? .null),
          ("relative", v.rule.relative.map(JSONWriter.number) ?? .null),
        ]
        if v.rule.test == .statistical { rule.append(("level", JSONWriter.number(v.rule.level))) }
        let effect: JSONValue = v.change?.standardizedEffect.map(JSONWriter.number) ?? .null
        var flipInterval = JSONValue.null
        if let ci = v.signFlipInterval {
          // An end the test leaves open (the side that is not a regression) is null.
          flipInterval = .object([("level", JSONWriter.number(ci.level)), ("lower", ci.lower.isFinite ? JSONWriter.number(ci.lower) : .null),
                                  ("upper", ci.upper.isFinite ? JSONWriter.number(ci.upper) : .null)])
        }
        var counts = JSONValue.null
        if let c = v.replicationCounts {
          counts = .object([("worse", JSONWriter.number(c.worse)), ("better", JSONWriter.number(c.better)), ("same", JSONWriter.number(c.same))])
        }
        verdicts.append(.object([
          ("policy", .string(v.policy)),
          ("kpi", .string(v.kpi)),
          ("verdict", .string(v.outcome.rawValue)),
          ("baselineMean", v.baselineMean.map(JSONWriter.number) ?? .null),
          ("mean", JSONWriter.number(v.mean)),
          ("change", v.change.map { JSONWriter.number($0.change) } ?? .null),
          ("relativeChange", v.relativeChange.map(JSONWriter.number) ?? .null),
          ("interval", v.change?.interval.map { ci in .object([
            ("level", JSONWriter.number(ci.level)),
            ("lower", JSONWriter.number(ci.lower)),
            ("upper", JSONWriter.number(ci.upper)),
          ]) } ?? .null),
          ("effectSize", effect),
          ("signFlipInterval", flipInterval),
          ("replicationCounts", counts),
          ("threshold", JSONWriter.number(v.threshold)),
          ("pValue", v.pValue.map(JSONWriter.number) ?? .null),
          ("adjustedPValue", v.adjustedPValue.map(JSONWriter.number) ?? .null),
          ("test", v.test.map { .string($0) } ?? .null),
          ("rule", .object(rule)),
          ("message", .string(v.message)),
        ]))
      }
      var members: [(key: String, value: JSONValue)] = [
        ("name", .string(r.scenario)),
        ("file", .string(r.scenarioFile)),
        ("baseline", .string(r.baselineFile)),
        ("seed", .number(String(r.seed))),
        ("baselineSeed", .number(String(r.baselineSeed))),
        ("replications", JSONWriter.number(r.replications)),
        ("baselineReplications", JSONWriter.number(r.baselineReplications)),
        ("method", .string(r.method.rawValue)),
        ("multipleComparisons", .string(r.multipleComparisons.rawValue)),
        ("passed", .bool(r.passed)),
        ("failures", JSONWriter.number(r.failures.count)),
        ("scenarioChanged", .bool(r.scenarioChanged)),
        ("reproduce", r.reproduceCommand.map { .string($0) } ?? .null),
        ("kpis", .array(verdicts)),
      ]
      if let i = r.injected {
        members.append(("injected", .object([
          ("name", .string(i.name)),
          ("label", .string(i.label)),
          ("policies", .array(i.policies.map { .string($0) })),
        ])))
      }
      scenarios.append(.object(members))
    }
    return JSONWriter.render(.object([
      ("format", .string("supplysim.check/1")),
      ("supplysimVersion", .string(version)),
      ("rules", .string(rulesSource)),
      ("passed", .bool(passed)),
      ("failures", JSONWriter.number(failureCount)),
      ("scenarios", .array(scenarios)),
    ]))
  }
}
