import Scenarios

/// A scenario's stress tests run against the scenario as written: the base scenario and every
/// test, every policy, several replications, all under the scenario's seed, so each test's
/// change from the base is a paired comparison (replication r of both drew the same random
/// numbers wherever the test leaves them alone).
public struct StressSuite: Sendable {
  /// The scenario and its document.
  public var template: ScenarioTemplate
  /// The tests, in file order.
  public var tests: [StressTest]
  /// Replications per scenario and policy.
  public var replications: Int
  /// Threads to use; results do not depend on it.
  public var threads: Int

  /// Creates a suite.
  ///
  /// - Precondition: `replications >= 1`.
  public init(template: ScenarioTemplate, tests: [StressTest], replications: Int, threads: Int) {
    precondition(replications >= 1, "replications must be >= 1, got \(replications)")
    self.template = template
    self.tests = tests
    self.replications = replications
    self.threads = max(1, threads)
  }

  /// Builds every test's scenario, then simulates the base scenario and all tests.
  ///
  /// - Parameter progress: Called with (runs done, runs in all) after every simulated run.
  /// - Throws: `ScenarioErrors` naming the test, the JSON path and the problem, before anything
  ///   runs; `PolicyFailure` when a policy stopped deciding in some run.
  public func run(progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> StressResult {
    result(try batch().run(progress: progress))
  }

  /// The base scenario (scenario 0) and every test's scenario as a batch, one unit per scenario
  /// and replication.
  ///
  /// - Throws: `ScenarioErrors` naming the test, the JSON path and the problem.
  public func batch() throws(ScenarioErrors) -> ExperimentBatch {
    try batch(scenarios: 0..<(tests.count + 1))
  }

  /// Some of the suite's scenarios as a batch (0 is the base scenario, i the i-th test; scenario
  /// j of the batch is `range.lowerBound + j`).
  ///
  /// - Throws: `ScenarioErrors` naming the test, the JSON path and the problem.
  public func batch(scenarios range: Range<Int>) throws(ScenarioErrors) -> ExperimentBatch {
    var scenarios: [Scenario] = []
    for i in range {
      if i == 0 { scenarios.append(template.base) } else {
        let test = tests[i - 1]
        scenarios.append(try template.variant(test.variations, context: test.context))
      }
    }
    return ExperimentBatch(scenarios: scenarios, replications: replications, threads: threads)
  }

  /// The suite's result from every scenario's totals (`batch().run()`, or merged shards).
  public func result(_ totals: [[PolicyTotals]]) -> StressResult {
    StressResult(scenario: template.base, tests: tests, replications: replications,
                 policies: template.base.policies.map(\.name), base: totals[0], outcomes: Array(totals.dropFirst()))
  }
}
