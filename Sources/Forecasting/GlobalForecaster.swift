/// A forecasting method that can train one model across many series (a global model), as the
/// recurrent networks do; a forecast-driven policy with `"global": true` uses it to fit the whole
/// catalogue at once instead of one model per SKU.
public protocol GlobalForecaster: Forecaster {
  /// Trains one model on every series of `inputs` (equal seasonal periods and covariate names).
  ///
  /// - Throws: `ForecastError` for bad settings, series shorter than `minimumHistory`,
  ///   mismatched series, or a fit that fails.
  func fitGlobalModel(_ inputs: [ForecastInput]) throws(ForecastError) -> any GlobalForecastModel
}

/// A model trained across many series that forecasts any compatible series from its recent values.
public protocol GlobalForecastModel: Sendable {
  /// The fewest recent values a series needs to be forecast.
  var inputLength: Int { get }
  /// Forecasts `horizon` steps past the end of `input.values` with one interval per level, or
  /// nil when the series is not compatible (too short, other covariates or seasonal period).
  func forecastIfCompatible(_ input: ForecastInput, horizon: Int, levels: [Double]) -> Forecast?
}
