import Stochastics

/// The standard normal distribution, as forecast intervals use it: thin names over
/// `Stochastics.SpecialFunctions`, so there is one implementation of each function.
public enum StandardNormal {
  /// `Φ(x)`, accurate in both tails (from `erfc`).
  public static func cdf(_ x: Double) -> Double { SpecialFunctions.normalCDF(x) }

  /// `φ(x)`.
  public static func density(_ x: Double) -> Double { SpecialFunctions.normalDensity(x) }

  /// `Φ⁻¹(p)` for p in (0, 1), to about 1e-15 (Wichura's AS 241).
  public static func quantile(_ p: Double) -> Double {
    precondition(p > 0 && p < 1, "StandardNormal.quantile: p must be in (0, 1), got \(p)")
    return SpecialFunctions.inverseNormalCDF(p)
  }
}

/// Student's t distribution with ν degrees of freedom, for regression and small-sample intervals.
public struct StudentT: Sendable, Equatable {
  /// ν > 0.
  public var degreesOfFreedom: Double

  /// Creates the distribution.
  public init(degreesOfFreedom: Double) {
    precondition(degreesOfFreedom > 0, "StudentT: degrees of freedom must be > 0, got \(degreesOfFreedom)")
    self.degreesOfFreedom = degreesOfFreedom
  }

  /// `P(T ≤ t)`.
  public func cdf(_ t: Double) -> Double { SpecialFunctions.studentTCDF(t, degreesOfFreedom: degreesOfFreedom) }

  /// The density at `t`.
  public func density(_ t: Double) -> Double { SpecialFunctions.studentTDensity(t, degreesOfFreedom: degreesOfFreedom) }

  /// The quantile for p in (0, 1).
  public func quantile(_ p: Double) -> Double {
    precondition(p > 0 && p < 1, "StudentT.quantile: p must be in (0, 1), got \(p)")
    return SpecialFunctions.studentTQuantile(p, degreesOfFreedom: degreesOfFreedom)
  }
}
