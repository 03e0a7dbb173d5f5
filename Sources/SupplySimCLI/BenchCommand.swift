#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Parallelism
import Experiments
import Scenarios
import Forecasting
import LinearProgramming
import NeuralForecasting
import Replenishment
import Stochastics
import Reports
#if canImport(Glibc)
import Glibc
#endif
import SupplyModel

/// `supplysim bench`: measure speed on fixed synthetic workloads (build with `-c release`).
struct BenchCommand: CLICommand {
  static let name = "bench"
  static let summary = "Measure simulation speed on fixed synthetic workloads (use a release build)."
  static let operands = "sim|network|experiment|external|forecast|nn|train|lp|validate|run|fit|import"
  static let details = """
    sim: a single warehouse, Poisson demand (means log-uniform in 0.5..50 units/day), fixed lead
    times of 1..10 days, an (s,S) policy at a 95% cycle service level with EOQ lot sizes, full KPI
    bookkeeping, no daily trace. Prints SKU-days per second (best of --repeat runs) and the
    process's peak resident memory. Options: --skus, --days, --threads, --repeat.

    network: the three-echelon example (scenarios/three-echelon.json: national DC, 2 regional
    warehouses, 6 stores) with its 30 SKUs cycled to --skus SKUs (default 1000), installation
    base stock at 95% at every node, one replication of --days days (default 365). Prints
    SKU-node-days per second (best of --repeat runs), the CPU time of the best run (all
    threads) and peak resident memory. The national-to-north lane's capacity (scaled with the SKU
    count) couples the SKUs; --uncapped drops every capacity, so they run in independent chunks.
    Options: --skus, --days, --threads, --repeat, --scenario, --uncapped.

    experiment: the quickstart scenario's three policies over --replications replications (default
    30) on all cores; prints replications per second. Option: --scenario FILE.

    external: the sim workload's warehouse (--skus, default 100) under base stock at 95%, run by
    the built-in policy and by an external program with the same levels (--program FILE, run
    with python3; default scenarios/external/base_stock.py), one replication on one thread.
    Prints the overhead per SKU-day and per day (best of --repeat runs, default 3).

    forecast: automatic ARIMA (stepwise search, KPSS and seasonal-strength tests) fitted to
    --series synthetic monthly series of --length points (seasonal, trending, seeded), on all
    cores across series. Prints series per second.

    nn: trains an LSTM and a GRU (hidden 64, window 28, batch 64, one layer, Float32, Adam, MSE)
    on --windows windows for --epochs epochs through the real training code. Prints training
    samples per second. Options: --windows, --epochs, --threads.

    train: supplysim train's training code (approximate policy iteration) on Zipkin's lost-sales
    instance with his lead time --lead (1 to 3, default 2) and penalty --penalty (default 4):
    Poisson mean 5, h = 1, --iterations (default 2) x --states (default 2000). Prints the
    wall time split into labelling, fitting and exact evaluation, distinct states and rollouts
    labelled per second, and the learned policy's gap to the optimum. Option: --threads.

    lp: solves the multi-period replenishment LPs in --instances DIR (default scenarios/lp/bench: 10x30,
    100x30 and 1000x60 SKUs x periods), cold and then warm-started after a 5% demand change in
    period 1; compares objectives with reference-optima.json when present.

    validate: the quickstart's SKUs (or --scenario's) cycled to --skus SKUs (default 1000000) in
    one JSON document, loaded as validate and run load it (parse, check every rule and derived
    quantity, build, audit the plans). Prints SKUs per second and peak resident memory.

    run: the quickstart's SKUs (or --scenario's) cycled to each size in --skus (a comma-separated
    list, default 10000,100000,1000000) over --days days (default 365), written to a scenario
    file and run by the run command's own code with --no-daily (its three policies, one
    replication); then the engine alone simulates the same policies. Prints each phase's time
    (load, plan, simulate, aggregate, write) and peak resident memory, the run's and the engine's
    totals and their ratio.

    fit: demand fitting (class, family, weekly profile, trend, promotion uplift, censoring) of
    --series synthetic daily histories (default 30000) of --days days (default 1900), a mix of
    the four demand classes, on --threads threads. Prints series per second.

    import: a synthetic folder in the M5 layout of --series series (default 30490) x --days days
    (default 1941) in a temporary folder, converted by 'supplysim import m5'. Prints the time.
    """
  static let options: [OptionSpec] = [
    .value("skus", "N", "SKUs (default 10000; run: a comma-separated list of sizes)"),
    .value("days", "N", "days (default 365; fit 1900, import 1941)"),
    .value("threads", "N", "threads (default: all cores)"),
    .value("repeat", "N", "timed runs; the best is reported (default 5)"),
    .value("series", "N", "forecast, fit, import: series (defaults 200, 30000, 30490)"),
    .value("length", "N", "forecast: points per series (default 150)"),
    .value("windows", "N", "nn: training windows (default 10000)"),
    .value("epochs", "N", "nn: epochs (default 3)"),
    .value("lead", "N", "train: Zipkin's lead time 1...3 (default 2)"),
    .value("penalty", "N", "train: the lost-sale penalty (default 4)"),
    .value("iterations", "N", "train: iterations (default 2)"),
    .value("states", "N", "train: states per iteration (default 2000)"),
    .value("instances", "DIR", "lp: folder of instance JSON files (default scenarios/lp/bench)"),
    .value("replications", "N", "experiment: replications (default 30)"),
    .value("program", "FILE", "external: the policy program, run with python3 (default scenarios/external/base_stock.py)"),
    .flag("stages", "validate: also time parsing and decoding on their own"),
    .flag("uncapped", "network: drop every lane and supplier capacity (SKUs independent)"),
    .value("scenario", "FILE", "experiment, network, validate, run: the scenario (default scenarios/quickstart.json, scenarios/three-echelon.json)"),
  ]

