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
  /// The same path as a sharded run: every unit is computed (`run(units:progress:)`), then put
  /// back together (`UnitTotals.assemble`), so a merge of shards gives these results exactly.
  ///
  /// - Parameter progress: Called with (runs done, `runCount`) after every simulated run; may be
  ///   called from several threads.
  /// - Throws: `PolicyFailure` when a policy stopped deciding: the first in scenario order.
  public func run(progress: (@Sendable (Int, Int) -> Void)? = nil) throws(PolicyFailure) -> [[PolicyTotals]] {
    let units = try run(units: 0..<unitCount, progress: progress)
    return UnitTotals.assemble(units, scenarios: scenarios.count, replications: replications,
                               names: scenarios.first?.policies.map(\.name) ?? [])
  }

  /// Units in all: one per scenario and replication (`unit = scenario × replications + replication`).
  public var unitCount: Int { scenarios.count * replications }

  /// Simulated runs in `units`: each unit runs every policy of its scenario once.
  public func runCount(units: Range<Int>) -> Int {
    units.reduce(0) { $0 + scenarios[$1 / replications].policies.count }
  }

  /// Runs some units (a shard's) and returns their results in unit order.
  ///
  /// The units of one scenario run as one experiment over their replications (replication r keys
  /// every random stream with r, so a unit's figures do not depend on which units run with it).
  /// Scenarios are spread over up to `threads` workers, and each worker's experiment gets the
  /// threads left over (`threads / workers`), so one scenario alone still uses every thread.
  ///
  /// - Parameter progress: Called with (runs done, `runCount(units:)`) after every simulated run;
  ///   may be called from several threads.
  /// - Throws: `PolicyFailure` when a policy stopped deciding: the first in scenario order.
  public func run(units: Range<Int>, progress: (@Sendable (Int, Int) -> Void)? = nil) throws(PolicyFailure) -> [UnitTotals] {
    precondition(units.lowerBound >= 0 && units.upperBound <= unitCount, "units \(units) outside 0..<\(unitCount)")
    let replications = self.replications
    // (scenario, first replication, replications) of each scenario the units touch, in order.
    var groups: [(scenario: Int, first: Int, count: Int)] = []
    var u = units.lowerBound
    while u < units.upperBound {
      let s = u / replications, first = u % replications
      let count = min(replications - first, units.upperBound - u)
      groups.append((s, first, count))
      u += count
    }
    let workers = min(threads, max(groups.count, 1))
    let inner = max(1, threads / workers)
    let counter = ProgressCounter(total: runCount(units: units), report: progress)
    let scenarios = self.scenarios, plannedGroups = groups
    let results = Parallel.map(groups.count, threads: workers) { g in
      Result { () throws(PolicyFailure) -> [UnitTotals] in
        let group = plannedGroups[g]
        var experiment = Experiment(scenario: scenarios[group.scenario], replications: group.count, threads: inner)
        experiment.firstReplication = group.first
        let result = try experiment.run { _, _ in counter.step() }
        return (0..<group.count).map { i in
          UnitTotals(unit: group.scenario * replications + group.first + i, policies: result.outcomes.map { $0.totals[i] })
        }
      }
    }
    var out: [UnitTotals] = []
    out.reserveCapacity(units.count)
    for result in results { out += try result.get() }
    return out
  }
}
