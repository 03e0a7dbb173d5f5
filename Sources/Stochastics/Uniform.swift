/// The continuous uniform distribution on [lower, upper).
public struct Uniform: ContinuousDistribution, Sendable {
  /// The lower end, included.
  public let lower: Double
  /// The upper end, excluded from samples.
  public let upper: Double

  /// Creates the distribution.
  ///
  /// - Parameters:
  ///   - lower: The lower end, finite.
  ///   - upper: The upper end, finite and > `lower`.
  public init(lower: Double, upper: Double) {
    precondition(lower.isFinite && upper.isFinite && lower < upper,
                 "Uniform needs finite lower < upper, got lower = \(lower), upper = \(upper)")
    self.lower = lower
    self.upper = upper
  }

  /// (lower + upper)/2.
  public var mean: Double { 0.5 * (lower + upper) }
  /// (upper − lower)²/12.
  public var variance: Double { (upper - lower) * (upper - lower) / 12 }

  /// Draws lower + (upper − lower)U with U on [0, 1) (53-bit resolution).
  ///
  /// - Parameter rng: The stream to draw from; only it advances.
  @inlinable
  public func sample<G: RandomSource>(using rng: inout G) -> Double {
    let x = lower + (upper - lower) * rng.nextUnit()
    return x < upper ? x : lower  // rounding can reach `upper` only in the last ulp
  }

  /// 1/(upper − lower) on [lower, upper], else 0.
  public func density(_ x: Double) -> Double { x >= lower && x <= upper ? 1 / (upper - lower) : 0 }

  /// (x − lower)/(upper − lower), clamped to [0, 1].
  public func cdf(_ x: Double) -> Double { min(1, max(0, (x - lower) / (upper - lower))) }

  /// lower + p(upper − lower).
  public func quantile(_ p: Double) -> Double {
    precondition(p >= 0 && p <= 1, "Uniform quantile needs p in [0, 1], got \(p)")
    return lower + p * (upper - lower)
  }
}
