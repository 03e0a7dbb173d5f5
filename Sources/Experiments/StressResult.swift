import Scenarios

/// The KPIs of a stress suite: the base scenario's and each test's, per policy and replication.
public struct StressResult: Sendable {
  /// The scenario as written.
  public var scenario: Scenario
  /// The tests, in file order.
  public var tests: [StressTest]
  /// Replications per scenario and policy.
  public var replications: Int
  /// The policies' names, in scenario order.
  public var policies: [String]
  /// The base scenario's totals, one per policy.
  public var base: [PolicyTotals]
  /// `outcomes[test][policy]`.
  public var outcomes: [[PolicyTotals]]
  /// The mean fill rate a policy must reach to be ranked on cost (`--min-fill-rate`, default 0.95).
  public var requiredFillRate = 0.95

  /// Creates a result.
  public init(scenario: Scenario, tests: [StressTest], replications: Int, policies: [String], base: [PolicyTotals], outcomes: [[PolicyTotals]]) {
    precondition(outcomes.count == tests.count, "\(outcomes.count) results for \(tests.count) tests")
    self.scenario = scenario
    self.tests = tests
    self.replications = replications
    self.policies = policies
    self.base = base
    self.outcomes = outcomes
  }

  /// The paired change of `kpi` of policy `policy` from the base scenario to test `test`.
  public func change(test: Int, policy: Int, kpi: String) -> KPISummary {
    outcomes[test][policy].change(of: kpi, from: base[policy])
  }

  /// The policy that keeps service best in test `test` (see `StressVerdict.keepsServiceBest(_:)`).
  public func verdict(test: Int) -> StressVerdict { StressVerdict.keepsServiceBest(outcomes[test]) }

  /// The policies of test `test` (nil: the base scenario) ranked by mean total cost among those
  /// whose mean fill rate reaches `requiredFillRate`, with paired differences to the cheapest.
  public func costRanking(test: Int?) -> PairedRanking {
    PairedRanking(test.map { outcomes[$0] } ?? base, kpi: "totalCost", requirement: .init(kpi: "fillRate", minimum: requiredFillRate))
  }

  /// The policy that keeps service best in the base scenario.
  public var baseVerdict: StressVerdict { StressVerdict.keepsServiceBest(base) }
}
