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
