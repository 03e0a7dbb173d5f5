import Forecasting
import SupplyModel

/// A forecaster's accuracy on the end of a sales history, measured the way a forecast-driven
/// policy uses it: rolling-origin evaluation over the policy's protection interval.
///
/// With h = max(1, ⌊P⌋) days for a protection interval of P days (lead time + review − 1), the
/// origins are o_j = n − h − j·r for j = 0, 1, …, `origins` − 1 (r = `settings.retrainEvery`, n
/// the history's length), earliest first, keeping those with at least the forecaster's minimum
/// history before them. At each origin the forecaster is fitted on the last
/// `settings.historyDays` values before o and forecasts o … o + h − 1, all inside the history,
/// exactly as the policy fits: with the history's promotion calendar as the `promotion`
/// covariate over the fit window and the forecast days when the settings use it and some of
/// those days are on promotion (`DemandForecastTracker.promotionCovariate`). Each of those days
/// is scored:
///
/// - error = actual − forecast (MAE, RMSE, bias, WAPE = Σ|e| / Σ actual);
/// - MASE = MAE / the in-sample mean absolute one-day change of the fit window (Hyndman &
///   Koehler 2006), averaged over the scored days;
/// - whether the actual lay inside the forecaster's 80% and 95% intervals.
///
/// For the conformal calibration each origin also yields one score: the error of the sum over
/// the first ⌊P⌋ days divided by the spread the policy would have used, √(Σ σ_h²) from the 80%
/// interval (`DemandForecastTracker.estimate`).
public enum ForecastHoldout {
  /// Origins evaluated for the report's holdout accuracy.
  public static let reportOrigins = 8
  /// Scores seeded on the history for the conformal calibration (`calibrationScores`; enough
  /// for a 99% rank: 99 scores).
  public static let calibrationOrigins = 100

  /// The scores of one series.
  public struct SeriesResult: Sendable {
    /// Daily errors and interval hits (one SKU, index 0).
    public var totals = ForecastErrorTotals(skuCount: 1)
    /// Standardised cumulative errors, earliest origin first.
    public var scores: [Double] = []
    /// Origins whose fit succeeded.
    public var fits = 0
    /// Origins whose fit failed (skipped).
    public var failedFits = 0
  }

  /// Evaluates `settings`' forecaster on `series` (oldest first) for a policy protecting over
  /// `protection` days; see the type's description, with origins `spacing` days apart
  /// (default `settings.retrainEvery`) and `promotion` the uplift − 1 on each day of the series
  /// (`DemandModel.pastPromotion`; nil, empty or of another length: no promotions known). An
  /// empty result when the series is too short for any origin.
  public static func evaluate(_ series: [Double], settings: ForecastSettings, protection: Double, origins: Int = reportOrigins, spacing: Int? = nil,
                              promotion: [Double]? = nil) -> SeriesResult {
    var result = SeriesResult()
    let (whole, fraction) = protectionParts(protection)
    let h = max(1, whole)
    let minimum = DemandForecastTracker.minimumFitLength(settings)
    let n = series.count
    var starts: [Int] = []
    for j in 0..<max(0, origins) {
      let o = n - h - j * max(1, spacing ?? settings.retrainEvery)
      if o < minimum { break }
      starts.append(o)
    }
    let span = max(h, whole + 1)
    for o in starts.reversed() {
      let input = fitInput(series, origin: o, span: span, settings: settings, promotion: promotion)
      let values = input.values
      guard let e = DemandForecastTracker.estimate(settings: settings, input: input,
                                                   horizon: span, whole: whole, fraction: fraction) else {
        result.failedFits += 1
        continue
      }
      result.fits += 1
      var change = 0.0
      for i in 1..<values.count { change += abs(values[i] - values[i - 1]) }
      let scale = change / Double(values.count - 1)
      for i in 0..<h {
        let actual = series[o + i]
        result.totals.record(sku: 0, actual: actual, forecast: e.means[i], naiveError: scale)
        if i < e.bands.count {
          let b = e.bands[i]
          result.totals.recordCoverage(sku: 0, actual: actual, band80: (b.lower80, b.upper80), band95: (b.lower95, b.upper95))
        }
      }
      if whole >= 1, e.variance > 0 {
        let error = series[o..<(o + whole)].reduce(0, +) - e.means.prefix(whole).reduce(0, +)
        result.scores.append(error / e.variance.squareRoot())
      }
    }
    return result
  }

