/// One fuzz case: the files it writes into the case folder and what it runs there.
struct FuzzCase {
  var index: Int
  /// The seed it was made from: a file name, or a command line from the table.
  var seed: String
  /// The kind of seed (`scenario`, `series`, ..., `command`), for the counts by kind.
  var kind = ""
  /// What was changed, in order.
  var mutations: [String]
  /// Mutated inputs by path relative to the case folder (the fixtures are written too).
  var files: [String: String]
  var plan: Plan
  /// The work estimate (see `FuzzWork`); a case above the budget is validated but not run.
  var work: Double

  enum Plan {
    /// `validate FILE`; when it exits 0 and the work is within budget, `run FILE ...` must exit 0.
    case scenario(file: String)
    /// One command line (run only when the work is within budget).
    case command([String])
  }

  /// The command lines the case runs, in order (the second only if the first accepts).
  var commandLines: [[String]] {
    switch plan {
    case .scenario(let file): [["validate", file], FuzzCase.runArguments(file)]
    case .command(let arguments): [arguments]
    }
  }

  static func runArguments(_ file: String) -> [String] {
    ["run", file, "--replications", "1", "--no-daily", "--threads", "1", "--quiet", "--out", "out"]
  }

  /// Which case to make: a kind of seed, by weight.
  static let kindWeights: [(FuzzSeeds.Kind?, Int)] = [
    (.scenario, 44), (.series, 10), (.lpModel, 6), (.mps, 7), (.lpBenchInstance, 3), (.rules, 5), (.baseline, 7), (nil, 18),
  ]

  /// Makes case `index` of the campaign with seed `campaignSeed`: a pure function of both.
  static func make(index: Int, campaignSeed: UInt64, seeds: FuzzSeeds) -> FuzzCase {
    var c = makeUnlabelled(index: index, campaignSeed: campaignSeed, seeds: seeds)
    c.kind = c.seed.hasPrefix("command: ") ? "command" : (seeds.seeds.first { $0.name == c.seed }?.kind.rawValue ?? "?")
    return c
  }

  private static func makeUnlabelled(index: Int, campaignSeed: UInt64, seeds: FuzzSeeds) -> FuzzCase {
    var rng = FuzzRandom(seed: campaignSeed, stream: UInt64(index))
    var log: [String] = []
    let kind = kindWeights[rng.weighted(kindWeights.map(\.1))].0
    func pickSeed(_ kind: FuzzSeeds.Kind) -> FuzzSeeds.Seed { rng.pick(seeds.seeds.filter { $0.kind == kind }) }
    func tableLine(_ filter: (String) -> Bool) -> [String] {
      rng.pick(seeds.commandLines.map(\.arguments).filter { filter($0.joined(separator: " ")) })
    }
    switch kind {
    case .scenario:
      let seed = pickSeed(.scenario)
      let (tree, text) = FuzzMutator.mutate(json: seed.json!, rng: &rng, log: &log)
      return FuzzCase(index: index, seed: seed.name, mutations: log, files: [seed.name: text], plan: .scenario(file: seed.name),
                      work: FuzzWork.scenario(tree))
    case .series:
      let seed = pickSeed(.series)
      let text = FuzzMutator.mutate(text: seed.text, separator: ",", rng: &rng, log: &log)
      var args = tableLine { ($0.hasPrefix("forecast ") || $0.hasPrefix("backtest ")) && $0.contains(seed.name) }
      if rng.chance(0.2) { args = FuzzMutator.mutate(arguments: args, optionNames: optionNames(args), files: [seed.name], rng: &rng, log: &log) }
      return FuzzCase(index: index, seed: seed.name, mutations: log, files: [seed.name: text], plan: .command(args),
                      work: FuzzWork.commandLine(args, seeds: seeds, files: [seed.name: text]))
    case .lpModel, .mps:
      let seed = pickSeed(kind!)
      let text = seed.json.map { FuzzMutator.mutate(json: $0, rng: &rng, log: &log).text }
        ?? FuzzMutator.mutate(text: seed.text, separator: nil, rng: &rng, log: &log)
      var args = ["lp", seed.name]
      if rng.chance(0.3) { args.append("--all") }
      if rng.chance(0.3) { args.append("--duals") }
      if rng.chance(0.3) { args += ["--out", "out/solution.json"] }
      return FuzzCase(index: index, seed: seed.name, mutations: log, files: [seed.name: text], plan: .command(args), work: 0)
    case .lpBenchInstance:
      let seed = pickSeed(.lpBenchInstance)
      let (tree, text) = FuzzMutator.mutate(json: seed.json!, rng: &rng, log: &log)
      let args = rng.chance(0.8) ? ["bench", "lp", "--instances", "lp-bench"] : ["lp", "lp-bench/LP-1_K10_T30.json"]
      return FuzzCase(index: index, seed: seed.name, mutations: log, files: ["lp-bench/LP-1_K10_T30.json": text], plan: .command(args),
                      work: FuzzWork.benchInstance(tree))
    case .rules:
      let seed = pickSeed(.rules)
      let text = FuzzMutator.mutate(json: seed.json!, rng: &rng, log: &log).text
      let args = ["check", "quickstart.json", "--baseline", "baselines", "--rules", seed.name, "--threads", "1"]
      return FuzzCase(index: index, seed: seed.name, mutations: log, files: [seed.name: text], plan: .command(args),
                      work: FuzzWork.commandLine(args, seeds: seeds, files: [:]))
    case .baseline:
      let seed = pickSeed(.baseline)
      let (tree, text) = FuzzMutator.mutate(json: seed.json!, rng: &rng, log: &log)
      let scenario = String(seed.name.dropLast(".baseline.json".count)) + ".json"
      var args = ["check", "--baseline", "baselines", "--threads", "1"]
      if rng.chance(0.7) { args.insert(seeds.fixtures[scenario] != nil ? scenario : "quickstart.json", at: 1) }
      var work = FuzzWork.commandLine(args, seeds: seeds, files: [:])
      if let r = tree["replications"]?.double { work *= r.isFinite ? max(1, r) / 2 : .infinity }
      return FuzzCase(index: index, seed: seed.name, mutations: log, files: ["baselines/" + seed.name: text], plan: .command(args), work: work)
    case nil:
      let line = rng.pick(seeds.commandLines).arguments
      let files = seeds.fixtures.keys.sorted().filter { !$0.contains("/") }
      let args = FuzzMutator.mutate(arguments: line, optionNames: optionNames(line), files: files, rng: &rng, log: &log)
      return FuzzCase(index: index, seed: "command: " + line.joined(separator: " "), mutations: log, files: [:], plan: .command(args),
                      work: FuzzWork.commandLine(args, seeds: seeds, files: [:]))
    }
  }

  /// The options of the command a table line runs, for misspellings and additions.
  static func optionNames(_ arguments: [String]) -> [String] {
    guard let name = arguments.first, let command = FuzzCLI.options[name] else { return [] }
    return command
  }
}
