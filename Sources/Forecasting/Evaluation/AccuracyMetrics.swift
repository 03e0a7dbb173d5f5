/// Point and interval accuracy measures.
///
/// Errors are `eₜ = yₜ − ŷₜ` (actual minus forecast), as in Hyndman & Athanasopoulos, *FPP*
/// 3rd ed., §5.8. Pairs where either value is not finite are skipped by every measure.
public enum AccuracyMetrics {
  /// Mean absolute error `mean |e|`.
  public static func mae(actual: [Double], forecast: [Double]) -> Double {
    meanOver(actual, forecast) { a, f in abs(a - f) }
  }

  /// Root mean squared error `√mean(e²)`.
  public static func rmse(actual: [Double], forecast: [Double]) -> Double {
    meanOver(actual, forecast) { a, f in (a - f) * (a - f) }.squareRoot()
  }

  /// Mean absolute percentage error `100 · mean |e / y|`, in percent.
  ///
  /// Steps with `y = 0` are skipped (the ratio is undefined there), so intermittent series give
  /// the MAPE of their non-zero steps only; NaN when every actual is zero.
  public static func mape(actual: [Double], forecast: [Double]) -> Double {
    meanOver(actual, forecast, where: { a, _ in a != 0 }) { a, f in 100 * abs((a - f) / a) }
  }

  /// Symmetric MAPE `mean 200 |e| / (|y| + |ŷ|)`, in percent (0 to 200).
  ///
  /// Steps with `y = ŷ = 0` are skipped (both agree perfectly, the ratio is 0/0).
  public static func smape(actual: [Double], forecast: [Double]) -> Double {
    meanOver(actual, forecast, where: { a, f in abs(a) + abs(f) > 0 }) { a, f in 200 * abs(a - f) / (abs(a) + abs(f)) }
  }

  /// Mean absolute scaled error: MAE divided by the in-sample MAE of the seasonal naive
  /// one-step forecast, `mean_{t>m} |yₜ − yₜ₋ₘ|` over `training`.
  ///
  /// - Parameters:
  ///   - training: The history the forecast was made from.
  ///   - period: The seasonal period `m` (1 for the naive scaling).
  /// - Returns: NaN when the scale is zero or undefined (history of length ≤ m, or constant).
  /// - SeeAlso: R. Hyndman, A. Koehler (2006), "Another look at measures of forecast accuracy", IJF 22(4).
  public static func mase(actual: [Double], forecast: [Double], training: [Double], period: Int = 1) -> Double {
    let s = naiveScale(training: training, period: period)
    return s > 0 ? mae(actual: actual, forecast: forecast) / s : .nan
  }

  /// The MASE denominator: in-sample MAE of the seasonal naive method with period `m`.
  public static func naiveScale(training: [Double], period: Int = 1) -> Double {
    precondition(period >= 1, "MASE: period must be >= 1, got \(period)")
    guard training.count > period else { return .nan }
    var s = 0.0, k = 0
    for t in period..<training.count where training[t].isFinite && training[t - period].isFinite {
      s += abs(training[t] - training[t - period]); k += 1
    }
    return k > 0 ? s / Double(k) : .nan
  }

  /// Mean error `mean(y − ŷ)`: positive when the forecast is too low on average.
  public static func bias(actual: [Double], forecast: [Double]) -> Double {
    meanOver(actual, forecast) { a, f in a - f }
  }

  /// Pinball (quantile) loss of a `tau`-quantile forecast: `mean max(τ(y − q), (τ − 1)(y − q))`.
  ///
  /// - Parameter tau: The quantile level in (0, 1); at ½ this is half the MAE.
  public static func pinball(actual: [Double], quantile: [Double], tau: Double) -> Double {
    precondition(tau > 0 && tau < 1, "pinball: tau must be in (0, 1), got \(tau)")
    return meanOver(actual, quantile) { a, q in
      let u = a - q
      return u >= 0 ? tau * u : (tau - 1) * u
    }
  }

  /// The fraction of actuals inside `[lower, upper]` (bounds included).
  public static func coverage(actual: [Double], lower: [Double], upper: [Double]) -> Double {
    precondition(actual.count == lower.count && actual.count == upper.count,
                 "coverage: \(actual.count) actuals, \(lower.count) lower, \(upper.count) upper bounds")
    var inside = 0, k = 0
    for i in 0..<actual.count where actual[i].isFinite {
      k += 1
      if actual[i] >= lower[i] && actual[i] <= upper[i] { inside += 1 }
    }
    return k > 0 ? Double(inside) / Double(k) : .nan
  }

  static func meanOver(_ a: [Double], _ f: [Double], where keep: (Double, Double) -> Bool = { _, _ in true },
                       _ term: (Double, Double) -> Double) -> Double {
    precondition(a.count == f.count, "metrics: \(a.count) actuals and \(f.count) forecasts")
    var s = 0.0, k = 0
    for i in 0..<a.count where a[i].isFinite && f[i].isFinite && keep(a[i], f[i]) {
      s += term(a[i], f[i]); k += 1
    }
    return k > 0 ? s / Double(k) : .nan
  }
}
