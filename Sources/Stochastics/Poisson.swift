#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The Poisson distribution with mean λ >= 0: P(X = k) = e^{−λ} λ^k / k!.
///
/// Sampling is exact for every mean: sequential-search inversion for λ < 10, Hörmann's
/// transformed rejection with squeeze (PTRS) for λ >= 10. The instance method and the static
/// `Poisson.sample(mean:using:)` consume the same draws and return the same values; the instance
/// only caches the constants.
///
/// - SeeAlso: L. Devroye (1986), Non-Uniform Random Variate Generation, §X.3 (inversion);
///   W. Hörmann (1993), "The transformed rejection method for generating Poisson random
///   variables", Insurance: Mathematics and Economics 12(1), 39–45.
public struct Poisson: DiscreteDistribution, Sendable {
  /// The mean λ, which is also the variance.
  public let mean: Double
  /// The constants of whichever sampler this mean uses.
  @usableFromInline let constants: SamplerConstants

  /// The largest mean the sampler accepts: beyond it counts are not exact integers in a `Double`.
  public static let maximumMean = 0x1p52

  /// Creates the distribution.
  ///
  /// - Parameter mean: λ, in 0...`maximumMean`.
  public init(mean: Double) {
    precondition(mean >= 0 && mean <= Poisson.maximumMean,
                 "Poisson mean must be in 0...2^52, got \(mean)")
    self.mean = mean
    self.constants = SamplerConstants(mean: mean)
  }

  /// The variance, equal to the mean.
  public var variance: Double { mean }

  /// Draws a Poisson count.
  ///
  /// - Parameter rng: The stream to draw from; only it advances.
  /// - Complexity: O(1 + λ) expected for λ < 10, O(1) expected otherwise.
  @inlinable
  public func sample<G: RandomSource>(using rng: inout G) -> Int {
    Poisson.draw(mean, constants, using: &rng)
  }

  /// Draws a Poisson count for a mean that may change on every call (seasonal demand), without
  /// constructing a distribution; same draws and results as `Poisson(mean:).sample(using:)`.
  ///
  /// - Parameters:
  ///   - mean: λ, in 0...`maximumMean`.
  ///   - rng: The stream to draw from; only it advances.
  @inlinable
  public static func sample<G: RandomSource>(mean: Double, using rng: inout G) -> Int {
    precondition(mean >= 0 && mean <= Poisson.maximumMean,
                 "Poisson mean must be in 0...2^52, got \(mean)")
    return draw(mean, SamplerConstants(mean: mean), using: &rng)
  }

  @inlinable @inline(__always)
  static func draw<G: RandomSource>(_ mean: Double, _ c: SamplerConstants, using rng: inout G) -> Int {
    if mean < 10 { return invert(mean, expMinusMean: c.first, using: &rng) }
    return transformedRejection(mean, c, using: &rng)
  }

  /// Inversion by sequential search from 0: the smallest k with u < F(k).
  @inlinable
  static func invert<G: RandomSource>(_ mean: Double, expMinusMean: Double, using rng: inout G) -> Int {
    let u = rng.nextUnit()
    var k = 0
    var p = expMinusMean
    var cdf = p
    while u >= cdf {
      k += 1
      p *= mean / Double(k)  // not on the loop-carried path: the division pipelines
      let next = cdf + p
      if next == cdf { break }  // F has reached its floating-point limit just below 1
      cdf = next
    }
    return k
  }

  /// PTRS: a transformed-rejection draw with a quick acceptance region covering most draws.
  @inlinable
  static func transformedRejection<G: RandomSource>(_ mean: Double, _ c: SamplerConstants,
                                                    using rng: inout G) -> Int {
    while true {
      let u = rng.nextUnit() - 0.5
      let v = rng.nextUnit()
      let us = 0.5 - abs(u)
      let y = (2 * c.a / us + c.b) * u + mean + 0.43
      // k = floor(y); k < 0 never lies in the quick-acceptance region, so reject it first and
      // take the floor of a non-negative y by truncation (cheaper than a call to floor).
      if !(y >= 0) { continue }
      let k = Int(y)
      if us >= 0.07 && v <= c.vr { return k }
      if us < 0.013 && v > us { continue }
      let lhs = log(v * c.invAlpha / (c.a / (us * us) + c.b))
      if lhs <= -mean + Double(k) * c.first - Poisson.logFactorial(k) { return k }
    }
  }

