#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The standard normal distribution: CDF and quantile function for prediction intervals.
public enum StandardNormal {
  /// `Φ(x) = ½ erfc(−x/√2)`.
  public static func cdf(_ x: Double) -> Double { 0.5 * erfc(-x / 2.0.squareRoot()) }

  /// The density `φ(x)`.
  public static func density(_ x: Double) -> Double { exp(-0.5 * x * x) / (2 * Double.pi).squareRoot() }

  /// The quantile `Φ⁻¹(p)`, to about 1e-15 relative accuracy.
  ///
  /// A rational approximation (P. Acklam's, relative error < 1.2e-9) is refined by one Halley
  /// step on `Φ(x) − p`, which triples the number of correct digits.
  /// - Precondition: `0 < p < 1`.
  /// - SeeAlso: P. J. Acklam (2003), "An algorithm for computing the inverse normal cumulative
  ///   distribution function"; Halley refinement as in W. Press et al., *Numerical Recipes*, §9.4.
  public static func quantile(_ p: Double) -> Double {
    precondition(p > 0 && p < 1, "StandardNormal.quantile: p must be in (0, 1), got \(p)")
    let a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
             1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00]
    let b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
             6.680131188771972e+01, -1.328068155288572e+01]
    let c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
             -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00]
    let d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00]
    let pLow = 0.02425
    var x: Double
    if p < pLow {
      let q = (-2 * log(p)).squareRoot()
      x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
        ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
    } else if p <= 1 - pLow {
      let q = p - 0.5, r = q * q
      x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
        (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
    } else {
      let q = (-2 * log(1 - p)).squareRoot()
      x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
        ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
    }
    // One Halley step; the error is computed from the tail that avoids cancellation.
    let e = x < 0 ? cdf(x) - p : (1 - p) - 0.5 * erfc(x / 2.0.squareRoot())
    let u = e * (2 * Double.pi).squareRoot() * exp(0.5 * x * x)
    x -= u / (1 + 0.5 * x * u)
    return x
  }
}

/// Student's t distribution with `degreesOfFreedom` (may be fractional): CDF and quantile.
public struct StudentT: Sendable, Equatable {
  /// The degrees of freedom, > 0.
  public var degreesOfFreedom: Double

  /// Creates the distribution.
  public init(degreesOfFreedom: Double) {
    precondition(degreesOfFreedom > 0, "StudentT: degrees of freedom must be > 0, got \(degreesOfFreedom)")
    self.degreesOfFreedom = degreesOfFreedom
  }

  /// `P(T ≤ t)`, from the regularised incomplete beta function:
  /// `P(|T| > t) = I_{ν/(ν+t²)}(ν/2, ½)`.
  public func cdf(_ t: Double) -> Double {
    let nu = degreesOfFreedom
    let tail = 0.5 * IncompleteBeta.regularized(x: nu / (nu + t * t), a: nu / 2, b: 0.5)
    return t > 0 ? 1 - tail : tail
  }

  /// The density at `t`.
  public func density(_ t: Double) -> Double {
    let nu = degreesOfFreedom
    let logc = lgamma((nu + 1) / 2) - lgamma(nu / 2) - 0.5 * log(nu * Double.pi)
    return exp(logc - (nu + 1) / 2 * log1p(t * t / nu))
  }

  /// The quantile `F⁻¹(p)`.
  ///
  /// Closed forms for ν = 1 and ν = 2; otherwise Newton's method on `cdf` from a Cornish–Fisher
  /// start, safeguarded by bisection. Accurate to ~1e-12 relative.
  /// - Precondition: `0 < p < 1`.
  /// - SeeAlso: M. Abramowitz, I. Stegun, *Handbook of Mathematical Functions*, 26.7.5 (expansion).
  public func quantile(_ p: Double) -> Double {
    precondition(p > 0 && p < 1, "StudentT.quantile: p must be in (0, 1), got \(p)")
    let nu = degreesOfFreedom
    if p == 0.5 { return 0 }
    if nu == 1 { return tan(Double.pi * (p - 0.5)) }
    if nu == 2 { return (2 * p - 1) / (2 * p * (1 - p)).squareRoot() }
    let z = StandardNormal.quantile(p)
    let z2 = z * z
    var x = z + (z2 + 1) * z / (4 * nu) + ((5 * z2 + 16) * z2 + 3) * z / (96 * nu * nu)
    // Bracket: the t quantile is farther out than the normal one, on the same side.
    var lo = p < 0.5 ? -Double.greatestFiniteMagnitude : z
    var hi = p < 0.5 ? z : Double.greatestFiniteMagnitude
    if !(x > lo && x < hi) { x = p < 0.5 ? z - 1 : z + 1 }
    for _ in 0..<100 {
      let f = cdf(x) - p
      if f > 0 { hi = x } else { lo = x }
      let step = f / density(x)
      var next = x - step
      if !(next > lo && next < hi) || !next.isFinite {
        next = (lo.isFinite && hi.isFinite && abs(lo) < 1e300 && abs(hi) < 1e300) ? 0.5 * (lo + hi)
          : (p < 0.5 ? x * 2 : x * 2)
      }
      if abs(next - x) <= 1e-13 * max(1, abs(x)) { return next }
      x = next
    }
    return x
  }
}

/// The regularised incomplete beta function `I_x(a, b)`.
enum IncompleteBeta {
  /// `I_x(a, b)` by the continued fraction (modified Lentz), using the symmetry
  /// `I_x(a, b) = 1 − I_{1−x}(b, a)` where that converges faster.
  /// - SeeAlso: DLMF 8.17.22; W. Press et al., *Numerical Recipes*, 3rd ed., §6.4.
  static func regularized(x: Double, a: Double, b: Double) -> Double {
    if x <= 0 { return 0 }
    if x >= 1 { return 1 }
    let logFront = lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log1p(-x)
    if x < (a + 1) / (a + b + 2) {
      return exp(logFront) * continuedFraction(x: x, a: a, b: b) / a
    }
    return 1 - exp(logFront) * continuedFraction(x: 1 - x, a: b, b: a) / b
  }

  private static func continuedFraction(x: Double, a: Double, b: Double) -> Double {
    let tiny = 1e-300
    var c = 1.0
    var d = 1 - (a + b) * x / (a + 1)
    if abs(d) < tiny { d = tiny }
    d = 1 / d
    var h = d
    for m in 1...500 {
      let mm = Double(m)
      // Even step.
      var num = mm * (b - mm) * x / ((a + 2 * mm - 1) * (a + 2 * mm))
      d = 1 + num * d; if abs(d) < tiny { d = tiny }
      c = 1 + num / c; if abs(c) < tiny { c = tiny }
      d = 1 / d; h *= d * c
      // Odd step.
      num = -(a + mm) * (a + b + mm) * x / ((a + 2 * mm) * (a + 2 * mm + 1))
      d = 1 + num * d; if abs(d) < tiny { d = tiny }
      c = 1 + num / c; if abs(c) < tiny { c = tiny }
      d = 1 / d
      let delta = d * c
      h *= delta
      if abs(delta - 1) < 1e-15 { break }
    }
    return h
  }
}
