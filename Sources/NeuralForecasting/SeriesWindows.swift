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
    seriesScale = Self.floored(s, level: m, magnitude: Self.magnitude(input.values[...]))
  }

  /// Features per time step.
  static func featureCount(covariates: Int, seasonal: Bool) -> Int { 1 + covariates + (seasonal ? 2 : 0) }
  var featureCount: Int { Self.featureCount(covariates: covariates.count, seasonal: seasonal) }

  static func meanAndDeviation(_ x: ArraySlice<Double>) -> (Double, Double) {
    if x.isEmpty { return (0, 0) }
    // Values far from 1 (near 1e200 the squares overflow, near 1e-300 they underflow): the same
    // sums on the values divided by a power of two (exact), scaled back.
    let largest = magnitude(x)
    if largest > 0 && !SeriesScale.neutralBand.contains(largest) {
      let scale = SeriesScale(Array(x))
      let (m, s) = meanAndDeviation(scale.normalized(Array(x))[...])
      return (m * scale.factor, s * scale.factor)
    }
    var sum = 0.0
    for v in x { sum += v }
    let mean = sum / Double(x.count)
    var squares = 0.0
    for v in x { squares += (v - mean) * (v - mean) }
    return (mean, (squares / Double(x.count)).squareRoot())
  }

  /// The largest finite `|xᵢ|`.
  static func magnitude(_ x: ArraySlice<Double>) -> Double {
    var largest = 0.0
    for v in x where v.isFinite { largest = max(largest, abs(v)) }
    return largest
  }

  /// A deviation floored so flat windows do not divide by zero: at least 1e-3 of
  /// `max(|level|, min(1, magnitude))`, and 1e-3 for an all-zero series (as before). For series whose
  /// magnitude is at least 1 this is the floor `1e-3 · max(|level|, 1)`; smaller series get a
  /// floor in their own units, so values near 1e-300 are not flattened to 0.
  static func floored(_ s: Double, level: Double, magnitude: Double) -> Double {
    let floored = max(s, 1e-3 * max(abs(level), min(1, magnitude)))
    return floored > 0 ? floored : 1e-3
  }

  /// Location and scale for the window of `values` ending at `end` (inclusive).
  func scale(window: ArraySlice<Double>) -> (location: Double, scale: Double) {
    switch scaling {
    case .series: return (seriesLocation, seriesScale)
    case .window:
      let (m, s) = Self.meanAndDeviation(window)
      return (m, Self.floored(s, level: m, magnitude: Self.magnitude(window)))
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