  static func run(_ args: ParsedArguments, console: Console) throws -> Int32 {
    guard let subject = args.positionals.first, args.positionals.count == 1 else {
      throw UsageError("bench: name one workload: sim, network, experiment, external, forecast, nn, train, lp, validate, run, fit or import (usage: \(usageLine))")
    }
    switch subject {
    case "sim": return try benchSimulation(args, console: console)
    case "network": return try benchNetwork(args, console: console)
    case "experiment": return try benchExperiment(args, console: console)
    case "external": return try benchExternal(args, console: console)
    case "forecast": return try benchForecast(args, console: console)
    case "nn": return try benchNeural(args, console: console)
    case "train": return try benchTrain(args, console: console)
    case "lp": return try benchLP(args, console: console)
    case "validate": return try benchValidate(args, console: console)
    case "run": return try benchRun(args, console: console)
    case "fit": return try benchFit(args, console: console)
    case "import": return try benchImport(args, console: console)
    default: throw UsageError("bench: unknown workload '\(subject)'; workloads are: sim, network, experiment, external, forecast, nn, train, lp, validate, run, fit, import")
    }
  }

  /// The synthetic single-warehouse network the `sim` workload runs.
  static func syntheticNetwork(skus: Int, days: Int) -> SupplyNetwork {
    var rng = Xoshiro256(seed: 2026, entity: 0, purpose: .auxiliary)
    var items: [SKU] = []
    var initial: [Int] = []
    let costs = CostRates(unitCost: 10, holdingCostPerUnitDay: 0.02, backorderCostPerUnitDay: 0.5, lostSalePenaltyPerUnit: 0, orderCost: 25)
    for k in 0..<skus {
      let mean = 0.5 * pow(100, rng.nextUnit())
      let lead = 1 + rng.nextInt(below: 10)
      items.append(SKU(id: "S\(k)", supplierIndex: 0, leadTimeOverride: .deterministic(days: lead),
                       demand: DemandModel(family: .poisson, profile: DemandProfile(base: mean)),
                       costs: costs, unmetDemand: .backorder))
      initial.append(Int(mean * Double(lead + 7)))
    }
    return SupplyNetwork(warehouse: "bench", suppliers: [Supplier(id: "supplier", leadTime: .deterministic(days: 5))],
                         skus: items, initialOnHand: initial, horizonDays: days, warmUpDays: 0, seed: 7)
  }

