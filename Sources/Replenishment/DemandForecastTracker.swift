import Forecasting
import Stochastics
import SupplyModel

/// The forecasting state a policy keeps: observed demand per SKU, the latest forecasts, their
/// errors (scored daily, and as realised cumulative errors over each SKU's protection interval).
///
/// It sees demand only through `observe`, so nothing it forecasts can depend on the future.
public struct DemandForecastTracker: Sendable {
  /// How to forecast.
  public let settings: ForecastSettings
  /// Known promotion uplift − 1 per SKU and day, nil when a SKU has none.
  let promotions: [[Double]?]
  /// Per SKU the promotion uplift − 1 on each day of `past` (empty: none known).
  let pastPromotions: [[Double]]
  /// Days excluded from the error totals.
  let warmUpDays: Int
  /// The factor on every forecast: 1, unless the power study injects a bias
  /// (`PlanningPerturbation.forecastBias`).
  let bias: Double

  /// Demand per SKU before day 0 (a sales history), oldest first; empty without one.
  let past: [[Double]]
  /// Observed demand per SKU: `past`, then day 0, day 1, …
  public private(set) var history: [[Double]]
  /// The day of the last refit, −1 before the first.
  public private(set) var forecastDay = -1
  /// Point forecasts from the last refit: `forecastMeans[k][h − 1]` is for day `forecastDay + h`.
  public private(set) var forecastMeans: [[Double]]
  /// The daily intervals of the last refit, per SKU (empty when the forecast had none).
  var forecastBands: [[Band]]
  var pending: [[(due: Int, start: Int, forecast: Double, sigma: Double)]]
  /// Per SKU standardised errors over the protection interval, (actual − forecast) / σ with σ
  /// the uncalibrated spread claimed when forecasting: the conformal scores, the last
  /// `calibrationWindow` of them.
  public private(set) var calibrationScores: [ConformalScores]
  /// Per SKU the refits whose decision days may still have an unmatured protection interval,
  /// oldest first (calibrated trackers only; at most two or three are kept).
  var calibrationRefits: [[CalibrationRefit]]
  /// Whether the scores were seeded on the history (done at the first refit with calibration).
  var seeded = false
  var realized: [[Double]]
  /// Daily forecast errors after warm-up.
  public private(set) var errors: ForecastErrorTotals
  /// Fits that failed and fell back to the running mean.
  public private(set) var failedFits = 0

  /// Creates a tracker for `skuCount` SKUs.
  ///
  /// - Parameter past: Per SKU, demand observed before day 0 (oldest first), which the
  ///   forecasters fit on from the first refit (a warm start); nil or empty arrays: none.
  ///   - pastPromotions: Per SKU, the promotion uplift − 1 on each day of `past` (the history's
  ///     promotion calendar, `DemandModel.pastPromotion`), given to forecasters as the
  ///     `promotion` covariate on those days; nil or empty arrays: none known.
  public init(settings: ForecastSettings, promotions: [[Double]?], warmUpDays: Int, past: [[Double]]? = nil, pastPromotions: [[Double]]? = nil) {
    self.init(settings: settings, promotions: promotions, warmUpDays: warmUpDays, bias: 1, past: past, pastPromotions: pastPromotions)
  }

  /// Creates a tracker whose forecasts are all multiplied by `bias`.
  package init(settings: ForecastSettings, promotions: [[Double]?], warmUpDays: Int, bias: Double, past: [[Double]]? = nil,
               pastPromotions: [[Double]]? = nil) {
    self.settings = settings
    self.promotions = promotions
    self.warmUpDays = warmUpDays
    self.bias = bias
    let n = promotions.count
    precondition(past == nil || past!.count == n, "one past series (possibly empty) per SKU")
    self.past = past ?? Array(repeating: [], count: n)
    precondition(pastPromotions == nil || pastPromotions!.count == n, "one past promotion column (possibly empty) per SKU")
    self.pastPromotions = zip(self.past, pastPromotions ?? Array(repeating: [], count: n)).map { $1.count == $0.count ? $1 : [] }
    history = self.past
    forecastMeans = Array(repeating: [], count: n)
    forecastBands = Array(repeating: [], count: n)
    calibrationScores = Array(repeating: ConformalScores(capacity: Self.calibrationWindow), count: n)
    calibrationRefits = Array(repeating: [], count: n)
    pending = Array(repeating: [], count: n)
    realized = Array(repeating: [], count: n)
    errors = ForecastErrorTotals(skuCount: n)
  }

