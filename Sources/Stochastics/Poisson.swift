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
  @inlinable public static var maximumMean: Double { 0x1p52 }

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
    return draw(mean, SamplerConstants(mean: mean, lazy: true), using: &rng)
  }

  @inlinable @inline(__always)
  static func draw<G: RandomSource>(_ mean: Double, _ c: SamplerConstants, using rng: inout G) -> Int {
    if mean < 10 { return invert(mean, expMinusMean: c.first, using: &rng) }
    return transformedRejection(mean, c, using: &rng)
  }

  /// Inversion by sequential search from 0: the smallest k with u < F(k).
  @inlinable @inline(__always)
  static func invert<G: RandomSource>(_ mean: Double, expMinusMean: Double, using rng: inout G) -> Int {
    searchFromZero(rng.nextUnit(), mean: mean, expMinusMean: expMinusMean)
  }

  /// The smallest k with u < F(k), summing the pmf two terms per step.
  ///
  /// Each step forms P(k + 1) and P(k + 2) from P(k) with multipliers taken from a table of 1/k
  /// (no divisions, and one multiply and one add on each loop-carried chain per two terms).
  /// Kept out of line: inside the module the table is a statically initialised global.
  @usableFromInline
  static func searchFromZero(_ u: Double, mean: Double, expMinusMean: Double) -> Int {
    var p = expMinusMean  // P(k)
    var cdf = p           // F(k)
    if u < cdf { return 0 }
    var k = 0
    return reciprocals.withUnsafeBufferPointer { table in
      while true {
        let r1 = k + 1 < table.count ? table[k + 1] : 1 / Double(k + 1)
        let r2 = k + 2 < table.count ? table[k + 2] : 1 / Double(k + 2)
        let m1 = mean * r1
        let p1 = p * m1                  // P(k + 1)
        let p2 = p * (m1 * (mean * r2))  // P(k + 2), not waiting for p1
        let c1 = cdf + p1
        let c2 = cdf + (p1 + p2)
        if u < c2 { return u < c1 ? k + 1 : k + 2 }
        if c2 == cdf { return k + 2 }  // F has reached its floating-point limit just below 1
        p = p2
        cdf = c2
        k += 2
      }
    }
  }

  /// 1/k for k = 1…63 (entry 0 unused), as literals so the compiler initialises them statically.
  static let reciprocals: [Double] = [
    0, 1.0, 0.5, 0.3333333333333333, 0.25, 0.2, 0.16666666666666666, 0.14285714285714285, 0.125,
    0.1111111111111111, 0.1, 0.09090909090909091, 0.08333333333333333, 0.07692307692307693,
    0.07142857142857142, 0.06666666666666667, 0.0625, 0.058823529411764705, 0.05555555555555555,
    0.05263157894736842, 0.05, 0.047619047619047616, 0.045454545454545456, 0.043478260869565216,
    0.041666666666666664, 0.04, 0.038461538461538464, 0.037037037037037035, 0.03571428571428571,
    0.034482758620689655, 0.03333333333333333, 0.03225806451612903, 0.03125, 0.030303030303030304,
    0.029411764705882353, 0.02857142857142857, 0.027777777777777776, 0.02702702702702703,
    0.02631578947368421, 0.02564102564102564, 0.025, 0.024390243902439025, 0.023809523809523808,
    0.023255813953488372, 0.022727272727272728, 0.022222222222222223, 0.021739130434782608,
    0.02127659574468085, 0.020833333333333332, 0.02040816326530612, 0.02, 0.0196078431372549,
    0.019230769230769232, 0.018867924528301886, 0.018518518518518517, 0.01818181818181818,
    0.017857142857142856, 0.017543859649122806, 0.017241379310344827, 0.01694915254237288,
    0.016666666666666666, 0.01639344262295082, 0.016129032258064516, 0.015873015873015872
  ]

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
      if Poisson.accepts(k, us: us, v: v, mean: mean, c) { return k }
    }
  }

  /// PTRS's exact acceptance test for k, out of line (it runs for a minority of draws):
  /// log(v/α / (a/us² + b)) <= −λ + k log λ − log k!.
  ///
  /// Constants left lazy (NaN) by the static sampler are computed here by the same formulas, so
  /// the static and instance samplers still agree bit for bit.
  @usableFromInline
  static func accepts(_ k: Int, us: Double, v: Double, mean: Double, _ c: SamplerConstants) -> Bool {
    let invAlpha = c.invAlpha.isNaN ? SamplerConstants.invAlpha(b: c.b) : c.invAlpha
    let logMean = c.first.isNaN ? log(mean) : c.first
    let lhs = log(v * invAlpha / (c.a / (us * us) + c.b))
    return lhs <= -mean + Double(k) * logMean - SpecialFunctions.logFactorialUnchecked(k)
  }

  /// Per-mean constants. For λ < 10 only `first` = e^{−λ} is used; for PTRS `first` = log λ and
  /// the rest are Hörmann's a, b, 1/α and v_r. With `lazy`, log λ and 1/α, which only the
  /// minority slow path needs, are left NaN for `accepts` to compute when needed: the static
  /// sampler then pays one square root and one division per call instead of also a log and a
  /// second division.
  @usableFromInline
  struct SamplerConstants: Sendable {
    @usableFromInline let first: Double
    @usableFromInline let a: Double
    @usableFromInline let b: Double
    @usableFromInline let invAlpha: Double
    @usableFromInline let vr: Double

    @inlinable @inline(__always)
    init(mean: Double, lazy: Bool = false) {
      if mean < 10 {
        first = exp(-mean)
        a = 0; b = 0; invAlpha = 0; vr = 0
      } else {
        first = lazy ? .nan : log(mean)
        let b = 0.931 + 2.53 * mean.squareRoot()
        self.b = b
        a = -0.059 + 0.02483 * b
        invAlpha = lazy ? .nan : SamplerConstants.invAlpha(b: b)
        vr = 0.9277 - 3.6224 / (b - 2)
      }
    }

    /// Hörmann's 1/α = 1.1239 + 1.1328/(b − 3.4).
    @usableFromInline
    static func invAlpha(b: Double) -> Double { 1.1239 + 1.1328 / (b - 3.4) }
  }

  // MARK: Evaluation

  /// P(X = k), computed without cancellation for large λ (Loader's saddle-point form).
  ///
  /// - SeeAlso: C. Loader (2000), "Fast and accurate computation of binomial probabilities".
  public func probability(_ k: Int) -> Double {
    if k < 0 { return 0 }
    if mean == 0 { return k == 0 ? 1 : 0 }
    if k < 10 { return exp(Double(k) * log(mean) - mean - SpecialFunctions.logFactorialUnchecked(k)) }
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
