#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Special functions for the samplers and for the statistics built on them: log-gamma, the
/// incomplete gamma and beta functions, the normal, chi-square, Student-t and Kolmogorov
/// distributions.
///
/// All functions are pure and thread-safe; none allocates. Accuracy figures are those checked by
/// `SpecialFunctionsTests` against scipy 1.17.
public enum SpecialFunctions {
  /// log(2π) / 2.
  static let halfLogTwoPi = 0.918_938_533_204_672_741_78

  /// The Euler–Mascheroni constant γ.
  static let eulerGamma = 0.577_215_664_901_532_860_61

  // MARK: Log-gamma

  /// The natural logarithm of the gamma function, for `x > 0`.
  ///
  /// Relative error about 1e-15 for all `x > 0`, including near the zeros at 1 and 2.
  /// Method: for `x` in [0.5, 2.5] the Taylor series of log Γ about 1 or 2, whose coefficients are
  /// (ζ(k) − 1)/k; below 0.5 one upward recurrence step; in [2.5, 10) downward recurrence to
  /// [1.5, 2.5]; from 10 on Stirling's series with eight Bernoulli terms.
  ///
  /// - Parameter x: A positive, finite argument.
  /// - Returns: log Γ(x); `+infinity` for `x = +infinity`.
  /// - SeeAlso: M. Abramowitz, I. Stegun (1964), Handbook of Mathematical Functions, 6.1.33 and 6.1.40.
  public static func logGamma(_ x: Double) -> Double {
    precondition(x > 0, "logGamma needs x > 0, got \(x)")
    if x == .infinity { return .infinity }
    if x < 0.5 { return logGammaNearOneOrTwo(x + 1) - log(x) }
    if x <= 2.5 { return logGammaNearOneOrTwo(x) }
    if x < 10 {
      // Γ(x) = (x−1)(x−2)…(x−n) Γ(x−n) with x − n in [1.5, 2.5).
      var y = x
      var product = 1.0
      while y >= 2.5 { y -= 1; product *= y }
      return log(product) + logGammaNearOneOrTwo(y)
    }
    return (x - 0.5) * log(x) - x + halfLogTwoPi + stirlingCorrection(x)
  }

  /// (ζ(k) − 1) for k = 2…31, from `scipy.special.zetac` (scipy 1.17).
  private static let zetaMinusOne: [Double] = [
    0.6449340668482264, 0.2020569031595943, 0.08232323371113819, 0.03692775514336993,
    0.01734306198444914, 0.008349277381922827, 0.00407735619794434, 0.0020083928260822143,
    0.0009945751278180853, 0.0004941886041194645, 0.0002460865533080483, 0.00012271334757848915,
    6.124813505870483e-05, 3.058823630702049e-05, 1.528225940865187e-05, 7.637197637899763e-06,
    3.81729326499984e-06, 1.908212716553939e-06, 9.539620338727962e-07, 4.769329867878064e-07,
    2.38450502727733e-07, 1.1921992596531106e-07, 5.960818905125948e-08, 2.980350351465228e-08,
    1.4901554828365043e-08, 7.45071178983543e-09, 3.725334024788457e-09, 1.862659723513049e-09,
    9.313274324196682e-10, 4.656629065033784e-10,
  ]

  /// log Γ(x) for x in [0.5, 2.5] by the series log Γ(2 + z) = (1 − γ) z + Σ (−1)^k (ζ(k) − 1) z^k / k.
  private static func logGammaNearOneOrTwo(_ x: Double) -> Double {
    if x >= 1.5 { return logGammaTwoPlus(x - 2) }
    // log Γ(1 + z) = log Γ(2 + z) − log(1 + z), z in [−0.5, 0.5).
    let z = x - 1
    return logGammaTwoPlus(z) - log1p(z)
  }

