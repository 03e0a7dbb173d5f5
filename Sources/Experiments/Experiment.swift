import Parallelism
import Replenishment
import Scenarios
import SupplyModel
import Synchronization

/// Runs every policy of a scenario over one or more replications under common random numbers.
///
/// Replication r keys every random stream with r, so replications are independent; within a
/// replication every policy sees the same demand path and the same sequence of lead-time draws
/// per SKU. (Policy, replication) runs are spread over threads and collected in index order, so
/// results are identical for any thread count.
public struct Experiment: Sendable {
  /// The scenario.
  public var scenario: Scenario
  /// Number of replications, at least 1.
  public var replications: Int
  /// Threads to use.
  public var threads: Int
  /// Keep the daily trace of replication 0 for every policy (and compute the forecast showcase
  /// from it).
  public var recordTrace: Bool
  /// With `recordTrace`, where the traces go as the runs go (nil: kept whole in memory): the
  /// result's outcomes then hold the featured SKUs' days only (`FeaturedSKU`), and
  /// `ExperimentResult.dailySpool` the rest, so memory does not grow with the trace.
  public var traceSpool: DailyTraceSpool?
  /// The random streams of replication r are those of replication `firstReplication + r`
  /// (default 0), so an optimiser can confirm on replications it did not search on.
  public var firstReplication: Int = 0

  /// Creates an experiment.
  public init(scenario: Scenario, replications: Int = 1, threads: Int = Parallel.defaultThreadCount, recordTrace: Bool = false) {
    precondition(replications >= 1, "replications must be >= 1, got \(replications)")
    self.scenario = scenario
    self.replications = replications
    self.threads = max(1, threads)
    self.recordTrace = recordTrace
  }

  /// Plans every policy and simulates all (policy, replication) pairs: `plan()`, then
  /// `simulate(_:progress:)`, then `aggregate(_:runs:)`.
  ///
  /// - Parameter progress: Called after each finished run with (done, total); may be called
  ///   from several threads.
  /// - Throws: `PolicyFailure` when a policy stopped deciding in some run (an external policy's
  ///   process gave a bad reply, timed out or exited): the first in (policy, replication) order.
  ///   Nothing of the experiment is returned then, so no report can show void figures.
  public func run(progress: (@Sendable (Int, Int) -> Void)? = nil) throws(PolicyFailure) -> ExperimentResult {
    let plans = plan()
    let runs = try simulate(plans, progress: progress)
    return aggregate(plans, runs: consume runs)
  }

  /// The planned policies of an experiment: every policy at every node.
  public struct Plans: Sendable {
    /// `nodePlans[policy][node]`.
    public var nodePlans: [[ScenarioPolicy]]
    /// Per policy, the plan of the first customer-facing node (the one reports show).
    public var featured: [ScenarioPolicy]
  }

  /// Plans every policy: every node plans its own policy on its own view of the network (a
  /// single warehouse's one node plans on the network itself).
  public func plan() -> Plans {
    let network = scenario.network
    let nodePlans: [[ScenarioPolicy]] = scenario.policies.map { definition in
      network.topology.nodes.indices.map { definition.makePolicy(for: network, node: $0) }
    }
    return Plans(nodePlans: nodePlans, featured: scenario.policies.indices.map { nodePlans[$0][network.topology.downstreamFirst[0]] })
  }

