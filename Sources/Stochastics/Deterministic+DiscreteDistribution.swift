extension Deterministic: DiscreteDistribution where Value == Int {
  /// Returns `value`; the generator does not advance.
  @inlinable
  public func sample<G: RandomSource>(using rng: inout G) -> Int { value }
  /// The value.
  public var mean: Double { Double(value) }
  /// 0.
  public var variance: Double { 0 }
  /// 1 at the value, else 0.
  public func probability(_ k: Int) -> Double { k == value ? 1 : 0 }
  /// 1 from the value on, else 0.
  public func cdf(_ k: Int) -> Double { k >= value ? 1 : 0 }
  /// The value, for every p in [0, 1].
  public func quantile(_ p: Double) -> Int {
    precondition(p >= 0 && p <= 1, "Deterministic quantile needs p in [0, 1], got \(p)")
    return value
  }
}
