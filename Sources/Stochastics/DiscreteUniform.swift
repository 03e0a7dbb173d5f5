/// The discrete uniform distribution on the integers lower...upper.
public struct DiscreteUniform: DiscreteDistribution, Sendable {
  /// The smallest value.
  public let lower: Int
  /// The largest value (included).
  public let upper: Int

  /// Creates the distribution.
  ///
  /// - Parameters:
  ///   - lower: The smallest value.
  ///   - upper: The largest value, >= `lower`, with upper − lower < Int.max.
  public init(lower: Int, upper: Int) {
    precondition(lower <= upper, "DiscreteUniform needs lower <= upper, got lower = \(lower), upper = \(upper)")
    let (span, overflow) = upper.subtractingReportingOverflow(lower)
    precondition(!overflow && span < Int.max,
                 "DiscreteUniform range \(lower)...\(upper) is too wide to count in an Int")
    self.lower = lower
    self.upper = upper
  }

  /// The number of values, upper − lower + 1.
  public var count: Int { upper - lower + 1 }

  /// (lower + upper)/2.
  public var mean: Double { 0.5 * (Double(lower) + Double(upper)) }
  /// (count² − 1)/12.
  public var variance: Double { (Double(count) * Double(count) - 1) / 12 }

  /// Draws lower + an unbiased integer below `count` (Lemire's method).
  ///
  /// - Parameter rng: The stream to draw from; only it advances.
  @inlinable
  public func sample<G: RandomSource>(using rng: inout G) -> Int {
    lower + rng.nextInt(below: upper - lower + 1)
  }

  /// 1/count on lower...upper.
  public func probability(_ k: Int) -> Double { k >= lower && k <= upper ? 1 / Double(count) : 0 }

  /// (k − lower + 1)/count, clamped to [0, 1].
  public func cdf(_ k: Int) -> Double {
    if k < lower { return 0 }
    if k >= upper { return 1 }
    return Double(k - lower + 1) / Double(count)
  }

  /// The smallest k with cdf(k) >= p.
  public func quantile(_ p: Double) -> Int {
    precondition(p >= 0 && p <= 1, "DiscreteUniform quantile needs p in [0, 1], got \(p)")
    if p == 0 { return lower }
    let guess = lower + Int(min((p * Double(count)).rounded(.up), Double(count))) - 1
    return searchQuantile(p, guess: guess, lower: lower, upper: upper)
  }
}
