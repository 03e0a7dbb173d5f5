import Experiments
import Parallelism
import Replenishment
import Reports
import Scenarios
import SupplyModel

/// `supplysim optimize`: the best levels of each reorder-point-family policy for every SKU,
/// written as that policy's overrides into a new scenario file.
struct OptimizeCommand: CLICommand {
  static let name = "optimize"
  static let summary = "Find the best levels of each policy for every SKU and write them into a new scenario file."
  static let operands = "SCENARIO"
  static let details = """
    For every sQ, sS, RS and baseStock policy without a forecast section (or those named by
    --policy): SKUs with stationary whole-unit demand (poisson, negativeBinomial, empirical, or
    deterministic with a whole mean), a fixed lead time, a supplier that ships in full and
    backorders get their exact cost-optimal levels ((s,nQ) optimum, Zheng-Federgruen (s,S), the
    newsvendor or periodic order-up-to level); all others are searched by simulation under
    common random numbers. The result is confirmed against the policy as planned on fresh
    replications (--selection-replications), paired by replication. Writes a copy of the
    scenario whose policies carry the levels as "overrides" (default: next to the scenario,
    NAME.optimized.json); `supplysim run` on it reproduces them. With --fill-rate every SKU
    must keep that mean fill rate, and every SKU is searched by simulation. In a network,
    echelon base-stock policies of serial chains get Clark-Scarf's exact echelon levels; every
    other policy is searched by simulation at every node it has levels at, each SKU judged on
    its cost over the whole network, and written as each node's "overrides".
    """
  static let options: [OptionSpec] = [
    .repeatable("policy", "NAME", "a policy to optimise (default: every policy with tunable levels)"),
    .value("out", "FILE", "the scenario file to write (default: next to SCENARIO, NAME.optimized.json)"),
    .value("fill-rate", "F", "each SKU's mean fill rate must reach F, in (0, 1) or percent"),
    .value("replications", "N", "replications the search compares on (default 10)"),
    .value("selection-replications", "N", "fresh replications of the final comparison (default 20)"),
    .value("threads", "N", "worker threads (default: all cores); results do not depend on it"),
    .flag("quiet", "print nothing but errors"),
  ]

  static func run(_ args: ParsedArguments, console: Console) throws -> Int32 {
    guard args.positionals.count == 1 else {
      throw UsageError("optimize: expected one scenario file, got \(args.positionals.count) (usage: \(usageLine))")
    }
    let path = args.positionals[0]
    guard !InputFile.isStandardInput(path) else {
      throw UsageError("optimize: reads the scenario from a file (it writes a modified copy), not from standard input")
    }
    let fillRate = try args.fraction("fill-rate", includesOne: false, command: name)
    let replications = try args.integer("replications", default: 10, range: 2...10_000, command: name)
    let selection = try args.integer("selection-replications", default: 20, range: 2...100_000, command: name)
    let threads = try args.integer("threads", default: Parallel.defaultThreadCount, range: 1...1024, command: name)
    let text = try InputFile.text(path, console: console)
    let scenario = try InputFile.scenario(path, console: console)
    let base = path.hasSuffix(".json") ? String(path.dropLast(5)) : path
    let out = args.value("out") ?? base + ".optimized.json"
    try OutputPath.check(out, option: "out", kind: .file, command: name)
    guard out != path else { throw UsageError("optimize: --out names the scenario itself; write the optimised copy to another file") }

    let names: [String]
    if let chosen = args.values["policy"] {
      for n in chosen where !scenario.policies.contains(where: { $0.name == n }) {
        throw CLIError(subject: path, problem: "has no policy \"\(n)\" (it has \(scenario.policies.map(\.name).joined(separator: ", "))); name one with --policy")
      }
      names = chosen
    } else {
      let nodes = scenario.network.topology.nodes.indices
      names = scenario.policies.filter { definition in
        nodes.contains { node in (definition.model(forNode: node) as? PolicySpecification).map { !$0.tunableLevels.isEmpty } ?? false }
      }.map(\.name)
      guard !names.isEmpty else {
        throw CLIError(subject: path, problem: "has no policy with levels to tune; optimize tunes sQ, sS, RS and baseStock policies without a forecast section")
      }
    }
    let options = PolicyOptimizer.Options(replications: replications, selectionReplications: selection, threads: threads, fillRate: fillRate)
    var results: [PolicyOptimizer.Result] = []
    let bar = ProgressBar(console: console, label: "optimising", enabled: !args.flag("quiet"))
    for (i, policy) in names.enumerated() {
      do {
        results.append(try PolicyOptimizer.optimize(scenario, policy: policy, options: options))
      } catch {
        throw CLIError(subject: path, problem: error.description)
      }
      bar.update(i + 1, names.count)
    }
    bar.finish()

    let document: JSONValue
    do { document = try JSONParser.parse(text) } catch { throw CLIError(subject: path, problem: "malformed JSON at \(error)") }
    let written = JSONWriter.render(Self.withOverrides(document, results: results.filter(\.adopted), skus: scenario.network.skus.map(\.id),
                                                       nodes: scenario.network.topology.nodes.map(\.id)))
    try AtomicFile.write(written + "\n", to: out)

    if !args.flag("quiet") {
      let days = Double(scenario.network.measuredDays.count)
      var table = TextTable(header: ["Policy", "Exact", "Searched", "Cost/day before", "Cost/day after", "Change [\(NumberFormat.percent(options.confidence, 0)) CI]", "Fill rate before", "after", "Levels"],
                            rightAligned: [false, true, true, true, true, true, true, true, false])
      for r in results {
        let change = r.costChange
        let interval = change.interval.map { "[\(NumberFormat.fixed($0.lower / days, 2)), \(NumberFormat.fixed($0.upper / days, 2))]" } ?? ""
        table.rows.append([r.policy, "\(r.exactSKUs)", "\(r.searchedSKUs)", NumberFormat.fixed(r.before.cost.mean / days, 2), NumberFormat.fixed(r.after.cost.mean / days, 2),
                           "\(NumberFormat.fixed(change.change / days, 2)) \(interval)", NumberFormat.percent(r.before.fillRate.mean, 2), NumberFormat.percent(r.after.fillRate.mean, 2),
                           r.adopted ? (change.interval.map { $0.upper < 0 } ?? false ? "written (lower cost, interval excludes 0)" : "written (lower mean cost; interval includes 0)") : "kept as planned (\(fillRate != nil && change.change < 0 ? "fill rate below target" : "no lower cost"))"])
      }
      console.out("\(scenario.spec.name): levels of \(results.count) polic\(results.count == 1 ? "y" : "ies") for \(scenario.network.skus.count) SKUs; costs per day on \(selection) fresh replications, paired\n\n")
      console.out(table.plain())
      console.out("\nwrote \(out): run it with supplysim run \(out)\n")
    }
    return 0
  }

