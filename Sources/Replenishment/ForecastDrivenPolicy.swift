import Forecasting
import SupplyModel

/// A reorder-point-family policy whose levels come from a forecaster fitted to the demand the
/// policy has observed so far (never the future), refitted every `retrainEvery` days.
///
/// At a refit on day t, each SKU's forecaster predicts days t+1…t+H. The mean over the protection
/// interval P (lead time, plus R − 1 for periodic review) is the sum of those point forecasts; the
/// spread is the forecaster's own: the root mean square of its realised P-day cumulative errors
/// once eight of them exist, and before that Σ σ_h² with σ_h read off the forecaster's 80%
/// prediction interval. Lead-time variance adds μ̄²·Var(L). The levels then follow the policy's
/// target exactly as for static policies (`PolicyPlanner`). Until the forecaster has its minimum
/// history, or if a fit fails, the levels come from the running mean and variance of observed
/// demand.
public struct ForecastDrivenPolicy: ReplenishmentPolicy {
  /// Report label.
  public var name: String
  /// The family, target and lot sizing.
  public let specification: PolicySpecification
  /// How to forecast.
  public let settings: ForecastSettings
  /// What the policy knows of each SKU besides demand: lead time and costs.
  let skuData: [PlanningData]
  /// Known promotion uplift − 1 per SKU and day (horizon plus a margin), nil when none.
  let promotions: [[Double]?]
  /// Days before measurement starts: errors count only after it.
  let warmUpDays: Int

  var history: [[Double]]
  var planned: PlannedPolicy?
  var forecastDay = -1
  var forecastMeans: [[Double]]
  var pending: [[(due: Int, start: Int, forecast: Double)]]
  var realized: [[Double]]
  var errors: ForecastErrorTotals
  /// Refits whose forecaster failed and fell back to the running mean.
  public private(set) var failedFits = 0

  /// Creates the policy.
  ///
  /// - Parameters:
  ///   - specification: Family, target, lot sizing, review period and overrides.
  ///   - settings: The forecaster and its cadence.
  ///   - skuData: Per SKU lead-time moments and costs (the demand fields are ignored).
  ///   - promotions: Per SKU known promotion uplifts − 1 by day, or nil.
  ///   - warmUpDays: Days excluded from the error totals.
  public init(specification: PolicySpecification, settings: ForecastSettings, skuData: [PlanningData],
              promotions: [[Double]?], warmUpDays: Int) {
    precondition(promotions.count == skuData.count, "one promotion column (or nil) per SKU")
    name = specification.name
    self.specification = specification
    self.settings = settings
    self.skuData = skuData
    self.promotions = promotions
    self.warmUpDays = warmUpDays
    let n = skuData.count
    history = Array(repeating: [], count: n)
    forecastMeans = Array(repeating: [], count: n)
    pending = Array(repeating: [], count: n)
    realized = Array(repeating: [], count: n)
    errors = ForecastErrorTotals(skuCount: n)
  }

  /// The forecast errors so far.
  public var forecastErrors: ForecastErrorTotals? { errors }

  /// The same policy for the SKUs in `range`, with fresh state.
  public func restricted(to range: Range<Int>) -> ForecastDrivenPolicy {
    ForecastDrivenPolicy(specification: specification, settings: settings, skuData: Array(skuData[range]),
                         promotions: Array(promotions[range]), warmUpDays: warmUpDays)
  }

  /// Protection interval of SKU k in days (mean lead time + R − 1).
  func protectionDays(_ k: Int) -> Double {
    max(0, skuData[k].leadTimeMean + Double(specification.effectiveReviewPeriod - 1))
  }

