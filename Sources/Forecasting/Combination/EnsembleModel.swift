/// A fitted ensemble.
public struct EnsembleModel: FittedForecast, Sendable {
  /// The fitted members.
  public let members: [any FittedForecast]
  /// Their forecasters' names, in the same order.
  public let memberNames: [String]
  /// The combination rule.
  public let combination: EnsembleForecaster.Combination
  /// Members' notes (prefixed by member name) and left-out members.
  public let notes: [String]

  /// Combined fitted values: the rule applied to the members' finite values at each step.
  public var fittedValues: [Double] {
    let n = members.map(\.fittedValues.count).max() ?? 0
    return (0..<n).map { t in
      combine(members.compactMap { t < $0.fittedValues.count && $0.fittedValues[t].isFinite ? $0.fittedValues[t] : nil })
    }
  }

  /// Combined point forecasts and bound-by-bound combined intervals.
  public func predict(horizon: Int, levels: [Double]) -> Forecast {
    let forecasts = members.map { $0.predict(horizon: horizon, levels: levels) }
    let mean = (0..<horizon).map { h in combine(forecasts.map { $0.mean[h] }) }
    let intervals = levels.map { level in
      let ivs = forecasts.compactMap { $0.interval(level: level) }
      return PredictionInterval(level: level,
                                lower: (0..<horizon).map { h in combine(ivs.map { $0.lower[h] }) },
                                upper: (0..<horizon).map { h in combine(ivs.map { $0.upper[h] }) })
    }
    return Forecast(mean: mean, intervals: intervals)
  }

  func combine(_ values: [Double]) -> Double {
    guard !values.isEmpty else { return .nan }
    switch combination {
    case .mean: return values.reduce(0, +) / Double(values.count)
    case .median: return median(values)
    }
  }
}

/// The median of a non-empty array (mean of the middle two for an even count).
func median(_ values: [Double]) -> Double {
  precondition(!values.isEmpty, "median of an empty array")
  let s = values.sorted()
  let n = s.count
  return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2])
}
