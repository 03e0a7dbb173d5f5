/// A two-sided confidence interval for a mean.
public struct ConfidenceInterval: Sendable, Equatable, Codable {
  /// The point estimate.
  public var estimate: Double
  /// Lower bound.
  public var lower: Double
  /// Upper bound.
  public var upper: Double
  /// Nominal coverage, e.g. 0.95.
  public var level: Double

  /// Creates an interval.
  public init(estimate: Double, lower: Double, upper: Double, level: Double) {
    self.estimate = estimate
    self.lower = lower
    self.upper = upper
    self.level = level
  }

  /// Half the interval's width.
  public var halfWidth: Double { (upper - lower) / 2 }

  /// True when `value` lies inside the closed interval.
  public func contains(_ value: Double) -> Bool { lower <= value && value <= upper }
}
