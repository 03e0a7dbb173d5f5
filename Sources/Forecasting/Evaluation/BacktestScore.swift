/// Aggregate accuracy of one model over all its successful records.
public struct BacktestScore: Sendable, Equatable {
  /// The model's name.
  public var model: String
  /// Origins forecast successfully.
  public var forecasts: Int
  /// Origins where fitting failed.
  public var failures: Int
  /// Pooled MAE over every step of every origin.
  public var mae: Double
  /// Pooled RMSE.
  public var rmse: Double
  /// Pooled MAPE (zero actuals skipped), percent.
  public var mape: Double
  /// Pooled sMAPE, percent.
  public var smape: Double
  /// Mean over origins of each origin's MASE (scaled by its own training window).
  public var mase: Double
  /// Pooled mean error `actual − forecast`.
  public var bias: Double
  /// Empirical coverage per requested level, in the order of `Backtest.levels`.
  public var coverage: [Double]
  /// Pinball loss per quantile `(1 ∓ level)/2` of the interval bounds: for each level, the
  /// lower bound's then the upper bound's; `pinballQuantiles` names them.
  public var pinball: [Double]
  /// The quantile levels scored in `pinball`.
  public var pinballQuantiles: [Double]
}
