/// A power-of-two factor that brings a series of extreme magnitude near 1 before fitting.
///
/// Fitting code squares and sums values (SSE, variances, likelihoods), so a series near 1e200
/// overflows and one near 1e-300 underflows to zero. Dividing by a power of two is exact (no
/// rounding, unless a value falls into the subnormal range) and so is multiplying forecasts back:
/// a fit on `y / 2ᵏ` then rescaled is the fit on `y`, up to the optimiser's own tolerances.
///
/// The factor is the power of two just above the largest finite `|yᵢ|`, but only when that
/// magnitude lies outside `[2⁻²⁰, 2²⁰]` (about `[9.5e-7, 1.05e6]`); otherwise it is 1, so
/// series of ordinary scale are fitted exactly as before, bit for bit.
public struct SeriesScale: Sendable, Equatable {
  /// The divisor applied before fitting: a power of two, 1 when no rescaling is needed.
  public let factor: Double

  /// The magnitudes left alone: `2⁻²⁰ ≤ max |yᵢ| ≤ 2²⁰`.
  public static let neutralBand: ClosedRange<Double> = 0x1p-20...0x1p20

  /// Chooses the factor for a series.
  ///
  /// - Parameter values: The series; non-finite entries are ignored (callers reject them).
  public init(_ values: [Double]) {
    var largest = 0.0
    for v in values where v.isFinite { largest = Swift.max(largest, abs(v)) }
    if largest == 0 || Self.neutralBand.contains(largest) {
      factor = 1
    } else {
      factor = Self.powerOfTwo(above: largest)
    }
  }

  /// `2^(e + 1)` for `e` the binary exponent of `x`, so `x / 2^(e + 1)` lies in [0.5, 1); capped
  /// at `2^1023`, the largest finite power of two (then the quotient lies in [0.5, 2)).
  static func powerOfTwo(above x: Double) -> Double {
    let e = Swift.min(x.exponent + 1, Double.greatestFiniteMagnitude.exponent)
    return Double(sign: .plus, exponent: e, significand: 1)
  }

  /// Creates a given factor (a power of two, > 0).
  public init(factor: Double) {
    precondition(factor > 0 && factor.isFinite && factor.significandBitPattern == 0,
                 "SeriesScale: factor must be a finite power of two, got \(factor)")
    self.factor = factor
  }

  /// True when the factor is 1.
  public var isIdentity: Bool { factor == 1 }

  /// `values / factor`.
  public func normalized(_ values: [Double]) -> [Double] {
    isIdentity ? values : values.map { $0 / factor }
  }

  /// The input with its values divided by the factor (covariates are left as they are).
  public func normalized(_ input: ForecastInput) -> ForecastInput {
    var out = input
    out.values = normalized(input.values)
    return out
  }

  /// `values · factor`.
  public func restored(_ values: [Double]) -> [Double] {
    isIdentity ? values : values.map { $0 * factor }
  }

  /// A forecast made on normalised values, in the series' own units.
  public func restored(_ forecast: Forecast) -> Forecast {
    guard !isIdentity else { return forecast }
    return Forecast(mean: restored(forecast.mean), intervals: forecast.intervals.map {
      PredictionInterval(level: $0.level, lower: restored($0.lower), upper: restored($0.upper))
    })
  }

  /// A short phrase for notes, e.g. `2^-997`.
  public var label: String { "2^\(factor.exponent)" }
}

/// The root mean square of `values` (dividing the sum of squares by `divisor`), computed without
/// overflow or underflow: the values are scaled by a power of two near their largest magnitude
/// first, so `√(Σ y²/n)` is finite whenever the result is representable.
///
/// - Returns: 0 for an empty or all-zero input; NaN when `divisor <= 0`.
func scaledRootMeanSquare<C: Collection>(_ values: C, divisor: Double) -> Double where C.Element == Double {
  guard divisor > 0 else { return .nan }
  var largest = 0.0
  for v in values { largest = Swift.max(largest, abs(v)) }
  guard largest > 0 else { return 0 }
  guard largest.isFinite else { return .infinity }
  if SeriesScale.neutralBand.contains(largest) {
    var s = 0.0
    for v in values { s += v * v }
    return (s / divisor).squareRoot()
  }
  let f = SeriesScale.powerOfTwo(above: largest)
  var s = 0.0
  for v in values { let u = v / f; s += u * u }
  return (s / divisor).squareRoot() * f
}
