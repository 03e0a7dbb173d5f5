#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Experiments
import Parallelism
import Scenarios

/// A command whose work is a batch of scenarios × replications that nothing couples, so it can
/// run as `--shard K/N` pieces and be put back together by `supplysim merge`.
///
/// Every run takes one path: plan (check every input), compute units, assemble, write. Unsharded,
/// all units are computed at once; sharded, each shard computes its block and writes a
/// `PartialResult`, and the merge reads the blocks and writes through the same `finish`, so the
/// outputs are the same bytes.
protocol ShardedCommand: CLICommand {
  /// Everything checked before any work: the scenarios to run, replications, what to write.
  associatedtype Plan
  /// Checks the arguments and the scenario; runs nothing.
  static func plan(_ args: ParsedArguments, template: ScenarioTemplate) throws -> Plan
  /// The number of scenarios (grid points, base + tests) and replications of each: one unit per
  /// scenario and replication. Needs no scenario built.
  static func shape(_ plan: Plan) -> (scenarios: Int, replications: Int)
  /// Some scenarios (a shard's, or all) built and checked as a batch; scenario i of the batch is
  /// `scenarios.lowerBound + i`.
  static func batch(_ plan: Plan, scenarios: Range<Int>) throws -> ExperimentBatch
  /// Where the outputs go without `--out`.
  static func defaultDirectory(_ plan: Plan) -> String
  /// The progress bar's label.
  static var progressLabel: String { get }
  /// What one unit is, for messages: `grid point`, `scenario`.
  static var unitName: String { get }
  /// Writes every output from the assembled results and prints the summary (unless `quiet`).
  static func finish(_ plan: Plan, totals: [[PolicyTotals]], directory: String, quiet: Bool, console: Console) throws
  /// Finishes the command from merged shards (see `MergeCommand`).
  static func replay(reference: PartialResult, file: String, units: [UnitTotals], args: ParsedArguments, console: Console) throws -> Int32
}

/// The options every sharded command takes, and the driver that runs one.
enum Sharding {
  /// The sharded commands, by name (`merge` replays one of these).
  static var commands: [any ShardedCommand.Type] { [SweepCommand.self, StressCommand.self] }

  /// Options added to every sharded command.
  static let options: [OptionSpec] = [
    .value("shard", "K/N", "run only shard K of N (numbered from 1) and write its partial result into --out, for 'supplysim merge'"),
    .value("progress", "MODE", "bar (default: on a terminal only), json (one JSON line per second on stderr, for scheduler logs) or none"),
    .value("emit", "KIND", "print a cluster job instead of running: slurm (a job array and a dependent merge) or kubernetes (an Indexed Job and a merge Job)"),
  ] + ClusterJob.options

  /// Options that do not change a command's results: left out of a shard's recorded arguments.
  static let unrecorded: Set<String> = Set(["shard", "progress", "emit", "out", "threads", "quiet"] + ClusterJob.options.map(\.name))

