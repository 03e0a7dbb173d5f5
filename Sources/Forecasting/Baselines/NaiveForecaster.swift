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
