import Testing
import _TestSupport
@testable import Forecasting

private let line = ForecastInput(values: (0..<20).map(Double.init))

/// n = 20, first window 10, step 3, horizon 4: origins 10, 13, 16 (19 + 4 > 20), counted by hand.
@Test func backtestOriginsAndWindowsCountedByHand() {
  let expanding = Backtest(initialTrainSize: 10, step: 3, horizon: 4)
  #expect(expanding.origins(count: 20) == [10, 13, 16])
  #expect([10, 13, 16].map { expanding.trainingRange(origin: $0) } == [0..<10, 0..<13, 0..<16])
  let sliding = Backtest(window: .sliding, initialTrainSize: 10, step: 3, horizon: 4)
  #expect([10, 13, 16].map { sliding.trainingRange(origin: $0) } == [0..<10, 3..<13, 6..<16])
  #expect(Backtest(initialTrainSize: 17, horizon: 4).origins(count: 20).isEmpty)
  #expect(Backtest(initialTrainSize: 16, horizon: 4).origins(count: 20) == [16])
}

/// On y = t the naive forecast from origin o is o − 1, so errors are 1, 2, 3, 4 at every origin:
/// MAE 2.5, RMSE √7.5, bias 2.5, MASE 2.5 (scale 1).
@Test func backtestScoresNaiveOnALineByHand() {
  let result = Backtest(initialTrainSize: 10, step: 3, horizon: 4).run([NaiveForecaster(), MeanForecaster()], on: line)
  #expect(result.records.count == 6)
  #expect(result.records.map(\.model) == ["naive", "mean", "naive", "mean", "naive", "mean"])
  let naive = result.scores[0]
  #expect(naive.model == "naive" && naive.forecasts == 3 && naive.failures == 0)
  #expect(Approx.equal(naive.mae, 2.5) && Approx.equal(naive.rmse, 7.5.squareRoot()))
  #expect(Approx.equal(naive.bias, 2.5) && Approx.equal(naive.mase, 2.5))
  #expect(result.records[0].errors == [1, 2, 3, 4])
}

/// The mean method differs between windows: at origin 13 expanding uses mean(0…12) = 6, sliding mean(3…12) = 7.5.
@Test func slidingWindowChangesTheTrainingData() {
  let models: [any Forecaster] = [MeanForecaster()]
  let e = Backtest(initialTrainSize: 10, step: 3, horizon: 4).run(models, on: line)
  let s = Backtest(window: .sliding, initialTrainSize: 10, step: 3, horizon: 4).run(models, on: line)
  #expect(e.records[1].forecast?.mean.first == 6)
  #expect(s.records[1].forecast?.mean.first == 7.5)
  #expect(s.records[1].trainingStart == 3)
}

@Test func failuresAreRecordedNotThrown() {
  // Sliding windows of 5 are always too short for a window of 7 (origins 5, 10, 15).
  let result = Backtest(window: .sliding, initialTrainSize: 5, step: 5, horizon: 2).run([MovingAverageForecaster(window: 7)], on: line)
  #expect(result.scores[0].failures == 3 && result.scores[0].forecasts == 0)
  #expect(result.records[0].failure?.contains("needs at least 8") == true)
}

/// y = 2 + 3·promo exactly: the regression is perfect only if covariate rows stay aligned.
@Test func covariatesStayAlignedWithTheirSteps() {
  let promo: [Double] = (0..<30).map { $0 % 4 == 1 || $0 % 7 == 3 ? 1 : 0 }
  let input = ForecastInput(values: promo.map { 2 + 3 * $0 }, covariates: Covariates(names: ["promo"], columns: [promo]))
  let model = RegressionForecaster(features: RegressionFeatures(trend: false))
  for window in [Backtest.Window.expanding, .sliding] {
    let result = Backtest(window: window, initialTrainSize: 12, step: 2, horizon: 3).run([model], on: input)
    #expect(result.scores[0].forecasts == 8)
    #expect(result.scores[0].mae < 1e-9)
  }
}

/// Many series run concurrently; records come back in series order and equal sequential runs.
@Test func manySeriesMatchSequentialRunsInOrder() {
  let inputs = (0..<6).map { k in ForecastInput(values: (0..<30).map { Double(($0 * (k + 3)) % 11) + Double(k) }, seasonalPeriod: 3) }
  let models: [any Forecaster] = [NaiveForecaster(), SeasonalNaiveForecaster(), ExponentialSmoothingForecaster.simple()]
  let bt = Backtest(initialTrainSize: 15, step: 4, horizon: 3)
  let all = bt.run(models, on: inputs)
  var expected: [BacktestRecord] = []
  for (i, input) in inputs.enumerated() {
    expected += bt.run(models, on: input).records.map { var r = $0; r.series = i; return r }
  }
  #expect(all.records == expected)
  #expect(all.records.count == 6 * 4 * 3)
  #expect(bt.run(models, on: inputs).records == all.records)
}
