import Foundation

/// The seeds: every shipped input, shrunk so that a case stays cheap, plus a table of command lines.
///
/// Shrinking keeps the structure and the variety and cuts the size: a scenario keeps up to four
/// SKUs (distinct demand distributions first), a 40-day horizon, a 10-day warm-up, one
/// replication and LP look-aheads of at most 7 days; JSON paths in its sweep and stress sections
/// are remapped onto the kept SKUs. An LP bench instance keeps 3 SKUs and 8 periods; a large LP
/// model file keeps its first 40 variables and the constraints on them.
struct FuzzSeeds {
  /// A seed input: its file name in the case folder, its shrunk text and, for JSON, its tree.
  struct Seed {
    var name: String
    var kind: Kind
    var text: String
    var json: FuzzJSON?
  }

  enum Kind: String, CaseIterable {
    case scenario, series, lpModel, mps, lpBenchInstance, rules, baseline
  }

  /// One line of the command table: arguments relative to the case folder.
  struct CommandLine {
    var arguments: [String]
  }

  var seeds: [Seed] = []
  /// Files every case folder may refer to, by name: shrunk scenarios, the series, LP files, the
  /// rules, and `baselines/` made from the shrunk scenarios.
  var fixtures: [String: String] = [:]
  var commandLines: [CommandLine] = []