  /// `document` with the adopted levels of each optimised policy as its `overrides` (in a
  /// network, as the `overrides` of each node under the policy's `nodes`).
  static func withOverrides(_ document: JSONValue, results: [PolicyOptimizer.Result], skus: [String], nodes: [String]) -> JSONValue {
    guard case var .object(members) = document, let p = members.firstIndex(where: { $0.key == "policies" }),
          case var .array(policies) = members[p].value else { return document }
    func overrides(_ levels: [TunedLevels]) -> JSONValue {
      .array(levels.map { tuned in
        var entry: [(key: String, value: JSONValue)] = [("sku", .string(skus[tuned.levels.sku]))]
        if let s = tuned.levels.reorderPoint { entry.append(("s", JSONWriter.number(s))) }
        if let S = tuned.levels.orderUpTo { entry.append(("S", JSONWriter.number(S))) }
        if let q = tuned.levels.orderQuantity { entry.append(("Q", JSONWriter.number(q))) }
        return .object(entry)
      })
    }
    func replacing(_ key: String, with value: JSONValue, in fields: inout [(key: String, value: JSONValue)]) {
      if let i = fields.firstIndex(where: { $0.key == key }) { fields[i].value = value } else { fields.append((key, value)) }
    }
    for i in policies.indices {
      guard case var .object(fields) = policies[i], let name = fields.first(where: { $0.key == "name" })?.value.label,
            let result = results.first(where: { $0.policy == name }) else { continue }
      if result.nodeLevels.isEmpty {
        fields.removeAll { $0.key == "overrides" }
        fields.append(("overrides", overrides(result.levels)))
      } else {
        var byNode: [(key: String, value: JSONValue)] = []
        if case let .object(existing)? = fields.first(where: { $0.key == "nodes" })?.value { byNode = existing }
        for node in result.nodeLevels.keys.sorted() {
          var nodeFields: [(key: String, value: JSONValue)] = []
          if case let .object(existing)? = byNode.first(where: { $0.key == nodes[node] })?.value { nodeFields = existing }
          replacing("overrides", with: overrides(result.nodeLevels[node]!), in: &nodeFields)
          replacing(nodes[node], with: .object(nodeFields), in: &byNode)
        }
        replacing("nodes", with: .object(byNode), in: &fields)
      }
      policies[i] = .object(fields)
    }
    members[p].value = .array(policies)
    return .object(members)
  }
}
