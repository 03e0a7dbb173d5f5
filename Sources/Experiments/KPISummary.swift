import Stochastics

/// Mean, standard deviation and a Student-t confidence interval of a KPI across replications.
public struct KPISummary: Sendable, Equatable, Codable {
  /// Sample mean.
  public var mean: Double
  /// Sample standard deviation (0 with one replication).
  public var standardDeviation: Double
  /// Replications.
  public var count: Int
  /// Confidence interval for the mean; nil with one replication.
  public var interval: ConfidenceInterval?

  /// Summarises `values` with a two-sided interval at `level`.
  public init(values: [Double], level: Double = 0.95) {
    count = values.count
    var moments = RunningMoments()
    for v in values { moments.add(v) }
    mean = moments.mean
    standardDeviation = count > 1 ? moments.variance.squareRoot() : 0
    if count > 1 {
      let t = SpecialFunctions.studentTQuantile(0.5 + level / 2, degreesOfFreedom: Double(count - 1))
      let half = t * standardDeviation / Double(count).squareRoot()
      interval = ConfidenceInterval(estimate: mean, lower: mean - half, upper: mean + half, level: level)
    } else {
      interval = nil
    }
  }
}