  /// log Γ(2 + z) for |z| <= 0.5; the terms shrink like (z/2)^k.
  private static func logGammaTwoPlus(_ z: Double) -> Double {
    var sum = 0.0
    var k = zetaMinusOne.count + 1
    // Horner in z over the coefficients c_k = (−1)^k (ζ(k) − 1) / k, k = 31 … 2.
    while k >= 2 {
      let c = (k & 1 == 0 ? 1.0 : -1.0) * zetaMinusOne[k - 2] / Double(k)
      sum = sum * z + c
      k -= 1
    }
    return z * ((1 - eulerGamma) + z * sum)
  }

  /// Stirling's correction log Γ(x) − [(x − ½) log x − x + ½ log 2π], for x >= 10 by its
  /// asymptotic series (eight terms, error below 1e-17), otherwise from `logGamma`.
  ///
  /// - SeeAlso: Abramowitz & Stegun 6.1.40.
  @usableFromInline
  static func stirlingCorrection(_ x: Double) -> Double {
    if x < 10 { return logGamma(x) - ((x - 0.5) * log(x) - x + halfLogTwoPi) }
    let r = 1 / x
    let r2 = r * r
    // B_{2k} / (2k (2k − 1)) for k = 1…8.
    let series =
      1.0 / 12 + r2 * (-1.0 / 360 + r2 * (1.0 / 1260 + r2 * (-1.0 / 1680 + r2 * (1.0 / 1188
      + r2 * (-691.0 / 360_360 + r2 * (1.0 / 156 + r2 * (-3617.0 / 122_400)))))))
    return series * r
  }

  /// log(n!) for n >= 0: a correctly rounded table below 256, `logGamma(n + 1)` beyond.
  ///
  /// - Complexity: O(1).
  public static func logFactorial(_ n: Int) -> Double {
    precondition(n >= 0, "logFactorial needs n >= 0, got \(n)")
    return logFactorialUnchecked(n)
  }

  /// log(n!) for n >= 0 without the precondition, for the samplers' acceptance tests; kept out
  /// of line so that they read the statically initialised table.
  @usableFromInline
  static func logFactorialUnchecked(_ n: Int) -> Double {
    if n < 256 { return LogFactorialTable.values.withUnsafeBufferPointer { $0[n] } }
    let x = Double(n) + 1
    return (x - 0.5) * log(x) - x + halfLogTwoPi + stirlingCorrection(x)
  }

  /// log B(a, b) = log Γ(a) + log Γ(b) − log Γ(a + b), arranged to avoid cancellation when one
  /// argument is large.
  public static func logBeta(_ a: Double, _ b: Double) -> Double {
    precondition(a > 0 && b > 0, "logBeta needs a, b > 0, got a = \(a), b = \(b)")
    let small = min(a, b), large = max(a, b)
    if large < 10 { return logGamma(small) + logGamma(large) - logGamma(small + large) }
    // log Γ(L) − log Γ(L + s) by Stirling's formula, written so no large terms cancel.
    let sum = small + large
    let ratio = -(large - 0.5) * log1p(small / large) - small * log(sum) + small
      + stirlingCorrection(large) - stirlingCorrection(sum)
    return logGamma(small) + ratio
  }

  /// log(1 + d) − d, accurate also for small |d| where the two terms cancel.
  ///
  /// For |d| < 0.5 uses t = d / (2 + d): log(1 + d) − d = −d t + 2 t³ (1/3 + t²/5 + t⁴/7 + …).
  /// - SeeAlso: C. Loader (2000), "Fast and accurate computation of binomial probabilities".
  @usableFromInline
  static func log1pMinusX(_ d: Double) -> Double {
    if abs(d) >= 0.5 { return log1p(d) - d }
    let t = d / (2 + d)
    let t2 = t * t
    var term = t2 * t
    var sum = 0.0
    var k = 3.0
    while true {
      let next = sum + term / k
      if next == sum { break }
      sum = next
      term *= t2
      k += 2
    }
    return -d * t + 2 * sum
  }

  /// log(x^a e^{−x} / Γ(a)): the common factor of the incomplete gamma functions and of the
  /// Poisson and gamma densities, computed without cancellation for large `a` (Loader's method).
  static func logGammaPrefactor(_ a: Double, _ x: Double) -> Double {
    if a < 10 { return a * log(x) - x - logGamma(a) }
    return a * log1pMinusX((x - a) / a) + 0.5 * log(a) - halfLogTwoPi - stirlingCorrection(a)
  }

