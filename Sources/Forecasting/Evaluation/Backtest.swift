import Parallelism

/// Rolling-origin evaluation ("time-series cross-validation").
///
/// Origins are the training-window ends `o = initialTrainSize, initialTrainSize + step, …` while
/// `o + horizon ≤ n`, so every origin has a complete horizon of actuals. The training window is
/// `[0, o)` (expanding) or `[o − initialTrainSize, o)` (sliding, fixed length). Covariates are
/// cut to the window's start and to `o + horizon` rows, so a model sees the future covariates
/// of its own horizon only.
/// - SeeAlso: L. Tashman (2000), "Out-of-sample tests of forecasting accuracy", IJF 16(4);
///   Hyndman & Athanasopoulos, *FPP* 3rd ed., §5.10.
public struct Backtest: Sendable {
  /// How the training window moves.
  public enum Window: String, Sendable, Equatable {
    /// Always starts at 0 and grows.
    case expanding
    /// Keeps `initialTrainSize` values, sliding forward.
    case sliding
  }

  /// Expanding or sliding.
  public var window: Window
  /// Observations in the first training window (and in every window when sliding).
  public var initialTrainSize: Int
  /// Steps between consecutive origins.
  public var step: Int
  /// Steps forecast from each origin.
  public var horizon: Int
  /// Interval levels requested, scored by coverage and by the pinball loss of their bounds.
  public var levels: [Double]

  /// Creates a backtest.
  /// - Precondition: `initialTrainSize ≥ 1`, `step ≥ 1`, `horizon ≥ 1`, levels in (0, 1).
  public init(window: Window = .expanding, initialTrainSize: Int, step: Int = 1, horizon: Int,
              levels: [Double] = [0.8, 0.95]) {
    precondition(initialTrainSize >= 1 && step >= 1 && horizon >= 1,
                 "backtest: initialTrainSize, step and horizon must be >= 1, got \(initialTrainSize), \(step), \(horizon)")
    precondition(levels.allSatisfy { $0 > 0 && $0 < 1 }, "backtest: levels must be in (0, 1), got \(levels)")
    self.window = window; self.initialTrainSize = initialTrainSize; self.step = step
    self.horizon = horizon; self.levels = levels
  }

  /// The training-window ends for a series of `count` values.
  public func origins(count: Int) -> [Int] {
    guard count >= initialTrainSize + horizon else { return [] }
    return Array(stride(from: initialTrainSize, through: count - horizon, by: step))
  }

  /// The training range for an origin.
  public func trainingRange(origin: Int) -> Range<Int> {
    window == .expanding ? 0..<origin : (origin - initialTrainSize)..<origin
  }

  /// Backtests models on one series.
  ///
  /// - Parameters:
  ///   - models: The forecasters; each is fitted at every origin.
  ///   - input: The full series.
  /// - Returns: One record per (model, origin), ordered by origin then model, and scores per model.
  public func run(_ models: [any Forecaster], on input: ForecastInput) -> BacktestResult {
    let records = evaluate(models, on: input, seriesIndex: 0)
    return BacktestResult(records: records, scores: BacktestResult.score(records, models: models.map(\.name), levels: levels))
  }

  /// Backtests models on many series, concurrently across series.
  ///
  /// Each series is evaluated on its own (by `Parallel.map` on every processor); records are
  /// then merged in series order, so the result does not depend on scheduling.
  /// - Returns: Records ordered by series, origin, model; scores pooled over all series.
  public func run(_ models: [any Forecaster], on inputs: [ForecastInput]) -> BacktestResult {
    let perSeries = Parallel.map(inputs.count, threads: Parallel.defaultThreadCount) { i in
      evaluate(models, on: inputs[i], seriesIndex: i)
    }
    let records = perSeries.flatMap { $0 }
    return BacktestResult(records: records, scores: BacktestResult.score(records, models: models.map(\.name), levels: levels))
  }

  func evaluate(_ models: [any Forecaster], on input: ForecastInput, seriesIndex: Int) -> [BacktestRecord] {
    var records: [BacktestRecord] = []
    for origin in origins(count: input.values.count) {
      let range = trainingRange(origin: origin)
      var train = ForecastInput(values: Array(input.values[range]), seasonalPeriod: input.seasonalPeriod)
      if let c = input.covariates {
        let end = min(origin + horizon, c.rowCount)
        let start = min(range.lowerBound, end)
        train.covariates = Covariates(names: c.names, columns: c.columns.map { Array($0[start..<end]) })
      }
      let actual = Array(input.values[origin..<(origin + horizon)])
      for model in models {
        var record = BacktestRecord(series: seriesIndex, model: model.name, origin: origin, trainingStart: range.lowerBound,
                                    actual: actual, forecast: nil, failure: nil, scale: .nan)
        do {
          let fitted = try fitMember(model, train)
          record.forecast = try fitted.checkedPredict(horizon: horizon, levels: levels, method: model.name)
          record.scale = AccuracyMetrics.naiveScale(training: train.values, period: input.seasonalPeriod)
        } catch {
          record.failure = error.description
        }
        records.append(record)
      }
    }
    return records
  }
}
