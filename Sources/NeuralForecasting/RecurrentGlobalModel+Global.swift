import Forecasting

extension RecurrentGlobalModel: GlobalForecastModel {
  /// The network's input window.
  public var inputLength: Int { configuration.window }

  /// `forecast(_:horizon:levels:)` after `check`: nil for an incompatible series or a bad request.
  public func forecastIfCompatible(_ input: ForecastInput, horizon: Int, levels: [Double]) -> Forecast? {
    guard horizon >= 1, levels.allSatisfy({ $0 > 0 && $0 < 1 }) else { return nil }
    do { try check(input) } catch { return nil }
    return forecast(input, horizon: horizon, levels: levels)
  }
}

extension LSTMForecaster: GlobalForecaster {
  /// `fitGlobal(_:)`.
  public func fitGlobalModel(_ inputs: [ForecastInput]) throws(ForecastError) -> any GlobalForecastModel {
    try fitGlobal(inputs)
  }
}

extension GRUForecaster: GlobalForecaster {
  /// `fitGlobal(_:)`.
  public func fitGlobalModel(_ inputs: [ForecastInput]) throws(ForecastError) -> any GlobalForecastModel {
    try fitGlobal(inputs)
  }
}
