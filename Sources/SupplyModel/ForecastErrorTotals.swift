/// Running totals of a forecasting policy's errors per SKU over the measured days.
///
/// The error on a day is actual demand − the forecast for that day made at the last refit
/// before it (so a weekly refit scores 1- to 7-step-ahead forecasts). Sums are kept in source
/// order per SKU, so results are deterministic.
public struct ForecastErrorTotals: Sendable, Equatable {
  /// Days scored, per SKU.
  public var count: [Int]
  /// Σ |error|.
  public var absoluteError: [Double]
  /// Σ error².
  public var squaredError: [Double]
  /// Σ error (actual − forecast; positive means under-forecast).
  public var error: [Double]
  /// Σ actual demand on scored days.
  public var actual: [Double]
  /// Σ |actual(t) − actual(t − 1)| on scored days: the one-step naive forecast's absolute error,
  /// the scale of MASE.
  public var naiveAbsoluteError: [Double]
  /// Days scored against the forecaster's prediction intervals (days whose forecast came with
  /// an 80% and a 95% interval), per SKU.
  public var intervalDays: [Int]
  /// Of those, days whose actual demand lay inside the 80% interval.
  public var inside80: [Int]
  /// Of those, days whose actual demand lay inside the 95% interval.
  public var inside95: [Int]
  /// Decision days whose one-sided safety-stock bound over the protection interval was scored
  /// (calibrated policies only: `recordBound`), per SKU.
  public var boundDays: [Int] = []
  /// Of those, days whose demand over the interval stayed at or below the bound actually used
  /// (the calibrated one).
  public var insideBound: [Int] = []
  /// Of those, days whose demand stayed at or below the uncalibrated bound (the forecaster's own
  /// spread).
  public var insideRawBound: [Int] = []
  /// The bound's nominal one-sided level (the latest scored; a policy aims each SKU at one level).
  public var boundLevel: [Double] = []

  /// Zero totals for `skuCount` SKUs.
  public init(skuCount: Int) {
    count = Array(repeating: 0, count: skuCount)
    absoluteError = Array(repeating: 0, count: skuCount)
    squaredError = Array(repeating: 0, count: skuCount)
    error = Array(repeating: 0, count: skuCount)
    actual = Array(repeating: 0, count: skuCount)
    naiveAbsoluteError = Array(repeating: 0, count: skuCount)
    intervalDays = Array(repeating: 0, count: skuCount)
    inside80 = Array(repeating: 0, count: skuCount)
    inside95 = Array(repeating: 0, count: skuCount)
  }

  /// Scores one decision day of SKU `k` against its one-sided bounds: `demand` over the protection
  /// interval against the calibrated bound `bound` and the uncalibrated `rawBound`, both aimed at
  /// the one-sided `level`. The bound arrays are allocated on first use, so policies without a
  /// calibration keep them empty.
  public mutating func recordBound(sku k: Int, demand: Double, bound: Double, rawBound: Double, level: Double) {
    if boundDays.count != count.count {
      boundDays = Array(repeating: 0, count: count.count); insideBound = boundDays; insideRawBound = boundDays
      boundLevel = Array(repeating: 0, count: count.count)
    }
    boundDays[k] += 1
    if demand <= bound { insideBound[k] += 1 }
    if demand <= rawBound { insideRawBound[k] += 1 }
    boundLevel[k] = level
  }

  /// Scores one day of one SKU.
  public mutating func record(sku k: Int, actual a: Double, forecast f: Double, previousActual: Double) {
    record(sku: k, actual: a, forecast: f, naiveError: abs(a - previousActual))
  }

  /// Scores one day of one SKU whose MASE scale contribution is `naiveError` (the one-step naive
  /// error on the day, or for a holdout the in-sample mean absolute difference of the fit window,
  /// so that MASE = MAE / that scale).
  public mutating func record(sku k: Int, actual a: Double, forecast f: Double, naiveError: Double) {
    let e = a - f
    count[k] += 1
    absoluteError[k] += abs(e)
    squaredError[k] += e * e
    error[k] += e
    actual[k] += a
    naiveAbsoluteError[k] += naiveError
  }

  /// Scores whether one day's actual demand `a` lay inside the 80% interval `band80` and the 95%
  /// interval `band95` (bounds inclusive).
  public mutating func recordCoverage(sku k: Int, actual a: Double, band80: (lower: Double, upper: Double), band95: (lower: Double, upper: Double)) {
    intervalDays[k] += 1
    if a >= band80.lower && a <= band80.upper { inside80[k] += 1 }
    if a >= band95.lower && a <= band95.upper { inside95[k] += 1 }
  }

