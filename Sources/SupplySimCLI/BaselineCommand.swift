#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Experiments
import Parallelism
import Reports
import Scenarios

/// `supplysim baseline`: run scenarios and record their KPIs for `supplysim check`.
struct BaselineCommand: CLICommand {
  static let name = "baseline"
  static let summary = "Run scenarios and record every KPI of every replication as baselines for 'check'."
  static let operands = "SCENARIO..."
  static let otherForms = ["supplysim baseline --refresh [--out DIR] [--replications N] [--threads N] [--quiet]"]
  static let details = """
    Writes DIR/<scenario name>.baseline.json per scenario (atomically): the SupplySim version,
    the seed, the replication count, a SHA-256 of the scenario's canonical JSON, and per policy
    and KPI the mean, sd, 95% CI and the value of every replication. Every scenario is checked
    before any runs.

    --refresh regenerates every baseline already in DIR from the scenario file it records, with
    its recorded replication count (run it from the folder the paths are relative to, e.g. the
    repository root). After an intended change to the simulator or a scenario:
      supplysim baseline --refresh
    """
  static let options: [OptionSpec] = [
    .value("out", "DIR", "where to write the baselines (default \(defaultDirectory))"),
    .value("replications", "N", "replications per policy (default: the scenario's, else \(defaultReplications))"),
    .value("threads", "N", "worker threads (default: all cores); results do not depend on it"),
    .flag("refresh", "regenerate every baseline in DIR from the scenario file it records"),
    .flag("quiet", "print nothing but errors"),
  ]

  /// The default baseline folder.
  static let defaultDirectory = "reports/baselines"
  /// Replications when neither the option nor the scenario sets them: enough for stable intervals.
  static let defaultReplications = 10

  static func run(_ args: ParsedArguments, console: Console) throws -> Int32 {
    let directory = args.value("out") ?? defaultDirectory
    var requests: [(path: String, replications: Int?)] = args.positionals.map { ($0, nil) }
    if args.flag("refresh") {
      guard args.positionals.isEmpty else {
        throw UsageError("baseline: --refresh takes no scenario files; it rebuilds the baselines in \(directory) from the scenario files they record")
      }
      let files = try baselineFiles(in: directory)
      guard !files.isEmpty else {
        throw CheckInputError(file: directory, path: "", problem: "holds no *.baseline.json files to refresh; make them with: supplysim baseline SCENARIO... --out \(directory)")
      }
      requests = try files.map { file in
        let recorded = try Baseline.load(path: file)
        guard !recorded.scenarioFile.isEmpty else {
          throw CheckInputError(file: file, path: "scenario.file", problem: "is empty, so the scenario is unknown; make it again with: supplysim baseline SCENARIO --out \(directory)")
        }
        return (recorded.scenarioFile, recorded.replications)
      }
    }
    guard !requests.isEmpty else {
      throw UsageError("baseline: expected at least one scenario file, or --refresh (usage: \(usageLine))")
    }
    if requests.contains(where: { InputFile.isStandardInput($0.path) }) {
      throw UsageError("baseline: a baseline records its scenario's file for 'check' and '--refresh', so '-' (standard input) cannot be used; name the file")
    }
    let threads = try args.integer("threads", default: Parallel.defaultThreadCount, range: 1...1024, command: name)
    try OutputPath.check(directory, option: "out", kind: .folder, command: name)
    var loaded: [(scenario: Scenario, hash: String, replications: Int?)] = []
    for (path, recorded) in requests {
      let scenario = try Scenario.load(path: path)
      if let other = loaded.first(where: { $0.scenario.spec.name == scenario.spec.name }) {
        if other.scenario.file == scenario.file { throw UsageError("baseline: \(path) is named twice; name each scenario once") }
        throw UsageError("baseline: \(path) and \(other.scenario.file) are both named '\(scenario.spec.name)' and would share one baseline file; rename one")
      }
      loaded.append((scenario, try fingerprint(path), recorded))
    }
    for (scenario, hash, recorded) in loaded {
      let fallback = recorded ?? scenario.spec.replications ?? defaultReplications
      let replications = try args.integer("replications", default: fallback, range: 1...100_000, command: name)
      let bar = ProgressBar(console: console, label: scenario.spec.name, enabled: !args.flag("quiet"))
      let experiment = Experiment(scenario: scenario, replications: replications, threads: threads)
      let result = try bar.showing { try experiment.run(progress: bar.update) }
      let baseline = Baseline(result: result, scenarioHash: hash, version: SupplySimCommand.version)
      let written = try BaselineFile.write(baseline, toDirectory: directory)
      if !args.flag("quiet") {
        console.out("wrote \(written): \(baseline.policies.count) policies, seed \(baseline.seed), \(replications) replication\(replications == 1 ? "" : "s")\n")
      }
    }
    return 0
  }

  /// The `*.baseline.json` files in a folder, sorted by name; none when the folder does not exist.
  static func baselineFiles(in directory: String) throws -> [String] {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
    let dir = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
    return names.filter { $0.hasSuffix(".baseline.json") }.sorted().map { dir + "/" + $0 }
  }

  /// The `ScenarioFingerprint` of a scenario file that has already loaded successfully.
  static func fingerprint(_ path: String) throws -> String {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw CheckInputError(file: path, path: "", problem: "cannot be read")
    }
    return try ScenarioFingerprint.of(json: String(decoding: data, as: UTF8.self))
  }
}
