/// A Poisson sampler for one fixed mean (stationary demand), by table-lookup inversion with a
/// guide table: one uniform, one index computation and on average about one comparison per draw.
///
/// The table holds F(0…K) up to where 1 − F(K) < 2⁻⁵⁴; the rare draws beyond it continue the
/// exact sequential search. Memory is about 16 bytes per tabulated value, K ≈ λ + 10√λ + 20.
/// Build it once per SKU and reuse it; for a mean that changes daily use `Poisson.sample(mean:using:)`.
///
/// - SeeAlso: H. C. Chen, Y. Asau (1974), "On generating random variates from an empirical
///   distribution", AIIE Transactions 6(2), 163–166 (the guide table); L. Devroye (1986),
///   Non-Uniform Random Variate Generation, §III.2.
public struct PoissonTable: DiscreteDistribution, Sendable {
  /// The exact distribution, for evaluation.
  public let poisson: Poisson
  /// F(k) for k = 0…K.
  @usableFromInline let cumulative: [Double]
  /// guide[j] = the smallest k with F(k) > j/M, M = guide.count.
  @usableFromInline let guide: [Int]
  /// P(X = K), to continue the search past the table.
  @usableFromInline let lastProbability: Double

  /// Builds the table.
  ///
  /// - Parameter mean: λ, finite, in 0...1e7 (beyond, the table would be too large).
  /// - Complexity: O(λ + √λ) time and memory.
  public init(mean: Double) {
    precondition(mean >= 0 && mean <= 1e7, "PoissonTable mean must be in 0...1e7, got \(mean)")
    poisson = Poisson(mean: mean)
    var cumulative: [Double] = []
    var running = 0.0
    var k = 0
    let limit = Int(mean + 40 * mean.squareRoot() + 40)
    while true {
      running += poisson.probability(k)
      cumulative.append(min(running, 1))
      if (Double(k) > mean && 1 - running < 0x1p-54) || k >= limit { break }
      k += 1
    }
    self.cumulative = cumulative
    lastProbability = poisson.probability(k)
    let m = cumulative.count
    var guide = Array(repeating: 0, count: m)
    var j = 0
    for i in 0..<m {
      let threshold = Double(i) / Double(m)
      while j < m - 1 && cumulative[j] <= threshold { j += 1 }
      guide[i] = j
    }
    self.guide = guide
  }

  /// λ.
  public var mean: Double { poisson.mean }
  /// λ.
  public var variance: Double { poisson.mean }

  /// Draws the smallest k with U < F(k), starting from the guide table's entry for U.
  ///
  /// - Parameter rng: The stream to draw from; one word per draw.
  /// - Complexity: O(1) expected.
  @inlinable
  public func sample<G: RandomSource>(using rng: inout G) -> Int {
    let u = rng.nextUnit()
    return cumulative.withUnsafeBufferPointer { table in
      // u·M can round up to M when u is within an ulp of 1.
      var k = guide[Swift.min(Int(u * Double(table.count)), table.count - 1)]
      while u >= table[k] {
        k += 1
        if k == table.count { return searchPastTable(u) }
      }
      return k
    }
  }

  /// Sequential search beyond the table's last entry (probability below 2⁻⁵⁴ per draw).
  @usableFromInline
  func searchPastTable(_ u: Double) -> Int {
    var k = cumulative.count - 1
    var p = lastProbability
    var cdf = cumulative[k]
    while u >= cdf {
      k += 1
      p *= poisson.mean / Double(k)
      let next = cdf + p
      if next == cdf { break }
      cdf = next
    }
    return k
  }

  /// P(X = k), exactly as `Poisson.probability`.
  public func probability(_ k: Int) -> Double { poisson.probability(k) }
  /// P(X <= k), exactly as `Poisson.cdf`.
  public func cdf(_ k: Int) -> Double { poisson.cdf(k) }
  /// As `Poisson.quantile`.
  public func quantile(_ p: Double) -> Int { poisson.quantile(p) }
}
