#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Stochastics

/// A count family around a given daily mean `m`: what the fitter evaluates and compares.
///
/// Zero-inflated models keep `m` the overall mean: the count part has mean `λ = m / (1 - π)`.
enum CountModel: Sendable, Equatable {
  case poisson
  case negativeBinomial(dispersion: Double)
  case zeroInflated(zeroProbability: Double, dispersion: Double?)

  /// The count part's mean and the structural-zero probability at overall mean `m`.
  @inline(__always) func inner(_ m: Double) -> (lambda: Double, pi: Double) {
    if case let .zeroInflated(pi, _) = self { return (m / (1 - pi), pi) }
    return (m, 0)
  }

  /// The dispersion of the count part; nil for Poisson counts.
  var dispersion: Double? {
    switch self {
    case .poisson: nil
    case let .negativeBinomial(r): r
    case let .zeroInflated(_, r): r
    }
  }

  /// The variance at overall mean `m`.
  func variance(atMean m: Double) -> Double {
    let (lambda, pi) = inner(m)
    let countVariance = lambda + (dispersion.map { lambda * lambda / $0 } ?? 0)
    return (1 - pi) * countVariance + pi * (1 - pi) * lambda * lambda
  }

  /// P(D >= s) at overall mean `m`.
  func survival(atLeast s: Int, mean m: Double) -> Double {
    guard s > 0 else { return 1 }
    let (lambda, pi) = inner(m)
    guard lambda > 0 else { return 0 }
    return (1 - pi) * Self.countSurvival(atLeast: s, lambda: lambda, dispersion: dispersion)
  }

  /// P(N >= s) for the count part: P(s, λ) for Poisson, I_q(s, r) with q = λ/(r + λ) for the
  /// negative binomial.
  static func countSurvival(atLeast s: Int, lambda: Double, dispersion: Double?) -> Double {
    guard s > 0 else { return 1 }
    if let r = dispersion {
      let q = lambda / (r + lambda)
      return SpecialFunctions.regularizedIncompleteBeta(Double(s), r, q)
    }
    return SpecialFunctions.regularizedGammaP(Double(s), lambda)
  }

  /// E[D | D >= s] at overall mean `m`: the demand a censored day with sales `s` stands for.
  ///
  /// Uses E[N·1{N >= s}] = λ·P(N' >= s - 1), where N' is Poisson(λ), or negative binomial with
  /// dispersion r + 1 and the same success probability (k·p_k(r) = λ·p'_{k-1}).
  func conditionalMean(atLeast s: Int, mean m: Double) -> Double {
    guard s > 0 else { return m }
    let (lambda, _) = inner(m)
    guard lambda > 0 else { return Double(s) }
    let tail: Double, tailBelow: Double
    if let r = dispersion {
      let q = lambda / (r + lambda)
      tail = SpecialFunctions.regularizedIncompleteBeta(Double(s), r, q)
      tailBelow = s == 1 ? 1 : SpecialFunctions.regularizedIncompleteBeta(Double(s - 1), r + 1, q)
    } else {
      tail = SpecialFunctions.regularizedGammaP(Double(s), lambda)
      tailBelow = s == 1 ? 1 : SpecialFunctions.regularizedGammaP(Double(s - 1), lambda)
    }
    // Far in the tail both underflow: the conditional mean is then s plus a little.
    guard tail > 1e-300 else { return Double(s) }
    return max(Double(s), lambda * tailBelow / tail)
  }

  /// P(D <= k) at overall mean `m` for each `k` in `cuts` (ascending), into `out`.
  func cdf(at cuts: [Int], mean m: Double, into out: inout [Double]) {
    let (lambda, pi) = inner(m)
    let r = dispersion
    let logP0 = r.map { -$0 * log1p(lambda / $0) } ?? -lambda
    let last = cuts.last ?? 0
    if logP0 > -600 && last < 4096 {
      // Recurrence from p0: p_{k+1} = p_k·λ/(k+1) (Poisson) or p_k·(k + r)/(k + 1)·q (NB).
      var p = exp(logP0), cumulative = 0.0, k = 0
      let q = r.map { lambda / ($0 + lambda) } ?? 0
      for (i, cut) in cuts.enumerated() {
        while k <= cut {
          cumulative += p
          p *= r.map { (Double(k) + $0) / Double(k + 1) * q } ?? lambda / Double(k + 1)
          k += 1
        }
        out[i] = pi + (1 - pi) * min(1, cumulative)
      }
    } else {
      for (i, cut) in cuts.enumerated() {
        out[i] = pi + (1 - pi) * (1 - Self.countSurvival(atLeast: cut + 1, lambda: lambda, dispersion: r))
      }
    }
  }
}
