/// A source of uniformly distributed 64-bit words: the one thing every sampler needs.
///
/// Conforming types are value types; a sampler advances only the generator it is handed
/// (`sample(using: &rng)`), so streams never interfere.
public protocol RandomSource {
  /// Returns the next 64 uniformly distributed bits and advances the state.
  mutating func next() -> UInt64
}

extension RandomSource {
  /// A uniform double in [0, 1) with 53 bits of precision.
  @inlinable @inline(__always)
  public mutating func nextUnit() -> Double {
    Double(next() >> 11) * 0x1.0p-53
  }

  /// A uniform double in (0, 1): never exactly zero, safe for `log`.
  @inlinable @inline(__always)
  public mutating func nextOpenUnit() -> Double {
    (Double(next() >> 12) + 0.5) * 0x1.0p-52
  }

  /// A uniform integer in `0..<bound` without modulo bias (Lemire's multiply-shift with rejection).
  ///
  /// - Precondition: `bound > 0`.
  /// - SeeAlso: D. Lemire (2019), "Fast random integer generation in an interval", ACM TOMACS 29(1).
  @inlinable
  public mutating func nextInt(below bound: Int) -> Int {
    precondition(bound > 0, "nextInt(below:) needs a positive bound, got \(bound)")
    let b = UInt64(bound)
    var m = next().multipliedFullWidth(by: b)
    if m.low < b {
      let threshold = (0 &- b) % b
      while m.low < threshold { m = next().multipliedFullWidth(by: b) }
    }
    return Int(m.high)
  }
}
