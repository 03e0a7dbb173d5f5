/// Which policy keeps service best under a stress test, at what cost, and whether its lead is
/// significant.
public struct StressVerdict: Sendable, Equatable {
  /// The leading policy's position in the scenario.
  public var policy: Int
  /// Its name.
  public var name: String
  /// Its mean fill rate over replications.
  public var fillRate: Double
  /// Its mean total cost over replications.
  public var totalCost: Double
  /// True when its fill rate beats every other policy's by a paired 95% interval that excludes
  /// zero; only then does a report say it keeps service best.
  public var significant: Bool
  /// The policies whose paired fill-rate interval with the leader includes zero (empty when the
  /// lead is significant; every other policy with one replication).
  public var indistinguishable: [String]

  /// Creates a verdict.
  public init(policy: Int, name: String, fillRate: Double, totalCost: Double, significant: Bool = false, indistinguishable: [String] = []) {
    self.policy = policy
    self.name = name
    self.fillRate = fillRate
    self.totalCost = totalCost
    self.significant = significant
    self.indistinguishable = indistinguishable
  }

  /// The policy with the highest mean fill rate (equal means go to the lower mean total cost,
  /// then to the earlier policy), significant when its paired interval with every other policy
  /// excludes zero (`PairedRanking`).
  ///
  /// - Precondition: at least one policy.
  public static func keepsServiceBest(_ policies: [PolicyTotals]) -> StressVerdict {
    precondition(!policies.isEmpty, "a verdict needs at least one policy")
    let ranking = serviceRanking(policies)
    let best = ranking.best!
    let others = ranking.replications > 1 ? ranking.indistinguishableFromBest : Array(ranking.entries.dropFirst())
    return StressVerdict(policy: best.index, name: best.name, fillRate: best.summary.mean,
                         totalCost: policies[best.index].summary(of: "totalCost").mean,
                         significant: ranking.bestIsSignificant, indistinguishable: others.map(\.name))
  }

  /// The policies ranked on fill rate, highest first, ties to the lower total cost.
  public static func serviceRanking(_ policies: [PolicyTotals]) -> PairedRanking {
    PairedRanking(policies, kpi: "fillRate", higherIsBetter: true, tieBreak: "totalCost")
  }
}
