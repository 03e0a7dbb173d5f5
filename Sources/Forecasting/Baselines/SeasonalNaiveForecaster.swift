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
