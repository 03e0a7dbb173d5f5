#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The log-normal distribution: X = e^{μ + σZ} with Z standard normal.
///
/// - SeeAlso: N. L. Johnson, S. Kotz, N. Balakrishnan (1994), Continuous Univariate
///   Distributions, vol. 1, ch. 14.
public struct LogNormal: ContinuousDistribution, Sendable {
  /// μ, the mean of log X.
  public let mu: Double
  /// σ, the standard deviation of log X.
  public let sigma: Double

  /// Creates the distribution from the parameters of log X.
  ///
  /// - Parameters:
  ///   - mu: The mean of log X, finite.
  ///   - sigma: The standard deviation of log X, finite and >= 0.
  public init(mu: Double, sigma: Double) {
    precondition(mu.isFinite, "LogNormal mu must be finite, got \(mu)")
    precondition(sigma >= 0 && sigma.isFinite, "LogNormal sigma must be finite and >= 0, got \(sigma)")
    self.mu = mu
    self.sigma = sigma
  }

  /// Whether `init(mean:standardDeviation:)` can represent these moments: the mean finite and
  /// > 0, the standard deviation finite and >= 0, and σ² = log(1 + sd²/mean²) finite in doubles
  /// (a mean of 5e-300 with sd 1 overflows the ratio).
  public static func canRepresent(mean: Double, standardDeviation sd: Double) -> Bool {
    guard mean > 0, mean.isFinite, sd >= 0, sd.isFinite else { return false }
    let ratio = sd / mean
    return (ratio * ratio).isFinite
  }

  /// Creates the distribution whose variable X itself has the given mean and standard deviation:
  /// σ² = log(1 + sd²/mean²), μ = log(mean) − σ²/2.
  ///
  /// - Parameters:
  ///   - mean: E[X], finite and > 0.
  ///   - standardDeviation: SD[X], finite and >= 0.
  /// - Precondition: `canRepresent(mean:standardDeviation:)`.
  public init(mean: Double, standardDeviation: Double) {
    precondition(mean > 0 && mean.isFinite, "LogNormal mean must be finite and > 0, got \(mean)")
    precondition(standardDeviation >= 0 && standardDeviation.isFinite,
                 "LogNormal standard deviation must be finite and >= 0, got \(standardDeviation)")
    let ratio = standardDeviation / mean
    let s2 = log1p(ratio * ratio)
    self.init(mu: log(mean) - 0.5 * s2, sigma: s2.squareRoot())
  }

  /// e^{μ + σ²/2}.
  public var mean: Double { exp(mu + 0.5 * sigma * sigma) }
  /// (e^{σ²} − 1) e^{2μ + σ²}.
  public var variance: Double { expm1(sigma * sigma) * exp(2 * mu + sigma * sigma) }

  /// Draws e^{μ + σZ}, Z from the ziggurat.
  ///
  /// - Parameter rng: The stream to draw from; only it advances.
  @inlinable
  public func sample<G: RandomSource>(using rng: inout G) -> Double {
    exp(mu + sigma * Normal.standardSample(using: &rng))
  }

  /// φ((log x − μ)/σ) / (σx) for x > 0.
  public func density(_ x: Double) -> Double {
    if x <= 0 { return 0 }
    if sigma == 0 { return log(x) == mu ? .infinity : 0 }
    return SpecialFunctions.normalDensity((log(x) - mu) / sigma) / (sigma * x)
  }

  /// Φ((log x − μ)/σ).
  public func cdf(_ x: Double) -> Double {
    if x <= 0 { return 0 }
    if sigma == 0 { return log(x) >= mu ? 1 : 0 }
    return SpecialFunctions.normalCDF((log(x) - mu) / sigma)
  }

  /// e^{μ + σΦ⁻¹(p)}.
  public func quantile(_ p: Double) -> Double {
    precondition(p >= 0 && p <= 1, "LogNormal quantile needs p in [0, 1], got \(p)")
    return exp(mu + sigma * SpecialFunctions.inverseNormalCDF(p))
  }
}
