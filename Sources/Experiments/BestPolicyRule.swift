/// The rule that decides when a report may call one policy "best" on a KPI: only when the paired
/// interval of its difference from every other policy excludes zero.
///
/// Replication r of every policy saw the same demand and lead times (common random numbers), so
/// the difference of two policies is taken replication by replication and its Student-t interval
/// at `level` judged. The candidate is the policy with the best mean; it is best only when each of
/// its paired intervals lies entirely on the better side of zero. Ties (every difference zero),
/// leads within noise, a single policy and a single replication give no best. Reports mark a
/// best value with a ★ and state the rule with `statement(replications:)`.
///
/// - SeeAlso: A. Law (2015), *Simulation Modeling and Analysis*, 5th ed., §10.2 (paired-t).
public struct BestPolicyRule: Sendable, Equatable {
  /// The confidence level of each paired interval (0.95 by default).
  public var level: Double

  /// Creates the rule.
  ///
  /// - Parameter level: The confidence level of the paired intervals, in (0, 1).
  public init(level: Double = 0.95) {
    precondition(level > 0 && level < 1, "confidence level must be in (0, 1), got \(level)")
    self.level = level
  }

  /// The best of several policies, or nil when no policy beats every other significantly.
  ///
  /// - Parameters:
  ///   - values: One array per policy, with one value per replication; replication r of each
  ///     policy must have seen the same random numbers.
  ///   - higherIsBetter: True for service KPIs (fill rate), false for costs and stock.
  /// - Returns: The index of the best policy, or nil for fewer than two policies or two
  ///   replications, a tie, or a lead whose paired interval contains zero.
  /// - Precondition: every policy has the same number of replications.
  public func best(of values: [[Double]], higherIsBetter: Bool) -> Int? {
    guard values.count > 1, let n = values.first?.count, n > 1 else { return nil }
    precondition(values.allSatisfy { $0.count == n }, "paired comparison needs equal replications, got \(values.map(\.count))")
    let means = values.map { $0.reduce(0, +) / Double(n) }
    guard means.allSatisfy(\.isFinite) else { return nil }
    let candidate = higherIsBetter ? means.indices.max { means[$0] < means[$1] }! : means.indices.min { means[$0] < means[$1] }!
    for other in values.indices where other != candidate {
      guard let interval = differenceInterval(values[candidate], values[other]) else { return nil }
      if higherIsBetter ? !(interval.lower > 0) : !(interval.upper < 0) { return nil }
    }
    return candidate
  }

  /// The paired interval of a − b at `level`, or nil with fewer than two replications.
  public func differenceInterval(_ a: [Double], _ b: [Double]) -> ConfidenceInterval? {
    precondition(a.count == b.count, "paired comparison needs equal replications, got \(a.count) and \(b.count)")
    return KPISummary(values: zip(a, b).map { $0 - $1 }, level: level).interval
  }

  /// The best policy of `result` on `kpi` (index into `result.outcomes`), or nil.
  public func best(in result: ExperimentResult, kpi: String) -> Int? {
    best(of: result.outcomes.map { o in o.totals.map { $0.value(named: kpi)! } },
         higherIsBetter: ExperimentResult.higherIsBetter.contains(kpi))
  }

  /// The rule in one sentence, for a report: "★ = best: …", or why there is no ★ at all.
  ///
  /// - Parameter replications: The replications per policy of the run.
  public func statement(replications: Int) -> String {
    let percent = Self.percent(level)
    guard replications > 1 else {
      return "No ★ (best) marks: with one replication a difference between policies cannot be told from noise (paired intervals need at least 2 replications)."
    }
    return "★ = best: the paired t-interval at \(percent) over \(replications) replications (same random numbers for every policy) of its difference from every other policy excludes 0; ties and leads within noise get no ★."
  }

  /// A confidence level as a report writes it: "95%", "99.5%".
  public static func percent(_ level: Double) -> String {
    let p = (level * 1000).rounded() / 10
    return p == p.rounded() ? "\(Int(p))%" : "\(p)%"
  }
}
