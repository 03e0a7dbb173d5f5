#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The beta distribution on [0, 1] with shapes α, β > 0: density x^{α−1}(1 − x)^{β−1} / B(α, β).
///
/// Sampled as G_α / (G_α + G_β) from two independent gamma variates.
///
/// - SeeAlso: L. Devroye (1986), Non-Uniform Random Variate Generation, §IX.3.
public struct Beta: ContinuousDistribution, Sendable {
  /// α.
  public let alpha: Double
  /// β.
  public let beta: Double
  @usableFromInline let gammaAlpha: Gamma
  @usableFromInline let gammaBeta: Gamma

  /// Creates the distribution.
  ///
  /// - Parameters:
  ///   - alpha: α, finite and > 0.
  ///   - beta: β, finite and > 0.
  public init(alpha: Double, beta: Double) {
    precondition(alpha > 0 && alpha.isFinite, "Beta alpha must be finite and > 0, got \(alpha)")
    precondition(beta > 0 && beta.isFinite, "Beta beta must be finite and > 0, got \(beta)")
    self.alpha = alpha
    self.beta = beta
    gammaAlpha = Gamma(shape: alpha)
    gammaBeta = Gamma(shape: beta)
  }

  /// α/(α + β).
  public var mean: Double { alpha / (alpha + beta) }
  /// αβ / ((α + β)²(α + β + 1)).
  public var variance: Double {
    let s = alpha + beta
    return alpha * beta / (s * s * (s + 1))
  }

  /// Draws G_α/(G_α + G_β); redraws in the (tiny-shape) case where both gammas underflow to 0.
  ///
  /// - Parameter rng: The stream to draw from; only it advances.
  @inlinable
  public func sample<G: RandomSource>(using rng: inout G) -> Double {
    while true {
      let x = gammaAlpha.sample(using: &rng)
      let y = gammaBeta.sample(using: &rng)
      if x + y > 0 { return x / (x + y) }
    }
  }

  /// The density on (0, 1).
  public func density(_ x: Double) -> Double {
    if x < 0 || x > 1 { return 0 }
    if x == 0 { return alpha < 1 ? .infinity : (alpha == 1 ? beta : 0) }
    if x == 1 { return beta < 1 ? .infinity : (beta == 1 ? alpha : 0) }
    return exp((alpha - 1) * log(x) + (beta - 1) * log1p(-x) - SpecialFunctions.logBeta(alpha, beta))
  }

  /// I_x(α, β).
  public func cdf(_ x: Double) -> Double {
    if x <= 0 { return 0 }
    if x >= 1 { return 1 }
    return SpecialFunctions.regularizedIncompleteBeta(alpha, beta, x)
  }

  /// The x with I_x(α, β) = p, by safeguarded Newton on (0, 1).
  public func quantile(_ p: Double) -> Double {
    precondition(p >= 0 && p <= 1, "Beta quantile needs p in [0, 1], got \(p)")
    if p == 0 { return 0 }
    if p == 1 { return 1 }
    return solveQuantile(p, guess: mean, lower: 0, upper: 1)
  }
}
