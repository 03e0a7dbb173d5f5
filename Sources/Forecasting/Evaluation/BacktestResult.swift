/// Records and scores of a backtest.
public struct BacktestResult: Sendable, Equatable {
  /// Every (series, origin, model) record, in series, origin, model order.
  public var records: [BacktestRecord]
  /// One score per model, in the order the models were given.
  public var scores: [BacktestScore]

  static func score(_ records: [BacktestRecord], models: [String], levels: [Double]) -> [BacktestScore] {
    var seen: [String] = []
    for m in models where !seen.contains(m) { seen.append(m) }
    return seen.map { name in
      let mine = records.filter { $0.model == name }
      let ok = mine.filter { $0.forecast != nil }
      let actual = ok.flatMap(\.actual)
      let mean = ok.flatMap { $0.forecast!.mean }
      let mases = ok.map(\.mase).filter(\.isFinite)
      var coverage: [Double] = [], pinball: [Double] = [], quantiles: [Double] = []
      for level in levels {
        let lower = ok.flatMap { $0.forecast!.interval(level: level)?.lower ?? Array(repeating: .nan, count: $0.actual.count) }
        let upper = ok.flatMap { $0.forecast!.interval(level: level)?.upper ?? Array(repeating: .nan, count: $0.actual.count) }
        coverage.append(actual.isEmpty ? .nan : AccuracyMetrics.coverage(actual: actual, lower: lower, upper: upper))
        let lo = (1 - level) / 2, hi = (1 + level) / 2
        pinball.append(actual.isEmpty ? .nan : AccuracyMetrics.pinball(actual: actual, quantile: lower, tau: lo))
        pinball.append(actual.isEmpty ? .nan : AccuracyMetrics.pinball(actual: actual, quantile: upper, tau: hi))
        quantiles += [lo, hi]
      }
      return BacktestScore(
        model: name, forecasts: ok.count, failures: mine.count - ok.count,
        mae: AccuracyMetrics.mae(actual: actual, forecast: mean), rmse: AccuracyMetrics.rmse(actual: actual, forecast: mean),
        mape: AccuracyMetrics.mape(actual: actual, forecast: mean), smape: AccuracyMetrics.smape(actual: actual, forecast: mean),
        mase: mases.isEmpty ? .nan : mases.reduce(0, +) / Double(mases.count),
        bias: AccuracyMetrics.bias(actual: actual, forecast: mean),
        coverage: coverage, pinball: pinball, pinballQuantiles: quantiles)
    }
  }
}
