/// A fitted baseline (naive, seasonal naive, mean, moving average): flat or repeating point
/// forecasts with normal prediction intervals scaled from the residual standard deviation.
public struct BaselineModel: FittedForecast, Sendable {
  /// Which baseline was fitted.
  public enum Kind: Sendable, Equatable {
    /// The last value, repeated.
    case naive
    /// The value one season back, repeated every `period` steps.
    case seasonalNaive(period: Int)
    /// The mean of the whole history.
    case mean
    /// The mean of the last `window` values.
    case movingAverage(window: Int)
  }

  /// The method.
  public let kind: Kind
  /// The one-step residual standard deviation `σ̂`.
  public let sigma: Double
  /// In-sample one-step fitted values (NaN for the first steps where the method is undefined).
  public let fittedValues: [Double]
  /// Notes for the user.
  public let notes: [String]
  // The values the forecast repeats: the last season (or the single level).
  let pattern: [Double]
  let historyCount: Int
  // Moving average only: h-step in-sample error sds, index h-1.
  let stepSigmas: [Double]

  /// Point forecasts plus normal intervals (see each forecaster for its variance formula).
  public func predict(horizon: Int, levels: [Double]) -> Forecast {
    precondition(horizon >= 1, "predict: horizon must be >= 1, got \(horizon)")
    let mean = (0..<horizon).map { pattern[$0 % pattern.count] }
    let sds: [Double] = (1...horizon).map { h in
      switch kind {
      case .naive: sigma * Double(h).squareRoot()
      case let .seasonalNaive(m): sigma * Double((h - 1) / m + 1).squareRoot()
      case .mean: sigma * (1 + 1 / Double(historyCount)).squareRoot()
      case .movingAverage:
        if h <= stepSigmas.count { stepSigmas[h - 1] } else {
          (stepSigmas.last ?? sigma) * (Double(h) / Double(max(stepSigmas.count, 1))).squareRoot()
        }
      }
    }
    return .gaussian(mean: mean, standardDeviations: sds, levels: levels)
  }
}

/// Root mean square of the finite entries of `e`, dividing by `count − parameters`.
func residualSigma(_ e: [Double], parameters: Int = 0) -> Double {
  var s = 0.0, k = 0
  for v in e where v.isFinite { s += v * v; k += 1 }
  let dof = k - parameters
  return dof > 0 ? (s / Double(dof)).squareRoot() : 0
}
