#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Experiments
import Parallelism
import Reports
import Scenarios

/// `supplysim check`: re-run scenarios and compare every KPI with its baseline (the CI gate).
///
/// Exit codes: 0 every KPI held, 1 a regression, 2 the check could not run (bad scenario, rules
/// or baseline file, a scenario changed since its baseline, an output that could not be
/// written), 64 bad usage.
struct CheckCommand: CLICommand {
  static let name = "check"
  static let summary = "Re-run scenarios and fail when a KPI regressed from its baseline (the CI gate)."
  static let operands = "[SCENARIO...]"
  static let details = """
    Without SCENARIO, checks every DIR/*.baseline.json against the scenario file it records.
    Compares every KPI of every policy with DIR/<scenario name>.baseline.json under the rules
    (built-in defaults, adjusted by --rules FILE; see the README). With the baseline's seed and
    replication count (the default) runs are paired replication by replication, so unchanged
    code reproduces the baseline exactly; with another seed or count, Welch intervals are used.
    Prints a table of every KPI, failures first. By default the service KPIs and total cost of
    every policy are gated: a worsening significant under the family-wise correction (sign
    flips with Westfall–Young for paired runs of 9 to 64 replications, else t-tests with Holm)
    fails, however small; tolerances are a choice in a rules file.

    --allow-scenario-change compares a scenario edited since its baseline instead of refusing
    (exit 2), so the KPI effect of an edit shows before the baseline is refreshed.

    --inject NAME runs the check as if a planning bug were in the code (levels: s/S −1 unit,
    safety-stock: −10%, lead-time: planned a day short, forecast-bias: +5%, review-period: +1
    day, lot-size: +10%), injected into every policy it applies to (or --inject-policy P only):
    exit 1 means the gate catches that bug.

    --power measures the gate instead of applying it: for each scenario, over --seeds seeds, it
    injects planning bugs (s/S −1 unit, safety stock −10%, lead time planned a day short,
    forecast bias +5%, review period +1 day, lot size +10%) into the planners of its policies
    and reports how often the check fails, next to how often it fails without a regression.

    Exit codes: 0 every KPI held; 1 a KPI regressed; 2 the check could not run (unreadable or
    malformed scenario, rules or baseline, a scenario changed since its baseline: refresh
    with 'supplysim baseline SCENARIO --out DIR', or a --junit/--json path that cannot be
    written, checked before anything runs; missing folders are created); 64 bad usage.
    """
  static let options: [OptionSpec] = [
    .value("baseline", "DIR", "the folder of <scenario name>.baseline.json files (required)", required: true),
    .value("rules", "FILE", "a rules JSON file (default: the built-in rules)"),
    .value("junit", "FILE", "also write JUnit XML: one test case per scenario, policy and KPI"),
    .value("json", "FILE", "also write the result as JSON (supplysim.check/1)"),
    .value("seed", "N", "run with this seed instead of the baseline's (unpaired comparison)"),
    .value("replications", "N", "replications per policy (default: the baseline's)"),
    .value("threads", "N", "worker threads (default: all cores); results do not depend on it"),
    .flag("allow-scenario-change", "compare a scenario that changed since its baseline instead of exiting 2"),
    .value("inject", "NAME", "check as if this planning bug were in the code: \(InjectedRegression.names.joined(separator: ", "))"),
    .value("inject-policy", "POLICY", "--inject: into this policy only (default: every policy it applies to)"),
    .flag("power", "measure the gate's detection and false-alarm rates on injected regressions"),
    .value("seeds", "N", "--power: seeds per scenario (default 20)"),
    .value("first-seed", "N", "--power: the first seed (default 1)"),
  ]

  /// Exit code when the check could not run.
  static let couldNotRun: Int32 = 2

