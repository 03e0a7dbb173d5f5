/// Which policy keeps service best under a stress test, and at what cost.
public struct StressVerdict: Sendable, Equatable {
  /// The policy's position in the scenario.
  public var policy: Int
  /// Its name.
  public var name: String
  /// Its mean fill rate over replications.
  public var fillRate: Double
  /// Its mean total cost over replications.
  public var totalCost: Double

  /// Creates a verdict.
  public init(policy: Int, name: String, fillRate: Double, totalCost: Double) {
    self.policy = policy
    self.name = name
    self.fillRate = fillRate
    self.totalCost = totalCost
  }

  /// The policy with the highest mean fill rate; equal means go to the lower mean total cost,
  /// then to the earlier policy.
  ///
  /// - Precondition: at least one policy.
  public static func keepsServiceBest(_ policies: [PolicyTotals]) -> StressVerdict {
    precondition(!policies.isEmpty, "a verdict needs at least one policy")
    let scored = policies.enumerated().map { (p, o) in (p, o.name, o.summary(of: "fillRate").mean, o.summary(of: "totalCost").mean) }
    let best = scored.min { a, b in
      if a.2 != b.2 { return a.2 > b.2 }
      if a.3 != b.3 { return a.3 < b.3 }
      return a.0 < b.0
    }!
    return StressVerdict(policy: best.0, name: best.1, fillRate: best.2, totalCost: best.3)
  }
}
