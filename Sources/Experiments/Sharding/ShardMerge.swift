import Scenarios

/// Checks that a set of partial results are the N shards of one command and puts their units
/// back together in unit order.
public enum ShardMerge {
  /// One shard's partial result and where it was read from.
  public typealias Part = (file: String, result: PartialResult)

  /// The combined units of every shard, checked.
  ///
  /// - Parameters:
  ///   - parts: The partial results, in any order.
  ///   - version: The merging program's version; shards of another version are refused, since
  ///     the outputs it would write might differ from what that version writes.
  /// - Returns: The first shard's partial result (its manifest describes the command) and every
  ///   unit of the command in unit order.
  /// - Throws: `ScenarioError` naming a file and what to fix: no shard, shards of different
  ///   versions, commands, arguments, scenarios or shard counts, a shard given twice, or shards missing.
  public static func combine(_ parts: [Part], version: String) throws(ScenarioError) -> (reference: PartialResult, units: [UnitTotals]) {
    guard let first = parts.first else {
      throw ScenarioError(file: "merge", path: "", problem: "no shard folder given; name every shard's --out folder")
    }
    for part in parts {
      let r = part.result
      guard r.version == version else {
        throw ScenarioError(file: part.file, path: "supplysimVersion", problem: "was written by SupplySim \(r.version), this is \(version); run the shards and the merge with one version")
      }
      func differ(_ what: String, _ path: String, _ mine: String, _ theirs: String) -> ScenarioError {
        ScenarioError(file: part.file, path: path, problem: "\(what) \(mine) differs from \(theirs) in \(first.file); every shard must run the same command on the same scenario")
      }
      if r.command != first.result.command { throw differ("the command", "command", "'\(r.command)'", "'\(first.result.command)'") }
      if r.shard.count != first.result.shard.count {
        throw ScenarioError(file: part.file, path: "shard.count", problem: "is shard \(r.shard) but \(first.file) is shard \(first.result.shard); merge the shards of one split (same N)")
      }
      if r.fingerprint != first.result.fingerprint || r.scenarioText != first.result.scenarioText {
        throw differ("the scenario", "scenario.fingerprint", r.fingerprint, first.result.fingerprint)
      }
      if r.arguments != first.result.arguments {
        throw differ("the arguments", "arguments", "'\(r.arguments.joined(separator: " "))'", "'\(first.result.arguments.joined(separator: " "))'")
      }
      if r.scenarioFile != first.result.scenarioFile { throw differ("the scenario file name", "scenario.file", r.scenarioFile, first.result.scenarioFile) }
      if r.totalUnits != first.result.totalUnits || r.policies != first.result.policies {
        throw differ("the work", "units.total", "(\(r.totalUnits) units)", "(\(first.result.totalUnits) units)")
      }
    }
    let count = first.result.shard.count
    var byIndex: [Int: String] = [:]
    for part in parts {
      if let other = byIndex[part.result.shard.index] {
        throw ScenarioError(file: part.file, path: "shard.index", problem: "is shard \(part.result.shard) again (also \(other)); give each shard's folder once")
      }
      byIndex[part.result.shard.index] = part.file
    }
    let missing = (1...count).filter { byIndex[$0] == nil }
    if !missing.isEmpty {
      let list = missing.prefix(10).map(String.init).joined(separator: ", ") + (missing.count > 10 ? ", … (\(missing.count) in all)" : "")
      throw ScenarioError(file: first.file, path: "", problem: "the split has \(count) shards but shard\(missing.count == 1 ? "" : "s") \(list) of \(count) \(missing.count == 1 ? "is" : "are") missing; name every shard's folder")
    }
    let ordered = parts.sorted { $0.result.shard.index < $1.result.shard.index }
    return (first.result, ordered.flatMap(\.result.results))
  }
}