  static func run(_ args: ParsedArguments, console: Console) throws -> Int32 {
    guard let directory = args.value("baseline") else {
      throw UsageError("check: --baseline DIR is required: the folder with the <scenario name>.baseline.json files (usage: \(usageLine))")
    }
    var seed: UInt64?
    if let text = args.value("seed") {
      guard let s = UInt64(text) else { throw UsageError("check: --seed must be a whole number >= 0, got '\(text)'") }
      seed = s
    }
    let replications: Int? = args.value("replications") == nil ? nil : try args.integer("replications", default: 1, range: 1...100_000, command: name)
    let threads = try args.integer("threads", default: Parallel.defaultThreadCount, range: 1...1024, command: name)
    let allowChange = args.flag("allow-scenario-change")
    for option in ["seeds", "first-seed"] where args.value(option) != nil && !args.flag("power") {
      throw UsageError("check: --\(option) applies only with --power")
    }
    if let name = args.value("inject"), !InjectedRegression.names.contains(name) {
      throw UsageError("check: --inject must be one of \(InjectedRegression.names.joined(separator: ", ")), got '\(name)'")
    }
    if args.value("inject-policy") != nil && args.value("inject") == nil {
      throw UsageError("check: --inject-policy applies only with --inject NAME")
    }
    for option in ["seed", "junit", "json", "inject"] where args.value(option) != nil && args.flag("power") {
      throw UsageError("check: --\(option) does not apply with --power (it runs its own seeds and writes no report file)")
    }
    if args.positionals.contains(where: InputFile.isStandardInput) {
      throw UsageError("check: the scenario must be the file its baseline was made from, so '-' (standard input) cannot be used; name the file")
    }
    // Outputs first: a report that cannot be written must not cost a run of the gate.
    for option in ["junit", "json"] {
      guard let path = args.value(option) else { continue }
      do {
        try OutputPath.check(path, option: option, kind: .file, command: name)
      } catch let error as CLIError {
        console.problem("supplysim check: \(error)")
        return couldNotRun
      }
    }

    // Read and verify every input before running anything.
    var problems: [String] = []
    var rules = RuleSet()
    if let path = args.value("rules") {
      do { rules = try RuleSet.load(path: path) } catch { problems.append(error.description) }
    }
    var scenarioFiles = args.positionals
    if scenarioFiles.isEmpty {
      let files = try BaselineCommand.baselineFiles(in: directory)
      if files.isEmpty {
        problems.append("\(directory): holds no *.baseline.json files; make them with: supplysim baseline SCENARIO... --out \(directory)")
      }
      for file in files {
        do {
          let recorded = try Baseline.load(path: file)
          if recorded.scenarioFile.isEmpty {
            problems.append("\(file): scenario.file: is empty, so the scenario is unknown; name the scenario on the command line or make the baseline again")
          } else {
            scenarioFiles.append(recorded.scenarioFile)
          }
        } catch {
          problems.append(error.description)
        }
      }
    }
    var plans: [(scenario: Scenario, baseline: Baseline, baselineFile: String, changed: Bool)] = []
    for path in scenarioFiles {
      do {
        plans.append(try prepare(path, directory: directory, allowChange: allowChange || args.flag("power")))
      } catch let error as ScenarioErrors {
        problems.append(error.description)
      } catch {
        problems.append("\(error)")
      }
    }
    if let other = duplicateName(plans.map(\.scenario)) {
      problems.append("scenarios \(other.0) and \(other.1) share the name '\(other.2)' and so one baseline file; rename one")
    }
    var injections: [InjectedRegression?] = plans.map { _ in nil }
    if let name = args.value("inject"), problems.isEmpty {
      var misses: [String] = []
      for i in plans.indices {
        do { injections[i] = try InjectedRegression.inject(name, policy: args.value("inject-policy"), into: &plans[i].scenario) } catch { misses.append(error.description) }
      }
      // A scenario the bug does not touch is checked as built; a bug that touches none is a mistake.
      if injections.allSatisfy({ $0 == nil }) { problems += misses }
    }
    guard problems.isEmpty else { return cannotRun(problems, args: args, console: console) }
    if args.flag("power") {
      return try power(plans.map { ($0.scenario, replications ?? $0.baseline.replications) }, rules: rules, threads: threads, args: args, console: console)
    }

    var results: [CheckResult] = []
    for (index, var plan) in plans.enumerated() {
      if let seed {
        plan.scenario.network.seed = seed
        plan.scenario.spec.seed = seed
      } else {
        plan.scenario.network.seed = plan.baseline.seed
        plan.scenario.spec.seed = plan.baseline.seed
      }
      let experiment = Experiment(scenario: plan.scenario, replications: replications ?? plan.baseline.replications, threads: threads)
      let bar = ProgressBar(console: console, label: "checking \(plan.scenario.spec.name)", enabled: true)
      let result: ExperimentResult
      do {
        result = try bar.showing { try experiment.run(progress: bar.update) }
      } catch {
        return cannotRun([ErrorText.line(for: error)], args: args, console: console)
      }
      do {
        var checked = try BaselineCheck.compare(result, with: plan.baseline, baselineFile: plan.baselineFile, rules: rules)
        checked.scenarioChanged = plan.changed
        checked.injected = injections[index]
        if injections[index] == nil, let name = args.value("inject") {
          checked.injectionSkipped = name + (args.value("inject-policy").map { " --inject-policy " + shellWord($0) } ?? "")
        }
        checked.reproduceCommand = reproduceCommand(plan.scenario.file, directory: directory, args: args)
        results.append(checked)
      } catch {
        return cannotRun([error.description], args: args, console: console)
      }
    }

    let report = CheckReport(results: results, rulesSource: rules.source, version: SupplySimCommand.version)
    console.out(report.text())
    var outputs: [(String, String, String)] = []
    if let path = args.value("junit") { outputs.append(("junit", path, JUnitReport.render(report))) }
    if let path = args.value("json") { outputs.append(("json", path, report.json())) }
    for (option, path, text) in outputs {
      do {
        try OutputPath.write(text, to: path, option: option)
      } catch {
        console.problem("supplysim check: \(error)")
        return couldNotRun
      }
    }
    return report.passed ? 0 : 1
  }

