import Forecasting
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
  var pending: [[(due: Int, start: Int, forecast: Double)]]
  var realized: [[Double]]
  /// Daily forecast errors after warm-up.
  public private(set) var errors: ForecastErrorTotals
  /// Fits that failed and fell back to the running mean.
  public private(set) var failedFits = 0

  /// Creates a tracker for `skuCount` SKUs.
  ///
  /// - Parameter past: Per SKU, demand observed before day 0 (oldest first), which the
  ///   forecasters fit on from the first refit (a warm start); nil or empty arrays: none.
  public init(settings: ForecastSettings, promotions: [[Double]?], warmUpDays: Int, past: [[Double]]? = nil) {
    self.init(settings: settings, promotions: promotions, warmUpDays: warmUpDays, bias: 1, past: past)
  }

  /// Creates a tracker whose forecasts are all multiplied by `bias`.
  package init(settings: ForecastSettings, promotions: [[Double]?], warmUpDays: Int, bias: Double, past: [[Double]]? = nil) {
    self.settings = settings
    self.promotions = promotions
    self.warmUpDays = warmUpDays
    self.bias = bias
    let n = promotions.count
    precondition(past == nil || past!.count == n, "one past series (possibly empty) per SKU")
    self.past = past ?? Array(repeating: [], count: n)
    history = self.past
    forecastMeans = Array(repeating: [], count: n)
    pending = Array(repeating: [], count: n)
    realized = Array(repeating: [], count: n)
    errors = ForecastErrorTotals(skuCount: n)
  }

  /// The same tracker for the SKUs in `range`, with fresh state.
  public func restricted(to range: Range<Int>) -> DemandForecastTracker {
    DemandForecastTracker(settings: settings, promotions: Array(promotions[range]), warmUpDays: warmUpDays, bias: bias, past: Array(past[range]))
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
      }
      history[k].append(actual)
      while let first = pending[k].first, first.due <= day {
        pending[k].removeFirst()
        var total = 0.0
        for d in first.start...first.due { total += history[k][past[k].count + d] }
        realized[k].append(total - first.forecast)
        if realized[k].count > 26 { realized[k].removeFirst() }
      }
    }
  }

  /// The forecast for one SKU after a refit.
  public struct Estimate: Sendable {
    /// Point forecasts for days t+1…t+horizon.
    public var means: [Double]
    /// Their sum over the protection interval (fractional last day weighted).
    public var cumulative: Double
    /// The variance of demand over the protection interval by the forecaster's own errors.
    public var variance: Double
  }

  /// Refits every SKU on day `day` and returns, per SKU, forecasts over `horizon` days and the
  /// mean and variance of demand over its protection interval `protection[k]` (days).
  ///
  /// The variance is the mean square of the SKU's last realised cumulative errors once eight
  /// exist, else Σ σ_h² with σ_h from the forecaster's 80% interval. Until the forecaster has
  /// its minimum history, or when a fit fails, the running mean and variance of observed demand
  /// stand in.
  public mutating func refit(day: Int, horizon: Int, protection: [Double]) -> [Estimate] {
    var out: [Estimate] = []
    let globalModel = settings.global ? trainGlobalModel() : nil
    for k in 0..<skuCount {
      let p = protection[k]
      let whole = Int(p.rounded(.down))
      let fraction = p - Double(whole)
      var estimate: Estimate?
      if history[k].count >= max(settings.forecaster.minimumHistory, 2 * settings.seasonalPeriod, 14) {
        estimate = forecast(sku: k, horizon: max(horizon, whole + 1), whole: whole, fraction: fraction, global: globalModel)
        if estimate == nil { failedFits += 1 }
      }
      var e = estimate ?? runningEstimate(sku: k, days: p, horizon: max(horizon, whole + 1))
      if bias != 1 {
        e.means = e.means.map { $0 * bias }
        e.cumulative *= bias
      }
      if realized[k].count >= 8 {
        e.variance = realized[k].reduce(0) { $0 + $1 * $1 } / Double(realized[k].count)
      }
      if whole >= 1 {
        pending[k].append((due: day + whole, start: day + 1, forecast: e.means.prefix(whole).reduce(0, +)))
      }
      forecastMeans[k] = e.means
      out.append(e)
    }
    forecastDay = day
    return out
  }

  func forecast(sku k: Int, horizon: Int, whole: Int, fraction: Double, global: (any GlobalForecastModel)? = nil) -> Estimate? {
    let input = forecastInput(sku: k, horizon: horizon)
    let f: Forecast
    if settings.global {
      guard let g = global, let out = g.forecastIfCompatible(input, horizon: horizon, levels: [0.8]) else { return nil }
      f = out
    } else {
      guard let model = try? settings.forecaster.fit(input) else { return nil }
      f = model.predict(horizon: horizon, levels: [0.8])
    }
    guard f.mean.count == horizon, f.mean.allSatisfy(\.isFinite) else { return nil }
    let means = f.mean.map { max(0, $0) }
    var cumulative = means.prefix(whole).reduce(0, +)
    if whole < horizon { cumulative += fraction * means[whole] }
    var variance = cumulative
    if let band = f.intervals.first {
      variance = 0
      let z = 1.2815515655446004
      for h in 0..<min(whole + 1, horizon) {
        let sigma = max(0, band.upper[h] - band.lower[h]) / (2 * z)
        variance += (h < whole ? 1 : fraction) * sigma * sigma
      }
    }
    return Estimate(means: means, cumulative: cumulative, variance: variance)
  }

  func runningEstimate(sku k: Int, days: Double, horizon: Int) -> Estimate {
    let values = history[k].suffix(settings.historyDays)
    let n = Double(max(values.count, 1))
    let mean = values.reduce(0, +) / n
    let variance = values.count > 1 ? values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1) : mean
    return Estimate(means: Array(repeating: mean, count: horizon), cumulative: mean * days, variance: max(variance, mean) * days)
  }
}
