import Experiments
import Parallelism
import Reports
import Scenarios

/// `supplysim run`: simulate every policy of a scenario and write the report.
struct RunCommand: CLICommand {
  static let name = "run"
  static let summary = "Simulate every policy in a scenario on the same demand and write a report."
  static let operands = "SCENARIO"
  static let details = """
    Prints a KPI comparison table and writes summary.json, kpis.csv, daily.csv, report.md and
    report.html into DIR (default: reports/<scenario name>/), plus nodes.csv for a multi-echelon
    network. Files are written atomically; missing folders are created. SCENARIO - reads the
    scenario from standard input.
    """
  static let options: [OptionSpec] = [
    .value("out", "DIR", "where to write the report (default reports/<scenario name>/)"),
    .value("seed", "N", "override the scenario's seed"),
    .value("replications", "N", "independent replications per policy (default: the scenario's, else 1)"),
    .value("threads", "N", "worker threads (default: all cores); results do not depend on it"),
    .flag("no-daily", "skip daily.csv (and the memory the daily trace needs)"),
    .flag("quiet", "print nothing but errors"),
  ]

  static func run(_ args: ParsedArguments, console: Console) throws -> Int32 {
    guard args.positionals.count == 1 else {
      throw UsageError("run: expected one scenario file, got \(args.positionals.count) (usage: \(usageLine))")
    }
    var scenario = try InputFile.scenario(args.positionals[0], console: console)
    if let text = args.value("seed") {
      guard let seed = UInt64(text) else { throw UsageError("run: --seed must be a whole number >= 0, got '\(text)'") }
      scenario.network.seed = seed
      scenario.spec.seed = seed
    }
    let replications = try args.integer("replications", default: scenario.spec.replications ?? 1, range: 1...100_000, command: name)
    let threads = try args.integer("threads", default: Parallel.defaultThreadCount, range: 1...1024, command: name)
    let directory = args.value("out") ?? "reports/\(scenario.spec.name)"
    try OutputPath.check(directory, option: "out", kind: .folder, command: name)
    let experiment = Experiment(scenario: scenario, replications: replications, threads: threads, recordTrace: !args.flag("no-daily"))
    let bar = ProgressBar(console: console, label: "simulating", enabled: !args.flag("quiet"))
    let result = try bar.showing { try experiment.run(progress: bar.update) }
    let report = RunReport(result: result, version: SupplySimCommand.version)
    let written = try report.write(to: directory)
    if !args.flag("quiet") {
      let n = scenario.network
      console.out("\(scenario.spec.name): \(n.skus.count) SKUs, \(n.horizonDays) days (\(n.warmUpDays) warm-up), seed \(n.seed), \(replications) replication\(replications == 1 ? "" : "s")\n\n")
      console.out(report.comparisonTable().plain())
      console.out("\nwrote \(written.joined(separator: ", "))\n")
    }
    return 0
  }
}
