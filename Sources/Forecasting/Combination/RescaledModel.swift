/// A model fitted to a normalised series; it predicts in the series' own units.
public struct RescaledModel<Base: FittedForecast>: FittedForecast {
  /// The model fitted to `values / scale.factor`.
  public let base: Base
  /// The factor the series was divided by (1 when it was not rescaled).
  public let scale: SeriesScale

  /// The base model's fitted values, in the series' units.
  public var fittedValues: [Double] { scale.restored(base.fittedValues) }
  /// A line saying the series was rescaled (when it was), then the base model's notes.
  public var notes: [String] {
    let line = scale.isIdentity ? [] :
      ["fitted on the series divided by \(scale.label) (its magnitude is far from 1); forecasts are in the original units"]
    return line + base.notes
  }

  /// The base model's forecast, multiplied back by the factor.
  public func predict(horizon: Int, levels: [Double]) -> Forecast {
    scale.restored(base.predict(horizon: horizon, levels: levels))
  }
}
