#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Forecasting

/// Turns one series into network inputs: scaled values plus covariate and seasonal features.
///
/// The features of window position τ are: the value at τ, scaled; every covariate at τ + 1
/// (the step the network predicts from τ: a promotion known for tomorrow), standardised by the
/// column's mean and deviation over all its rows; and sin/cos of 2π((τ + 1) mod m)/m for
/// seasonal period m. Covariate rows past the end read as 0 (the column mean).
struct SeriesWindows {
  let values: [Double]
  let period: Int
  let seasonal: Bool
  let covariates: [[Double]]
  let covariateMean: [Double]
  let covariateScale: [Double]
  let scaling: ScalingMode
  let seriesLocation: Double
  let seriesScale: Double

  init(input: ForecastInput, configuration: RecurrentForecasterConfiguration) {
    values = input.values
    period = input.seasonalPeriod
    seasonal = configuration.seasonalFeatures && input.seasonalPeriod > 1
    covariates = input.covariates?.columns ?? []
    var means: [Double] = [], scales: [Double] = []
    for column in covariates {
      let (m, s) = Self.meanAndDeviation(column[...])
      means.append(m)
      scales.append(s > 0 ? s : 1)
    }
    covariateMean = means
    covariateScale = scales
    scaling = configuration.scaling
    let (m, s) = Self.meanAndDeviation(input.values[...])
    seriesLocation = m
    seriesScale = Self.floored(s, level: m)
  }

  /// Features per time step.
  static func featureCount(covariates: Int, seasonal: Bool) -> Int { 1 + covariates + (seasonal ? 2 : 0) }
  var featureCount: Int { Self.featureCount(covariates: covariates.count, seasonal: seasonal) }

  static func meanAndDeviation(_ x: ArraySlice<Double>) -> (Double, Double) {
    if x.isEmpty { return (0, 0) }
    var sum = 0.0
    for v in x { sum += v }
    let mean = sum / Double(x.count)
    var squares = 0.0
    for v in x { squares += (v - mean) * (v - mean) }
    return (mean, (squares / Double(x.count)).squareRoot())
  }

  /// A deviation floored so flat windows do not divide by zero.
  static func floored(_ s: Double, level: Double) -> Double { max(s, 1e-3 * max(abs(level), 1)) }

  /// Location and scale for the window of `values` ending at `end` (inclusive).
  func scale(window: ArraySlice<Double>) -> (location: Double, scale: Double) {
    switch scaling {
    case .series: return (seriesLocation, seriesScale)
    case .window:
      let (m, s) = Self.meanAndDeviation(window)
      return (m, Self.floored(s, level: m))
    }
  }

  /// Appends the `window.count × featureCount` features of a window whose first value sits at
  /// absolute index `start`.
  func appendFeatures<T: NeuralScalar>(window: ArraySlice<Double>, start: Int, location: Double, scale: Double,
                                       to out: inout [T]) {
    for (offset, v) in window.enumerated() {
      let tau = start + offset
      out.append(T((v - location) / scale))
      for (j, column) in covariates.enumerated() {
        let x = tau + 1 < column.count ? (column[tau + 1] - covariateMean[j]) / covariateScale[j] : 0
        out.append(T(x))
      }
      if seasonal {
        let phase = 2 * Double.pi * Double((tau + 1) % period) / Double(period)
        out.append(T(sin(phase)))
        out.append(T(cos(phase)))
      }
    }
  }
}