  /// Prints each problem on standard error and, so CI shows why the gate did not run, writes
  /// them to the --junit and --json files when asked; returns exit code 2.
  static func cannotRun(_ problems: [String], args: ParsedArguments, console: Console) -> Int32 {
    for p in problems { console.problem("supplysim check: \(p)") }
    if let path = args.value("junit") { try? OutputPath.write(JUnitReport.render(problems: problems), to: path, option: "junit") }
    if let path = args.value("json") { try? OutputPath.write(CheckReport.json(problems: problems, version: SupplySimCommand.version), to: path, option: "json") }
    return couldNotRun
  }

  /// The command that checks `scenarioFile` alone with the options of this run.
  static func reproduceCommand(_ scenarioFile: String, directory: String, args: ParsedArguments) -> String {
    var words = ["supplysim", "check", scenarioFile, "--baseline", directory]
    for option in ["rules", "seed", "replications", "inject", "inject-policy"] {
      if let v = args.value(option) { words += ["--\(option)", v] }
    }
    if args.flag("allow-scenario-change") { words.append("--allow-scenario-change") }
    return words.map(shellWord).joined(separator: " ")
  }

  /// Loads a scenario and its baseline and checks that the scenario is the one the baseline was
  /// made from; with `allowChange`, an edited scenario is accepted and reported as changed.
  static func prepare(_ path: String, directory: String, allowChange: Bool = false) throws -> (scenario: Scenario, baseline: Baseline, baselineFile: String, changed: Bool) {
    let scenario = try Scenario.load(path: path)
    let hash = try BaselineCommand.fingerprint(path)
    let dir = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
    let baselineFile = dir + "/" + Baseline.fileName(scenario: scenario.spec.name)
    let refresh = "supplysim baseline \(path) --out \(dir)"
    guard FileManager.default.fileExists(atPath: baselineFile) else {
      throw CheckInputError(file: baselineFile, path: "", problem: "no baseline for scenario '\(scenario.spec.name)'; make one with: \(refresh)")
    }
    let baseline: Baseline
    do {
      baseline = try Baseline.load(path: baselineFile)
    } catch {
      // Name the exact command that makes a good baseline again.
      var e = error
      if e.problem.hasSuffix("'supplysim baseline'") {
        e.problem = String(e.problem.dropLast("'supplysim baseline'".count)) + "'\(refresh)'"
      } else {
        e.problem += "; regenerate it with '\(refresh)'"
      }
      throw e
    }
    guard baseline.scenarioName == scenario.spec.name else {
      throw CheckInputError(file: baselineFile, path: "scenario.name", problem: "is '\(baseline.scenarioName)', not '\(scenario.spec.name)'; regenerate it with: \(refresh)")
    }
    let changed = baseline.scenarioHash != hash
    guard !changed || allowChange else {
      throw CheckInputError(file: path, path: "", problem: "the scenario changed since its baseline \(baselineFile) was made (hash \(short(hash)), baseline \(short(baseline.scenarioHash))); to see the effect of the edit, compare it with --allow-scenario-change; if the change is intended, refresh the baseline with: \(refresh)")
    }
    for outcome in scenario.policies where baseline.policy(named: outcome.name) == nil {
      throw CheckInputError(file: baselineFile, path: "policies", problem: "has no policy '\(outcome.name)'; regenerate it with: \(refresh)")
    }
    return (scenario, baseline, baselineFile, changed)
  }

  /// A word as a POSIX shell reads it back: as is when it holds only safe characters, else in
  /// single quotes.
  static func shellWord(_ word: String) -> String {
    let safe = word.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || $0.properties.numericType != nil || "-_./=:,+@%".unicodeScalars.contains($0)) }
    return safe && !word.isEmpty ? word : "'" + word.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
  }

  static func short(_ hash: String) -> String { String(hash.prefix(ScenarioFingerprint.prefix.count + 12)) + "…" }

  static func duplicateName(_ scenarios: [Scenario]) -> (String, String, String)? {
    for (i, a) in scenarios.enumerated() {
      for b in scenarios[..<i] where a.spec.name == b.spec.name { return (b.file, a.file, a.spec.name) }
    }
    return nil
  }
}