  static func benchSimulation(_ args: ParsedArguments, console: Console) throws -> Int32 {
    let skus = try args.integer("skus", default: 10_000, range: 1...10_000_000, command: name)
    let days = try args.integer("days", default: 365, range: 1...100_000, command: name)
    let threads = try args.integer("threads", default: Parallel.defaultThreadCount, range: 1...1024, command: name)
    let repeats = try args.integer("repeat", default: 5, range: 1...1000, command: name)
    let network = syntheticNetwork(skus: skus, days: days)
    let spec = PolicySpecification(name: "(s,S) 95%", family: .sS, target: .cycleServiceLevel(0.95))
    let policy = PolicyPlanner.plan(spec, data: PlanningData.fromModel(network))
    var best = Double.infinity
    var checksum = 0
    for _ in 0..<repeats {
      let start = ContinuousClock.now
      let result = Simulation.run(network, options: SimulationOptions(threads: threads), separable: true) { _, range in
        policy.restricted(to: range)
      }
      let seconds = ProgressBar.seconds(ContinuousClock.now - start)
      best = min(best, seconds)
      checksum = result.statistics.reduce(0) { $0 &+ $1.demand &+ $1.onHandSum }
    }
    let skuDays = Double(skus) * Double(days)
    console.out("bench sim: \(skus) SKUs x \(days) days, (s,S) Poisson, KPIs on, \(threads) thread\(threads == 1 ? "" : "s")\n")
    console.out("  best of \(repeats): \(NumberFormat.fixed(best * 1000, 1)) ms = \(NumberFormat.fixed(skuDays / best / 1e6, 1)) million SKU-days/s\n")
    console.out("  peak resident memory: \(peakMemoryMiB().map { NumberFormat.fixed($0, 1) + " MiB" } ?? "unknown")  (checksum \(checksum))\n")
    return 0
  }

  /// The `network` workload: a multi-echelon scenario's SKUs cycled to `skus` SKUs.
  static func benchNetwork(_ args: ParsedArguments, console: Console) throws -> Int32 {
    let skus = try args.integer("skus", default: 1_000, range: 1...1_000_000, command: name)
    let days = try args.integer("days", default: 365, range: 2...100_000, command: name)
    let threads = try args.integer("threads", default: Parallel.defaultThreadCount, range: 1...1024, command: name)
    let repeats = try args.integer("repeat", default: 5, range: 1...1000, command: name)
    let file = args.value("scenario") ?? "scenarios/three-echelon.json"
    let scenario = try Scenario.load(path: file)
    var network = scenario.network
    guard network.hasSeveralNodes else {
      throw UsageError("bench network: \(file) has no nodes; name a multi-echelon scenario")
    }
    let base = network.skus, baseStock = network.initialStock
    network.skus = (0..<skus).map { k in
      var sku = base[k % base.count]
      sku.id = "\(sku.id)-\(k / base.count)"
      return sku
    }
    network.initialStock = baseStock.map { row in (0..<skus).map { row[$0 % base.count] } }
    network.horizonDays = days
    network.warmUpDays = 0
    let topology = network.topology
    // Lanes carry every SKU, and lane capacities grow with the SKU count, so the network stays as
    // tight as the scenario's.
    let scale = Double(skus) / Double(base.count)
    // --uncapped drops the capacities, so no queue couples the SKUs and they run in chunks.
    let uncapped = args.flag("uncapped")
    let lanes = topology.lanes.map { lane in
      var l = lane
      l.skus = nil
      l.capacityPerDay = uncapped ? nil : lane.capacityPerDay.map { Int((Double($0) * scale).rounded(.up)) }
      return l
    }
    if uncapped { for j in network.suppliers.indices { network.suppliers[j].capacityPerDay = nil } }
    let cappedLanes = lanes.filter { $0.capacityPerDay != nil }.count
    network.topology = NetworkTopology(nodes: topology.nodes, lanes: lanes,
                                       skuSuppliers: network.skus.map(\.supplierIndex))
    let spec = PolicySpecification(name: "base stock 95%", family: .baseStock, target: .cycleServiceLevel(0.95))
    let plans = topology.nodes.indices.map { PolicyPlanner.plan(spec, data: PlanningData.fromModel(network.planningView(ofNode: $0, echelon: false))) }
    var best = Double.infinity, bestCPU = Double.infinity
    var checksum = 0
    for _ in 0..<repeats {
      let start = ContinuousClock.now, cpuStart = processCPUSeconds()
      let result = Simulation.run(network, options: SimulationOptions(threads: threads), separable: true, echelonStock: false) { node, range in
        plans[node].restricted(to: range)
      }
      let seconds = ProgressBar.seconds(ContinuousClock.now - start)
      best = min(best, seconds)
      if let a = cpuStart, let b = processCPUSeconds() { bestCPU = min(bestCPU, b - a) }
      checksum = result.statistics.reduce(0) { $0 &+ $1.demand &+ $1.onHandSum }
    }
    let pointDays = Double(skus * topology.nodes.count) * Double(days)
    let coupling = cappedLanes == 0 ? "no capacity-limited lane" : "\(cappedLanes) capacity-limited lane\(cappedLanes == 1 ? "" : "s") coupling the SKUs"
    console.out("bench network: \(file), \(topology.nodes.count) nodes x \(skus) SKUs x \(days) days, base stock, KPIs on, \(coupling), \(threads) thread\(threads == 1 ? "" : "s")\n")
    console.out("  best of \(repeats): \(NumberFormat.fixed(best * 1000, 1)) ms = \(NumberFormat.fixed(pointDays / best / 1e6, 2)) million SKU-node-days/s\n")
    if bestCPU.isFinite {
      console.out("  CPU time, all threads (best run): \(NumberFormat.fixed(bestCPU * 1000, 1)) ms = \(NumberFormat.fixed(pointDays / bestCPU / 1e6, 2)) million SKU-node-days per CPU-second\n")
    }
    console.out("  peak resident memory: \(peakMemoryMiB().map { NumberFormat.fixed($0, 1) + " MiB" } ?? "unknown")  (checksum \(checksum))\n")
    return 0
  }

