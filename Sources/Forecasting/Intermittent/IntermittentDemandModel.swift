/// A fitted intermittent-demand model (Croston, SBA or TSB): a flat forecast of demand per
/// period.
///
/// Prediction intervals are a heuristic, since these methods define no stochastic model
/// (Shenstone & Hyndman 2005): normal bounds from the in-sample one-step RMSE, the same at every
/// step, with the lower bound floored at 0.
public struct IntermittentDemandModel: FittedForecast, Sendable {
  /// The method name: `"croston"`, `"sba"` or `"tsb"`.
  public let method: String
  /// The smoothing constant of demand sizes.
  public let alpha: Double
  /// Croston/SBA: the smoothing constant of inter-demand intervals; TSB: of the demand probability.
  public let beta: Double
  /// The flat point forecast.
  public let level: Double
  /// In-sample one-step RMSE (over steps after the first demand).
  public let rmse: Double
  /// One-step fitted values (NaN up to and including the first demand).
  public let fittedValues: [Double]
  /// Remarks, e.g. an all-zero history.
  public let notes: [String]

  /// A flat forecast with heuristic intervals (see the type's summary).
  public func predict(horizon: Int, levels: [Double]) -> Forecast {
    precondition(horizon >= 1, "predict: horizon must be >= 1, got \(horizon)")
    return .gaussian(mean: Array(repeating: level, count: horizon),
                     standardDeviations: Array(repeating: rmse, count: horizon), levels: levels, lowerLimit: 0)
  }
}
