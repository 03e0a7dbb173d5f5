#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A floating-point element type the networks can run in: `Float` for training speed,
/// `Double` for gradient checks.
///
/// Beyond the standard arithmetic, a scalar supplies the transcendental functions the gates
/// need, both one at a time and eight lanes at a time (`SIMD8`). `Float` evaluates the vector
/// forms with its own polynomial exponential; `Double` calls the C library lane by lane so that
/// finite-difference checks see exact functions.
public protocol NeuralScalar: BinaryFloatingPoint, SIMDScalar, Sendable, Codable {
  /// The natural exponential of one value.
  static func exponential(_ x: Self) -> Self
  /// The hyperbolic tangent of one value.
  static func hyperbolicTangent(_ x: Self) -> Self
  /// The natural logarithm of one value.
  static func logarithm(_ x: Self) -> Self
  /// The logistic sigmoid of one value, computed exactly as each lane of the eight-lane form.
  static func sigmoid(_ x: Self) -> Self
  /// The hyperbolic tangent of one value, computed exactly as each lane of the eight-lane form.
  static func tanh(_ x: Self) -> Self
  /// The logistic sigmoid of eight lanes.
  static func sigmoid(_ x: SIMD8<Self>) -> SIMD8<Self>
  /// The hyperbolic tangent of eight lanes.
  static func tanh(_ x: SIMD8<Self>) -> SIMD8<Self>
}

extension Double: NeuralScalar {
  /// `exp` from the C library.
  @inlinable public static func exponential(_ x: Double) -> Double { exp(x) }
  /// `tanh` from the C library.
  @inlinable public static func hyperbolicTangent(_ x: Double) -> Double { Glibc.tanh(x) }
  /// `log` from the C library.
  @inlinable public static func logarithm(_ x: Double) -> Double { log(x) }
  /// The logistic sigmoid with the C library's `exp`, stable for large |x|.
  @inlinable public static func sigmoid(_ x: Double) -> Double {
    if x >= 0 { return 1 / (1 + exp(-x)) }
    let e = exp(x)
    return e / (1 + e)
  }
  /// `tanh` from the C library.
  @inlinable public static func tanh(_ x: Double) -> Double { Glibc.tanh(x) }
  /// Lane-by-lane sigmoid with the C library's `exp`.
  @inlinable public static func sigmoid(_ x: SIMD8<Double>) -> SIMD8<Double> {
    var r = SIMD8<Double>()
    for i in 0..<8 { r[i] = sigmoid(x[i]) }
    return r
  }
  /// Lane-by-lane `tanh` from the C library.
  @inlinable public static func tanh(_ x: SIMD8<Double>) -> SIMD8<Double> {
    var r = SIMD8<Double>()
    for i in 0..<8 { r[i] = Glibc.tanh(x[i]) }
    return r
  }
}

extension Float: NeuralScalar {
  /// `expf` from the C library.
  @inlinable public static func exponential(_ x: Float) -> Float { expf(x) }
  /// `tanhf` from the C library.
  @inlinable public static func hyperbolicTangent(_ x: Float) -> Float { tanhf(x) }
  /// `logf` from the C library.
  @inlinable public static func logarithm(_ x: Float) -> Float { logf(x) }
  /// One-lane sigmoid, bit-identical to a lane of the eight-lane form.
  @inlinable public static func sigmoid(_ x: Float) -> Float { 1 / (1 + FastMath.exp(-x)) }
  /// One-lane tanh, bit-identical to a lane of the eight-lane form.
  @inlinable public static func tanh(_ x: Float) -> Float { 1 - 2 / (FastMath.exp(x + x) + 1) }

  /// Eight-lane sigmoid, 1 / (1 + e^-x), using `FastMath.exp`; relative error below 4e-7.
  @inlinable public static func sigmoid(_ x: SIMD8<Float>) -> SIMD8<Float> {
    1 / (1 + FastMath.exp(-x))
  }

  /// Eight-lane tanh as 1 - 2 / (e^{2x} + 1); absolute error below 3e-7.
  @inlinable public static func tanh(_ x: SIMD8<Float>) -> SIMD8<Float> {
    1 - 2 / (FastMath.exp(x + x) + 1)
  }
}

/// Vectorised elementary functions in single precision.
public enum FastMath {
  /// e^x for eight lanes by range reduction x = n ln2 + r, |r| <= ln2/2, and a degree-6
  /// polynomial for e^r; inputs are clamped to [-87.3, 88.3] so the result stays finite and
  /// positive.
  ///
  /// - Complexity: O(1), branch-free.
  /// - SeeAlso: J.-M. Muller, "Elementary Functions: Algorithms and Implementation" (2016), ch. 11.
  @inlinable @inline(__always)
  public static func exp(_ x: SIMD8<Float>) -> SIMD8<Float> {
    let low = SIMD8<Float>(repeating: -87.3), high = SIMD8<Float>(repeating: 88.3)
    var clamped = x.replacing(with: low, where: x .< low)
    clamped = clamped.replacing(with: high, where: clamped .> high)
    // Adding 1.5·2^23 rounds to the nearest integer and leaves it in the low mantissa bits.
    let magic = SIMD8<Float>(repeating: 0x1.8p23)
    let shifted = clamped * 1.442_695_04 + magic
    let n = shifted - magic
    // Two-part ln 2 keeps r accurate: hi has few significant bits, so n * hi is exact.
    var r = clamped - n * 0.693_145_751_953_125
    r = r - n * 1.428_606_765_330_187e-6
    // Taylor coefficients 1/k!; on |r| <= 0.347 the truncation error is below 2e-8.
    var p = SIMD8<Float>(repeating: 1.0 / 720.0)
    p = p * r + 1.0 / 120.0
    p = p * r + 1.0 / 24.0
    p = p * r + 1.0 / 6.0
    p = p * r + 0.5
    p = p * r + 1.0
    p = p * r + 1.0
    // Scale by 2^n through the exponent field: the integer n sits in the low bits of `shifted`.
    let nBits = unsafeBitCast(shifted, to: SIMD8<UInt32>.self) &- 0x4B40_0000
    let scale = unsafeBitCast((nBits &+ 127) &<< 23, to: SIMD8<Float>.self)
    return p * scale
  }

  /// e^x for one value by exactly the operations of one lane of `exp(_: SIMD8<Float>)`, so
  /// scalar and vector paths give the same bits.
  @inlinable @inline(__always)
  public static func exp(_ x: Float) -> Float {
    let clamped = x < -87.3 ? -87.3 : (x > 88.3 ? 88.3 : x)
    let magic: Float = 0x1.8p23
    let shifted = clamped * 1.442_695_04 + magic
    let n = shifted - magic
    var r = clamped - n * 0.693_145_751_953_125
    r = r - n * 1.428_606_765_330_187e-6
    var p: Float = 1.0 / 720.0
    p = p * r + 1.0 / 120.0
    p = p * r + 1.0 / 24.0
    p = p * r + 1.0 / 6.0
    p = p * r + 0.5
    p = p * r + 1.0
    p = p * r + 1.0
    let nBits = shifted.bitPattern &- 0x4B40_0000
    return p * Float(bitPattern: (nBits &+ 127) &<< 23)
  }
}
