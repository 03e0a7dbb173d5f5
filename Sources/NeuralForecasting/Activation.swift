#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Elementwise activations used by the recurrent cells.
public enum Activation {
  /// The logistic sigmoid, 1 / (1 + e^-x), computed without overflow for large |x|.
  @inlinable
  public static func sigmoid(_ x: Double) -> Double {
    if x >= 0 { return 1 / (1 + exp(-x)) }
    let e = exp(x)
    return e / (1 + e)
  }
}
