import Forecasting

/// How a forecast-driven policy forecasts: the method, how often it refits, on how much history.
public struct ForecastSettings: Sendable, Equatable {
  /// The forecasting method, resolved once.
  public var forecaster: any Forecaster
  /// A label for reports, e.g. `"auto_ets"`.
  public var label: String
  /// Days between refits, at least 1.
  public var retrainEvery: Int
  /// The most recent days of observed demand a fit uses.
  public var historyDays: Int
  /// The seasonal period handed to the forecaster (7 for a weekly cycle in daily data).
  public var seasonalPeriod: Int
  /// Pass known promotion uplifts as a covariate named `promotion` (uplift − 1 on promotion days).
  public var usePromotionCovariate: Bool
  /// Train one model across every SKU at each refit (the forecaster must be a
  /// `GlobalForecaster`: `lstm`, `gru`) instead of one model per SKU; see `GlobalTraining`.
  public var global: Bool = false
  /// With `global`: the most training windows one refit uses over all SKUs (bounds the work).
  public var maxTrainingWindows: Int = GlobalTraining.defaultMaxWindows
  /// How the spread behind safety stock is calibrated (`"calibration"` in a scenario).
  public var calibration: Calibration = .none

  /// Calibration of the forecast-error spread a policy sets safety stock with.
  public enum Calibration: String, Sendable, Equatable, CaseIterable {
    /// The forecaster's own spread (its 80% interval, then the realised errors' mean square).
    case none
    /// That spread scaled by split-conformal quantiles of past standardised errors over the
    /// protection interval (`ConformalScores`): seeded on the sales history before day 0, then
    /// updated with every simulated error as it matures.
    case conformal
  }

  /// Settings are equal when their labels and cadence agree (the label names the method and
  /// its parameters).
  public static func == (a: ForecastSettings, b: ForecastSettings) -> Bool {
    a.label == b.label && a.retrainEvery == b.retrainEvery && a.historyDays == b.historyDays
      && a.seasonalPeriod == b.seasonalPeriod && a.usePromotionCovariate == b.usePromotionCovariate
      && a.global == b.global && a.maxTrainingWindows == b.maxTrainingWindows && a.calibration == b.calibration
  }

  /// Creates settings.
  public init(forecaster: any Forecaster, label: String, retrainEvery: Int = 7, historyDays: Int = 365,
              seasonalPeriod: Int = 7, usePromotionCovariate: Bool = true, calibration: Calibration = .none) {
    precondition(retrainEvery >= 1, "retrainEvery must be >= 1, got \(retrainEvery)")
    precondition(historyDays >= 2, "historyDays must be >= 2, got \(historyDays)")
    self.forecaster = forecaster
    self.label = label
    self.retrainEvery = retrainEvery
    self.historyDays = historyDays
    self.seasonalPeriod = seasonalPeriod
    self.usePromotionCovariate = usePromotionCovariate
    self.calibration = calibration
  }
}