  /// Conformal scores seeded on the end of `series` the way a policy refitting every
  /// `settings.retrainEvery` = R days scores its decision days (`DemandForecastTracker`): fits
  /// at origins o_j = n − ⌊P⌋ − (R − 1) − j·R (earliest first, those with the forecaster's
  /// minimum history before them), each forecasting R − 1 + ⌊P⌋ days; the fit at o stands for a
  /// refit governing decision days o … o + R − 1 and gives each the score (demand of its ⌊P⌋
  /// days − the fit's forecast of them) / the fit's spread over the protection interval. So the
  /// seeds mix forecasts 1 to R days old exactly as the simulated scores do, and are
  /// exchangeable with them when demand is stationary. At most `count` scores (the latest);
  /// none when ⌊P⌋ < 1 or the series is too short. `promotion` as in `evaluate`.
  public static func calibrationScores(_ series: [Double], settings: ForecastSettings, protection: Double, count: Int = calibrationOrigins,
                                       promotion: [Double]? = nil) -> [Double] {
    let (whole, fraction) = protectionParts(protection)
    let r = max(1, settings.retrainEvery)
    guard whole >= 1, count >= 1 else { return [] }
    let minimum = DemandForecastTracker.minimumFitLength(settings)
    let n = series.count
    let span = r - 1 + whole
    var starts: [Int] = []
    var o = n - span
    while o >= minimum, starts.count * r < count {
      starts.append(o)
      o -= r
    }
    var scores: [Double] = []
    let forecastDays = max(span, whole + 1)
    for o in starts.reversed() {
      let input = fitInput(series, origin: o, span: forecastDays, settings: settings, promotion: promotion)
      guard let e = DemandForecastTracker.estimate(settings: settings, input: input, horizon: forecastDays, whole: whole, fraction: fraction),
            e.variance > 0 else { continue }
      let sigma = e.variance.squareRoot()
      for offset in 0..<r {
        let error = series[(o + offset)..<(o + offset + whole)].reduce(0, +) - e.means[offset..<(offset + whole)].reduce(0, +)
        scores.append(error / sigma)
      }
    }
    return Array(scores.suffix(count))
  }

  /// A protection interval of `protection` days (0 when negative or not finite, at most
  /// 100,000) split into whole days and the fraction left.
  static func protectionParts(_ protection: Double) -> (whole: Int, fraction: Double) {
    let p = min(max(0, protection.isFinite ? protection : 0), 100_000)
    let whole = Int(p.rounded(.down))
    return (whole, p - Double(whole))
  }

  /// What a fit at origin `o` sees, as the policy fits: the last `settings.historyDays` values
  /// of `series` before `o`, with the `promotion` covariate over those days and the `span` days
  /// forecast from `o` (0 past the series) when the settings use it, `promotion` has one value
  /// per day of the series and some of those days are on promotion.
  static func fitInput(_ series: [Double], origin o: Int, span: Int, settings: ForecastSettings, promotion: [Double]?) -> ForecastInput {
    let n = series.count, first = max(0, o - settings.historyDays)
    var covariates: Covariates?
    if settings.usePromotionCovariate, let promotion, promotion.count == n {
      let column = (first..<(o + span)).map { $0 < n ? promotion[$0] : 0 }
      if column.contains(where: { $0 != 0 }) { covariates = Covariates(names: ["promotion"], columns: [column]) }
    }
    return ForecastInput(values: Array(series[first..<o]), seasonalPeriod: settings.seasonalPeriod, covariates: covariates)
  }
}
