#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Experiments
import Parallelism
import Reports
import Scenarios
import SupplyModel

extension BenchCommand {
  /// The `run` workload: the quickstart's SKUs (or `--scenario`'s) cycled to each size in
  /// `--skus` (default 10000,100000,1000000; unique ids), `--days` days, written as a scenario
  /// file and run by the `run` command's own code without a daily trace, phase by phase (load,
  /// plan, simulate, aggregate, write); then the engine alone does the same simulations (every
  /// policy, one replication, all threads on each). Prints each phase's time and peak memory,
  /// both totals and their ratio.
  static func benchRun(_ args: ParsedArguments, console: Console) throws -> Int32 {
    let sizes = try (args.list("skus", command: name) ?? ["10000", "100000", "1000000"]).map { text throws(UsageError) -> Int in
      guard let n = Int(text), (1...10_000_000).contains(n) else {
        throw UsageError("bench run: --skus takes sizes in 1...10000000 separated by commas, got '\(text)'")
      }
      return n
    }
    let days = try args.integer("days", default: 365, range: 2...100_000, command: name)
    let threads = try args.integer("threads", default: Parallel.defaultThreadCount, range: 1...1024, command: name)
    let file = args.value("scenario") ?? "scenarios/quickstart.json"
    let text = try InputFile.text(file, console: console)
    let document: JSONValue
    do { document = try JSONParser.parse(text) } catch { throw CLIError(subject: file, problem: "malformed JSON at \(error)") }
    guard case let .object(members) = document, case let .array(base)? = document["skus"], !base.isEmpty else {
      throw CLIError(subject: file, problem: "has no skus to cycle")
    }
    let folder = FileManager.default.temporaryDirectory.path + "/supplysim-bench-run-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    console.out("bench run: \(file) with its SKUs cycled, \(days) days, no daily trace, \(threads) thread\(threads == 1 ? "" : "s")\n")
    for skus in sizes {
      let path = folder + "/scenario.json"
      try writeCycled(members: members, base: base, skus: skus, days: days, file: file, to: path)
      // The whole command, as a user runs it.
      let clock = PhaseClock()
      let parsed = ParsedArguments(positionals: [path], values: ["out": [folder + "/report"], "threads": [String(threads)]],
                                   flags: ["no-daily", "quiet"])
      _ = try RunCommand.perform(parsed, console: console, clock: clock)
      // The engine alone on the same work: plan (untimed), then simulate every policy.
      let scenario = try Scenario.load(path: path)
      let experiment = Experiment(scenario: scenario, replications: 1, threads: threads)
      let plans = experiment.plan()
      _ = PhaseClock.resetPeakMemory()
      let cpuBefore = processCPUSeconds()
      let start = ContinuousClock.now
      var checksum = 0
      for policies in plans.nodePlans {
        let result = Simulation.run(scenario.network, options: SimulationOptions(threads: threads), separable: policies.allSatisfy(\.isSeparable)) { node, range in
          range == 0..<scenario.network.skus.count ? policies[node] : policies[node].restricted(to: range)
        }
        checksum = result.statistics.reduce(checksum) { $0 &+ $1.demand &+ $1.onHandSum }
      }
      let engine = ProgressBar.seconds(ContinuousClock.now - start)
      let engineCPU = processCPUSeconds().flatMap { after in cpuBefore.map { after - $0 } }
      let engineMemory = peakMemoryMiB()
      let policies = plans.nodePlans.count
      func mib(_ v: Double?) -> String { v.map { NumberFormat.fixed($0, 0) + " MiB" } ?? "unknown" }
      console.out("\n\(skus) SKUs x \(days) days x \(policies) policies (\(NumberFormat.fixed(Double(skus * days * policies) / 1e6, 0)) million SKU-days)\n")
      func cpu(_ v: Double?) -> String { v.map { NumberFormat.fixed($0, 2) } ?? "–" }
      var table = TextTable(header: ["Phase", "Seconds", "Share", "CPU s", "Peak memory"])
      for lap in clock.laps {
        table.rows.append([lap.name, NumberFormat.fixed(lap.seconds, 2), NumberFormat.percent(lap.seconds / max(clock.total, 1e-9), 0), cpu(lap.cpuSeconds), mib(lap.peakMiB)])
      }
      table.rows.append(["run (total)", NumberFormat.fixed(clock.total, 2), "", cpu(clock.cpuTotal), mib(clock.peakMiB)])
      table.rows.append(["engine alone", NumberFormat.fixed(engine, 2), "", cpu(engineCPU), mib(engineMemory)])
      console.out(table.plain())
      console.out("  run / engine: \(NumberFormat.fixed(clock.total / engine, 2))x wall time\(clock.cpuTotal.flatMap { c in engineCPU.map { ", \(NumberFormat.fixed(c / $0, 2))x CPU time" } } ?? ""); \(NumberFormat.fixed(Double(skus * days * policies) / clock.total / 1e6, 1)) million SKU-days/s end to end (checksum \(checksum))\n")
      if !clock.resets { console.out("  (the peak-memory mark could not be reset: peaks are the process's so far)\n") }
    }
    return 0
  }

  /// Writes the scenario `members` with its SKUs `base` cycled to `skus` (ids suffixed `-k`) and
  /// its horizon set to `days`, to `path`.
  static func writeCycled(members: [(key: String, value: JSONValue)], base: [JSONValue], skus: Int, days: Int, file: String, to path: String) throws {
    let cycled = try cycledSKUs(base, count: skus, file: file)
    var out = members.map { member -> (key: String, value: JSONValue) in
      switch member.key {
      case "skus": return (member.key, .array(cycled))
      case "horizonDays": return (member.key, .number(String(days)))
      default: return member
      }
    }
    if !out.contains(where: { $0.key == "horizonDays" }) { out.append(("horizonDays", .number(String(days)))) }
    try AtomicFile.write(JSONValue.object(out).jsonText, to: path)
  }

  /// The SKU objects `base` cycled to `count` SKUs, each id suffixed `-k` so ids stay unique.
  static func cycledSKUs(_ base: [JSONValue], count: Int, file: String) throws -> [JSONValue] {
    var cycled: [JSONValue] = []
    cycled.reserveCapacity(count)
    for k in 0..<count {
      guard case var .object(fields) = base[k % base.count] else { throw CLIError(subject: file, problem: "skus[\(k % base.count)] is not an object") }
      for i in fields.indices where fields[i].key == "id" {
        fields[i].value = .string("\(fields[i].value.label)-\(k)")
      }
      cycled.append(.object(fields))
    }
    return cycled
  }
}
