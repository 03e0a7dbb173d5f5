import Stochastics

/// The paired difference of one KPI between two policies across replications.
///
/// Under common random numbers replication r of both policies saw the same demand, so the
/// differences d_r = A_r − B_r remove the demand noise both share; their Student-t interval is
/// usually far narrower than the difference of two independent intervals.
///
/// - SeeAlso: A. Law (2015), *Simulation Modeling and Analysis*, 5th ed., §10.2 (paired-t).
public struct PairedComparison: Sendable, Equatable, Codable {
  /// The first policy (A in A − B).
  public var first: String
  /// The second policy (B).
  public var second: String
  /// The KPI compared.
  public var kpi: String
  /// Mean, standard deviation and interval of A − B.
  public var difference: KPISummary

  /// Compares `kpi` between two outcomes replication by replication.
  ///
  /// - Precondition: both have the same number of replications.
  public init(_ a: PolicyOutcome, _ b: PolicyOutcome, kpi: String, level: Double = 0.95) {
    precondition(a.totals.count == b.totals.count, "paired comparison needs equal replications, got \(a.totals.count) and \(b.totals.count)")
    first = a.name
    second = b.name
    self.kpi = kpi
    let differences = zip(a.totals, b.totals).map { $0.value(named: kpi)! - $1.value(named: kpi)! }
    difference = KPISummary(values: differences, level: level)
  }

  /// True when the interval excludes zero (needs at least two replications).
  public var isSignificant: Bool {
    guard let ci = difference.interval else { return false }
    return ci.lower > 0 || ci.upper < 0
  }

  /// Which policy is better on this KPI, or nil when the difference is not significant.
  ///
  /// - Parameter higherIsBetter: True for service KPIs (fill rate), false for costs.
  public func better(higherIsBetter: Bool) -> String? {
    guard isSignificant else { return nil }
    return (difference.mean > 0) == higherIsBetter ? first : second
  }
}

extension ExperimentResult {
  /// Paired comparisons of `kpi` for every pair of policies (i < j), in scenario order.
  public func pairedComparisons(of kpi: String, level: Double = 0.95) -> [PairedComparison] {
    var out: [PairedComparison] = []
    for i in outcomes.indices {
      for j in outcomes.indices where j > i {
        out.append(PairedComparison(outcomes[i], outcomes[j], kpi: kpi, level: level))
      }
    }
    return out
  }

  /// The policy whose `kpi` is better than every other policy's by a paired interval at `level`
  /// that excludes zero (replication r of each saw the same demand), or nil: with fewer than two
  /// replications, one policy, ties, or a lead within noise (see `BestPolicyRule`).
  public func significantlyBest(of kpi: String, level: Double = 0.95) -> Int? {
    BestPolicyRule(level: level).best(in: self, kpi: kpi)
  }

  /// KPIs where a higher value is better; every other KPI is treated as lower-is-better.
  public static let higherIsBetter: Set<String> = ["fillRate", "cycleServiceLevel", "inventoryTurnover"]
}
