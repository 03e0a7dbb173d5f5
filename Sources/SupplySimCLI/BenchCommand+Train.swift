import InventoryOptimization
import Parallelism
import Stochastics
import SupplyModel

extension BenchCommand {
  /// `bench train`: `supplysim train`'s training code on one of Zipkin's lost-sales instances
  /// (Poisson mean 5, h = 1, penalty --penalty, his lead time --lead), with the command's default
  /// settings unless --iterations or --states say otherwise. Prints the wall time, its split
  /// between labelling, fitting and exact evaluation, and states and rollouts per second.
  static func benchTrain(_ args: ParsedArguments, console: Console) throws -> Int32 {
    let lead = try args.integer("lead", default: 2, range: 1...3, command: name)
    let penalty = try args.integer("penalty", default: 4, range: 1...1000, command: name)
    var options = PolicyIteration.Options()
    options.iterations = try args.integer("iterations", default: 2, range: 1...100, command: name)
    options.states = try args.integer("states", default: options.states, range: 10...10_000_000, command: name)
    options.threads = try args.integer("threads", default: Parallel.defaultThreadCount, range: 1...1024, command: name)
    let problem = try OptimalPolicyMDP(dailyDemand: try DemandPMF(Poisson(mean: 5)), leadDays: lead + 1, holding: 1,
                                       shortage: .lostSales(penalty: Double(penalty)))
    let clock = ContinuousClock()
    let started = clock.now
    var label = 0.0, fit = 0.0, evaluate = 0.0, distinct = 0, rollouts = 0, days = 0
    let model = try PolicyIteration.train(problem, sku: "bench", options: options) { p in
      label += p.seconds.label; fit += p.seconds.fit; evaluate += p.seconds.evaluate
      distinct += p.distinctStates; rollouts += p.rollouts; days += p.rolloutDays
    }
    let total = (clock.now - started) / .seconds(1)
    let optimum = try problem.solve().costPerDay
    console.out("bench train: Zipkin's lost-sales instance (Poisson mean 5, h = 1, p = \(penalty), his lead time \(lead) = \(lead + 1) days); \(options.iterations) iterations x \(options.states) states, \(options.paths) paths x \(options.horizon) days, hidden \(options.hidden.map(String.init).joined(separator: ",")), \(options.threads) thread\(options.threads == 1 ? "" : "s")\n")
    console.out("  total \(NumberFormat.fixed(total, 2)) s: start (best capped base stock) and setup \(NumberFormat.fixed(total - label - fit - evaluate, 2)) s, labelling \(NumberFormat.fixed(label, 2)) s, fitting \(NumberFormat.fixed(fit, 2)) s, exact evaluation \(NumberFormat.fixed(evaluate, 2)) s\n")
    console.out("  labelling: \(distinct) distinct states = \(NumberFormat.fixed(Double(distinct) / max(label, 1e-9), 0)) states/s, \(rollouts) rollouts = \(NumberFormat.fixed(Double(rollouts) / max(label, 1e-9), 0)) rollouts/s (\(NumberFormat.fixed(Double(days) / max(label, 1e-9) / 1e6, 1)) M rollout-days/s)\n")
    console.out("  learned \(NumberFormat.fixed(model.costPerDay, 4)) per day (\(NumberFormat.fixed(100 * (model.costPerDay / optimum - 1), 2))% above the optimum \(NumberFormat.fixed(optimum, 4))), start \(NumberFormat.fixed(model.startCostPerDay, 4))\n")
    return 0
  }
}
