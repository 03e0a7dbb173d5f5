#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The gamma distribution with shape k > 0 and scale θ > 0: density x^{k−1} e^{−x/θ} / (Γ(k) θ^k).
///
/// Sampling is Marsaglia and Tsang's squeeze-and-reject method on normal variates (about 1.03
/// normal draws per gamma draw for k >= 1); for k < 1 a Gamma(k + 1) draw is multiplied by
/// U^{1/k}, the boost from the same paper.
///
/// - SeeAlso: G. Marsaglia, W. W. Tsang (2000), "A simple method for generating gamma variables",
///   ACM Trans. Math. Softw. 26(3), 363–372.
public struct Gamma: ContinuousDistribution, Sendable {
  /// The shape k.
  public let shape: Double
  /// The scale θ.
  public let scale: Double
  /// Marsaglia–Tsang's d = k' − 1/3 and c = 1/√(9d), with k' = k, or k + 1 when k < 1.
  @usableFromInline let d: Double
  @usableFromInline let c: Double

  /// Creates the distribution from shape and scale.
  ///
  /// - Parameters:
  ///   - shape: k, finite and > 0.
  ///   - scale: θ, finite and > 0.
  public init(shape: Double, scale: Double = 1) {
    precondition(shape > 0 && shape.isFinite, "Gamma shape must be finite and > 0, got \(shape)")
    precondition(scale > 0 && scale.isFinite, "Gamma scale must be finite and > 0, got \(scale)")
    self.shape = shape
    self.scale = scale
    d = (shape < 1 ? shape + 1 : shape) - 1.0 / 3
    c = 1 / (9 * d).squareRoot()
  }

  /// The distribution with these fields, already computed.
  @usableFromInline
  init(shape: Double, scale: Double, d: Double, c: Double) {
    self.shape = shape
    self.scale = scale
    self.d = d
    self.c = c
  }

  /// `Gamma(shape: shape, scale: scale)` for this distribution's shape, without computing the
  /// sampler's constants again (they depend on the shape only): for a Poisson–gamma mixture whose
  /// mean, and so scale, changes from draw to draw.
  ///
  /// - Parameter scale: θ, finite and > 0.
  @inlinable
  public func withScale(_ scale: Double) -> Gamma {
    precondition(scale > 0 && scale.isFinite, "Gamma scale must be finite and > 0, got \(scale)")
    return Gamma(shape: shape, scale: scale, d: d, c: c)
  }

  /// Whether `init(mean:standardDeviation:)` can represent these moments: both finite and > 0,
  /// and the derived shape mean²/sd² and scale sd²/mean finite and > 0 in doubles (a mean of
  /// 5e-300 with sd 1 has a shape that underflows to 0).
  public static func canRepresent(mean: Double, standardDeviation sd: Double) -> Bool {
    guard mean > 0, mean.isFinite, sd > 0, sd.isFinite else { return false }
    let v = sd * sd
    let shape = mean * mean / v, scale = v / mean
    return shape > 0 && shape.isFinite && scale > 0 && scale.isFinite
  }

  /// Creates the gamma distribution with the given mean and standard deviation:
  /// k = mean²/sd², θ = sd²/mean.
  ///
  /// - Parameters:
  ///   - mean: > 0.
  ///   - standardDeviation: > 0.
  /// - Precondition: `canRepresent(mean:standardDeviation:)`.
  public init(mean: Double, standardDeviation: Double) {
    precondition(mean > 0 && mean.isFinite, "Gamma mean must be finite and > 0, got \(mean)")
    precondition(standardDeviation > 0 && standardDeviation.isFinite,
                 "Gamma standard deviation must be finite and > 0, got \(standardDeviation)")
    let v = standardDeviation * standardDeviation
    self.init(shape: mean * mean / v, scale: v / mean)
  }

  /// kθ.
  public var mean: Double { shape * scale }
  /// kθ².
  public var variance: Double { shape * scale * scale }

  /// Draws a gamma variate.
  ///
  /// - Parameter rng: The stream to draw from; only it advances.
  @inlinable
  public func sample<G: RandomSource>(using rng: inout G) -> Double {
    let g = Gamma.marsagliaTsang(d: d, c: c, using: &rng)
    if shape >= 1 { return g * scale }
    return g * exp(log(rng.nextOpenUnit()) / shape) * scale
  }

  /// Draws a Gamma(shape, 1) variate without a constructed distribution (the shape may change
  /// on every call, as in a Poisson–gamma mixture).
  ///
  /// - Parameters:
  ///   - shape: k, finite and > 0.
  ///   - rng: The stream to draw from; only it advances.
  @inlinable
  public static func standardSample<G: RandomSource>(shape: Double, using rng: inout G) -> Double {
    precondition(shape > 0 && shape.isFinite, "Gamma shape must be finite and > 0, got \(shape)")
    let d = (shape < 1 ? shape + 1 : shape) - 1.0 / 3
    let g = marsagliaTsang(d: d, c: 1 / (9 * d).squareRoot(), using: &rng)
    if shape >= 1 { return g }
    return g * exp(log(rng.nextOpenUnit()) / shape)
  }

  /// Marsaglia–Tsang for shape d + 1/3 >= 1: d·v with v = (1 + cZ)³, accepted by a squeeze or
  /// the exact log test.
  @inlinable
  static func marsagliaTsang<G: RandomSource>(d: Double, c: Double, using rng: inout G) -> Double {
    while true {
      let x = Normal.standardSample(using: &rng)
      var v = 1 + c * x
      if v <= 0 { continue }
      v = v * v * v
      let u = rng.nextOpenUnit()
      let x2 = x * x
      if u < 1 - 0.0331 * x2 * x2 { return d * v }
      if log(u) < 0.5 * x2 + d * (1 - v + log(v)) { return d * v }
    }
  }

  /// The density, computed through log-space without cancellation for large shapes.
  public func density(_ x: Double) -> Double {
    if x < 0 { return 0 }
    if x == 0 { return shape < 1 ? .infinity : (shape == 1 ? 1 / scale : 0) }
    if x == .infinity { return 0 }
    return exp(SpecialFunctions.logGammaPrefactor(shape, x / scale)) / x
  }

  /// P(k, x/θ), the regularized lower incomplete gamma function.
  public func cdf(_ x: Double) -> Double {
    x <= 0 ? 0 : SpecialFunctions.regularizedGammaP(shape, x / scale)
  }

  /// The x with P(k, x/θ) = p, by safeguarded Newton from the Wilson–Hilferty approximation.
  ///
  /// - SeeAlso: E. B. Wilson, M. M. Hilferty (1931), PNAS 17(12), 684–688.
  public func quantile(_ p: Double) -> Double {
    precondition(p >= 0 && p <= 1, "Gamma quantile needs p in [0, 1], got \(p)")
    if p == 0 { return 0 }
    if p == 1 { return .infinity }
    let z = SpecialFunctions.inverseNormalCDF(p)
    let w = 1 - 1 / (9 * shape) + z / (3 * shape.squareRoot())
    var guess = shape * w * w * w
    // Near 0, P(k, x) ≈ x^k / Γ(k + 1).
    let small = exp((log(p) + SpecialFunctions.logGamma(shape + 1)) / shape)
    if !(guess > 0) || small < guess * 0.5 { guess = small }
    return scale * Gamma(shape: shape).solveQuantile(p, guess: guess, lower: 0, upper: .infinity)
  }
}
