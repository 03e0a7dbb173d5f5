import Experiments
import Scenarios

/// `supplysim merge`: puts the shards of a sharded command back together and writes the outputs
/// the unsharded command writes, byte for byte.
struct MergeCommand: CLICommand {
  static let name = "merge"
  static let summary = "Combine the partial results of 'sweep' or 'stress' shards (--shard K/N) into the outputs of the unsharded command."
  static let operands = "DIR..."
  static let details = """
    Each DIR is one shard's --out folder, holding its partial.json. Every shard of the split must
    be named once (in any order); shards of another command, scenario, argument list, version or
    shard count are refused, naming the file. The merge replays the command recorded in the shards
    on the scenario text they carry (the scenario file need not be at hand) and writes the same
    files, and prints the same summary, as the command run on one machine: byte-identical, whatever
    N and however the shards were spread.
    """
  static let options: [OptionSpec] = [
    .value("out", "DIR", "where to write the outputs (default: the command's own default, e.g. reports/<scenario name>-sweep/)"),
    .flag("quiet", "print nothing but errors"),
  ]

  static func run(_ args: ParsedArguments, console: Console) throws -> Int32 {
    guard !args.positionals.isEmpty else {
      throw UsageError("merge: name the shards' folders, e.g. supplysim merge out/shard-1 out/shard-2 out/shard-3 --out out (usage: \(usageLine))")
    }
    if let (i, j) = duplicateFolder(args.positionals) {
      throw UsageError("merge: the folder \(args.positionals[j]) is named twice (arguments \(i + 1) and \(j + 1)); name each shard once")
    }
    var parts: [ShardMerge.Part] = []
    for folder in args.positionals {
      let file = OutputPath.trimmingSlashes(folder) + "/" + PartialResult.fileName
      guard OutputPath.isDirectory(folder) == true else {
        throw CLIError(subject: folder, problem: OutputPath.isDirectory(folder) == nil
          ? "no such folder; name each shard's --out folder (run the shard with --shard K/N --out \(folder) first)"
          : "is a file; name the shard's --out folder, which holds \(PartialResult.fileName)")
      }
      guard OutputPath.isDirectory(file) == false else {
        throw CLIError(subject: folder, problem: "has no \(PartialResult.fileName); the shard did not finish (or this is not a shard's --out folder): run it again")
      }
      let text = try InputFile.text(file, console: console)
      parts.append((file, try PartialResult.parse(text, file: file)))
    }
    let (reference, units) = try ShardMerge.combine(parts, version: SupplySimCommand.version)
    guard let command = Sharding.commands.first(where: { $0.name == reference.command }) else {
      throw ScenarioError(file: parts[0].file, path: "command", problem: "names '\(reference.command)', which cannot be merged; shards come from \(Sharding.commands.map { $0.name }.joined(separator: " or "))")
    }
    return try command.replay(reference: reference, file: parts[0].file, units: units, args: args, console: console)
  }

  /// The first folder named twice (same text after trailing slashes), as argument indices.
  static func duplicateFolder(_ folders: [String]) -> (Int, Int)? {
    let trimmed = folders.map(OutputPath.trimmingSlashes)
    for j in trimmed.indices { if let i = trimmed[..<j].firstIndex(of: trimmed[j]) { return (i, j) } }
    return nil
  }
}

extension ShardedCommand {
  /// `supplysim merge`: finishes the command as recorded in the shards, from the merged units.
  static func replay(reference: PartialResult, file: String, units: [UnitTotals], args: ParsedArguments, console: Console) throws -> Int32 {
    let recorded: ParsedArguments
    do { recorded = try ArgumentParser.parse(reference.arguments, options: Self.options, command: Self.name) } catch {
      throw ScenarioError(file: file, path: "arguments", problem: "cannot be read as '\(Self.name)' arguments: \(error.message)")
    }
    let template = try ScenarioTemplate.load(json: reference.scenarioText, file: reference.scenarioFile)
    let plan = try Self.plan(recorded, template: template)
    let shape = Self.shape(plan)
    guard shape.scenarios * shape.replications == reference.totalUnits else {
      throw ScenarioError(file: file, path: "units.total", problem: "says \(reference.totalUnits) units, but the recorded command has \(shape.scenarios * shape.replications); the shards were not written by this version's '\(Self.name)'")
    }
    guard reference.policies == template.base.policies.map(\.name) else {
      throw ScenarioError(file: file, path: "policies", problem: "lists \(reference.policies.joined(separator: ", ")), but the recorded scenario's policies are \(template.base.policies.map(\.name).joined(separator: ", ")); the shard files were edited, run the shards again")
    }
    let directory = args.value("out") ?? Self.defaultDirectory(plan)
    try OutputPath.check(directory, option: "out", kind: .folder, command: MergeCommand.name)
    let totals = UnitTotals.assemble(units, scenarios: shape.scenarios, replications: shape.replications,
                                     names: template.base.policies.map(\.name))
    try Self.finish(plan, totals: totals, directory: directory, quiet: args.flag("quiet"), console: console)
    return 0
  }

}
