/// The outcome of checking one KPI of one policy against its baseline.
public struct KPIVerdict: Sendable, Equatable {
  /// Whether the KPI held.
  public enum Outcome: String, Sendable {
    /// Within its rule.
    case pass
    /// A regression under its rule.
    case fail
    /// The rule says `ignore`; reported only.
    case ignored
    /// The baseline has no value for this KPI (a KPI added since); refresh the baseline to track it.
    case new
  }

  /// The policy.
  public var policy: String
  /// The KPI.
  public var kpi: String
  /// The baseline's mean (nil for a new KPI).
  public var baselineMean: Double?
  /// The new run's mean.
  public var mean: Double
  /// The change and its interval (nil for a new KPI).
  public var change: ChangeInterval?
  /// The rule applied.
  public var rule: KPIRule
  /// The threshold the rule allowed for this baseline.
  public var threshold: Double
  /// The verdict.
  public var outcome: Outcome
  /// Statistical rules: the p-value of the change in the rule's bad direction (nil with one
  /// replication, when there is no test).
  public var pValue: Double?
  /// Statistical rules: the p-value adjusted for the scenario's family of comparisons
  /// (`RuleSet.MultipleComparisons`); the KPI fails when it is at most 1 − level and the change
  /// exceeds the threshold.
  public var adjustedPValue: Double?
  /// Paired comparisons: in how many replications the KPI got worse, better, or stayed the same
  /// (in the rule's direction; for `bothWays`, a rise counts as worse).
  public var replicationCounts: ReplicationCounts?

  /// Replications by the way a KPI moved.
  public struct ReplicationCounts: Sendable, Equatable {
    /// Replications where it moved in the bad direction.
    public var worse: Int
    /// Replications where it moved in the good direction.
    public var better: Int
    /// Replications where it did not move.
    public var same: Int

    /// Creates counts.
    public init(worse: Int, better: Int, same: Int) {
      self.worse = worse
      self.better = better
      self.same = same
    }
  }
  /// Sign-flip tests: the interval of the mean change the test implies (`SignFlipTest.interval`),
  /// one-sided in the rule's direction, so it excludes 0 whenever the marginal test rejects.
  public var signFlipInterval: ConfidenceInterval?
  /// Statistical rules: the test behind the p-values, e.g. `sign-flip, Westfall–Young over 18`.
  public var test: String?

  /// Creates a verdict.
  public init(policy: String, kpi: String, baselineMean: Double?, mean: Double, change: ChangeInterval?, rule: KPIRule, threshold: Double, outcome: Outcome,
              pValue: Double? = nil, adjustedPValue: Double? = nil, test: String? = nil) {
    self.pValue = pValue
    self.adjustedPValue = adjustedPValue
    self.test = test
    self.policy = policy
    self.kpi = kpi
    self.baselineMean = baselineMean
    self.mean = mean
    self.change = change
    self.rule = rule
    self.threshold = threshold
    self.outcome = outcome
  }

  /// The change relative to the baseline mean, or nil when the baseline is 0 or missing.
  public var relativeChange: Double? {
    guard let baselineMean, baselineMean != 0, let change else { return nil }
    return change.change / abs(baselineMean)
  }

  /// One sentence on what happened, for failure messages: the change, the p-value before and
  /// after the family-wise adjustment with the test, the effect size, how the replications moved
  /// and the interval of the change (for sign-flip tests, the one-sided interval the test implies):
  /// `shortageCost rose by 10.5325 (89.528 → 100.0605, +11.8%); p = 0.016, adjusted 0.039 ≤ 0.05
  /// (sign flips, Westfall–Young over 18); effect 0.57 sd; worse in 6 of 10 replications, better in
  /// 0; 95% sign-flip interval of the mean change [L, ∞)`.
  public var message: String {
    guard let baselineMean, let change else {
      return "\(kpi) has no baseline value (now \(KPIRule.format(mean))); refresh the baseline to track it"
    }
    let d = change.change
    let verb = d > 0 ? "rose by \(KPIRule.format(d))" : d < 0 ? "fell by \(KPIRule.format(-d))" : "did not change"
    var text = "\(kpi) \(verb) (\(KPIRule.format(baselineMean)) → \(KPIRule.format(mean))"
    if let r = relativeChange, d != 0 { text += ", \(r > 0 ? "+" : "")\(KPIRule.format((r * 1000).rounded() / 10))%" }
    text += ")"
    let limit = threshold > 0 || rule.test == .tolerance ? ", \(outcome == .fail ? "beyond" : "within") the allowed \(KPIRule.format(threshold))" : ""
    switch outcome {
    case .fail, .pass: text += limit
    case .ignored, .new: break
    }
    guard rule.test == .statistical else { return text }
    if let pValue, let adjustedPValue {
      let alpha = 1 - rule.level
      text += "; p = \(Self.significant(pValue)), adjusted \(Self.significant(adjustedPValue)) \(adjustedPValue <= alpha ? "≤" : ">") \(Self.significant(alpha))"
      if let test { text += " (\(test))" }
      if let effect = change.standardizedEffect {
        text += "; effect \(Self.significant(effect)) sd"
      } else if change.change != 0, change.method == .paired {
        text += "; every replication changed by the same amount"
      }
    } else {
      text += "; one replication: no test, the threshold alone decides"
    }
    if let counts = replicationCounts {
      text += "; worse in \(counts.worse) of \(counts.worse + counts.better + counts.same) replications, better in \(counts.better)"
    }
    if let ci = signFlipInterval {
      let lower = ci.lower.isFinite ? "[" + KPIRule.format(ci.lower) : "(-∞"
      let upper = ci.upper.isFinite ? KPIRule.format(ci.upper) + "]" : "∞)"
      text += "; \(KPIRule.format(ci.level * 100))% sign-flip interval of the mean change \(lower), \(upper)"
    } else if let ci = change.interval {
      text += "; \(KPIRule.format(ci.level * 100))% CI of the change [\(KPIRule.format(ci.lower)), \(KPIRule.format(ci.upper))]"
    }
    return text
  }

  /// Two significant digits (whole numbers from 10 up), in scientific notation below 0.001:
  /// `0.0028`, `3.9e-06`, `9.1`, `12`, `0`.
  public static func significant(_ x: Double) -> String {
    guard x.isFinite, x != 0 else { return x == 0 ? "0" : "\(x)" }
    var exponent = 0, m = abs(x)
    while m >= 10 { m /= 10; exponent += 1 }
    while m < 1 { m *= 10; exponent -= 1 }
    if exponent >= -3 {
      var scale = 1.0
      for _ in 0..<max(0, 1 - exponent) { scale *= 10 }
      return KPIRule.format((x * scale).rounded() / scale)
    }
    var mantissa = (m * 10).rounded() / 10
    if mantissa >= 10 { mantissa /= 10; exponent += 1 }
    let digits = String(-exponent)
    return (x < 0 ? "-" : "") + KPIRule.format(mantissa) + "e-" + (digits.count < 2 ? "0" : "") + digits
  }
}
