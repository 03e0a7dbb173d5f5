import Replenishment
import Scenarios
import SupplyModel

/// Everything an experiment produced: per policy, the KPIs of every replication.
public struct ExperimentResult: Sendable {
  /// The scenario run.
  public var scenario: Scenario
  /// Replications per policy.
  public var replications: Int
  /// One outcome per policy, in scenario order.
  public var outcomes: [PolicyOutcome]

  /// Creates a result.
  public init(scenario: Scenario, replications: Int, outcomes: [PolicyOutcome]) {
    self.scenario = scenario
    self.replications = replications
    self.outcomes = outcomes
  }
}

/// One policy's results across replications.
public struct PolicyOutcome: Sendable {
  /// The policy's name.
  public var name: String
  /// How the scenario specified it.
  public var specification: PolicySpecification
  /// The policy with its planned levels.
  public var policy: PlannedPolicy
  /// Total KPIs per replication.
  public var totals: [KPIs]
  /// KPIs per replication and SKU: `perSKU[r][k]`.
  public var perSKU: [[KPIs]]
  /// The daily trace of replication 0, when recorded.
  public var trace: DailyTrace?

  /// Creates an outcome.
  public init(name: String, specification: PolicySpecification, policy: PlannedPolicy, totals: [KPIs], perSKU: [[KPIs]], trace: DailyTrace?) {
    self.name = name
    self.specification = specification
    self.policy = policy
    self.totals = totals
    self.perSKU = perSKU
    self.trace = trace
  }

  /// The summary (mean, standard deviation, confidence interval) of a total KPI across replications.
  public func summary(of kpi: String, level: Double = 0.95) -> KPISummary {
    KPISummary(values: totals.map { $0.value(named: kpi)! }, level: level)
  }

  /// Mean KPIs of SKU `k` across replications.
  public func meanKPIs(ofSKU k: Int) -> KPIs {
    let n = Double(perSKU.count)
    var sums = Array(repeating: 0.0, count: KPIs.names.count)
    for replication in perSKU { for (i, v) in replication[k].values.enumerated() { sums[i] += v } }
    return KPIs(values: sums.map { $0 / n })
  }
}
