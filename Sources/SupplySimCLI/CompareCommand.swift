import Experiments
import Forecasting
import Parallelism
import Replenishment
import Reports
import Scenarios
import SupplyModel

/// `supplysim compare`: every policy of a scenario crossed with several forecasters, simulated
/// together under common random numbers and ranked by total cost at a required fill rate.
struct CompareCommand: CLICommand {
  static let name = "compare"
  static let summary = "Cross every policy with several forecasters and rank the combinations by cost at a required fill rate."
  static let operands = "SCENARIO"
  static let details = """
    Each policy of the scenario is run once per forecaster: "model" keeps the policy's own plan
    (the demand model, or its forecast section if it has one); any other name re-plans it from
    that forecaster's forecasts of observed demand, refitted every --retrain days (LP policies
    plan on the forecasts). All combinations see the same demand in every replication. Prints a
    policy x forecaster matrix of total cost and fill rate and the ranking by total cost among
    combinations whose mean fill rate reaches --min-fill-rate; --out writes the full report of
    every combination (missing folders are created). SCENARIO - reads standard input. An
    ensemble in --forecasters combines --members; its parameters are ensemble.KEY and
    ensemble.MEMBER.KEY, e.g. --param ensemble.median=1.
    """
  static let options: [OptionSpec] = [
    .value("forecasters", "A,B,...", "forecasters to cross with the policies (default model,naive,ses,auto_ets)"),
    .value("members", "A,B,...", "the forecasters an ensemble in --forecasters combines"),
    .value("min-fill-rate", "F", "required mean fill rate, in (0, 1) or percent (default 0.95)"),
    .value("retrain", "D", "days between refits (default 7)"),
    .repeatable("param", "MODEL.KEY=VALUE", "a forecaster parameter, e.g. auto_ets.period=7"),
    .value("replications", "N", "replications (default: the scenario's, else 1)"),
    .value("threads", "N", "worker threads (default: all cores)"),
    .value("out", "DIR", "write the report of all combinations here"),
    .flag("quiet", "no progress bar"),
  ]

  static func run(_ args: ParsedArguments, console: Console) throws -> Int32 {
    guard args.positionals.count == 1 else { throw UsageError("compare: expected one scenario file (usage: \(usageLine))") }
    let names = try args.list("forecasters", command: name) ?? ["model", "naive", "ses", "auto_ets"]
    let members = try args.list("members", command: name)
    try ForecasterChoice.checkMembersUsed(members, names: names, command: name)
    let required = try args.fraction("min-fill-rate", includesOne: true, command: name) ?? 0.95
    let retrain = try args.integer("retrain", default: 7, range: 1...3650, command: name)
    var scenario = try InputFile.scenario(args.positionals[0], console: console)
    scenario.releaseSKUSpecs()
    let parameters = try ForecastCommand.parseModelParameters(args.values["param"] ?? [], models: names.filter { $0 != "model" }, command: name)
    var settings: [String: ForecastSettings] = [:]
    for n in names where n != "model" {
      let spec = try ForecasterChoice.spec(n, parameters: parameters[n] ?? [:], members: members, option: "forecasters", command: name)
      let memberList = spec.members.isEmpty ? "" : "[" + spec.members.map(\.name).joined(separator: ", ") + "]"
      let label = n + memberList + (spec.parameters.isEmpty ? "" : "(" + spec.parameters.sorted { $0.key < $1.key }.map { "\($0.key)=\(NumberFormat.shortest($0.value))" }.joined(separator: ", ") + ")")
      settings[n] = ForecastSettings(forecaster: try ForecasterCatalog.make(spec), label: label, retrainEvery: retrain)
    }
    let base = scenario.policies
    var variants: [PolicyDefinition] = []
    for policy in base {
      for n in names {
        var v = policy
        v.name = "\(policy.name) × \(n)"
        if let s = settings[n] {
          guard let model = policy.model.replacingForecast(with: s) else {
            throw CLIError(subject: args.positionals[0], problem: "policy \"\(policy.name)\" (type \(policy.type)) cannot follow a forecaster, so compare cannot vary its forecaster; compare scenarios whose policies take a \"forecast\" section")
          }
          v.model = model
          v.nodeModels = v.nodeModels.mapValues { $0.replacingForecast(with: s) ?? $0 }
        }
        variants.append(v)
      }
    }
    scenario.policies = variants
    let replications = try args.integer("replications", default: scenario.spec.replications ?? 1, range: 1...100_000, command: name)
    let threads = try args.integer("threads", default: Parallel.defaultThreadCount, range: 1...1024, command: name)
    if let dir = args.value("out") { try OutputPath.check(dir, option: "out", kind: .folder, command: name) }
    let bar = ProgressBar(console: console, label: "comparing", enabled: !args.flag("quiet"))
    var experiment = Experiment(scenario: scenario, replications: replications, threads: threads, recordTrace: args.value("out") != nil)
    if let dir = args.value("out") { experiment.traceSpool = try DailyTraceSpool(for: scenario, in: dir) }
    let result = try bar.showing { try experiment.run(progress: bar.update) }

    console.out("\(scenario.spec.name): \(base.count) policies x \(names.count) forecasters, \(replications) replication\(replications == 1 ? "" : "s"), common random numbers\n\n")
    var matrix = TextTable(header: ["Policy"] + names)
    for (p, policy) in base.enumerated() {
      var row = [policy.name]
      for f in names.indices {
        let o = result.outcomes[p * names.count + f]
        row.append("\(NumberFormat.grouped(o.summary(of: "totalCost").mean, 0)) (\(NumberFormat.percent(o.summary(of: "fillRate").mean, 1)))")
      }
      matrix.rows.append(row)
    }
    console.out("total cost (fill rate)\n" + matrix.plain() + "\n")
    let ranking = PairedRanking(result.outcomes.map { PolicyTotals(name: $0.name, totals: $0.totals) }, kpi: "totalCost",
                                requirement: .init(kpi: "fillRate", minimum: required))
    // The verdict column is left-aligned and last: no padding after it.
    let table = Self.rankingTable(ranking, required: required).plain().split(separator: "\n", omittingEmptySubsequences: false)
    console.out(table.map { line in String(line.reversed().drop { $0 == " " }.reversed()) }.joined(separator: "\n"))
    console.out("\n" + Self.rankingStatement(ranking, required: required) + "\n")
    if let dir = args.value("out") {
      let written = try RunReport(result: result, version: SupplySimCommand.version).write(to: dir)
      console.out("wrote \(written.joined(separator: ", "))\n")
    }
    return 0
  }

