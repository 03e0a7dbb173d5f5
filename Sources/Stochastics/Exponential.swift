#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The exponential distribution with rate λ > 0: density λe^{−λx} on x >= 0.
///
/// - SeeAlso: L. Devroye (1986), Non-Uniform Random Variate Generation, §II.2 (inversion).
public struct Exponential: ContinuousDistribution, Sendable {
  /// The rate λ; the mean is 1/λ.
  public let rate: Double

  /// Creates the distribution.
  ///
  /// - Parameter rate: λ, finite and > 0.
  public init(rate: Double) {
    precondition(rate > 0 && rate.isFinite, "Exponential rate must be finite and > 0, got \(rate)")
    self.rate = rate
  }

  /// 1/λ.
  public var mean: Double { 1 / rate }
  /// 1/λ².
  public var variance: Double { 1 / (rate * rate) }

  /// Draws −log(U)/λ with U uniform on (0, 1) (inversion).
  ///
  /// - Parameter rng: The stream to draw from; only it advances.
  @inlinable
  public func sample<G: RandomSource>(using rng: inout G) -> Double {
    -log(rng.nextOpenUnit()) / rate
  }

  /// λe^{−λx} for x >= 0.
  public func density(_ x: Double) -> Double { x < 0 ? 0 : rate * exp(-rate * x) }

  /// 1 − e^{−λx}, via expm1 for accuracy near 0.
  public func cdf(_ x: Double) -> Double { x <= 0 ? 0 : -expm1(-rate * x) }

  /// −log(1 − p)/λ, via log1p.
  public func quantile(_ p: Double) -> Double {
    precondition(p >= 0 && p <= 1, "Exponential quantile needs p in [0, 1], got \(p)")
    return -log1p(-p) / rate
  }
}
