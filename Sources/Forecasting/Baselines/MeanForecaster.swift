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
