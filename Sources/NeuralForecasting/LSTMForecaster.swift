import Forecasting

/// Forecasts with a stacked LSTM network trained on the series' own windows (name `"lstm"`).
///
/// See `RecurrentForecasterConfiguration` for the hyperparameters and `RecurrentGlobalModel`
/// for how intervals are formed. `fitGlobal` trains one network across many SKUs.
public struct LSTMForecaster: Forecaster {
  /// Hyperparameters.
  public var configuration: RecurrentForecasterConfiguration
  /// Called after each epoch with (epoch, train loss, validation loss), e.g. to print progress on stderr.
  public var progress: (@Sendable (Int, Double, Double?) -> Void)?

  /// Creates the forecaster.
  public init(configuration: RecurrentForecasterConfiguration = .init(),
              progress: (@Sendable (Int, Double, Double?) -> Void)? = nil) {
    self.configuration = configuration
    self.progress = progress
  }

  /// `"lstm"`.
  public var name: String { "lstm" }

  /// One window, the direct horizon and eight training windows.
  public var minimumHistory: Int { configuration.minimumHistory }

  /// Trains on `input` alone and returns the model fitted to it.
  ///
  /// - Throws: `ForecastError` for bad settings, a short history, or divergence.
  public func fit(_ input: ForecastInput) throws(ForecastError) -> FittedRecurrentForecast {
    try fitGlobal([input]).fitted(to: input)
  }

  /// Trains one global network across all `inputs` (per-series scaling keeps levels apart).
  ///
  /// - Throws: `ForecastError` for bad settings, short or mismatched series, or divergence.
  public func fitGlobal(_ inputs: [ForecastInput]) throws(ForecastError) -> RecurrentGlobalModel {
    try RecurrentGlobalModel.train(cell: .lstm, configuration: configuration, inputs: inputs, progress: progress)
  }
}