  /// Simulates every (policy, replication) pair of `plans`.
  ///
  /// - Returns: The runs in (policy, replication) order, `runs[policy × replications + replication]`.
  /// - Throws: `PolicyFailure`, as `run(progress:)`.
  public func simulate(_ plans: Plans, progress: (@Sendable (Int, Int) -> Void)? = nil) throws(PolicyFailure) -> [SimulationResult] {
    let network = scenario.network
    let tasks = plans.featured.count * replications
    // A large catalogue of independent SKUs splits each run into many chunks: runs go one after
    // another, each on every thread, so no thread idles while the last runs finish.
    let chunked = network.skus.count >= 16 * Simulation.chunkSize * threads && network.skusAreIndependent
      && plans.nodePlans.allSatisfy { $0.allSatisfy(\.isSeparable) }
    let innerThreads = tasks >= threads && !chunked ? 1 : threads
    let outerThreads = chunked ? 1 : min(threads, tasks)
    let counter = ProgressCounter(total: tasks, report: progress)
    // Once run t has failed, runs after t are skipped (the failure reported is the first in
    // task order, whatever the thread count); runs before t still run, as one of them may fail too.
    let firstFailed = FirstFailedRun()
    let runs = Parallel.map(tasks, threads: outerThreads) { t -> SimulationResult? in
      guard t < firstFailed.index else {
        counter.step()
        return nil
      }
      let policyIndex = t / replications, replication = t % replications
      let traced = recordTrace && replication == 0
      let options = SimulationOptions(recordTrace: traced, threads: innerThreads, replication: UInt64(firstReplication + replication),
                                      traceSink: traced ? traceSpool?.sink(run: policyIndex) : nil)
      let policies = plans.nodePlans[policyIndex]
      let result = Simulation.run(network, options: options, separable: policies.allSatisfy(\.isSeparable),
                                  echelonStock: scenario.policies[policyIndex].echelonStock) { node, range in
        range == 0..<network.skus.count ? policies[node] : policies[node].restricted(to: range)
      }
      if result.failure != nil { firstFailed.record(t) }
      counter.step()
      return result
    }
    if let failure = runs.lazy.compactMap({ $0?.failure }).first { throw failure }
    return runs.map { $0! }
  }

  /// Gathers the runs of `simulate(_:progress:)` into per-policy outcomes (KPIs per replication,
  /// per SKU and per node; the trace of replication 0) and, with a trace, the forecast showcase.
  ///
  /// Each policy's runs are released once its outcome is built, so a large catalogue does not
  /// hold every run's statistics and every outcome's KPIs at once (pass the runs without keeping
  /// a copy to benefit).
  public func aggregate(_ plans: Plans, runs: consuming [SimulationResult]) -> ExperimentResult {
    let network = scenario.network
    var completed = runs
    var outcomes: [PolicyOutcome] = []
    for (p, spec) in scenario.policies.enumerated() {
      let range = (p * replications)..<((p + 1) * replications)
      let mine = Array(completed[range])
      for i in range { completed[i] = SimulationResult(policyName: "", statistics: [], trace: nil) }
      outcomes.append(PolicyOutcome(
        name: spec.name, definition: spec, parameters: plans.featured[p].parameters,
        totals: mine.map { $0.totalKPIs(in: network) },
        perSKU: mine.map { $0.skuKPIs(in: network) },
        trace: mine.first?.trace,
        nodeParameters: plans.nodePlans[p].map(\.parameters),
        perNode: mine.map { $0.nodeKPIs(in: network) },
        nodeBullwhip: mine.map { $0.nodeBullwhip(in: network) },
        echelonBullwhip: mine.map { $0.echelonBullwhip(in: network) },
        forecastAccuracy: mine.allSatisfy { $0.forecastErrors != nil } ? mine.map { $0.forecastErrors!.accuracy() } : nil))
      outcomes[p].forecastErrors = mine.allSatisfy { $0.forecastErrors != nil } ? mine.map { $0.forecastErrors! } : nil
    }
    var result = ExperimentResult(scenario: scenario, replications: replications, outcomes: outcomes)
    if recordTrace, let spool = traceSpool {
      // The charts need the featured SKUs' days only; daily.csv is written from the spool.
      let points = StockingPoints(network: network)
      let slots = FeaturedSKU.select(from: result).map { points.featuredSlot(sku: $0.index) }
      for p in result.outcomes.indices { result.outcomes[p].trace = spool.trace(run: p, slots: slots) }
      result.dailySpool = spool
    }
    result.holdout = HoldoutAccuracy.compute(for: scenario, threads: threads)
    if recordTrace { result.forecastShowcase = ForecastShowcase.series(for: result) }
    return result
  }
}

/// The lowest index of a run that failed so far, shared by the threads of one experiment.
final class FirstFailedRun: Sendable {
  private let lowest = Atomic<Int>(Int.max)

  /// The lowest failed index, `Int.max` while none failed.
  var index: Int { lowest.load(ordering: .relaxed) }

  /// Records that run `t` failed.
  func record(_ t: Int) { lowest.min(t, ordering: .relaxed) }
}
