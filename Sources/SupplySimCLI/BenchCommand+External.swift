import Replenishment
import Scenarios
import SupplyModel

extension BenchCommand {
  /// The `external` workload: the `sim` workload's synthetic warehouse (`--skus`, default 100;
  /// `--days`, default 365) under base stock at a 95% cycle service level, once with the built-in
  /// policy and once with an external program given the same levels (default the shipped
  /// scenarios/external/base_stock.py, run with python3), one replication on one thread. The
  /// difference, per SKU-day and per day, is what the protocol and the program cost; the two
  /// runs must agree unit for unit.
  static func benchExternal(_ args: ParsedArguments, console: Console) throws -> Int32 {
    let skus = try args.integer("skus", default: 100, range: 1...1_000_000, command: name)
    let days = try args.integer("days", default: 365, range: 1...100_000, command: name)
    let repeats = try args.integer("repeat", default: 3, range: 1...1000, command: name)
    let program = args.value("program") ?? "scenarios/external/base_stock.py"
    _ = try InputFile.text(program, console: console)
    let network = syntheticNetwork(skus: skus, days: days)
    let spec = PolicySpecification(name: "base stock 95%", family: .baseStock, target: .cycleServiceLevel(0.95))
    let builtIn = ScenarioPolicy(PolicyPlanner.plan(spec, data: PlanningData.fromModel(network)))
    let levels: [(key: String, value: JSONValue)] = network.skus.indices.map { k in
      (network.skus[k].id, .number(builtIn.parameters.value(PolicyParameters.orderUpTo, ofSKU: k) ?? 0))
    }
    let model = ExternalPolicyModel(command: ["python3", program], folder: ".", timeoutSeconds: 60,
                                    parameters: .object([("levels", .object(levels))]))
    let external = ScenarioPolicy.make(model, named: "external", for: network)

    func time(_ policy: ScenarioPolicy) throws -> (seconds: Double, result: SimulationResult) {
      var best = Double.infinity
      var last: SimulationResult?
      for _ in 0..<repeats {
        let start = ContinuousClock.now
        let result = Simulation.run(network, options: SimulationOptions(threads: 1), separable: false) { _, _ in policy }
        best = min(best, ProgressBar.seconds(ContinuousClock.now - start))
        if let failure = result.failure { throw failure }
        last = result
      }
      return (best, last!)
    }
    let inside = try time(builtIn)
    let outside = try time(external)
    guard inside.result.statistics == outside.result.statistics else {
      throw CLIError(subject: program, problem: "orders differently from the built-in base-stock policy with the same levels")
    }
    let skuDays = Double(skus) * Double(days)
    let extra = outside.seconds - inside.seconds
    console.out("bench external: \(skus) SKUs x \(days) days, base stock 95%, python3 \(program), 1 thread, one process per run\n")
    console.out("  best of \(repeats): built-in \(NumberFormat.fixed(inside.seconds * 1000, 1)) ms, external \(NumberFormat.fixed(outside.seconds * 1000, 1)) ms (same orders)\n")
    console.out("  overhead: \(NumberFormat.fixed(extra / skuDays * 1e6, 2)) µs per SKU-day, \(NumberFormat.fixed(extra / Double(days) * 1e6, 0)) µs per day (start, messages, the program's own work)\n")
    return 0
  }
}
