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

  /// Creates a verdict.
  public init(policy: String, kpi: String, baselineMean: Double?, mean: Double, change: ChangeInterval?, rule: KPIRule, threshold: Double, outcome: Outcome) {
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

  /// One sentence on what happened, for failure messages:
  /// `fillRate fell by 0.0412 (0.9989 → 0.9577), beyond the allowed 0.005; 99% CI of the change [-0.05, -0.03]`.
  public var message: String {
    guard let baselineMean, let change else {
      return "\(kpi) has no baseline value (now \(KPIRule.format(mean))); refresh the baseline to track it"
    }
    let d = change.change
    let verb = d > 0 ? "rose by \(KPIRule.format(d))" : d < 0 ? "fell by \(KPIRule.format(-d))" : "did not change"
    var text = "\(kpi) \(verb) (\(KPIRule.format(baselineMean)) → \(KPIRule.format(mean))"
    if let r = relativeChange, d != 0 { text += ", \(r > 0 ? "+" : "")\(KPIRule.format((r * 1000).rounded() / 10))%" }
    text += ")"
    switch outcome {
    case .fail: text += ", beyond the allowed \(KPIRule.format(threshold))"
    case .pass: text += ", within the allowed \(KPIRule.format(threshold))"
    case .ignored, .new: break
    }
    if let ci = change.interval, rule.test == .statistical {
      text += "; \(KPIRule.format(ci.level * 100))% CI of the change [\(KPIRule.format(ci.lower)), \(KPIRule.format(ci.upper))] (\(change.method.rawValue))"
    }
    return text
  }
}