  /// Synthetic monthly series: level, trend, a yearly pattern with drifting amplitude, AR(1) noise.
  static func syntheticMonthlySeries(count: Int, length: Int) -> [ForecastInput] {
    (0..<count).map { i in
      var rng = Xoshiro256(seed: 150, entity: UInt64(i), purpose: .auxiliary)
      let level = 100 + 900 * rng.nextUnit()
      let trend = (rng.nextUnit() - 0.3) * 0.01 * level
      let amplitude = (0.05 + 0.3 * rng.nextUnit()) * level
      let phase = rng.nextUnit() * 12
      let phi = 0.8 * rng.nextUnit()
      var noise = 0.0
      let normal = Normal(mean: 0, standardDeviation: 0.04 * level)
      let values = (0..<length).map { t -> Double in
        noise = phi * noise + normal.sample(using: &rng)
        let season = amplitude * (1 + 0.002 * Double(t)) * sin(2 * Double.pi * (Double(t) + phase) / 12)
        return max(1, level + trend * Double(t) + season + noise)
      }
      return ForecastInput(values: values, seasonalPeriod: 12)
    }
  }

  static func benchExperiment(_ args: ParsedArguments, console: Console) throws -> Int32 {
    let path = args.value("scenario") ?? "scenarios/quickstart.json"
    let replications = try args.integer("replications", default: 30, range: 1...1_000_000, command: name)
    let threads = try args.integer("threads", default: Parallel.defaultThreadCount, range: 1...1024, command: name)
    let scenario = try Scenario.load(path: path)
    let start = ContinuousClock.now
    let result = try Experiment(scenario: scenario, replications: replications, threads: threads).run()
    let seconds = ProgressBar.seconds(ContinuousClock.now - start)
    console.out("bench experiment: \(path), \(result.outcomes.count) policies x \(replications) replications, \(threads) thread\(threads == 1 ? "" : "s")\n")
    console.out("  \(NumberFormat.fixed(seconds, 3)) s = \(NumberFormat.fixed(Double(replications) / seconds, 1)) replications/s (\(NumberFormat.fixed(Double(replications * result.outcomes.count) / seconds, 1)) policy runs/s)\n")
    return 0
  }

  static func benchForecast(_ args: ParsedArguments, console: Console) throws -> Int32 {
    let count = try args.integer("series", default: 200, range: 1...1_000_000, command: name)
    let length = try args.integer("length", default: 150, range: 30...100_000, command: name)
    let inputs = syntheticMonthlySeries(count: count, length: length)
    _ = ARIMABenchmark.fitAutoARIMA(Array(inputs.prefix(4)), parallel: false)  // warm caches
    let result = ARIMABenchmark.fitAutoARIMA(inputs, parallel: true)
    let failures = result.models.filter { if case .failure = $0 { return true }; return false }.count
    console.out("bench forecast: auto_arima on \(count) synthetic monthly series of \(length) points, all cores\n")
    console.out("  \(NumberFormat.fixed(result.seconds, 2)) s = \(NumberFormat.fixed(result.seriesPerSecond, 1)) series/s (\(NumberFormat.fixed(1000 / result.seriesPerSecond, 1)) ms per series), \(failures) failed\n")
    return 0
  }

