import SupplyModel

/// A forecast of one SKU's daily demand next to what actually happened, for the report's
/// forecast chart: the actual series, the forecast mean and a shaded prediction interval.
///
/// Days are simulation days: `actual[i]` is day `firstDay + i`, `mean[j]`, `lower[j]` and
/// `upper[j]` are day `forecastStart + j`.
public struct SeriesForecast: Sendable, Equatable {
  /// The SKU's id.
  public var sku: String
  /// The forecasting method, e.g. "ETS(A,N,A)".
  public var method: String
  /// The day of `actual[0]`.
  public var firstDay: Int
  /// Actual demand per day.
  public var actual: [Double]
  /// The day of the first forecast step.
  public var forecastStart: Int
  /// The point forecast per step.
  public var mean: [Double]
  /// Lower bounds of the prediction interval per step.
  public var lower: [Double]
  /// Upper bounds of the prediction interval per step.
  public var upper: [Double]
  /// The interval's nominal coverage, e.g. 0.9.
  public var level: Double

  /// Creates a forecast record.
  ///
  /// - Precondition: `mean`, `lower` and `upper` have the same length.
  public init(sku: String, method: String, firstDay: Int = 0, actual: [Double], forecastStart: Int,
              mean: [Double], lower: [Double], upper: [Double], level: Double) {
    precondition(mean.count == lower.count && mean.count == upper.count,
                 "forecast of \(sku): \(mean.count) means, \(lower.count) lower and \(upper.count) upper bounds")
    self.sku = sku
    self.method = method
    self.firstDay = firstDay
    self.actual = actual
    self.forecastStart = forecastStart
    self.mean = mean
    self.lower = lower
    self.upper = upper
    self.level = level
  }

  /// The share of forecast days whose actual value lies inside the interval, or nil when no
  /// actual value overlaps the forecast.
  public var coverage: Double? {
    var inside = 0, seen = 0
    for j in mean.indices {
      let i = forecastStart + j - firstDay
      guard i >= 0, i < actual.count else { continue }
      seen += 1
      if lower[j] <= actual[i] && actual[i] <= upper[j] { inside += 1 }
    }
    return seen > 0 ? Double(inside) / Double(seen) : nil
  }
}