  /// log k! for the acceptance tests: literals below 10, Stirling's series with six terms above
  /// (truncation error below 2e-16).
  @inlinable @inline(__always)
  static func logFactorial(_ k: Int) -> Double {
    if k < 10 {
      switch k {  // literals, so the hot path touches no lazily initialised global
      case 0, 1: return 0
      case 2: return 0.693147180559945
      case 3: return 1.7917594692280554
      case 4: return 3.178053830347945
      case 5: return 4.787491742782047
      case 6: return 6.579251212010102
      case 7: return 8.525161361065415
      case 8: return 10.604602902745249
      default: return 12.801827480081467
      }
    }
    let x = Double(k) + 1
    let r = 1 / x
    let r2 = r * r
    let series = r * (1.0 / 12 + r2 * (-1.0 / 360 + r2 * (1.0 / 1260 + r2 * (-1.0 / 1680
      + r2 * (1.0 / 1188 + r2 * (-691.0 / 360_360))))))
    return (x - 0.5) * log(x) - x + SpecialFunctions.halfLogTwoPi + series
  }

  /// Per-mean constants. For λ < 10 only `first` = e^{−λ} is used; for PTRS `first` = log λ and
  /// the rest are Hörmann's a, b, 1/α and v_r.
  @usableFromInline
  struct SamplerConstants: Sendable {
    @usableFromInline let first: Double
    @usableFromInline let a: Double
    @usableFromInline let b: Double
    @usableFromInline let invAlpha: Double
    @usableFromInline let vr: Double

    @inlinable @inline(__always)
    init(mean: Double) {
      if mean < 10 {
        first = exp(-mean)
        a = 0; b = 0; invAlpha = 0; vr = 0
      } else {
        first = log(mean)
        let b = 0.931 + 2.53 * mean.squareRoot()
        self.b = b
        a = -0.059 + 0.02483 * b
        invAlpha = 1.1239 + 1.1328 / (b - 3.4)
        vr = 0.9277 - 3.6224 / (b - 2)
      }
    }
  }

  // MARK: Evaluation

  /// P(X = k), computed without cancellation for large λ (Loader's saddle-point form).
  ///
  /// - SeeAlso: C. Loader (2000), "Fast and accurate computation of binomial probabilities".
  public func probability(_ k: Int) -> Double {
    if k < 0 { return 0 }
    if mean == 0 { return k == 0 ? 1 : 0 }
    if k < 10 { return exp(Double(k) * log(mean) - mean - SpecialFunctions.logFactorialTable[k]) }
    let x = Double(k)
    let logP = x * SpecialFunctions.log1pMinusX((mean - x) / x)
      - 0.5 * log(2 * Double.pi * x) - SpecialFunctions.stirlingCorrection(x)
    return exp(logP)
  }

  /// P(X <= k) = Q(k + 1, λ), the regularized upper incomplete gamma function.
  public func cdf(_ k: Int) -> Double {
    if k < 0 { return 0 }
    if mean == 0 { return 1 }
    return SpecialFunctions.regularizedGammaQ(Double(k) + 1, mean)
  }

  /// The smallest k with P(X <= k) >= p; `Int.max` for p = 1 when λ > 0.
  public func quantile(_ p: Double) -> Int {
    precondition(p >= 0 && p <= 1, "Poisson quantile needs p in [0, 1], got \(p)")
    if mean == 0 || p == 0 { return 0 }
    if p == 1 { return Int.max }
    let z = SpecialFunctions.inverseNormalCDF(p)
    let guess = (mean + mean.squareRoot() * z + (z * z - 1) / 6).rounded(.down)
    return searchQuantile(p, guess: Int(max(0, min(guess, 0x1p60))), lower: 0, upper: Int.max)
  }
}
