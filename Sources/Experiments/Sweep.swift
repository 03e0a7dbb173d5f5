import Scenarios

/// A parameter sweep: every point of a grid of scenario variants, every policy, several
/// replications, all under the scenario's seed, so grid points and policies share common random
/// numbers (replication r of every run draws the same demand wherever the varied parameters
/// leave demand alone).
public struct Sweep: Sendable {
  /// The scenario and its document.
  public var template: ScenarioTemplate
  /// The grid of variants.
  public var grid: SweepGrid
  /// Replications per grid point and policy.
  public var replications: Int
  /// Threads to use; results do not depend on it.
  public var threads: Int

  /// Creates a sweep.
  ///
  /// - Precondition: `replications >= 1`.
  public init(template: ScenarioTemplate, grid: SweepGrid, replications: Int, threads: Int) {
    precondition(replications >= 1, "replications must be >= 1, got \(replications)")
    self.template = template
    self.grid = grid
    self.replications = replications
    self.threads = max(1, threads)
  }

  /// Every grid point's scenario, in point order, each checked like a scenario file.
  ///
  /// - Throws: `ScenarioErrors` for the first point that fails, naming the point
  ///   (`grid point 3 of 12: path=value, ...`), the JSON path and the problem (a point must also
  ///   keep the scenario's policies: a sweep compares the same policies throughout).
  public func scenarios() throws(ScenarioErrors) -> [Scenario] {
    try scenarios(points: 0..<grid.count)
  }

  /// The scenarios of some grid points (a shard's), in point order, each checked like a scenario file.
  ///
  /// - Throws: `ScenarioErrors` as `scenarios()` does, for the first of these points that fails.
  public func scenarios(points: Range<Int>) throws(ScenarioErrors) -> [Scenario] {
    var out: [Scenario] = []
    out.reserveCapacity(points.count)
    for p in points {
      out.append(try template.variant(grid.variations(of: p), context: grid.context(of: p)))
    }
    return out
  }

  /// Checks every point, then simulates them all.
  ///
  /// - Parameter progress: Called with (runs done, runs in all) after every simulated run.
  /// - Throws: `ScenarioErrors` as `scenarios()` does, before anything runs; `PolicyFailure`
  ///   when a policy stopped deciding in some run.
  public func run(progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> SweepResult {
    result(try batch().run(progress: progress))
  }

  /// Every point's scenario as a batch (one unit per point and replication), checked.
  ///
  /// - Throws: `ScenarioErrors` as `scenarios()` does.
  public func batch() throws(ScenarioErrors) -> ExperimentBatch {
    try batch(points: 0..<grid.count)
  }

  /// Some points' scenarios as a batch (scenario i of the batch is point `points.lowerBound + i`).
  ///
  /// - Throws: `ScenarioErrors` as `scenarios(points:)` does.
  public func batch(points: Range<Int>) throws(ScenarioErrors) -> ExperimentBatch {
    ExperimentBatch(scenarios: try scenarios(points: points), replications: replications, threads: threads)
  }

  /// The sweep's result from every point's totals (`batch().run()`, or merged shards).
  public func result(_ totals: [[PolicyTotals]]) -> SweepResult {
    SweepResult(scenario: template.base, grid: grid, replications: replications,
                policies: template.base.policies.map(\.name), points: totals,
                reference: grid.referenceIndices(in: template.document),
                scenarioValues: grid.axes.map { ScenarioVariation.value(at: $0.path, in: template.document) })
  }
}
