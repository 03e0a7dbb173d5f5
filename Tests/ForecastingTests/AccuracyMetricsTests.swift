import Testing
import _TestSupport
@testable import Forecasting

// Errors y − ŷ: 1, −1, −1, 2.
private let actual: [Double] = [2, 0, 4, 5]
private let forecast: [Double] = [1, 1, 5, 3]

@Test func pointMetricsMatchHandValues() {
  #expect(Approx.equal(AccuracyMetrics.mae(actual: actual, forecast: forecast), 1.25))
  #expect(Approx.equal(AccuracyMetrics.rmse(actual: actual, forecast: forecast), (7.0 / 4).squareRoot()))
  // Zero actual skipped: (1/2 + 1/4 + 2/5) / 3.
  #expect(Approx.equal(AccuracyMetrics.mape(actual: actual, forecast: forecast), 100 * 1.15 / 3))
  // 200·(1/3 + 1/1 + 1/9 + 2/8) / 4.
  let smape: Double = 200 * (1.0 / 3 + 1 + 1.0 / 9 + 0.25) / 4
  #expect(Approx.equal(AccuracyMetrics.smape(actual: actual, forecast: forecast), smape))
  #expect(Approx.equal(AccuracyMetrics.bias(actual: actual, forecast: forecast), 0.25))
}

/// Training [1, 3, 2, 5]: naive scale (2 + 1 + 3)/3 = 2; seasonal (m = 2) scale (1 + 2)/2 = 1.5.
@Test func maseUsesInSampleSeasonalNaiveScale() {
  let training: [Double] = [1, 3, 2, 5]
  #expect(Approx.equal(AccuracyMetrics.mase(actual: actual, forecast: forecast, training: training), 0.625))
  #expect(Approx.equal(AccuracyMetrics.mase(actual: actual, forecast: forecast, training: training, period: 2), 1.25 / 1.5))
  #expect(AccuracyMetrics.mase(actual: actual, forecast: forecast, training: [3, 3, 3]).isNaN)
}

/// τ = 0.9: losses 0.9·1, 0.1·1, 0.1·1, 0.9·2 → 2.9 / 4.
@Test func pinballAndCoverageMatchHandValues() {
  #expect(Approx.equal(AccuracyMetrics.pinball(actual: actual, quantile: forecast, tau: 0.9), 0.725))
  #expect(Approx.equal(AccuracyMetrics.pinball(actual: actual, quantile: forecast, tau: 0.5), 1.25 / 2))
  let c = AccuracyMetrics.coverage(actual: actual, lower: [1.5, 0, 4, 5.5], upper: [2.5, 1, 6, 7])
  #expect(c == 0.75)
}

@Test func mapeIsNaNWhenAllActualsAreZero() {
  #expect(AccuracyMetrics.mape(actual: [0, 0], forecast: [1, 2]).isNaN)
  #expect(AccuracyMetrics.smape(actual: [0, 1], forecast: [0, 1]) == 0)
}
