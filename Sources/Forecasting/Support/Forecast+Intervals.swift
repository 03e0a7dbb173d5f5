extension Forecast {
  /// A forecast whose step-`h` distribution is normal with the given mean and standard deviation.
  ///
  /// - Parameters:
  ///   - mean: The point forecasts.
  ///   - standardDeviations: The forecast standard deviation per step.
  ///   - levels: Central coverages in (0, 1).
  ///   - degreesOfFreedom: When given, Student-t quantiles with these degrees of freedom
  ///     replace the normal ones (for regressions with estimated variance).
  ///   - lowerLimit: Optional floor for the bounds (0 for non-negative demand).
  /// - Returns: `mean ± q · sd` per level, `q` the `(1 + level)/2` quantile.
  public static func gaussian(mean: [Double], standardDeviations: [Double], levels: [Double],
                              degreesOfFreedom: Double? = nil, lowerLimit: Double? = nil) -> Forecast {
    precondition(mean.count == standardDeviations.count, "Forecast.gaussian: \(mean.count) means, \(standardDeviations.count) sds")
    let intervals = levels.map { level -> PredictionInterval in
      precondition(level > 0 && level < 1, "prediction level must be in (0, 1), got \(level)")
      let p = (1 + level) / 2
      let q = degreesOfFreedom.map { StudentT(degreesOfFreedom: $0).quantile(p) } ?? StandardNormal.quantile(p)
      var lower = zip(mean, standardDeviations).map { $0 - q * $1 }
      if let floor = lowerLimit { lower = lower.map { max($0, floor) } }
      return PredictionInterval(level: level, lower: lower, upper: zip(mean, standardDeviations).map { $0 + q * $1 })
    }
    return Forecast(mean: mean, intervals: intervals)
  }

  /// The interval with the given level, if present (levels compared within 1e-9).
  public func interval(level: Double) -> PredictionInterval? {
    intervals.first { abs($0.level - level) < 1e-9 }
  }

  /// The forecast's `p`-quantile per step, read from the intervals: the lower bound of the
  /// level `1 − 2p` interval for `p < ½`, the upper bound of level `2p − 1` for `p > ½`, and
  /// the point forecast for `p = ½` (exact for symmetric predictive distributions).
  ///
  /// - Returns: nil when no interval gives that quantile.
  public func quantile(_ p: Double) -> [Double]? {
    if abs(p - 0.5) < 1e-12 { return mean }
    if p < 0.5 { return interval(level: 1 - 2 * p)?.lower }
    return interval(level: 2 * p - 1)?.upper
  }
}
