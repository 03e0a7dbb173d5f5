#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import DemandFitting
import Parallelism
import Scenarios
import Stochastics
import SupplyModel

extension BenchCommand {
  /// The `fit` workload: `--series` synthetic daily histories (default 30,000) of `--days` days
  /// (default 1,900), a mix of the four demand classes with weekly seasonality, promotions on
  /// 8% of days and stockouts on a tenth of the series, fitted on `--threads` threads.
  static func benchFit(_ args: ParsedArguments, console: Console) throws -> Int32 {
    let count = try args.integer("series", default: 30_000, range: 1...1_000_000, command: name)
    let days = try args.integer("days", default: 1_900, range: 28...100_000, command: name)
    let threads = try args.integer("threads", default: Parallel.defaultThreadCount, range: 1...1024, command: name)
    let histories = Parallel.map(count, threads: threads) { k in syntheticHistory(k, days: days) }
    _ = DemandFitter().fit(Array(histories.prefix(8)), threads: 1)  // warm caches
    let start = ContinuousClock.now
    let fits = DemandFitter().fit(histories, threads: threads)
    let seconds = ProgressBar.seconds(ContinuousClock.now - start)
    var classes: [String: Int] = [:], families: [String: Int] = [:]
    var checksum = 0.0
    for f in fits {
      classes[f.demandClass.rawValue, default: 0] += 1
      families[f.family.name, default: 0] += 1
      checksum += f.level.value
    }
    console.out("bench fit: \(count) synthetic daily series x \(days) days (4 demand classes, weekly profile, promotions, stockouts on 1 in 10), \(threads) thread\(threads == 1 ? "" : "s")\n")
    console.out("  \(NumberFormat.fixed(seconds, 2)) s = \(NumberFormat.fixed(Double(count) / seconds, 0)) series/s (\(NumberFormat.fixed(1e6 * seconds / Double(count), 0)) µs per series)\n")
    console.out("  classes: \(classes.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))\n")
    console.out("  families: \(families.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))  (checksum \(NumberFormat.fixed(checksum, 6)))\n")
    return 0
  }

  /// Series `k` of the fit workload: deterministic in `k`.
  static func syntheticHistory(_ k: Int, days: Int) -> DemandHistory {
    var rng = Xoshiro256(seed: 2026, entity: UInt64(k), purpose: .demand)
    let kind = k % 4
    let family: DemandFamily, mean: Double
    switch kind {
    case 0: family = .poisson; mean = 3 + 30 * rng.nextUnit()
    case 1: family = .negativeBinomial(dispersion: 0.5 + rng.nextUnit()); mean = 2 + 10 * rng.nextUnit()
    case 2: family = .poisson; mean = 0.1 + 0.4 * rng.nextUnit()
    default: family = .zeroInflated(zeroProbability: 0.5, dispersion: 0.3); mean = 0.3 + rng.nextUnit()
    }
    let weekly = [0.9, 0.9, 0.95, 1.0, 1.1, 1.25, 0.9]
    let calendar = SimulationCalendar(startWeekday: 5, startDayOfYear: 28)
    let profile = DemandProfile(base: mean, weekly: weekly)
    var sampler = DemandSampler(family)
    var quantities = [Int](repeating: 0, count: days), available = [Bool](), promotion = [Bool](repeating: false, count: days)
    let stockouts = k % 10 == 7
    if stockouts { available = [Bool](repeating: true, count: days) }
    for t in 0..<days {
      promotion[t] = rng.nextUnit() < 0.08
      let demand = sampler.sample(mean: profile.mean(onDay: t, calendar: calendar) * (promotion[t] ? 1.8 : 1), using: &rng)
      if stockouts && t % 30 >= 24 {
        let stock = Int(mean)
        quantities[t] = min(demand, stock)
        available[t] = demand < stock
      } else {
        quantities[t] = demand
      }
    }
    return DemandHistory(quantities: quantities, available: available, promotion: promotion, calendar: calendar)
  }

  /// The `import` workload: a synthetic M5-layout folder of `--series` series (default 30,490)
  /// x `--days` days (default 1,941) written to a temporary folder, then converted.
  static func benchImport(_ args: ParsedArguments, console: Console) throws -> Int32 {
    let count = try args.integer("series", default: 30_490, range: 1...1_000_000, command: name)
    let days = try args.integer("days", default: 1_941, range: 1...20_000, command: name)
    let root = FileManager.default.temporaryDirectory.path + "/supplysim-bench-import-\(ProcessInfo.processInfo.processIdentifier)"
    try FileManager.default.createDirectory(atPath: root + "/m5", withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: root) }
    let made = ContinuousClock.now
    try M5Sample.write(to: root + "/m5", series: count, days: days, seed: 1)
    let generated = ProgressBar.seconds(ContinuousClock.now - made)
    func size(_ path: String) -> Double {
      let attributes = try? FileManager.default.attributesOfItem(atPath: path)
      // Whatever integer type this Foundation reports the size in.
      let bytes = (attributes?[.size] as? any BinaryInteger).map { Double($0) } ?? 0
      return bytes / 1_048_576
    }
    let inputMiB = ["sales_train_validation.csv", "calendar.csv", "sell_prices.csv"].reduce(0) { $0 + size(root + "/m5/" + $1) }
    let start = ContinuousClock.now
    let summary = try M5Importer(directory: root + "/m5").run(output: root + "/out")
    let seconds = ProgressBar.seconds(ContinuousClock.now - start)
    let outputMiB = size(root + "/out/history.csv")
    console.out("bench import: synthetic M5 layout, \(count) series x \(days) days (\(NumberFormat.fixed(inputMiB, 0)) MiB of input, generated in \(NumberFormat.fixed(generated, 1)) s)\n")
    console.out("  converted in \(NumberFormat.fixed(seconds, 2)) s: \(summary.rows) history rows (\(NumberFormat.fixed(outputMiB, 0)) MiB) = \(NumberFormat.fixed(Double(summary.rows) / seconds / 1e6, 2)) million rows/s\n")
    console.out("  peak resident memory: \(peakMemoryMiB().map { NumberFormat.fixed($0, 1) + " MiB" } ?? "unknown")\n")
    return 0
  }
}
