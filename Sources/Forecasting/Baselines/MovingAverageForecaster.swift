/// The moving-average forecast: every future value equals the mean of the last `window` values.
///
/// Fitted values are trailing means of the previous `window` values. Intervals use the
/// empirical in-sample `h`-step errors `yₜ₊ₕ₋₁ − mean(yₜ₋w … yₜ₋₁)`, one standard deviation per
/// horizon (root mean square, no mean correction), because no model gives a closed form; beyond
/// the longest horizon with data, the last sd is scaled by `√(h / h_last)`.
public struct MovingAverageForecaster: Forecaster {
  /// `"moving_average"`.
  public var name: String { "moving_average" }
  /// The number of values averaged.
  public var window: Int
  /// `window + 1`, for at least one residual.
  public var minimumHistory: Int { window + 1 }
  /// Creates the forecaster.
  /// - Precondition: `window >= 1`.
  public init(window: Int) {
    precondition(window >= 1, "moving_average: window must be >= 1, got \(window)")
    self.window = window
  }

  /// Fits by averaging the last window.
  /// - Throws: `.historyTooShort` with `window` values or fewer.
  public func fit(_ input: ForecastInput) throws(ForecastError) -> BaselineModel {
    let y = input.values, n = y.count, w = window
    guard n >= w + 1 else { throw .historyTooShort(method: name, needed: w + 1, got: n) }
    // Trailing means: avg[t] = mean(y[t-w..<t]) for t in w...n.
    var avg = Array(repeating: Double.nan, count: n + 1)
    var s = y[0..<w].reduce(0, +)
    avg[w] = s / Double(w)
    for t in (w + 1)...n { s += y[t - 1] - y[t - 1 - w]; avg[t] = s / Double(w) }
    let fitted = (0..<n).map { $0 >= w ? avg[$0] : .nan }
    var stepSigmas: [Double] = []
    for h in 1...max(1, n - w) {
      var sum = 0.0, k = 0
      var t = w
      while t + h - 1 < n { let e = y[t + h - 1] - avg[t]; sum += e * e; k += 1; t += 1 }
      if k < 2 && h > 1 { break }
      stepSigmas.append(k > 0 ? (sum / Double(k)).squareRoot() : 0)
    }
    return BaselineModel(kind: .movingAverage(window: w), sigma: stepSigmas[0], fittedValues: fitted, notes: [],
                         pattern: [avg[n]], historyCount: n, stepSigmas: stepSigmas)
  }
}
