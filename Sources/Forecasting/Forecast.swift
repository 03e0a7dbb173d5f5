/// A point forecast with prediction intervals.
public struct Forecast: Sendable, Equatable {
  /// The point forecast (the mean, or the median where a model says so), one value per step.
  public var mean: [Double]
  /// Prediction intervals, one per requested level.
  public var intervals: [PredictionInterval]

  /// Creates a forecast.
  public init(mean: [Double], intervals: [PredictionInterval] = []) {
    self.mean = mean
    self.intervals = intervals
  }

  /// The number of steps forecast.
  public var horizon: Int { mean.count }
}

/// A central prediction interval at one coverage level.
public struct PredictionInterval: Sendable, Equatable {
  /// The nominal coverage in (0, 1), e.g. 0.95.
  public var level: Double
  /// Lower bounds, one per step.
  public var lower: [Double]
  /// Upper bounds, one per step.
  public var upper: [Double]

  /// Creates an interval.
  public init(level: Double, lower: [Double], upper: [Double]) {
    self.level = level
    self.lower = lower
    self.upper = upper
  }
}
