/// A forecasting method: fits a model to a history and hands back something that can predict.
///
/// Only a fitted model has `predict`, so "predict before fit" cannot be written. Forecasters are
/// value types holding their settings (orders, smoothing bounds, seasonal period...); fitting
/// never mutates them, so one forecaster can fit many series concurrently.
public protocol Forecaster: Sendable {
  /// The fitted model this forecaster produces.
  associatedtype Model: FittedForecast
  /// The name scenarios and the CLI use for this method, e.g. `"arima"`.
  var name: String { get }
  /// The fewest observations `fit` accepts.
  var minimumHistory: Int { get }
  /// Fits the method to a series.
  ///
  /// - Parameter input: The observed values, their seasonal period and any known covariates.
  /// - Returns: A model that predicts beyond the end of `input.values`.
  /// - Throws: `ForecastError` when the history is too short or the fit fails.
  func fit(_ input: ForecastInput) throws(ForecastError) -> Model
}

extension Forecaster {
  /// Fits to a plain history with no seasonality or covariates.
  public func fit(_ history: [Double]) throws(ForecastError) -> Model {
    try fit(ForecastInput(values: history))
  }
}

/// A fitted model: it predicts a horizon as point forecasts plus prediction intervals.
public protocol FittedForecast: Sendable {
  /// Predicts the next `horizon` values.
  ///
  /// - Parameters:
  ///   - horizon: How many steps past the end of the history, at least 1.
  ///   - levels: Central interval coverages in (0, 1), e.g. `[0.8, 0.95]`.
  /// - Returns: The point forecast and one interval per level, in the order given.
  func predict(horizon: Int, levels: [Double]) -> Forecast
  /// In-sample one-step-ahead fitted values, aligned with the history (NaN where undefined).
  var fittedValues: [Double] { get }
  /// Notes a user should see: fallbacks taken, parameters that hit bounds, flagged outliers.
  var notes: [String] { get }
}

extension FittedForecast {
  /// No notes unless a model says otherwise.
  public var notes: [String] { [] }
}

extension FittedForecast {
  /// Predicts like `predict(horizon:levels:)`, but checks the request and the result and
  /// throws a sentence instead of trapping or returning non-finite numbers.
  ///
  /// Use it where the horizon and levels come from a user (a command line, a scenario) and
  /// where the history may be extreme: a trend on values near 1e308 can leave the range of
  /// `Double` within the horizon.
  /// - Parameters:
  ///   - horizon: Steps ahead, at least 1.
  ///   - levels: Central coverages, each in (0, 1).
  ///   - method: The name used in messages, e.g. `"holt"`.
  /// - Returns: The forecast, every number of it finite.
  /// - Throws: `.invalidInput` for a horizon below 1 or a level outside (0, 1);
  ///   `.fitFailed` naming the first step whose point forecast or bound is not finite.
  public func checkedPredict(horizon: Int, levels: [Double], method: String = "forecast") throws(ForecastError) -> Forecast {
    guard horizon >= 1 else { throw .invalidInput("\(method): horizon must be >= 1, got \(horizon)") }
    if let bad = levels.first(where: { !($0 > 0 && $0 < 1) }) {
      throw .invalidInput("\(method): prediction levels must be in (0, 1) (e.g. 0.8 for 80%), got \(bad)")
    }
    let forecast = predict(horizon: horizon, levels: levels)
    func check(_ values: [Double], _ what: String) throws(ForecastError) {
      if let h = values.firstIndex(where: { !$0.isFinite }) {
        throw .fitFailed("\(method): the \(what) at step \(h + 1) is \(values[h]), beyond the range of Double; "
                         + "shorten the horizon or rescale the series")
      }
    }
    try check(forecast.mean, "point forecast")
    for interval in forecast.intervals {
      try check(interval.lower, "lower \(interval.level) bound")
      try check(interval.upper, "upper \(interval.level) bound")
    }
    return forecast
  }
}