  /// The ranking as a table: rank, combination, mean total cost ± its 95% half-width, fill rate,
  /// whether it meets the requirement, and the paired difference to the best with its interval.
  static func rankingTable(_ ranking: PairedRanking, required: Double) -> TextTable {
    var table = TextTable(header: ["Rank", "Policy × forecaster", "Total cost", "Fill rate", "Meets \(NumberFormat.percent(required, 1))",
                                   "vs best (paired)", "95% interval", "Verdict"],
                          rightAligned: [true, false, true, true, false, true, true, false])
    for e in ranking.entries {
      let cost = NumberFormat.grouped(e.summary.mean, 0) + (e.summary.interval.map { " ± " + NumberFormat.grouped($0.halfWidth, 0) } ?? "")
      var difference = "best", interval = "", verdict = ""
      if let d = e.differenceToBest {
        difference = signed(d.mean)
        interval = d.interval.map { "\(signed($0.lower)) to \(signed($0.upper))" } ?? "–"
        verdict = d.interval == nil ? "untested" : (e.distinguishableFromBest ? (d.mean > 0 ? "dearer" : "cheaper") : "not distinguishable")
      } else if ranking.best == nil {
        difference = ""
      }
      table.rows.append([e.rank.map(String.init) ?? "–", e.name, cost, NumberFormat.percent(e.requirementMean ?? .nan, 2),
                         e.meetsRequirement ? "yes" : "no", difference, interval, verdict])
    }
    return table
  }

  /// The ranking's statement and the test behind it.
  static func rankingStatement(_ ranking: PairedRanking, required: Double) -> String {
    let text = ranking.statement(noun: ("combination", "combinations"), kpiName: "total cost", format: { NumberFormat.grouped($0, 0) },
                                 requirementText: "a mean fill rate of at least \(NumberFormat.percent(required, 1))")
    return text + "\n" + ranking.testDescription
  }

  /// A signed whole number: "+67", "-420", "0".
  static func signed(_ x: Double) -> String { (x > 0 ? "+" : "") + NumberFormat.grouped(x, 0) }
}