  /// Runs a sharded command: plain, as one shard, or printing a cluster job.
  static func run<C: ShardedCommand>(_ command: C.Type, _ args: ParsedArguments, console: Console) throws -> Int32 {
    guard args.positionals.count == 1 else {
      throw UsageError("\(C.name): expected one scenario file, got \(args.positionals.count) (usage: \(C.usageLine))")
    }
    let shard = try args.value("shard").map { text throws(UsageError) -> Shard in
      switch Shard.parse(text) {
      case let .success(s): return s
      case let .failure(e): throw UsageError("\(C.name): --shard \(e.problem)")
      }
    }
    let emit = try choice(args, "emit", ["slurm", "kubernetes"], command: C.name)
    if emit != nil && shard != nil { throw UsageError("\(C.name): --emit prints the job that runs every shard; give --shards N, not --shard") }
    if emit == nil, let extra = ClusterJob.options.first(where: { args.values[$0.name] != nil }) {
      throw UsageError("\(C.name): --\(extra.name) goes with --emit slurm or --emit kubernetes")
    }
    let progress = try choice(args, "progress", ["bar", "json", "none"], command: C.name)
    let path = args.positionals[0]
    // A shard keeps the scenario's text for the merge; standard input can be read only once.
    var text: String? = nil
    let template: ScenarioTemplate
    if shard != nil && InputFile.isStandardInput(path) {
      let read = try InputFile.text(path, console: console)
      template = try ScenarioTemplate.load(json: read, file: InputFile.standardInputName)
      text = read
    } else {
      template = try InputFile.template(path, console: console)
    }
    let plan = try C.plan(args, template: template)
    let shape = C.shape(plan)
    let unitCount = shape.scenarios * shape.replications
    let quiet = args.flag("quiet")
    let mode: ProgressBar.Mode = switch progress {
    case "json": .json(command: C.name, shard: shard?.description)
    case "none": .none
    default: quiet ? .none : .bar
    }
    let recorded = recordedArguments(args, options: C.options)
    if let emit {
      guard !InputFile.isStandardInput(path) else {
        throw UsageError("\(C.name): --emit needs the scenario as a file the cluster's nodes can read, not standard input")
      }
      let directory = args.value("out") ?? C.defaultDirectory(plan)
      // Every scenario is built and checked here, before anything is submitted.
      _ = try C.batch(plan, scenarios: 0..<shape.scenarios)
      let job = try ClusterJob(args, command: C.name, arguments: recorded, directory: directory, units: unitCount)
      console.out(emit == "slurm" ? job.slurm() : job.kubernetes())
      return 0
    }
    if let shard {
      let directory = args.value("out") ?? "\(C.defaultDirectory(plan))/shard-\(shard.index)"
      try OutputPath.check(directory, option: "out", kind: .folder, command: C.name)
      let scenarioText = try text ?? InputFile.text(path, console: console)
      let units = shard.units(of: unitCount)
      // Only this shard's scenarios are built: unit u is scenario u / replications.
      let r = shape.replications
      let first = units.isEmpty ? 0 : units.lowerBound / r, end = units.isEmpty ? 0 : (units.upperBound - 1) / r + 1
      let batch = try C.batch(plan, scenarios: first..<end)
      let offset = first * r
      let bar = ProgressBar(console: console, label: "\(C.progressLabel) (shard \(shard))", mode: mode)
      let mine = units.isEmpty ? 0..<0 : (units.lowerBound - offset)..<(units.upperBound - offset)
      let local = try bar.showing { try batch.run(units: mine, progress: bar.update) }
      let results = local.map { UnitTotals(unit: $0.unit + offset, policies: $0.policies) }
      let partial = PartialResult(
        version: SupplySimCommand.version, command: C.name, arguments: recorded, scenarioFile: template.file, scenarioText: scenarioText,
        fingerprint: ScenarioFingerprint.prefix + SHA256.hex(ScenarioFingerprint.canonicalText(template.document)),
        shard: shard, totalUnits: unitCount, policies: template.base.policies.map(\.name), results: results)
      let file = directory + "/" + PartialResult.fileName
      try OutputPath.write(partial.render(), to: file, option: "out")
      if !quiet {
        console.out("\(template.base.spec.name): shard \(shard): units \(units.lowerBound)..<\(units.upperBound) of \(unitCount) (one unit = one \(C.unitName) in one replication)\nwrote \(file)\n")
      }
      return 0
    }
    let directory = args.value("out") ?? C.defaultDirectory(plan)
    try OutputPath.check(directory, option: "out", kind: .folder, command: C.name)
    let bar = ProgressBar(console: console, label: C.progressLabel, mode: mode)
    let batch = try C.batch(plan, scenarios: 0..<shape.scenarios)
    let totals = try bar.showing { try batch.run(progress: bar.update) }
    try C.finish(plan, totals: totals, directory: directory, quiet: quiet, console: console)
    return 0
  }

  /// An option restricted to `choices`, or nil when absent.
  static func choice(_ args: ParsedArguments, _ name: String, _ choices: [String], command: String) throws(UsageError) -> String? {
    guard let value = args.value(name) else { return nil }
    guard choices.contains(value) else {
      throw UsageError("\(command): --\(name) must be one of \(choices.joined(separator: ", ")), got '\(value)'")
    }
    return value
  }

  /// The arguments that determine a command's results, in a fixed order: the operands, then
  /// each recorded option in the command's option order as `--name=value`.
  static func recordedArguments(_ args: ParsedArguments, options: [OptionSpec]) -> [String] {
    var out = args.positionals
    for option in options where !unrecorded.contains(option.name) {
      if option.valueName == nil {
        if args.flag(option.name) { out.append("--\(option.name)") }
      } else {
        for value in args.values[option.name] ?? [] { out.append("--\(option.name)=\(value)") }
      }
    }
    return out
  }
}

extension ShardedCommand {
  static var unitName: String { "scenario" }
}
