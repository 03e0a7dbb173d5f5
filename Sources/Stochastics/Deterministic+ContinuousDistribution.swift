extension Deterministic: ContinuousDistribution where Value == Double {
  /// Returns `value`; the generator does not advance.
  @inlinable
  public func sample<G: RandomSource>(using rng: inout G) -> Double { value }
  /// The value.
  public var mean: Double { value }
  /// 0.
  public var variance: Double { 0 }
  /// +infinity at the value (a Dirac delta), else 0.
  public func density(_ x: Double) -> Double { x == value ? .infinity : 0 }
  /// 1 from the value on, else 0.
  public func cdf(_ x: Double) -> Double { x >= value ? 1 : 0 }
  /// The value, for every p in [0, 1].
  public func quantile(_ p: Double) -> Double {
    precondition(p >= 0 && p <= 1, "Deterministic quantile needs p in [0, 1], got \(p)")
    return value
  }
}
