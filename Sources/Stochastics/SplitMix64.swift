/// SplitMix64: a tiny generator used to expand seeds and to hash stream keys.
///
/// - SeeAlso: G. Steele, D. Lea, C. Flood (2014), "Fast splittable pseudorandom number generators", OOPSLA.
public struct SplitMix64: RandomSource, Sendable {
  /// The generator's whole state.
  public var state: UInt64

  /// Creates a generator whose first output depends on every bit of `seed`.
  public init(seed: UInt64) { state = seed }

  /// Returns the next output and advances the state by the golden-ratio increment.
  @inlinable
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    return SplitMix64.mix(state)
  }

  /// The SplitMix64 finaliser: a bijective avalanche of 64 bits.
  @inlinable
  public static func mix(_ x: UInt64) -> UInt64 {
    var z = x
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
