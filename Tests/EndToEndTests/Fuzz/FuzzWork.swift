/// Work estimates, in roughly microseconds of a DEBUG build, so that the fuzzer runs a case
/// whose inputs are accepted only when it can finish quickly. A case above
/// `FuzzWork.budget` is counted as "accepted, too large to run" instead of being run.
///
/// - Scenario: SKUs × nodes × days × replications (1) × Σ over policies of a per-SKU-day cost:
///   1 for the simulation, plus fits per day × the forecaster's fit cost for a forecast-driven
///   policy (`fitCost`), plus look-ahead² × 3 (45 with fixed order costs: branch and bound) for
///   an LP policy; × 20 to convert to microseconds.
/// - Command line: the same for the scenario it names, times replications, grid points (sweep),
///   stress tests + 1 (stress) and forecasters (compare); forecasting commands cost fits × fit
///   cost; `bench` costs its sizes. An option value the CLI will reject costs nothing.
enum FuzzWork {
  /// The largest estimate that is run (about 2 s in a debug build).
  static let budget = 2_000_000.0

  /// Microseconds (debug) to fit one model to a short series.
  static func fitCost(_ model: String) -> Double {
    switch model {
    case "auto_arima": 300_000
    case "ensemble": 400_000
    case "auto_ets": 80_000
    case "arima", "ets", "holt_winters": 20_000
    case "lstm", "gru": 20_000_000
    case "ses", "holt", "croston", "sba", "tsb", "regression": 3_000
    default: 500
    }
  }

  static func scenario(_ s: FuzzJSON) -> Double {
    func count(_ v: FuzzJSON?) -> Double { if case .array(let a)? = v { Double(a.count) } else { 1 } }
    func number(_ v: FuzzJSON?, _ fallback: Double) -> Double {
      guard let d = v?.double else { return fallback }
      return d.isFinite ? max(1, d) : .infinity
    }
    let skus = max(1, count(s["skus"]))
    let nodes = max(1, count(s["nodes"]))
    let days = number(s["horizonDays"], 365) + (s["warmUpDays"]?.double.map { $0.isFinite ? max(0, $0) : .infinity } ?? 0)
    var perSKUDay = 0.0
    if case .array(let policies)? = s["policies"] {
      for p in policies {
        var c = 1.0
        if let f = p["forecast"] {
          let model: String = if case .string(let m)? = f["model"] { m } else { "auto_ets" }
          c += fitCost(model) / number(f["retrainEvery"], 7)
        }
        if case .string("lp")? = p["type"] {
          let h = number(p["lp"]?["horizonDays"], 14)
          let fixed = p["lp"]?["fixedOrderCosts"] == .bool(true)
          c += h * h * (fixed ? 45 : 3)
        }
        perSKUDay += c
      }
    } else {
      perSKUDay = 3
    }
    return skus * nodes * days * perSKUDay * 20
  }

  static func benchInstance(_ s: FuzzJSON) -> Double {
    let k = s["K"]?.double ?? 3, t = s["T"]?.double ?? 8
    guard k.isFinite, t.isFinite else { return .infinity }
    let variables = 3 * max(1, k) * max(1, t)
    return variables * variables * 2
  }