  static func benchNeural(_ args: ParsedArguments, console: Console) throws -> Int32 {
    let windows = try args.integer("windows", default: 10_000, range: 64...10_000_000, command: name)
    let epochs = try args.integer("epochs", default: 3, range: 1...1000, command: name)
    let threads = try args.integer("threads", default: 0, range: 0...1024, command: name)
    let r = NeuralBenchmark.run(windows: windows, epochs: epochs, threads: threads)
    console.out("bench nn: hidden 64, window 28, batch 64, Float32, Adam, MSE; \(r.windows) windows x \(r.epochs) epochs, \(r.threads) thread\(r.threads == 1 ? "" : "s")\n")
    console.out("  LSTM: \(NumberFormat.fixed(r.lstmSamplesPerSecond, 0)) training samples/s (\(NumberFormat.fixed(r.lstmSamplesPerCPUSecond, 0)) per CPU-second)\n")
    console.out("  GRU:  \(NumberFormat.fixed(r.gruSamplesPerSecond, 0)) training samples/s (\(NumberFormat.fixed(r.gruSamplesPerCPUSecond, 0)) per CPU-second)\n")
    return 0
  }

  static func benchLP(_ args: ParsedArguments, console: Console) throws -> Int32 {
    let dir = args.value("instances") ?? "scenarios/lp/bench"
    guard let files = try? FileManager.default.contentsOfDirectory(atPath: dir) else {
      throw UsageError("bench: --instances \(dir) is not a readable folder")
    }
    let instanceFiles = files.filter { $0.hasSuffix(".json") && $0 != "reference-optima.json" }.sorted()
    guard !instanceFiles.isEmpty else { throw UsageError("bench: no instance .json files in \(dir)") }
    var reference: [String: Double] = [:]
    if let data = FileManager.default.contents(atPath: dir + "/reference-optima.json"),
       let object = try? JSONDecoder().decode([String: ReferenceOptimum].self, from: data) {
      reference = object.mapValues(\.objective)
    }
    var table = TextTable(header: ["Instance", "Variables", "Cold s", "Iterations", "Warm s", "Warm iters", "Objective", "Rel. error vs ref"])
    for file in instanceFiles {
      let instance = try loadInstance(dir + "/" + file)
      let r = LPBenchmark.run(instance)
      let error = reference[instance.name].map { abs(r.objective - $0) / max(1, abs($0)) }
      table.rows.append([instance.name, "\(r.variables)", NumberFormat.fixed(r.coldSeconds, 4), "\(r.iterations)", NumberFormat.fixed(r.warmSeconds, 4),
                         "\(r.warmIterations)", NumberFormat.fixed(r.objective, 4), error.map { "\($0)" } ?? "–"])
    }
    console.out("bench lp: cold solve, then warm start after a 5% demand change in period 1\n\n" + table.plain())
    return 0
  }

  /// Reads an LP bench instance; every problem names the file (and the line or JSON path).
  ///
  /// - Throws: `CLIError` for an unreadable file, malformed JSON (with its line and column), a
  ///   missing or mistyped field, or an inconsistent instance (`ReplenishmentInstance.problems()`).
  static func loadInstance(_ path: String) throws -> ReplenishmentInstance {
    guard let data = FileManager.default.contents(atPath: path) else { throw CLIError(subject: path, problem: "cannot be read") }
    do {
      return try JSONDocument.decode(ReplenishmentInstance.self, json: String(decoding: data, as: UTF8.self), file: path)
    } catch {
      let more = error.errors.count > 1 ? " (the first of \(error.errors.count) problems)" : ""
      throw CLIError(subject: "", problem: (error.errors.first?.description ?? "\(path): cannot be decoded") + more)
    }
  }

  /// One entry of reference-optima.json.
  struct ReferenceOptimum: Decodable { var objective: Double }


  /// The process's peak resident set size from /proc (Linux), in MiB.
  /// The process's CPU time so far, user and system, over all its threads (from
  /// `/proc/self/stat`, in 10 ms ticks), or nil where that file does not exist.
  static func processCPUSeconds() -> Double? {
    guard let data = FileManager.default.contents(atPath: "/proc/self/stat") else { return nil }
    let text = String(decoding: data, as: UTF8.self)
    // Fields after the command name in parentheses: state is field 3, utime 14, stime 15.
    guard let close = text.lastIndex(of: ")") else { return nil }
    let fields = text[text.index(after: close)...].split(separator: " ")
    guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
    return (user + system) / 100
  }

  static func peakMemoryMiB() -> Double? {
    guard let data = FileManager.default.contents(atPath: "/proc/self/status"),
          let text = String(data: data, encoding: .utf8) else { return nil }
    for line in text.split(separator: "\n") where line.hasPrefix("VmHWM:") {
      let kb = line.split(separator: " ").compactMap { Double($0) }.first
      return kb.map { $0 / 1024 }
    }
    return nil
  }
}
