/// xoshiro256**: the project's workhorse generator, with substreams keyed by (seed, entity, purpose, replication).
///
/// A substream's state is derived by hashing its key through SplitMix64, so the stream of
/// SKU 7's demand does not depend on how many other SKUs, policies or purposes exist. This is
/// what lets two policies see identical demand (common random numbers) and lets a scenario
/// grow without shifting any existing draw.
///
/// - SeeAlso: D. Blackman, S. Vigna (2021), "Scrambled linear pseudorandom number generators", ACM TOMS 47(4).
public struct Xoshiro256: RandomSource, Sendable, Equatable {
  @usableFromInline var s0: UInt64
  @usableFromInline var s1: UInt64
  @usableFromInline var s2: UInt64
  @usableFromInline var s3: UInt64

  /// Creates the generator for a plain seed (entity 0, auxiliary purpose, replication 0).
  public init(seed: UInt64) {
    self.init(seed: seed, entity: 0, purpose: .auxiliary, replication: 0)
  }

  /// Creates the substream for one (seed, entity, purpose, replication) key.
  ///
  /// - Parameters:
  ///   - seed: The scenario's seed.
  ///   - entity: Which thing draws: a SKU index, a lane index, a node-SKU pair packed by the caller.
  ///   - purpose: What the draws are for.
  ///   - replication: The replication number in an experiment; 0 for a single run.
  public init(seed: UInt64, entity: UInt64, purpose: StreamPurpose, replication: UInt64 = 0) {
    // Hash the key field by field; each step avalanches, so nearby keys give unrelated states.
    var h = SplitMix64.mix(seed &+ 0x5EED_5EED_5EED_5EED)
    h = SplitMix64.mix(h ^ (entity &* 0x9E37_79B9_7F4A_7C15))
    h = SplitMix64.mix(h ^ (purpose.rawValue &* 0xD1B5_4A32_D192_ED03))
    h = SplitMix64.mix(h ^ (replication &* 0xAEF1_7502_108E_F2D9))
    var expander = SplitMix64(seed: h)
    s0 = expander.next(); s1 = expander.next(); s2 = expander.next(); s3 = expander.next()
    if s0 | s1 | s2 | s3 == 0 { s0 = 1 }  // the all-zero state is the one fixed point
  }

  /// Returns the next 64 bits.
  @inlinable @inline(__always)
  public mutating func next() -> UInt64 {
    let result = rotl(s1 &* 5, 7) &* 9
    let t = s1 << 17
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = rotl(s3, 45)
    return result
  }

  @inlinable @inline(__always)
  func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}
