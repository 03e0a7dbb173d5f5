#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The negative binomial distribution parameterised for over-dispersed demand: mean μ >= 0 and
/// dispersion r > 0, with variance μ + μ²/r (r → ∞ gives the Poisson).
///
/// P(X = k) = Γ(k + r)/(Γ(r) k!) p^r (1 − p)^k with p = r/(r + μ). Sampled exactly as the
/// Poisson–gamma mixture X | Λ ~ Poisson(Λ), Λ ~ Gamma(shape r, scale μ/r).
///
/// - SeeAlso: M. Greenwood, G. U. Yule (1920), J. R. Stat. Soc. 83(2), 255–279;
///   L. Devroye (1986), Non-Uniform Random Variate Generation, §X.4.
public struct NegativeBinomial: DiscreteDistribution, Sendable {
  /// The mean μ.
  public let mean: Double
  /// The dispersion r (the gamma shape).
  public let dispersion: Double
  @usableFromInline let mixing: Gamma?

  /// Creates the distribution.
  ///
  /// - Parameters:
  ///   - mean: μ, finite and >= 0.
  ///   - dispersion: r, finite and > 0; smaller means more over-dispersion.
  public init(mean: Double, dispersion: Double) {
    precondition(mean >= 0 && mean.isFinite, "NegativeBinomial mean must be finite and >= 0, got \(mean)")
    precondition(dispersion > 0 && dispersion.isFinite,
                 "NegativeBinomial dispersion must be finite and > 0, got \(dispersion)")
    self.mean = mean
    self.dispersion = dispersion
    // A mean so small that μ/r underflows to 0 mixes over Λ = 0 (every draw is 0); one so large
    // that it overflows is capped, as draws are (`Poisson.maximumMean`).
    let scale = mean / dispersion
    mixing = scale > 0 ? Gamma(shape: dispersion, scale: min(scale, .greatestFiniteMagnitude)) : nil
  }

  /// μ + μ²/r.
  public var variance: Double { mean + mean * mean / dispersion }

  /// Draws Poisson(Λ) with Λ ~ Gamma(r, μ/r).
  ///
  /// - Parameter rng: The stream to draw from; only it advances.
  @inlinable
  public func sample<G: RandomSource>(using rng: inout G) -> Int {
    guard let mixing else { return 0 }
    return Poisson.sample(mean: min(mixing.sample(using: &rng), Poisson.maximumMean), using: &rng)
  }

  /// Draws without a constructed distribution, for a mean that changes on every call.
  ///
  /// - Parameters:
  ///   - mean: μ, finite and >= 0.
  ///   - dispersion: r, finite and > 0.
  ///   - rng: The stream to draw from; only it advances.
  @inlinable
  public static func sample<G: RandomSource>(mean: Double, dispersion: Double, using rng: inout G) -> Int {
    precondition(mean >= 0 && mean.isFinite, "NegativeBinomial mean must be finite and >= 0, got \(mean)")
    if mean == 0 { return 0 }
    let lambda = Gamma.standardSample(shape: dispersion, using: &rng) * (mean / dispersion)
    return Poisson.sample(mean: min(lambda, Poisson.maximumMean), using: &rng)
  }

  /// Γ(k + r)/(Γ(r) k!) p^r (1 − p)^k, computed as p^r (1 − p)^k / ((k + r) B(r, k + 1)).
  public func probability(_ k: Int) -> Double {
    if k < 0 { return 0 }
    if mean == 0 { return k == 0 ? 1 : 0 }
    let r = dispersion, x = Double(k)
    let logP = -log1p(mean / r)           // log p
    let logQ = -log1p(r / mean)           // log(1 − p) = log(μ/(r + μ))
    return exp(r * logP + x * logQ - log(x + r) - SpecialFunctions.logBeta(r, x + 1))
  }

  /// I_p(r, k + 1), the regularized incomplete beta function.
  public func cdf(_ k: Int) -> Double {
    if k < 0 { return 0 }
    if mean == 0 { return 1 }
    let r = dispersion
    // p = r/(r + μ) and 1 − p = μ/(r + μ), each computed directly.
    return SpecialFunctions.incompleteBeta(r, Double(k) + 1, x: r / (r + mean), y: mean / (r + mean))
  }

  /// The smallest k with P(X <= k) >= p; `Int.max` for p = 1 when μ > 0.
  public func quantile(_ p: Double) -> Int {
    precondition(p >= 0 && p <= 1, "NegativeBinomial quantile needs p in [0, 1], got \(p)")
    if mean == 0 || p == 0 { return 0 }
    if p == 1 { return Int.max }
    let guess = mean + variance.squareRoot() * SpecialFunctions.inverseNormalCDF(p)
    return searchQuantile(p, guess: Int(max(0, min(guess, 0x1p60))), lower: 0, upper: Int.max)
  }
}