  /// The work of a command line run in a case folder holding the fixtures.
  static func commandLine(_ args: [String], seeds: FuzzSeeds, files: [String: String]) -> Double {
    guard let command = args.first else { return 0 }
    /// The last value of an option (`--name V` or `--name=V`).
    func value(_ name: String) -> String? {
      var found: String?
      for (i, a) in args.enumerated() {
        if a == "--" + name, i + 1 < args.count { found = args[i + 1] }
        if a.hasPrefix("--" + name + "=") { found = String(a.dropFirst(name.count + 3)) }
      }
      return found
    }
    /// A count option: its default when absent, 1 when the CLI will reject the value.
    func count(_ name: String, _ fallback: Double, max: Double) -> Double {
      guard let text = value(name) else { return fallback }
      guard let v = Int(text), v >= 1, Double(v) <= max else { return 1 }
      return Double(v)
    }
    let positionals = args.dropFirst().enumerated().filter { (i, a) in
      !a.hasPrefix("--") && !(i > 0 && args[i].hasPrefix("--") && !args[i].contains("="))
    }.map(\.1)
    let scenarioWork = positionals.compactMap { name -> Double? in
      guard name.hasSuffix(".json"), let seed = seeds.seeds.first(where: { $0.name == name && $0.kind == .scenario }) else { return nil }
      return scenario(seed.json!)
    }.reduce(0, +)
    let modelList = (value("models") ?? value("forecasters") ?? value("model") ?? "").split(separator: ",").map(String.init)
    let fits = modelList.map(fitCost).reduce(0, +)
    let seriesLength = Double((files["airpassengers.csv"] ?? seeds.fixtures["airpassengers.csv"] ?? "").split(separator: "\n").count)
    switch command {
    case "run", "baseline":
      let refresh = args.contains("--refresh") ? 3 * scenario(seeds.seeds.first { $0.name == "quickstart.json" }!.json!) : 0
      return (scenarioWork + refresh) * count("replications", 1, max: 100_000)
    case "check":
      let all = positionals.isEmpty ? 2 * scenario(seeds.seeds.first { $0.name == "quickstart.json" }!.json!) : scenarioWork
      return all * count("replications", 2, max: 100_000)
    case "validate":
      return 0
    case "compare":
      let forecasters = Double(max(1, modelList.count))
      return scenarioWork * count("replications", 1, max: 100_000) * forecasters * (1 + fits / 7 / count("retrain", 7, max: 3650))
    case "sweep":
      var points = 1.0
      for (i, a) in args.enumerated() where a == "--vary" && i + 1 < args.count || a.hasPrefix("--vary=") {
        let spec = a == "--vary" ? args[i + 1] : String(a.dropFirst(7))
        if let colon = spec.lastIndex(of: ":"), spec.contains("..") {
          let n = Double(Int(spec[spec.index(after: colon)...]) ?? 1)
          points *= n >= 1 && n <= 10_000 ? n : 1
        } else {
          points *= Double(spec.split(separator: ",").count)
        }
      }
      if !args.contains(where: { $0.hasPrefix("--vary") }) { points = 12 }
      return scenarioWork * points * count("replications", 1, max: 100_000)
    case "stress":
      return scenarioWork * 6 * count("replications", 1, max: 100_000)
    case "forecast":
      if modelList.contains(where: { $0 == "lstm" || $0 == "gru" }) {
        let epochs = args.contains { $0.hasSuffix("epochs=1") || $0.hasSuffix("epochs=2") }
        let hidden = args.contains { $0.hasSuffix("hidden=4") }
        return epochs && hidden ? 500_000 : .infinity
      }
      return fits * (1 + seriesLength / 150) + count("horizon", 14, max: 10_000) * 10
    case "backtest":
      if modelList.contains(where: { $0 == "lstm" || $0 == "gru" }) { return .infinity }
      let length = positionals.contains { $0.hasSuffix(".json") } ? 400 * 4 : seriesLength
      let initial = count("initial", length / 2, max: 1_000_000)
      let step = count("step", count("horizon", 14, max: 10_000), max: 100_000)
      let origins = max(1, (length - initial) / step)
      return origins * fits * (1 + length / 150) + scenarioWork
    case "bench":
      switch positionals.first ?? "" {
      case "sim": return count("skus", 10_000, max: 10_000_000) * count("days", 365, max: 100_000) * count("repeat", 5, max: 1000) * 2
      case "network": return count("skus", 1_000, max: 1_000_000) * 10 * count("days", 365, max: 100_000) * count("repeat", 5, max: 1000) * 5
      case "experiment": return count("replications", 30, max: 1_000_000) * (value("scenario") == nil ? 1_000_000 : scenarioWork)
      case "forecast": return count("series", 200, max: 1_000_000) * count("length", 150, max: 100_000) * 2_000
      case "nn": return .infinity
      case "lp": return value("instances") == "lp-bench" ? 50_000 : .infinity
      default: return 0
      }
    default:
      return 0
    }
  }
}
