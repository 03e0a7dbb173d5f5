import Parallelism
import Scenarios
import SupplyModel

/// Runs several scenarios (sweep grid points, stress tests) with the same replications, spread
/// over threads; each scenario's results do not depend on the thread count, and results come
/// back in scenario order.
public struct ExperimentBatch: Sendable {
  /// The scenarios, each with every policy it has.
  public var scenarios: [Scenario]
  /// Replications per scenario and policy.
  public var replications: Int
  /// Threads to use in all.
  public var threads: Int

  /// Creates a batch.
  ///
  /// - Precondition: `replications >= 1`.
  public init(scenarios: [Scenario], replications: Int, threads: Int) {
    precondition(replications >= 1, "replications must be >= 1, got \(replications)")
    self.scenarios = scenarios
    self.replications = replications
    self.threads = max(1, threads)
  }

  /// Simulated runs in all: scenarios × policies × replications.
  public var runCount: Int { scenarios.reduce(0) { $0 + $1.policies.count } * replications }

  /// Runs every scenario; `result[s][p]` holds policy p of scenario s.
  ///
  /// Scenarios are spread over up to `threads` workers, and each worker's experiment gets the
  /// threads left over (`threads / workers`), so one scenario alone still uses every thread.
  ///
  /// - Parameter progress: Called with (runs done, `runCount`) after every simulated run; may be
  ///   called from several threads.
  /// - Throws: `PolicyFailure` when a policy stopped deciding: the first in scenario order.
  public func run(progress: (@Sendable (Int, Int) -> Void)? = nil) throws(PolicyFailure) -> [[PolicyTotals]] {
    let workers = min(threads, max(scenarios.count, 1))
    let inner = max(1, threads / workers)
    let counter = ProgressCounter(total: runCount, report: progress)
    let scenarios = self.scenarios, replications = self.replications
    let results = Parallel.map(scenarios.count, threads: workers) { s in
      Result { () throws(PolicyFailure) in
        let result = try Experiment(scenario: scenarios[s], replications: replications, threads: inner).run { _, _ in counter.step() }
        return result.outcomes.map { PolicyTotals(name: $0.name, totals: $0.totals) }
      }
    }
    return try results.map { result throws(PolicyFailure) in try result.get() }
  }
}
