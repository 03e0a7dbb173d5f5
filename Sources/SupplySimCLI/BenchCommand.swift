#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import EventEngine
import Replenishment
import Stochastics
#if canImport(Glibc)
import Glibc
#endif
import SupplyModel

/// `supplysim bench`: measure speed on fixed synthetic workloads (build with `-c release`).
struct BenchCommand: CLICommand {
  static let name = "bench"
  static let summary = "Measure simulation speed on fixed synthetic workloads (use a release build)."
  static let synopsis = "supplysim bench sim [--skus N] [--days N] [--threads N] [--repeat N]"
  static let details = """
    sim: a single warehouse, Poisson demand (means log-uniform in 0.5..50 units/day), fixed lead
    times of 1..10 days, an (s,S) policy at a 95% cycle service level with EOQ lot sizes, full KPI
    bookkeeping, no daily trace. Prints SKU-days per second (best of --repeat runs) and the
    process's peak resident memory.
    """
  static let options: [OptionSpec] = [
    .value("skus", "N", "SKUs (default 10000)"),
    .value("days", "N", "days (default 365)"),
    .value("threads", "N", "threads (default: all cores)"),
    .value("repeat", "N", "timed runs; the best is reported (default 5)"),
  ]

  static func run(_ args: ParsedArguments, console: Console) throws -> Int32 {
    guard let subject = args.positionals.first, args.positionals.count == 1 else {
      throw UsageError("bench: name one workload: sim (usage: \(synopsis))")
    }
    switch subject {
    case "sim": return try benchSimulation(args, console: console)
    default: throw UsageError("bench: unknown workload '\(subject)'; workloads are: sim")
    }
  }

  /// The synthetic single-warehouse network the `sim` workload runs.
  static func syntheticNetwork(skus: Int, days: Int) -> SupplyNetwork {
    var rng = Xoshiro256(seed: 2026, entity: 0, purpose: .auxiliary)
    var items: [SKU] = []
    let costs = CostRates(unitCost: 10, holdingCostPerUnitDay: 0.02, backorderCostPerUnitDay: 0.5, lostSalePenaltyPerUnit: 0, orderCost: 25)
    for k in 0..<skus {
      let mean = 0.5 * pow(100, rng.nextUnit())
      let lead = 1 + rng.nextInt(below: 10)
      items.append(SKU(id: "S\(k)", supplierIndex: 0, leadTimeOverride: .deterministic(days: lead),
                       demand: DemandModel(family: .poisson, profile: DemandProfile(base: mean)),
                       costs: costs, unmetDemand: .backorder, initialOnHand: Int(mean * Double(lead + 7))))
    }
    return SupplyNetwork(warehouse: "bench", suppliers: [Supplier(id: "supplier", leadTime: .deterministic(days: 5))],
                         skus: items, horizonDays: days, warmUpDays: 0, seed: 7)
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
      let result = Simulator.run(network, options: SimulationOptions(threads: threads), separable: true) { range in
        policy.restricted(to: range)
      }
      let elapsed = ContinuousClock.now - start
      let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
      best = min(best, seconds)
      checksum = result.statistics.reduce(0) { $0 &+ $1.demand &+ $1.onHandSum }
    }
    let skuDays = Double(skus) * Double(days)
    console.out("bench sim: \(skus) SKUs x \(days) days, (s,S) Poisson, KPIs on, \(threads) thread\(threads == 1 ? "" : "s")\n")
    console.out("  best of \(repeats): \(fixed(best * 1000, 1)) ms = \(fixed(skuDays / best / 1e6, 1)) million SKU-days/s\n")
    console.out("  peak resident memory: \(peakMemoryMiB().map { fixed($0, 1) + " MiB" } ?? "unknown")  (checksum \(checksum))\n")
    return 0
  }

  static func fixed(_ x: Double, _ digits: Int) -> String {
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let v = (x * scale).rounded() / scale
    return "\(v)"
  }

  /// The process's peak resident set size from /proc (Linux), in MiB.
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
