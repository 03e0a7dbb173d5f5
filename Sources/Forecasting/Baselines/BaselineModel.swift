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

/// The naive forecast: every future value equals the last observation.
///
/// Intervals: `σ̂ √h`, the random-walk variance, with `σ̂² = Σ(yₜ − yₜ₋₁)² / (T − 1)`.
/// - SeeAlso: R. Hyndman, G. Athanasopoulos, *Forecasting: Principles and Practice*, 3rd ed., §5.5, Table 5.2.
public struct NaiveForecaster: Forecaster {
  /// `"naive"`.
  public var name: String { "naive" }
  /// Two observations (one residual).
  public var minimumHistory: Int { 2 }
  /// Creates the forecaster.
  public init() {}

  /// Fits by taking the last value.
  /// - Throws: `.historyTooShort` with fewer than 2 values.
  public func fit(_ input: ForecastInput) throws(ForecastError) -> BaselineModel {
    let y = input.values
    guard y.count >= minimumHistory else { throw .historyTooShort(method: name, needed: minimumHistory, got: y.count) }
    var fitted = [Double.nan]
    fitted += y.dropLast()
    let e = (1..<y.count).map { y[$0] - y[$0 - 1] }
    return BaselineModel(kind: .naive, sigma: residualSigma(e), fittedValues: fitted, notes: [],
                         pattern: [y[y.count - 1]], historyCount: y.count, stepSigmas: [])
  }
}

/// The seasonal naive forecast: each future value equals the last observed value of the same season.
///
/// Intervals: `σ̂ √(⌊(h − 1)/m⌋ + 1)` with `σ̂² = Σ(yₜ − yₜ₋ₘ)² / (T − m)`.
/// With `seasonalPeriod == 1` this is the naive method.
/// - SeeAlso: Hyndman & Athanasopoulos, *FPP* 3rd ed., §5.5, Table 5.2.
public struct SeasonalNaiveForecaster: Forecaster {
  /// `"seasonal_naive"`.
  public var name: String { "seasonal_naive" }
  /// Overrides the input's seasonal period when set.
  public var period: Int?
  /// `m + 1`, needing one residual; computed with `period` or 1 when unset.
  public var minimumHistory: Int { (period ?? 1) + 1 }
  /// Creates the forecaster; `period` nil uses `ForecastInput.seasonalPeriod`.
  public init(period: Int? = nil) {
    if let period { precondition(period >= 1, "seasonal_naive: period must be >= 1, got \(period)") }
    self.period = period
  }

  /// Fits by taking the last season.
  /// - Throws: `.historyTooShort` with `m` values or fewer.
  public func fit(_ input: ForecastInput) throws(ForecastError) -> BaselineModel {
    let y = input.values
    let m = period ?? input.seasonalPeriod
    guard y.count >= m + 1 else { throw .historyTooShort(method: name, needed: m + 1, got: y.count) }
    let fitted = (0..<y.count).map { $0 >= m ? y[$0 - m] : .nan }
    let e = (m..<y.count).map { y[$0] - y[$0 - m] }
    return BaselineModel(kind: .seasonalNaive(period: m), sigma: residualSigma(e), fittedValues: fitted, notes: [],
                         pattern: Array(y.suffix(m)), historyCount: y.count, stepSigmas: [])
  }
}

/// The mean forecast: every future value equals the historical mean.
///
/// Intervals: `σ̂ √(1 + 1/T)` with `σ̂² = Σ(yₜ − ȳ)² / (T − 1)`.
/// - SeeAlso: Hyndman & Athanasopoulos, *FPP* 3rd ed., §5.5, Table 5.2.
public struct MeanForecaster: Forecaster {
  /// `"mean"`.
  public var name: String { "mean" }
  /// Two observations, for a variance.
  public var minimumHistory: Int { 2 }
  /// Creates the forecaster.
  public init() {}

  /// Fits by averaging.
  /// - Throws: `.historyTooShort` with fewer than 2 values.
  public func fit(_ input: ForecastInput) throws(ForecastError) -> BaselineModel {
    let y = input.values
    guard y.count >= minimumHistory else { throw .historyTooShort(method: name, needed: minimumHistory, got: y.count) }
    let mean = y.reduce(0, +) / Double(y.count)
    return BaselineModel(kind: .mean, sigma: residualSigma(y.map { $0 - mean }, parameters: 1),
                         fittedValues: Array(repeating: mean, count: y.count), notes: [],
                         pattern: [mean], historyCount: y.count, stepSigmas: [])
  }
}

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
