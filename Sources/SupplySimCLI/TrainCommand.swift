#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import InventoryOptimization
import Parallelism
import Replenishment
import Scenarios
import SupplyModel

/// `supplysim train`: trains the model of a scenario's `learned` policy.
struct TrainCommand: CLICommand {
  static let name = "train"
  static let summary = "Train the neural policy of a scenario's \"learned\" policy and write its model file."
  static let operands = "SCENARIO"
  static let details = """
    Approximate policy iteration (in the spirit of Deep Controlled Learning): starting from the
    best capped base-stock policy, each iteration simulates the current policy, labels the
    states it visits with the order whose rollouts of the current policy cost least (the same
    demand paths for every candidate order), and fits a small feed-forward network to the
    labels. Each iteration's policy is evaluated exactly on the lost-sales chain it induces, and
    the cheapest is written. The SKU trained for is --sku (default: the only SKU); it must be a
    lost-sales SKU with stationary whole-unit demand and a fixed lead time. The model file is
    --out, else the policy's "model" path, else its "models" entry for the SKU (relative to
    the scenario). The same seed gives the
    same file at any thread count.
    """
  static let options: [OptionSpec] = [
    .value("policy", "NAME", "the scenario's learned policy to train", required: true),
    .value("sku", "ID", "the SKU to train for (default: the scenario's only SKU)"),
    .value("out", "FILE", "the model file to write (default: the policy's \"model\", or its \"models\" entry for the SKU)"),
    .value("iterations", "N", "policy-improvement iterations (default 4)"),
    .value("states", "N", "states labelled per iteration (default 2000)"),
    .value("paths", "N", "the fewest demand paths per candidate order at a state (default 1000)"),
    .value("budget", "N", "demand paths per iteration shared by the distinct states visited (default 400000)"),
    .value("horizon", "DAYS", "days a rollout runs after the decision (default 30)"),
    .value("significance", "Z", "standard errors by which another order's paired rollouts must beat the current order to become the label (default 2; 0 takes the cheapest)"),
    .value("hidden", "N,N", "hidden layer widths (default 32,32)"),
    .value("seed", "N", "the training seed (default 1)"),
    .value("threads", "N", "worker threads (default: all cores); results do not depend on it"),
    .flag("quiet", "print nothing but errors"),
  ]