  /// The same tracker for the SKUs in `range`, with fresh state.
  public func restricted(to range: Range<Int>) -> DemandForecastTracker {
    DemandForecastTracker(settings: settings, promotions: Array(promotions[range]), warmUpDays: warmUpDays, bias: bias, past: Array(past[range]),
                          pastPromotions: Array(pastPromotions[range]))
  }

  /// The number of SKUs.
  public var skuCount: Int { history.count }

  /// Records a day's demand, scores the forecasts for it, and settles matured cumulative errors.
  public mutating func observe(demand: [Int], day: Int) {
    for k in 0..<demand.count {
      let actual = Double(demand[k])
      let h = day - forecastDay
      if forecastDay >= 0, h >= 1, h <= forecastMeans[k].count, day >= warmUpDays {
        errors.record(sku: k, actual: actual, forecast: forecastMeans[k][h - 1], previousActual: history[k].last ?? actual)
        if h <= forecastBands[k].count {
          let b = forecastBands[k][h - 1]
          errors.recordCoverage(sku: k, actual: actual, band80: (b.lower80, b.upper80), band95: (b.lower95, b.upper95))
        }
      }
      history[k].append(actual)
      while let first = pending[k].first, first.due <= day {
        pending[k].removeFirst()
        var total = 0.0
        for d in first.start...first.due { total += history[k][past[k].count + d] }
        realized[k].append(total - first.forecast)
        if realized[k].count > 26 { realized[k].removeFirst() }
      }
      if !calibrationRefits[k].isEmpty { scoreMaturedOrigin(sku: k, day: day) }
    }
  }

  /// The most conformal scores kept per SKU: the last 250 (history seeds first, then one per
  /// simulated day), so memory stays flat over any horizon.
  public static let calibrationWindow = 250

  /// What a calibrated refit claimed for the decision days it governs.
  struct CalibrationRefit: Sendable {
    /// The refit's day r; it governs decision days r, r + 1, … until the next refit.
    var day: Int
    /// ⌊protection interval⌋ in days (≥ 1).
    var whole: Int
    /// Point forecasts for days r + 1, r + 2, …
    var means: [Double]
    /// The uncalibrated spread over the protection interval.
    var sigma: Double
    /// The conformal factor the refit scaled the spread by.
    var factor: Double
    /// The one-sided level the bound aims at and its normal quantile z.
    var level: Double, z: Double
  }

  /// Settles the decision day whose protection interval ended with `day` (the day just
  /// observed): origin t = day − ⌊P⌋, governed by the last refit r ≤ t, forecast F = the sum of
  /// r's point forecasts for days t + 1 … t + ⌊P⌋ and actual A = the demand of those days. The
  /// score (A − F) / σ_r joins the conformal scores (so every decision day adds one as soon as
  /// its interval has passed, never earlier), and after warm-up the day is scored against the
  /// bounds F + z·c_r·σ_r (calibrated, the one the policy used) and F + z·σ_r (raw). An origin
  /// whose days lie beyond r's forecasts (a refit cadence the horizon did not cover) is skipped.
  mutating func scoreMaturedOrigin(sku k: Int, day: Int) {
    let refits = calibrationRefits[k]
    guard let g = refits.lastIndex(where: { $0.day <= day - $0.whole }) else { return }
    if g > 0 { calibrationRefits[k].removeFirst(g) }
    let r = refits[g]
    let t = day - r.whole, offset = t - r.day
    guard offset + r.whole <= r.means.count, r.sigma > 0 else { return }
    let forecast = r.means[offset..<(offset + r.whole)].reduce(0, +)
    let end = past[k].count + day
    let actual = history[k][(end - r.whole + 1)...end].reduce(0, +)
    calibrationScores[k].add((actual - forecast) / r.sigma)
    if t >= warmUpDays {
      errors.recordBound(sku: k, demand: actual, bound: forecast + r.z * r.factor * r.sigma, rawBound: forecast + r.z * r.sigma, level: r.level)
    }
  }