  /// Totals of consecutive SKU ranges joined in order.
  public static func concatenating(_ parts: [ForecastErrorTotals]) -> ForecastErrorTotals {
    var out = ForecastErrorTotals(skuCount: 0)
    for p in parts {
      out.count += p.count; out.absoluteError += p.absoluteError; out.squaredError += p.squaredError
      out.error += p.error; out.actual += p.actual; out.naiveAbsoluteError += p.naiveAbsoluteError
      out.intervalDays += p.intervalDays; out.inside80 += p.inside80; out.inside95 += p.inside95
      let bounded = !p.boundDays.isEmpty || !out.boundDays.isEmpty
      func cells<T: Numeric>(_ a: [T], _ n: Int) -> [T] { a.isEmpty ? Array(repeating: 0, count: n) : a }
      if bounded {
        let before = out.count.count - p.count.count
        out.boundDays = cells(out.boundDays, before) + cells(p.boundDays, p.count.count)
        out.insideBound = cells(out.insideBound, before) + cells(p.insideBound, p.count.count)
        out.insideRawBound = cells(out.insideRawBound, before) + cells(p.insideRawBound, p.count.count)
        out.boundLevel = cells(out.boundLevel, before) + cells(p.boundLevel, p.count.count)
      }
    }
    return out
  }

  /// Accuracy over the SKUs in `skus` (all by default).
  public func accuracy(skus: Range<Int>? = nil) -> ForecastAccuracy {
    let r = skus ?? 0..<count.count
    var n = 0, abs = 0.0, sq = 0.0, err = 0.0, act = 0.0, naive = 0.0, banded = 0, in80 = 0, in95 = 0
    for k in r {
      n += count[k]; abs += absoluteError[k]; sq += squaredError[k]; err += error[k]; act += actual[k]; naive += naiveAbsoluteError[k]
      banded += intervalDays[k]; in80 += inside80[k]; in95 += inside95[k]
    }
    let d = Double(max(n, 1))
    var a = ForecastAccuracy(days: n, mae: abs / d, rmse: (sq / d).squareRoot(), bias: err / d,
                             wape: act > 0 ? abs / act : .nan, mase: naive > 0 ? abs / naive : .nan,
                             coverage80: banded > 0 ? Double(in80) / Double(banded) : .nan,
                             coverage95: banded > 0 ? Double(in95) / Double(banded) : .nan)
    if !boundDays.isEmpty {
      var days = 0, inside = 0, insideRaw = 0, level = 0.0
      for k in r { days += boundDays[k]; inside += insideBound[k]; insideRaw += insideRawBound[k]; level += boundLevel[k] * Double(boundDays[k]) }
      a.boundDays = days
      if days > 0 {
        a.boundLevel = level / Double(days)
        a.boundCoverage = Double(inside) / Double(days)
        a.rawBoundCoverage = Double(insideRaw) / Double(days)
      }
    }
    return a
  }
}

/// Summary accuracy of a forecasting policy.
public struct ForecastAccuracy: Sendable, Equatable, Codable {
  /// SKU-days scored.
  public var days: Int
  /// Mean absolute error, units per day.
  public var mae: Double
  /// Root mean squared error.
  public var rmse: Double
  /// Mean error, actual − forecast (positive: under-forecast).
  public var bias: Double
  /// Weighted absolute percentage error: Σ|e| / Σ actual (robust to zero-demand days).
  public var wape: Double
  /// Mean absolute scaled error against the one-day naive forecast over the same days.
  public var mase: Double
  /// Share of scored days whose demand lay inside the forecaster's 80% prediction interval (NaN
  /// when no forecast had intervals).
  public var coverage80: Double
  /// The same for the 95% interval.
  public var coverage95: Double
  /// Decision days whose calibrated safety-stock bound was scored (0 for a policy without
  /// calibration).
  public var boundDays = 0
  /// The bound's nominal one-sided level, averaged over those days (nil when none).
  public var boundLevel: Double?
  /// Share of those days whose demand over the protection interval stayed at or below the
  /// calibrated bound the policy used (nil when none).
  public var boundCoverage: Double?
  /// The same for the uncalibrated bound (the forecaster's own spread).
  public var rawBoundCoverage: Double?

  /// Creates a summary.
  public init(days: Int, mae: Double, rmse: Double, bias: Double, wape: Double, mase: Double, coverage80: Double = .nan, coverage95: Double = .nan) {
    self.coverage80 = coverage80
    self.coverage95 = coverage95
    self.days = days
    self.mae = mae
    self.rmse = rmse
    self.bias = bias
    self.wape = wape
    self.mase = mase
  }

  /// Figures averaged over `all` (replications, say), each weighted equally; nil when empty.
  public static func mean(_ all: [ForecastAccuracy]) -> ForecastAccuracy? {
    guard !all.isEmpty else { return nil }
    let n = Double(all.count)
    func mean(_ f: (ForecastAccuracy) -> Double) -> Double { all.reduce(0) { $0 + f($1) } / n }
    var a = ForecastAccuracy(days: all.reduce(0) { $0 + $1.days } / all.count, mae: mean(\.mae), rmse: mean(\.rmse),
                             bias: mean(\.bias), wape: mean(\.wape), mase: mean(\.mase),
                             coverage80: mean(\.coverage80), coverage95: mean(\.coverage95))
    a.boundDays = all.reduce(0) { $0 + $1.boundDays } / all.count
    func mean(_ f: (ForecastAccuracy) -> Double?) -> Double? {
      let v = all.compactMap(f)
      return v.count == all.count ? v.reduce(0, +) / n : nil
    }
    a.boundLevel = mean(\.boundLevel)
    a.boundCoverage = mean(\.boundCoverage)
    a.rawBoundCoverage = mean(\.rawBoundCoverage)
    return a
  }
}