  /// Reads and shrinks every shipped input under `root`.
  init(root: String) throws {
    func read(_ path: String) throws -> String {
      guard let data = FileManager.default.contents(atPath: root + "/" + path) else {
        throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: path])
      }
      return String(decoding: data, as: UTF8.self)
    }
    func list(_ dir: String, _ suffix: String) -> [String] {
      ((try? FileManager.default.contentsOfDirectory(atPath: root + "/" + dir)) ?? [])
        .filter { $0.hasSuffix(suffix) }.sorted().map { dir + "/" + $0 }
    }
    // external-policy.json is left out: its policy starts python3 with the scenario's command,
    // and a campaign should not start programs named by mutated text (ExternalPolicyTests and
    // ExternalPolicyCommandTests cover bad programs and replies).
    for path in list("scenarios", ".json") where path != "scenarios/external-policy.json" {
      let tree = FuzzSeeds.shrinkScenario(try FuzzJSON.parse(try read(path)))
      add(Seed(name: (path as NSString).lastPathComponent, kind: .scenario, text: tree.text(), json: tree))
    }
    // The CSV tables and sales histories shipped scenarios name, at the same relative paths.
    for folder in list("scenarios/data", "") {
      for path in list(folder, ".csv") { fixtures[String(path.dropFirst("scenarios/".count))] = try read(path) }
    }
    for path in list("scenarios", ".csv") {
      add(Seed(name: (path as NSString).lastPathComponent, kind: .series, text: try read(path)))
    }
    for path in list("scenarios/lp", ".json") {
      let tree = FuzzSeeds.shrinkLPModel(try FuzzJSON.parse(try read(path)))
      add(Seed(name: (path as NSString).lastPathComponent, kind: .lpModel, text: tree.text(), json: tree))
    }
    for path in list("scenarios/lp", ".mps") {
      add(Seed(name: (path as NSString).lastPathComponent, kind: .mps, text: try read(path)))
    }
    // No MPS file is shipped: the two below cover every section and bound type the reader knows.
    add(Seed(name: "three-products.mps", kind: .mps, text: FuzzSeeds.threeProductsMPS))
    add(Seed(name: "sections.mps", kind: .mps, text: FuzzSeeds.sectionsMPS))
    for path in list("scenarios/lp/bench", ".json") where !path.hasSuffix("reference-optima.json") {
      let tree = FuzzSeeds.shrinkBenchInstance(try FuzzJSON.parse(try read(path)))
      seeds.append(Seed(name: (path as NSString).lastPathComponent, kind: .lpBenchInstance, text: tree.text(), json: tree))
    }
    fixtures["lp-bench/LP-1_K10_T30.json"] = seeds.last { $0.kind == .lpBenchInstance }?.text
    for path in list("scenarios/rules", ".json") {
      let text = try read(path)
      add(Seed(name: (path as NSString).lastPathComponent, kind: .rules, text: text, json: try FuzzJSON.parse(text)))
    }
    for path in list("reports/baselines", ".json") {
      let text = try read(path)
      seeds.append(Seed(name: (path as NSString).lastPathComponent, kind: .baseline, text: text, json: try FuzzJSON.parse(text)))
    }
    commandLines = FuzzSeeds.table.map { CommandLine(arguments: $0.split(separator: " ").map(String.init)) }
  }

  private mutating func add(_ seed: Seed) {
    seeds.append(seed)
    fixtures[seed.name] = seed.text
  }

  /// Adds baselines made from the shrunk scenarios (by `supplysim baseline` in the fixtures
  /// folder, so they record relative scenario paths) as seeds and fixtures.
  mutating func addFreshBaselines(_ files: [String: String]) {
    for (name, text) in files.sorted(by: { $0.key < $1.key }) {
      fixtures["baselines/" + name] = text
      if let tree = try? FuzzJSON.parse(text) {
        seeds.append(Seed(name: name, kind: .baseline, text: text, json: tree))
      }
    }
  }

  // MARK: Shrinking

  static func shrinkScenario(_ scenario: FuzzJSON) -> FuzzJSON {
    guard case .object(var members) = scenario else { return scenario }
    // SKUs named by the sweep and stress sections are kept first, then distinct demand distributions.
    let sections = ["sweep", "stressTests"].compactMap { scenario[$0]?.text() }.joined()
    let referenced = Array(Set(skuIndices(in: sections))).sorted().prefix(3)
    var newIndex: [Int: Int] = [:]
    for i in members.indices {
      let (key, value) = members[i]
      switch key {
      case "horizonDays": if let d = value.double, d > 40 { members[i].1 = .number("40") }
      case "warmUpDays": if let d = value.double, d > 10 { members[i].1 = .number("10") }
      case "replications": members[i].1 = .number("1")
      case "skus":
        guard case .array(let skus) = value else { continue }
        var keep = referenced.filter { $0 < skus.count }
        var seen = Set(keep.map { skus[$0]["demand"]?["distribution"]?.text() ?? "" })
        for (j, sku) in skus.enumerated() where keep.count < 4 && !keep.contains(j) {
          if seen.insert(sku["demand"]?["distribution"]?.text() ?? "").inserted { keep.append(j) }
        }
        for j in skus.indices where keep.count < 2 && !keep.contains(j) { keep.append(j) }
        keep.sort()
        for (n, j) in keep.enumerated() { newIndex[j] = n }
        members[i].1 = .array(keep.map { skus[$0] })
      case "policies":
        guard case .array(var policies) = value else { continue }
        for p in policies.indices {
          _ = policies[p].modify(at: [.key("lp", index(of: "lp", in: policies[p])), .key("horizonDays", index(of: "horizonDays", in: policies[p]["lp"]))][...]) { v in
            (v.double ?? 0) > 7 ? .number("7") : v
          }
        }
        members[i].1 = .array(policies)
      default: break
      }
    }
    // Paths into SKUs are remapped onto the kept ones: skus[17] -> the new index of SKU 17, else 17 % kept.
    let text = remapSKUIndices(FuzzJSON.object(members).text()) { n in newIndex[n] ?? n % max(1, newIndex.count) }
    return (try? FuzzJSON.parse(text)) ?? .object(members)
  }

  private static func index(of key: String, in value: FuzzJSON?) -> Int {
    if case .object(let m)? = value { return m.firstIndex { $0.0 == key } ?? Int.max }
    return Int.max
  }

  private static func skuIndices(in text: String) -> [Int] {
    var found: [Int] = []
    _ = remapSKUIndices(text) { found.append($0); return $0 }
    return found
  }

  private static func remapSKUIndices(_ text: String, _ map: (Int) -> Int) -> String {
    var out = ""
    var rest = Substring(text)
    while let r = rest.range(of: "skus[") {
      out += rest[..<r.upperBound]
      rest = rest[r.upperBound...]
      let digits = rest.prefix { $0.isNumber }
      if let n = Int(digits) { out += "\(map(n))" } else { out += digits }
      rest = rest.dropFirst(digits.count)
    }
    return out + rest
  }

  static func shrinkLPModel(_ model: FuzzJSON) -> FuzzJSON {
    guard case .object(var members) = model, case .array(let variables)? = model["variables"], variables.count > 40 else { return model }
    let kept = Array(variables.prefix(40))
    let names = Set(kept.compactMap { v -> String? in if case .string(let s)? = v["name"] { s } else { nil } })
    for i in members.indices {
      if members[i].0 == "variables" { members[i].1 = .array(kept) }
      if members[i].0 == "constraints", case .array(let rows) = members[i].1 {
        members[i].1 = .array(rows.filter { row in
          guard case .object(let terms)? = row["terms"] else { return false }
          return terms.allSatisfy { names.contains($0.0) }
        })
      }
    }
    return .object(members)
  }

  static func shrinkBenchInstance(_ instance: FuzzJSON) -> FuzzJSON {
    guard case .object(var members) = instance else { return instance }
    let k = 3, t = 8
    for i in members.indices {
      switch (members[i].0, members[i].1) {
      case ("K", _): members[i].1 = .number("\(k)")
      case ("T", _): members[i].1 = .number("\(t)")
      case ("note", _): members[i].1 = .string("shrunk by the fuzzer")
      case ("capacity", .array(let a)): members[i].1 = .array(Array(a.prefix(t)))
      case ("demand", .array(let rows)):
        members[i].1 = .array(rows.prefix(k).map { row in
          if case .array(let a) = row { return .array(Array(a.prefix(t))) }
          return row
        })
      case (_, .array(let a)): members[i].1 = .array(Array(a.prefix(k)))
      default: break
      }
    }
    return .object(members)
  }

  // MARK: Inline seeds

  static let threeProductsMPS = """
    NAME          THREEPRODUCTS
    ROWS
     N  COST
     G  TOTAL
    COLUMNS
        X1        COST      10.0         TOTAL     1.0
        X2        COST      20.0         TOTAL     1.0
        X3        COST      30.0         TOTAL     1.0
    RHS
        RHS       TOTAL     200.0
    BOUNDS
     UP BND       X1        100.0
     UP BND       X2        200.0
     UP BND       X3        150.0
    ENDATA

    """

  static let sectionsMPS = """
    * every section and bound type
    NAME          SECTIONS
    OBJSENSE
        MAX
    ROWS
     N  PROFIT
     L  CAP
     G  MINMIX
     E  BALANCE
     L  RANGED
    COLUMNS
        A         PROFIT    3.0          CAP       1.0
        A         BALANCE   1.0          RANGED    2.0
        MARKER    'MARKER'  'INTORG'
        B         PROFIT    2.0          CAP       1.0
        B         MINMIX    1.0          BALANCE   -1.0
        MARKER    'MARKER'  'INTEND'
        C         PROFIT    1.5          RANGED    1.0
        D         PROFIT    -1.0         MINMIX    1.0
    RHS
        RHS       CAP       40.0         MINMIX    2.0
        RHS       BALANCE   0.0          RANGED    30.0
        RHS       PROFIT    -5.0
    RANGES
        RNG       RANGED    10.0
    BOUNDS
     UP BND       A         25.0
     LO BND       C         1.0
     UP BND       C         1e30
     FX BND       D         3.0
     BV BND       B
     FR BND       E
     MI BND       F
     PL BND       C
     LI BND       B         0
     UI BND       B         1
    ENDATA

    """

  /// Typical and odd command lines for every subcommand; paths are relative to the case folder.
  static let table: [String] = [
    "run quickstart.json --out out --replications 1 --no-daily --threads 1 --quiet",
    "run two-echelon.json --out out --seed 7 --replications 2 --threads 1",
    "run three-echelon.json --out out --quiet --threads 1 --no-daily",
    "run forecast-lp.json --out out --replications 1 --threads 1 --quiet",
    "validate quickstart.json two-echelon.json sweep-example.json",
    "validate supplier-outage.json",
    "compare quickstart.json --forecasters model,naive,ses --replications 1 --threads 1 --out out --quiet --min-fill-rate 0.9 --retrain 14",
    "compare two-echelon.json --forecasters naive --param ses.alpha=0.3 --replications 1 --threads 1 --quiet",
    "sweep quickstart.json --vary suppliers[0].leadTime.mean=3,7 --replications 1 --threads 1 --out out --quiet",
    "sweep quickstart.json --vary skus[0].demand.mean=1..4:3 --vary skus[1].unitCost=1,2 --replications 1 --threads 1 --out out --quiet",
    "sweep sweep-example.json --replications 1 --threads 1 --out out --quiet",
    "stress supplier-outage.json --replications 1 --threads 1 --out out --quiet",
    "forecast airpassengers.csv --model ses --horizon 12 --level 80,95 --out out/forecast.csv",
    "forecast airpassengers.csv --model holt_winters --param period=12 --season 12 --column passengers",
    "forecast airpassengers.csv --model arima --param p=1 --param d=1 --param q=1 --horizon 6",
    "forecast airpassengers.csv --model croston --param alpha=0.1 --level 90",
    "forecast airpassengers.csv --model lstm --param epochs=1 --param hidden=4 --param window=12 --param batch=16 --quiet --save-model out/model.json",
    "forecast airpassengers.csv --model regression --param trend=1 --param fourier_period=12 --param fourier_k=2",
    "forecast --list",
    "backtest airpassengers.csv --models naive,ses,mean --horizon 12 --step 12 --initial 108 --out out",
    "backtest airpassengers.csv --models seasonal_naive,holt --horizon 6 --step 24 --window sliding --season 12 --level 80,95",
    "backtest quickstart.json --models naive,moving_average --horizon 7 --step 7 --season 7 --param moving_average.window=3",
    "lp three-products.json --all --duals --out out/solution.json",
    "lp three-products.mps --duals",
    "lp sections.mps --all",
    "baseline quickstart.json --out out --replications 1 --threads 1 --quiet",
    "baseline --refresh --out baselines --quiet --threads 1",
    "check quickstart.json --baseline baselines --junit out/junit.xml --json out/check.json --threads 1",
    "check --baseline baselines --threads 1",
    "check quickstart.json --baseline baselines --seed 3 --replications 1 --rules example.rules.json --threads 1",
    "bench sim --skus 10 --days 20 --repeat 1 --threads 1",
    "bench network --skus 3 --days 20 --repeat 1 --threads 1 --scenario three-echelon.json",
    "bench experiment --replications 1 --scenario quickstart.json",
    "bench forecast --series 2 --length 40",
    "bench lp --instances lp-bench",
    "help run",
    "help check",
    "--help",
    "--version",
    "run --help",
  ]
}
