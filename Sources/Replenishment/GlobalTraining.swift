import Forecasting

/// How a forecast-driven policy with `"global": true` chooses what one global model trains on at
/// a refit, so the work stays bounded however large the catalogue and history are.
///
/// Each SKU contributes its most recent observed demand (at most `historyDays`). A series of n
/// values gives n − m + 8 training windows for a forecaster whose minimum history is m (at least
/// eight windows each). When the SKUs' windows exceed `maxWindows`, every SKU keeps only its most
/// recent `maxWindows / S` windows (S the SKUs that train); when even eight windows per SKU are
/// too many, S = ⌊maxWindows / 8⌋ SKUs evenly spaced through the catalogue train, and the model
/// still forecasts every SKU. The choice depends only on the observed lengths, never on threads.
public enum GlobalTraining {
  /// The default `maxTrainingWindows`: 4096 windows per refit.
  public static let defaultMaxWindows = 4096

  /// Which SKUs train and how many of their most recent values each uses.
  ///
  /// - Parameters:
  ///   - lengths: Observed values per SKU available for training (already capped by `historyDays`).
  ///   - minimumHistory: The forecaster's minimum history m (eight windows).
  ///   - maxWindows: The cap on windows over all SKUs, at least 8.
  /// - Returns: (SKU index, values to use), in SKU order; empty when no SKU has m values.
  public static func plan(lengths: [Int], minimumHistory m: Int, maxWindows: Int) -> [(sku: Int, length: Int)] {
    let eligible = lengths.indices.filter { lengths[$0] >= m }
    guard !eligible.isEmpty else { return [] }
    let cap = max(8, maxWindows)
    var chosen = eligible
    if eligible.count * 8 > cap {
      let s = cap / 8
      chosen = (0..<s).map { eligible[$0 * eligible.count / s] }
    }
    let perSeries = cap / chosen.count
    return chosen.map { k in (sku: k, length: min(lengths[k], m - 8 + perSeries)) }
  }
}

extension DemandForecastTracker {
  /// The forecaster as a `GlobalForecaster`, when it is one.
  var globalForecaster: (any GlobalForecaster)? { settings.forecaster as? any GlobalForecaster }

  /// Trains the global model on every SKU's recent observed demand (`GlobalTraining.plan`);
  /// nil when the forecaster cannot train globally, no SKU has enough history, or the fit fails
  /// (the SKUs then fall back to the running mean, as a failed per-SKU fit does).
  func trainGlobalModel() -> (any GlobalForecastModel)? {
    guard let forecaster = globalForecaster else { return nil }
    let lengths = history.map { min($0.count, settings.historyDays) }
    let plan = GlobalTraining.plan(lengths: lengths, minimumHistory: forecaster.minimumHistory, maxWindows: settings.maxTrainingWindows)
    guard !plan.isEmpty else { return nil }
    let inputs = plan.map { p -> ForecastInput in
      let values = Array(history[p.sku].suffix(p.length))
      let start = history[p.sku].count - values.count - past[p.sku].count
      return ForecastInput(values: values, seasonalPeriod: settings.seasonalPeriod,
                           covariates: promotionCovariate(sku: p.sku, days: start..<(start + values.count)))
    }
    return try? forecaster.fitGlobalModel(inputs)
  }

  /// The series a forecaster sees for SKU `k` at a refit: its last `historyDays` observed values
  /// and, when used, the promotion covariate through `horizon` days ahead.
  func forecastInput(sku k: Int, horizon: Int) -> ForecastInput {
    let values = Array(history[k].suffix(settings.historyDays))
    // Days of the fitted values and the forecast horizon (negative: before day 0, no known promotions).
    let start = history[k].count - values.count - past[k].count
    let end = history[k].count - past[k].count + horizon
    return ForecastInput(values: values, seasonalPeriod: settings.seasonalPeriod, covariates: promotionCovariate(sku: k, days: start..<end))
  }

  /// The `promotion` covariate (uplift − 1) of SKU `k` over `days` (day 0 = the first simulated
  /// day; negative days are the history's, `pastPromotions`, 0 where unknown), or nil. Per-SKU
  /// fits get it when the SKU has a promotion in those days; a global model needs the same
  /// covariates for every series, so with `global` every SKU gets the column (zeros where it has
  /// no promotions) whenever any SKU has promotions.
  func promotionCovariate(sku k: Int, days: Range<Int>) -> Covariates? {
    guard settings.usePromotionCovariate else { return nil }
    let before = pastPromotions[k], offset = past[k].count
    func value(_ promo: [Double], _ d: Int) -> Double {
      if d >= 0 { return d < promo.count ? promo[d] : 0 }
      let i = offset + d
      return i >= 0 && i < before.count ? before[i] : 0
    }
    if settings.global {
      guard promotions.contains(where: { $0 != nil }) || pastPromotions.contains(where: { !$0.isEmpty }) else { return nil }
      let promo = promotions[k] ?? []
      return Covariates(names: ["promotion"], columns: [days.map { value(promo, $0) }])
    }
    if let promo = promotions[k], days.upperBound > promo.count { return nil }
    let promo = promotions[k] ?? []
    let column = days.map { value(promo, $0) }
    guard column.contains(where: { $0 != 0 }) else { return nil }
    return Covariates(names: ["promotion"], columns: [column])
  }
}