  /// The forecast for one SKU after a refit.
  public struct Estimate: Sendable {
    /// Point forecasts for days t+1…t+horizon.
    public var means: [Double]
    /// Their sum over the protection interval (fractional last day weighted).
    public var cumulative: Double
    /// The variance of demand over the protection interval by the forecaster's own errors
    /// (times the conformal factor² when the settings calibrate).
    public var variance: Double
    /// The forecaster's daily 80% and 95% intervals for days t+1…t+horizon; empty when it gives none.
    public var bands: [Band] = []
    /// The factor the conformal calibration scaled the spread (√variance) by; 1 without one.
    public var calibrationFactor = 1.0
  }

  /// A day's central 80% and 95% prediction intervals.
  public struct Band: Sendable, Equatable {
    /// Bounds of the 80% interval.
    public var lower80, upper80: Double
    /// Bounds of the 95% interval.
    public var lower95, upper95: Double
  }

  /// Refits every SKU on day `day` and returns, per SKU, forecasts over `horizon` days and the
  /// mean and variance of demand over its protection interval `protection[k]` (days).
  ///
  /// The variance is the mean square of the SKU's last realised cumulative errors once eight
  /// exist, else Σ σ_h² with σ_h from the forecaster's 80% interval. Until the forecaster has
  /// its minimum history, or when a fit fails, the running mean and variance of observed demand
  /// stand in.
  ///
  /// With conformal calibration (`settings.calibration`) and `calibrationLevels` (per SKU the
  /// one-sided level safety stock is set at, e.g. the cycle service level), the variance is then
  /// multiplied by c² with c = q / z: q the split-conformal quantile at that level of the SKU's
  /// past standardised errors over the protection interval (`calibrationScores`), z the normal
  /// quantile. Scores are seeded at the first refit by a rolling-origin backtest on the history
  /// before day 0 (`ForecastHoldout.calibrationScores`: 100 scores from fits every `retrainEvery`
  /// days, with the history's promotions) and grow
  /// by one score per simulated decision day once its interval has passed
  /// (`scoreMaturedOrigin`), so only past errors are used; the last `calibrationWindow` are kept.
  /// To score every decision day until the next refit, a calibrated refit forecasts
  /// `horizon − 1 + ⌊P⌋` days (at least ⌊P⌋ + 1). c stays 1 while too few scores exist for the
  /// rank.
  public mutating func refit(day: Int, horizon: Int, protection: [Double], calibrationLevels: [Double]? = nil) -> [Estimate] {
    if settings.calibration == .conformal && !seeded {
      seeded = true
      for k in 0..<skuCount where !past[k].isEmpty {
        for score in ForecastHoldout.calibrationScores(past[k], settings: settings, protection: protection[k], promotion: pastPromotions[k]) {
          calibrationScores[k].add(score)
        }
      }
    }
    var out: [Estimate] = []
    let globalModel = settings.global ? trainGlobalModel() : nil
    for k in 0..<skuCount {
      let p = protection[k]
      let whole = Int(p.rounded(.down))
      let fraction = p - Double(whole)
      let calibrating = settings.calibration == .conformal && calibrationLevels != nil
      let span = calibrating ? max(horizon - 1 + whole, horizon, whole + 1) : max(horizon, whole + 1)
      var estimate: Estimate?
      if history[k].count >= Self.minimumFitLength(settings) {
        estimate = forecast(sku: k, horizon: span, whole: whole, fraction: fraction, global: globalModel)
        if estimate == nil { failedFits += 1 }
      }
      var e = estimate ?? runningEstimate(sku: k, days: p, horizon: span)
      if bias != 1 {
        e.means = e.means.map { $0 * bias }
        e.cumulative *= bias
      }
      if realized[k].count >= 8 {
        e.variance = realized[k].reduce(0) { $0 + $1 * $1 } / Double(realized[k].count)
      }
      let sigma = max(0, e.variance).squareRoot()
      if settings.calibration == .conformal, let levels = calibrationLevels {
        e.calibrationFactor = Self.conformalFactor(calibrationScores[k], level: levels[k])
        e.variance *= e.calibrationFactor * e.calibrationFactor
        if whole >= 1 {
          let level = min(max(levels[k], 1e-9), 1 - 1e-9)
          calibrationRefits[k].append(CalibrationRefit(day: day, whole: whole, means: e.means, sigma: sigma, factor: e.calibrationFactor,
                                                       level: level, z: Normal(mean: 0, standardDeviation: 1).quantile(level)))
        }
      }
      if whole >= 1 {
        pending[k].append((due: day + whole, start: day + 1, forecast: e.means.prefix(whole).reduce(0, +), sigma: sigma))
      }
      forecastMeans[k] = e.means
      forecastBands[k] = e.bands
      out.append(e)
    }
    forecastDay = day
    return out
  }

