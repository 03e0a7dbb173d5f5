/// One model's forecast from one origin of one series.
public struct BacktestRecord: Sendable, Equatable {
  /// The series index (0 for a single series).
  public var series: Int
  /// The forecaster's name.
  public var model: String
  /// The training window's end (the first forecast step's index).
  public var origin: Int
  /// The training window's start.
  public var trainingStart: Int
  /// Actual values over the horizon.
  public var actual: [Double]
  /// The forecast, or nil when fitting failed.
  public var forecast: Forecast?
  /// Why fitting failed.
  public var failure: String?
  /// The MASE scale of this training window (seasonal naive in-sample MAE).
  public var scale: Double

  /// Errors `actual − forecast` per step (empty on failure).
  public var errors: [Double] {
    guard let f = forecast else { return [] }
    return zip(actual, f.mean).map { $0 - $1 }
  }
  /// This origin's MAE.
  public var mae: Double { forecast.map { AccuracyMetrics.mae(actual: actual, forecast: $0.mean) } ?? .nan }
  /// This origin's MASE.
  public var mase: Double { scale > 0 ? mae / scale : .nan }
}
