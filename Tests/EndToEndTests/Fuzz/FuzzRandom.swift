/// The fuzzer's own seeded generator (SplitMix64): every case is a pure function of (campaign seed, case index).
struct FuzzRandom {
  private var state: UInt64

  /// A generator for one case, independent of every other case's.
  init(seed: UInt64, stream: UInt64 = 0) {
    state = seed &+ stream &* 0x9E37_79B9_7F4A_7C15
    _ = next(); _ = next()
  }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A uniform integer in `0..<bound` (bound > 0).
  mutating func below(_ bound: Int) -> Int {
    precondition(bound > 0, "below(\(bound))")
    return Int(next() % UInt64(bound))
  }

  /// A uniform integer in `range`.
  mutating func int(in range: ClosedRange<Int>) -> Int { range.lowerBound + below(range.count) }

  /// True with probability `p`.
  mutating func chance(_ p: Double) -> Bool { Double(next() >> 11) / Double(1 << 53) < p }

  /// A uniform element.
  mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

  /// An index drawn with the given weights.
  mutating func weighted(_ weights: [Int]) -> Int {
    var r = below(weights.reduce(0, +))
    for (i, w) in weights.enumerated() {
      if r < w { return i }
      r -= w
    }
    return weights.count - 1
  }
}
