#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The normal distribution N(μ, σ²).
///
/// Sampling uses a 256-layer ziggurat: about 98.8% of draws cost one 64-bit word, a multiply and
/// a comparison; the rest fall back to an exact wedge test or Marsaglia's tail method. Draws are a
/// deterministic function of the stream.
///
/// - SeeAlso: G. Marsaglia, W. W. Tsang (2000), "The ziggurat method for generating random
///   variables", J. Stat. Softw. 5(8); G. Marsaglia (1964), "Generating a variable from the tail
///   of the normal distribution", Technometrics 6(1), 101–102.
public struct Normal: ContinuousDistribution, Sendable {
  /// The mean μ.
  public let mean: Double
  /// The standard deviation σ.
  public let standardDeviation: Double

  /// Creates N(mean, standardDeviation²).
  ///
  /// - Parameters:
  ///   - mean: μ, finite.
  ///   - standardDeviation: σ, finite and >= 0 (0 gives a point mass at μ).
  public init(mean: Double = 0, standardDeviation: Double = 1) {
    precondition(mean.isFinite, "Normal mean must be finite, got \(mean)")
    precondition(standardDeviation >= 0 && standardDeviation.isFinite,
                 "Normal standard deviation must be finite and >= 0, got \(standardDeviation)")
    self.mean = mean
    self.standardDeviation = standardDeviation
  }

  /// The variance σ².
  public var variance: Double { standardDeviation * standardDeviation }

  /// Draws μ + σZ with Z from the ziggurat.
  ///
  /// - Parameter rng: The stream to draw from; only it advances.
  @inlinable
  public func sample<G: RandomSource>(using rng: inout G) -> Double {
    mean + standardDeviation * Normal.standardSample(using: &rng)
  }

  /// Draws a standard normal variate by the ziggurat method.
  ///
  /// - Parameter rng: The stream to draw from; only it advances.
  /// - Complexity: O(1) expected; 1.01 words per draw on average.
  @inlinable
  public static func standardSample<G: RandomSource>(using rng: inout G) -> Double {
    while true {
      let bits = rng.next()
      let x = zigguratRectangle(bits)
      if x == x { return x }  // not NaN: inside the layer's rectangle under the curve
      let layer = Int(truncatingIfNeeded: bits & 0xFF)
      let u = Double(bits >> 11) * 0x1.0p-53
      if let value = slowPath(layer: layer, x: u * ZigguratTables.x[layer], using: &rng) {
        return bits & 0x100 != 0 ? -value : value
      }
    }
  }

  /// The ziggurat's fast path for one 64-bit word: ±u·x_i when u·x_i < x_(i+1), else NaN.
  ///
  /// Bits 0–7 pick the layer, bit 8 the sign, bits 11–63 give u in [0, 1). Not inlinable on
  /// purpose: inside the module the tables are statically initialised globals, so this costs a
  /// direct call and no lazy-initialisation check, and the sign is applied without a branch.
  @usableFromInline
  static func zigguratRectangle(_ bits: UInt64) -> Double {
    let layer = Int(truncatingIfNeeded: bits & 0xFF)
    let u = Double(bits >> 11) * 0x1.0p-53
    let x = ZigguratTables.x.withUnsafeBufferPointer { u * $0[layer] }
    let inner = ZigguratTables.x.withUnsafeBufferPointer { $0[layer + 1] }
    if x < inner { return Double(bitPattern: x.bitPattern | ((bits & 0x100) << 55)) }
    return .nan
  }

  /// The rare ziggurat cases: the tail beyond r (layer 0) or the wedge test (other layers).
  @inlinable
  static func slowPath<G: RandomSource>(layer: Int, x: Double, using rng: inout G) -> Double? {
    if layer == 0 {
      // Marsaglia's tail method: r + a with a = −log(U₁)/r accepted when −2 log U₂ > a².
      let r = ZigguratTables.r
      while true {
        let a = -log(rng.nextOpenUnit()) / r
        let b = -log(rng.nextOpenUnit())
        if 2 * b > a * a { return r + a }
      }
    }
    let f0 = ZigguratTables.f[layer], f1 = ZigguratTables.f[layer + 1]
    let y = f0 + rng.nextUnit() * (f1 - f0)
    return y < exp(-0.5 * x * x) ? x : nil
  }

  /// The density φ((x − μ)/σ)/σ.
  public func density(_ x: Double) -> Double {
    if standardDeviation == 0 { return x == mean ? .infinity : 0 }
    return SpecialFunctions.normalDensity((x - mean) / standardDeviation) / standardDeviation
  }

  /// Φ((x − μ)/σ), accurate in both tails.
  public func cdf(_ x: Double) -> Double {
    if standardDeviation == 0 { return x >= mean ? 1 : 0 }
    return SpecialFunctions.normalCDF((x - mean) / standardDeviation)
  }

  /// μ + σ Φ⁻¹(p) (Wichura's AS 241).
  public func quantile(_ p: Double) -> Double {
    precondition(p >= 0 && p <= 1, "Normal quantile needs p in [0, 1], got \(p)")
    return mean + standardDeviation * SpecialFunctions.inverseNormalCDF(p)
  }
}