  // MARK: Incomplete gamma

  /// The regularized lower incomplete gamma function P(a, x) = γ(a, x) / Γ(a).
  ///
  /// Series for x < a + 1, Lentz's continued fraction for Q otherwise; relative error about 1e-14.
  /// - Parameters:
  ///   - a: The shape, > 0.
  ///   - x: The argument, >= 0.
  /// - SeeAlso: W. Press et al. (2007), Numerical Recipes, 3rd ed., §6.2; W. Lentz (1976), Appl. Opt. 15.
  public static func regularizedGammaP(_ a: Double, _ x: Double) -> Double {
    precondition(a > 0 && x >= 0, "regularizedGammaP needs a > 0 and x >= 0, got a = \(a), x = \(x)")
    if x == 0 { return 0 }
    if x == .infinity { return 1 }
    if x < a + 1 { return gammaSeries(a, x) }
    return 1 - gammaContinuedFraction(a, x)
  }

  /// The regularized upper incomplete gamma function Q(a, x) = 1 − P(a, x), accurate in the upper tail.
  ///
  /// - SeeAlso: `regularizedGammaP(_:_:)` for the method.
  public static func regularizedGammaQ(_ a: Double, _ x: Double) -> Double {
    precondition(a > 0 && x >= 0, "regularizedGammaQ needs a > 0 and x >= 0, got a = \(a), x = \(x)")
    if x == 0 { return 1 }
    if x == .infinity { return 0 }
    if x < a + 1 { return 1 - gammaSeries(a, x) }
    return gammaContinuedFraction(a, x)
  }

  /// P(a, x) = x^a e^{−x} / Γ(a + 1) · Σ_n x^n / ((a + 1)…(a + n)).
  private static func gammaSeries(_ a: Double, _ x: Double) -> Double {
    var term = 1.0
    var sum = 1.0
    var ap = a
    for _ in 0..<100_000 {
      ap += 1
      term *= x / ap
      sum += term
      if abs(term) < abs(sum) * 1e-17 { break }
    }
    return exp(logGammaPrefactor(a, x) - log(a)) * sum
  }

  /// Q(a, x) = x^a e^{−x} / Γ(a) · 1/(x + 1 − a − 1(1 − a)/(x + 3 − a − 2(2 − a)/(x + 5 − a − …))).
  private static func gammaContinuedFraction(_ a: Double, _ x: Double) -> Double {
    let tiny = 1e-300
    var b = x + 1 - a
    var c = 1 / tiny
    var d = 1 / b
    var h = d
    var i = 1.0
    while i < 100_000 {
      let an = -i * (i - a)
      b += 2
      d = an * d + b
      if abs(d) < tiny { d = tiny }
      c = b + an / c
      if abs(c) < tiny { c = tiny }
      d = 1 / d
      let delta = d * c
      h *= delta
      if abs(delta - 1) < 1e-16 { break }
      i += 1
    }
    return exp(logGammaPrefactor(a, x)) * h
  }

  // MARK: Chi-square

  /// The chi-square CDF P(X <= x) with `degreesOfFreedom` > 0: P(ν/2, x/2).
  public static func chiSquareCDF(_ x: Double, degreesOfFreedom: Double) -> Double {
    precondition(degreesOfFreedom > 0, "chi-square needs degreesOfFreedom > 0, got \(degreesOfFreedom)")
    if x <= 0 { return 0 }
    return regularizedGammaP(degreesOfFreedom / 2, x / 2)
  }

  /// The chi-square survival function P(X > x): Q(ν/2, x/2), accurate for tiny p-values.
  public static func chiSquareSurvival(_ x: Double, degreesOfFreedom: Double) -> Double {
    precondition(degreesOfFreedom > 0, "chi-square needs degreesOfFreedom > 0, got \(degreesOfFreedom)")
    if x <= 0 { return 1 }
    return regularizedGammaQ(degreesOfFreedom / 2, x / 2)
  }
}