  static func run(_ args: ParsedArguments, console: Console) throws -> Int32 {
    guard args.positionals.count == 1 else {
      throw UsageError("train: expected one scenario file, got \(args.positionals.count) (usage: \(usageLine))")
    }
    let path = args.positionals[0]
    guard !InputFile.isStandardInput(path) else { throw UsageError("train: reads the scenario from a file (model paths are relative to it)") }
    var options = PolicyIteration.Options()
    options.iterations = try args.integer("iterations", default: 4, range: 1...1000, command: name)
    options.states = try args.integer("states", default: 2000, range: 10...10_000_000, command: name)
    options.paths = try args.integer("paths", default: options.paths, range: 1...100_000, command: name)
    options.pathBudget = try args.integer("budget", default: options.pathBudget, range: 0...100_000_000, command: name)
    options.horizon = try args.integer("horizon", default: options.horizon, range: 1...10_000, command: name)
    options.threads = try args.integer("threads", default: Parallel.defaultThreadCount, range: 1...1024, command: name)
    if let text = args.value("significance") {
      guard let z = Double(text), z.isFinite, (0...100).contains(z) else { throw UsageError("train: --significance must be a number in 0...100, got '\(text)'") }
      options.significance = z
    }
    if let items = try args.list("hidden", command: name) {
      let widths = items.compactMap { Int($0) }
      guard widths.count == items.count, widths.count <= 8, widths.allSatisfy({ (1...512).contains($0) }) else {
        throw UsageError("train: --hidden takes 1 to 8 layer widths in 1...512 separated by commas, e.g. 32,32, got '\(args.value("hidden")!)'")
      }
      options.hidden = widths
    }
    if let text = args.value("seed") {
      guard let seed = UInt64(text) else { throw UsageError("train: --seed must be a whole number >= 0, got '\(text)'") }
      options.seed = seed
    }
    guard let policyName = args.value("policy") else {
      throw UsageError("train: name the scenario's learned policy to train with --policy NAME (usage: \(usageLine))")
    }
    // The policy's model path, from the file as written (the model may not exist yet).
    let text = try InputFile.text(path, console: console)
    let document: JSONValue
    do { document = try JSONParser.parse(text) } catch { throw CLIError(subject: path, problem: "malformed JSON at \(error)") }
    guard case let .array(policies)? = document["policies"],
          let policy = policies.first(where: { $0["name"] == .string(policyName) }) else {
      throw CLIError(subject: path, problem: "has no policy \"\(policyName)\"; name its learned policy with --policy")
    }
    guard policy["type"] == .string("learned") else {
      throw CLIError(subject: path, problem: "policy \"\(policyName)\" is not of type \"learned\"; train names a {\"type\": \"learned\", \"model\": FILE} policy")
    }

    let scenario = try EnvCommand.loadScenario(path, policyFree: true, console: console)
    let skus = scenario.network.skus.map(\.id)
    let k: Int
    if let id = args.value("sku") {
      guard let i = skus.firstIndex(of: id) else { throw CLIError(subject: "--sku \(id)", problem: "is not a SKU of \(path)") }
      k = i
    } else {
      guard skus.count == 1 else { throw CLIError(subject: path, problem: "has \(skus.count) SKUs; name the one to train for with --sku") }
      k = 0
    }
    // The model file: --out, else the policy's "model", else its "models" entry for the SKU
    // (relative to the scenario).
    let folder = path.contains("/") ? String(path[..<path.lastIndex(of: "/")!]) : "."
    let out: String
    if let given = args.value("out") {
      out = given
    } else if case let .string(model)? = policy["model"] {
      out = model.hasPrefix("/") ? model : folder + "/" + model
    } else if case .object? = policy["models"] {
      guard case let .string(model)? = policy["models"]?[skus[k]] else {
        throw CLIError(subject: path, problem: "policy \"\(policyName)\" has no \"models\" entry for SKU \(skus[k]); add one or give --out")
      }
      out = model.hasPrefix("/") ? model : folder + "/" + model
    } else {
      throw CLIError(subject: path, problem: "policy \"\(policyName)\" has no \"model\" file; add one or give --out")
    }
    try OutputPath.check(out, option: "out", kind: .file, command: name)
    guard AgentEnvironment.supports(scenario.network) else { throw CLIError(subject: path, problem: "is a network; train learns single-warehouse lost-sales SKUs") }
    let problem: OptimalPolicyMDP
    do { problem = try LearnedPolicyModel.trainingProblem(scenario.network, sku: k) } catch {
      throw CLIError(subject: path, problem: "SKU \(skus[k]) cannot be trained for: \(error)")
    }
    let quiet = args.flag("quiet")
    // The optimum, for the gap, when value iteration is small enough to be quick.
    let optimum: Double? = problem.stateCount(bound: (try? problem.initialBound()) ?? 1_000_000) <= 300_000 ? (try? problem.solve())?.costPerDay : nil
    let clock = ContinuousClock()
    let started = clock.now
    func describe(_ cost: Double) -> String {
      var s = NumberFormat.fixed(cost, 4) + " per day"
      if let optimum { s += " (\(NumberFormat.fixed(100 * (cost / optimum - 1), 2))% above the optimum \(NumberFormat.fixed(optimum, 4)))" }
      return s
    }
    let model: LearnedLostSalesPolicy
    do {
      model = try PolicyIteration.train(problem, sku: skus[k], options: options) { p in
        guard !quiet else { return }
        console.err("iteration \(p.iteration)/\(options.iterations): exact cost \(describe(p.costPerDay)); \(p.distinctStates) distinct states, labels changed \(NumberFormat.percent(p.changed, 1)), fitted \(NumberFormat.percent(p.accuracy, 1))\n")
      }
    } catch {
      throw CLIError(subject: path, problem: "training SKU \(skus[k]) failed: \(error)")
    }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let data = try encoder.encode(model)
    try OutputPath.write(String(decoding: data, as: UTF8.self) + "\n", to: out, option: "out")
    if !quiet {
      let seconds = (clock.now - started) / .seconds(1)
      console.out("\(skus[k]): start (best capped base stock) \(describe(model.startCostPerDay))\n")
      console.out("\(skus[k]): learned \(describe(model.costPerDay))\n")
      console.out("wrote \(out) in \(NumberFormat.fixed(seconds, 1)) s\n")
    }
    return 0
  }
}