  /// The fewest observed days before a forecaster is fitted (the running mean stands in before).
  static func minimumFitLength(_ settings: ForecastSettings) -> Int {
    max(settings.forecaster.minimumHistory, 2 * settings.seasonalPeriod, 14)
  }

  /// The conformal scale of the spread at one-sided `level`: the scores' split-conformal
  /// quantile over the normal quantile, kept in [0, 20]; 1 when the level is at most 50% or
  /// too few scores exist.
  public static func conformalFactor(_ scores: ConformalScores, level: Double) -> Double {
    guard level > 0.5, level < 1, let q = scores.quantile(level) else { return 1 }
    let z = Normal(mean: 0, standardDeviation: 1).quantile(level)
    return min(max(q / z, 0), 20)
  }

  /// SKU `k`'s estimate over `horizon` days: from the catalogue's `global` model when the
  /// settings ask for one, else from the forecaster fitted to the SKU's own days.
  func forecast(sku k: Int, horizon: Int, whole: Int, fraction: Double, global: (any GlobalForecastModel)? = nil) -> Estimate? {
    let input = forecastInput(sku: k, horizon: horizon)
    if settings.global {
      guard let g = global, let f = g.forecastIfCompatible(input, horizon: horizon, levels: [0.8, 0.95]) else { return nil }
      return Self.estimate(forecast: f, horizon: horizon, whole: whole, fraction: fraction)
    }
    return Self.estimate(settings: settings, input: input, horizon: horizon, whole: whole, fraction: fraction)
  }

  /// Fits `settings.forecaster` to `input` and forecasts `horizon` days (see
  /// `estimate(forecast:horizon:whole:fraction:)`). Nil when the fit fails.
  static func estimate(settings: ForecastSettings, input: ForecastInput, horizon: Int, whole: Int, fraction: Double) -> Estimate? {
    guard let model = try? settings.forecaster.fit(input) else { return nil }
    return estimate(forecast: model.predict(horizon: horizon, levels: [0.8, 0.95]), horizon: horizon, whole: whole, fraction: fraction)
  }

  /// The estimate a forecast of `horizon` days gives: the means (negative values cut to 0),
  /// their sum over a protection interval of `whole` days plus `fraction` of the next, the
  /// variance of that sum from the 80% interval's σ per day (Σ σ_h², fractional day weighted;
  /// the cumulative mean when the model gives no interval), and the daily 80% and 95%
  /// intervals. Nil when a mean is not finite or the horizon is short.
  static func estimate(forecast f: Forecast, horizon: Int, whole: Int, fraction: Double) -> Estimate? {
    guard f.mean.count == horizon, f.mean.allSatisfy(\.isFinite) else { return nil }
    let means = f.mean.map { max(0, $0) }
    var cumulative = means.prefix(whole).reduce(0, +)
    if whole < horizon { cumulative += fraction * means[whole] }
    var variance = cumulative
    var bands: [Band] = []
    if let band = f.intervals.first {
      variance = 0
      let z = 1.2815515655446004
      for h in 0..<min(whole + 1, horizon) {
        let sigma = max(0, band.upper[h] - band.lower[h]) / (2 * z)
        variance += (h < whole ? 1 : fraction) * sigma * sigma
      }
      if f.intervals.count == 2, band.lower.count == horizon, f.intervals[1].lower.count == horizon {
        let wide = f.intervals[1]
        bands = (0..<horizon).map { Band(lower80: band.lower[$0], upper80: band.upper[$0], lower95: wide.lower[$0], upper95: wide.upper[$0]) }
      }
    }
    return Estimate(means: means, cumulative: cumulative, variance: variance, bands: bands)
  }

  func runningEstimate(sku k: Int, days: Double, horizon: Int) -> Estimate {
    let values = history[k].suffix(settings.historyDays)
    let n = Double(max(values.count, 1))
    let mean = values.reduce(0, +) / n
    let variance = values.count > 1 ? values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1) : mean
    return Estimate(means: Array(repeating: mean, count: horizon), cumulative: mean * days, variance: max(variance, mean) * days, bands: [])
  }
}
