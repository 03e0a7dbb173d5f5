import Experiments
import Parallelism
import Reports
import Scenarios
import SupplyModel

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

    daily.csv (one row per policy, day and stocking point of replication 0) is written by
    default only when it has at most 2,000,000 rows; --daily all writes it whatever its size,
    --daily none (or --no-daily) never. The trace is streamed through a scratch file in DIR, so
    memory does not grow with it. Above 200 SKUs the reports summarise the catalogue
    instead of listing every SKU (kpis.csv keeps every SKU).
    """
  static let options: [OptionSpec] = [
    .value("out", "DIR", "where to write the report (default reports/<scenario name>/)"),
    .value("seed", "N", "override the scenario's seed"),
    .value("replications", "N", "independent replications per policy (default: the scenario's, else 1)"),
    .value("threads", "N", "worker threads (default: all cores); results do not depend on it"),
    .value("daily", "all|none", "write daily.csv: all, or none (default: all up to 2,000,000 rows, else none)"),
    .flag("no-daily", "skip daily.csv (and the memory the daily trace needs); the same as --daily none"),
    .flag("quiet", "print nothing but errors"),
  ]

  static func run(_ args: ParsedArguments, console: Console) throws -> Int32 {
    try perform(args, console: console, clock: nil)
  }

  /// Runs the command; with a clock, marks the end of each phase (load, plan, simulate,
  /// aggregate, write) on it, for `bench run`.
  static func perform(_ args: ParsedArguments, console: Console, clock: PhaseClock?) throws -> Int32 {
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
    let daily = try dailyChoice(args, rows: RunReport.dailyRows(of: scenario))
    // The built network holds the SKUs; parsing a large scenario leaves its document's memory free but mapped.
    scenario.releaseSKUSpecs()
    Memory.returnFreedPages()
    clock?.lap("load")
    var experiment = Experiment(scenario: scenario, replications: replications, threads: threads, recordTrace: daily.write)
    if daily.write { experiment.traceSpool = try DailyTraceSpool(for: scenario, in: directory) }
    let bar = ProgressBar(console: console, label: "simulating", enabled: !args.flag("quiet"))
    let plans = experiment.plan()
    clock?.lap("plan")
    let runs = try bar.showing { try experiment.simulate(plans, progress: bar.update) }
    clock?.lap("simulate")
    let result = experiment.aggregate(plans, runs: consume runs)
    Memory.returnFreedPages()
    clock?.lap("aggregate")
    let report = RunReport(result: result, version: SupplySimCommand.version)
    let written = try report.write(to: directory)
    clock?.lap("write")
    if !args.flag("quiet") {
      let n = scenario.network
      console.out("\(scenario.spec.name): \(n.skus.count) SKUs, \(n.horizonDays) days (\(n.warmUpDays) warm-up), seed \(n.seed), \(replications) replication\(replications == 1 ? "" : "s")\n\n")
      console.out(report.comparisonTable().plain())
      console.out("\nwrote \(written.joined(separator: ", "))\n")
      if let note = daily.note { console.out(note + "\n") }
    }
    return 0
  }

  /// Whether to write daily.csv (`--daily`, `--no-daily`, else by its size: `rows` rows), and
  /// the line that says why it was left out when the size decided.
  static func dailyChoice(_ args: ParsedArguments, rows: Double) throws(UsageError) -> (write: Bool, note: String?) {
    switch args.value("daily") {
    case nil:
      if args.flag("no-daily") { return (false, nil) }
      if rows <= Double(RunReport.dailyRowLimit) { return (true, nil) }
      return (false, "daily.csv not written: it would have \(NumberFormat.grouped(rows, 0)) rows, more than \(NumberFormat.grouped(Double(RunReport.dailyRowLimit), 0)) (--daily all writes it)")
    case "all"?:
      if args.flag("no-daily") { throw UsageError("run: --daily all and --no-daily contradict each other; give one") }
      return (true, nil)
    case "none"?: return (false, nil)
    case let other?: throw UsageError("run: --daily takes all or none, got '\(other)'")
    }
  }
}
