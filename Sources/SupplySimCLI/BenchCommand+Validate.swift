import Reports
import Scenarios
import SupplyModel

extension BenchCommand {
  /// The `validate` workload: the quickstart's SKUs cycled to `--skus` SKUs (default 1,000,000,
  /// unique ids) in one JSON document, loaded as `validate` and `run` load it: parse, decode,
  /// check every rule and derived quantity, build, and audit every policy's plan.
  static func benchValidate(_ args: ParsedArguments, console: Console) throws -> Int32 {
    let skus = try args.integer("skus", default: 1_000_000, range: 1...10_000_000, command: name)
    let repeats = try args.integer("repeat", default: 3, range: 1...1000, command: name)
    let file = args.value("scenario") ?? "scenarios/quickstart.json"
    let text = try InputFile.text(file, console: console)
    let document: JSONValue
    do { document = try JSONParser.parse(text) } catch { throw CLIError(subject: file, problem: "malformed JSON at \(error)") }
    guard case let .object(members) = document, case let .array(base)? = document["skus"], !base.isEmpty else {
      throw CLIError(subject: file, problem: "has no skus to cycle")
    }
    var cycled = try cycledSKUs(base, count: skus, file: file)
    let json = JSONValue.object(members.map { $0.key == "skus" ? ($0.key, .array(cycled)) : $0 }).jsonText
    cycled = []
    if args.flag("stages") {
      var t = ContinuousClock.now
      func lap(_ what: String) { console.out("  \(what): \(NumberFormat.fixed(ProgressBar.seconds(ContinuousClock.now - t), 2)) s\n"); t = ContinuousClock.now }
      let value = try JSONParser.parse(json); lap("parse"); _ = value
      let spec = try Scenario.decode(json: json, file: file); lap("parse + decode"); _ = spec
      let s = try Scenario.load(json: json, file: file); lap("load (all)"); _ = s
    }
    var best = Double.infinity
    var bestCPU: Double?
    for _ in 0..<repeats {
      let cpuBefore = processCPUSeconds()
      let start = ContinuousClock.now
      let scenario = try Scenario.load(json: json, file: file)
      let seconds = ProgressBar.seconds(ContinuousClock.now - start)
      if seconds < best {
        best = seconds
        bestCPU = processCPUSeconds().flatMap { after in cpuBefore.map { after - $0 } }
      }
      precondition(scenario.network.skus.count == skus, "bench validate built \(scenario.network.skus.count) SKUs, expected \(skus)")
    }
    console.out("bench validate: \(file) with its SKUs cycled to \(skus) (\(NumberFormat.fixed(Double(json.utf8.count) / 1_048_576, 1)) MiB of JSON)\n")
    console.out("  best of \(repeats): \(NumberFormat.fixed(best, 2)) s = \(NumberFormat.fixed(Double(skus) / best / 1e3, 0)) thousand SKUs/s (parse, check, build, plan audit)\n")
    // CPU time shows the work when other processes share the cores (wall time then grows).
    if let bestCPU { console.out("  CPU time of that run: \(NumberFormat.fixed(bestCPU, 2)) s over all threads\n") }
    console.out("  peak resident memory: \(peakMemoryMiB().map { NumberFormat.fixed($0, 1) + " MiB" } ?? "unknown")\n")
    return 0
  }
}