  /// Records the day's demand, scores yesterday's forecasts, and settles matured cumulative errors.
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
        for d in first.start...first.due { total += history[k][d] }
        realized[k].append(total - first.forecast)
        if realized[k].count > 26 { realized[k].removeFirst() }
      }
    }
  }

  /// Refits on schedule, then orders as the planned family would.
  public mutating func decide(_ state: InventoryState, day: Int, orders: inout [Int]) {
    if planned == nil || day % settings.retrainEvery == 0 { refit(day: day) }
    planned!.decide(state, day: day, orders: &orders)
  }

  mutating func refit(day: Int) {
    var data = skuData
    let maxProtection = (0..<skuData.count).map(protectionDays).max() ?? 1
    let horizon = max(settings.retrainEvery, Int(maxProtection.rounded(.down)) + 1)
    for k in 0..<skuData.count {
      let p = protectionDays(k)
      let whole = Int(p.rounded(.down))
      let fraction = p - Double(whole)
      var estimate: (cumulative: Double, variance: Double, means: [Double])?
      if history[k].count >= max(settings.forecaster.minimumHistory, 2 * settings.seasonalPeriod, 14) {
        estimate = forecast(sku: k, day: day, horizon: horizon, whole: whole, fraction: fraction)
        if estimate == nil { failedFits += 1 }
      }
      let (cumulative, varianceFromIntervals, means) = estimate ?? runningEstimate(sku: k, days: p, horizon: horizon)
      forecastMeans[k] = means
      var variance = varianceFromIntervals
      if realized[k].count >= 8 {
        variance = realized[k].reduce(0) { $0 + $1 * $1 } / Double(realized[k].count)
      }
      if whole >= 1 {
        pending[k].append((due: day + whole, start: day + 1, forecast: means.prefix(whole).reduce(0, +)))
      }
      let meanPerDay = p > 0 ? cumulative / p : (means.first ?? 0)
      data[k].meanPerDay = max(0, meanPerDay)
      data[k].variancePerDay = p > 0 ? max(0, variance) / p : max(0, variance)
      data[k].exactPoisson = false
    }
    forecastDay = day
    planned = PolicyPlanner.plan(specification, data: data)
  }

  /// Fits the forecaster to SKU k's recent history; nil if the fit fails.
  func forecast(sku k: Int, day: Int, horizon: Int, whole: Int, fraction: Double) -> (Double, Double, [Double])? {
    let values = Array(history[k].suffix(settings.historyDays))
    let start = history[k].count - values.count
    var covariates: Covariates?
    if settings.usePromotionCovariate, let promo = promotions[k] {
      let end = min(promo.count, history[k].count + horizon)
      if end == history[k].count + horizon, promo[start..<end].contains(where: { $0 != 0 }) {
        covariates = Covariates(names: ["promotion"], columns: [Array(promo[start..<end])])
      }
    }
    let input = ForecastInput(values: values, seasonalPeriod: settings.seasonalPeriod, covariates: covariates)
    guard let model = try? settings.forecaster.fit(input) else { return nil }
    let f = model.predict(horizon: horizon, levels: [0.8])
    guard f.mean.count == horizon, f.mean.allSatisfy(\.isFinite) else { return nil }
    let means = f.mean.map { max(0, $0) }
    var cumulative = means.prefix(whole).reduce(0, +)
    if whole < horizon { cumulative += fraction * means[whole] }
    var variance = 0.0
    if let band = f.intervals.first {
      let z = 1.2815515655446004
      for h in 0..<min(whole + 1, horizon) {
        let sigma = max(0, band.upper[h] - band.lower[h]) / (2 * z)
        variance += (h < whole ? 1 : fraction) * sigma * sigma
      }
    } else {
      variance = cumulative
    }
    return (cumulative, variance, means)
  }

  /// The running mean and variance of observed demand (Poisson-like floor), as a fallback.
  func runningEstimate(sku k: Int, days: Double, horizon: Int) -> (Double, Double, [Double]) {
    let values = history[k].suffix(settings.historyDays)
    let n = Double(max(values.count, 1))
    let mean = values.reduce(0, +) / n
    let variance = values.count > 1 ? values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1) : mean
    return (mean * days, max(variance, mean) * days, Array(repeating: mean, count: horizon))
  }
}
