#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Forecasting

/// A trained recurrent forecaster: one network shared by every series it was fitted on
/// (a global model), with the settings needed to turn any compatible series into a forecast.
///
/// Codable: encode it (e.g. with `JSONEncoder`, `.sortedKeys`) to save the architecture and
/// weights; decoding gives a model whose forecasts are bit-identical.
///
/// Prediction intervals: with `.quantile(levels:)` loss they come from the network's quantile
/// outputs, interpolated linearly between trained levels (clamped outside them); otherwise from
/// the spread of the validation residuals (training residuals when there is no validation
/// split) in scaled units, per output step, under a normal approximation. Recursive steps beyond
/// the network's outputs widen the spread by √(number of chained predictions).
public struct RecurrentGlobalModel: Codable, Sendable, Equatable {
  /// LSTM or GRU.
  public var cell: CellKind
  /// The hyperparameters it was trained with.
  public var configuration: RecurrentForecasterConfiguration
  /// The trained weights (Float32).
  public var network: RecurrentNetwork<Float>
  /// Covariate names every input must supply, in this order.
  public var covariateNames: [String]
  /// The seasonal period of the training series (sin/cos features use it when above 1).
  public var seasonalPeriod: Int
  /// Root-mean-square residual per output step, in scaled units.
  public var residualSpread: [Double]
  /// Loss curves and the epoch kept.
  public var report: TrainingReport
  /// What a user should know: where the spread came from, early stopping.
  public var notes: [String]

  /// Trains a global model on every series of `inputs`.
  ///
  /// - Parameters:
  ///   - cell: LSTM or GRU.
  ///   - configuration: Hyperparameters.
  ///   - inputs: Series with equal seasonal periods and the same covariate names.
  ///   - progress: Called after each epoch with (epoch, train loss, validation loss).
  /// - Throws: `.invalidInput` for bad settings or mismatched series, `.historyTooShort`.
  public static func train(cell: CellKind, configuration c: RecurrentForecasterConfiguration,
                           inputs: [ForecastInput],
                           progress: (@Sendable (Int, Double, Double?) -> Void)? = nil) throws(ForecastError) -> RecurrentGlobalModel {
    do { try c.validate() } catch { throw .invalidInput(error.message) }
    guard let first = inputs.first else { throw .invalidInput("\(cell.rawValue): no series to fit") }
    let names = first.covariates?.names ?? []
    for (s, input) in inputs.enumerated() {
      if input.values.count < c.minimumHistory {
        throw .historyTooShort(method: cell.rawValue, needed: c.minimumHistory, got: input.values.count)
      }
      if !input.values.allSatisfy({ $0.isFinite }) {
        throw .invalidInput("\(cell.rawValue): series[\(s)].values: must be finite")
      }
      if input.seasonalPeriod != first.seasonalPeriod {
        throw .invalidInput("\(cell.rawValue): series[\(s)].seasonalPeriod: must equal series[0]'s \(first.seasonalPeriod), got \(input.seasonalPeriod)")
      }
      if (input.covariates?.names ?? []) != names {
        throw .invalidInput("\(cell.rawValue): series[\(s)].covariates: names must be \(names), got \(input.covariates?.names ?? [])")
      }
      if let cov = input.covariates, cov.rowCount < input.values.count {
        throw .invalidInput("\(cell.rawValue): series[\(s)].covariates: need at least \(input.values.count) rows, got \(cov.rowCount)")
      }
    }
    let w = c.window, outSteps = c.strategy.outputSteps
    var trainX: [Float] = [], trainY: [Float] = [], validX: [Float] = [], validY: [Float] = []
    var features = 0
    for input in inputs {
      let sw = SeriesWindows(input: input, configuration: c)
      features = sw.featureCount
      let ends = Array((w - 1)...(input.values.count - 1 - outSteps))
      var holdOut = c.validationFraction > 0 ? Int((Double(ends.count) * c.validationFraction).rounded(.up)) : 0
      if ends.count - holdOut < 1 { holdOut = 0 }
      for (i, e) in ends.enumerated() {
        let window = input.values[(e - w + 1)...e]
        let (loc, sc) = sw.scale(window: window)
        let isValidation = i >= ends.count - holdOut
        if isValidation {
          sw.appendFeatures(window: window, start: e - w + 1, location: loc, scale: sc, to: &validX)
          for s in 1...outSteps { validY.append(Float((input.values[e + s] - loc) / sc)) }
        } else {
          sw.appendFeatures(window: window, start: e - w + 1, location: loc, scale: sc, to: &trainX)
          for s in 1...outSteps { trainY.append(Float((input.values[e + s] - loc) / sc)) }
        }
      }
    }
    let train = TrainingData(steps: w, features: features, horizon: outSteps, inputs: trainX, targets: trainY)
    let validation = validY.isEmpty ? nil
      : TrainingData(steps: w, features: features, horizon: outSteps, inputs: validX, targets: validY)
    let arch = NetworkArchitecture(cell: cell, inputSize: features, hiddenSize: c.hiddenSize, layerCount: c.layerCount,
                                   outputSize: outSteps * c.loss.outputsPerStep, dropout: c.dropout)
    var network = RecurrentNetwork<Float>(architecture: arch, seed: c.seed)
    let report = RecurrentTrainer<Float>(options: c.trainingOptions)
      .train(&network, on: train, validation: validation, progress: progress)
    guard network.parameters.allSatisfy({ $0.isFinite }) else {
      throw .fitFailed("\(cell.rawValue): training diverged (non-finite weights); lower learningRate, now \(c.learningRate)")
    }
    var notes: [String] = []
    if report.stoppedEarly {
      notes.append("\(cell.rawValue): stopped early after \(report.trainLosses.count) epochs; kept epoch \(report.bestEpoch)")
    }
    let spreadData = validation ?? train
    if validation == nil { notes.append("\(cell.rawValue): no validation split; interval spread from training residuals") }
    var model = RecurrentGlobalModel(cell: cell, configuration: c, network: network, covariateNames: names,
                                     seasonalPeriod: first.seasonalPeriod, residualSpread: [], report: report, notes: notes)
    model.residualSpread = model.rootMeanSquareResiduals(spreadData)
    return model
  }

  /// Why a decoded model cannot forecast (its parts disagree, e.g. a hand-edited or damaged
  /// save file), or nil when it is consistent.
  public var consistencyProblem: String? {
    do { try configuration.validate() } catch { return "configuration: \(error.message)" }
    let a = network.architecture
    if a.cell != cell { return "network.architecture.cell: is \(a.cell.rawValue), the model is \(cell.rawValue)" }
    if seasonalPeriod < 1 { return "seasonalPeriod: must be >= 1, got \(seasonalPeriod)" }
    let features = SeriesWindows.featureCount(covariates: covariateNames.count, seasonal: configuration.seasonalFeatures && seasonalPeriod > 1)
    if a.inputSize != features { return "network.architecture.inputSize: must be \(features) for these settings, got \(a.inputSize)" }
    let (outputs, overflow) = configuration.strategy.outputSteps.multipliedReportingOverflow(by: configuration.loss.outputsPerStep)
    if overflow || a.outputSize != outputs { return "network.architecture.outputSize: must be \(outputs) for these settings, got \(a.outputSize)" }
    if residualSpread.count < configuration.strategy.outputSteps || !residualSpread.allSatisfy({ $0.isFinite && $0 >= 0 }) {
      return "residualSpread: needs \(configuration.strategy.outputSteps) finite values >= 0"
    }
    if !network.parameters.allSatisfy({ $0.isFinite }) { return "network.parameters: must be finite numbers" }
    return nil
  }

  /// Which output of a step is the point forecast: the only one, or the quantile nearest 0.5.
  var pointIndex: Int {
    guard case let .quantile(levels) = configuration.loss else { return 0 }
    var best = 0
    for (k, l) in levels.enumerated() where abs(l - 0.5) < abs(levels[best] - 0.5) { best = k }
    return best
  }

  private func rootMeanSquareResiduals(_ data: TrainingData<Float>) -> [Double] {
    let out = network.predict(windows: data.inputs, steps: data.steps)
    let q = configuration.loss.outputsPerStep, h = data.horizon, k = pointIndex
    var spread = [Double](repeating: 0, count: h)
    for s in 0..<h {
      var squares = 0.0
      for i in 0..<data.count {
        let r = Double(data.targets[i * h + s]) - Double(out[(i * h + s) * q + k])
        squares += r * r
      }
      spread[s] = (squares / Double(max(data.count, 1))).squareRoot()
    }
    return spread
  }

  /// Checks that `input` can be forecast by this model.
  func check(_ input: ForecastInput) throws(ForecastError) {
    if input.values.count < configuration.window {
      throw .historyTooShort(method: cell.rawValue, needed: configuration.window, got: input.values.count)
    }
    if (input.covariates?.names ?? []) != covariateNames {
      throw .invalidInput("\(cell.rawValue): covariates: names must be \(covariateNames), got \(input.covariates?.names ?? [])")
    }
    if input.seasonalPeriod != seasonalPeriod {
      throw .invalidInput("\(cell.rawValue): seasonalPeriod: model was trained with \(seasonalPeriod), got \(input.seasonalPeriod)")
    }
  }

  /// Fits the model to one series: stores it and computes in-sample one-step fitted values.
  ///
  /// - Throws: `ForecastError` when the series is shorter than the window or its covariates differ.
  public func fitted(to input: ForecastInput) throws(ForecastError) -> FittedRecurrentForecast {
    try check(input)
    return FittedRecurrentForecast(model: self, input: input, fittedValues: oneStepFittedValues(input))
  }

  private func oneStepFittedValues(_ input: ForecastInput) -> [Double] {
    let n = input.values.count, w = configuration.window
    var fitted = [Double](repeating: .nan, count: n)
    guard n > w else { return fitted }
    let sw = SeriesWindows(input: input, configuration: configuration)
    var x: [Float] = [], scales: [(Double, Double)] = []
    for e in (w - 1)..<(n - 1) {
      let window = input.values[(e - w + 1)...e]
      let (loc, sc) = sw.scale(window: window)
      scales.append((loc, sc))
      sw.appendFeatures(window: window, start: e - w + 1, location: loc, scale: sc, to: &x)
    }
    let out = network.predict(windows: x, steps: w)
    let width = network.architecture.outputSize, k = pointIndex
    for (i, (loc, sc)) in scales.enumerated() { fitted[w + i] = loc + sc * Double(out[i * width + k]) }
    return fitted
  }

  /// Forecasts `horizon` steps past the end of `input.values`.
  ///
  /// - Parameters:
  ///   - input: A series compatible with the model (checked by `fitted(to:)`); covariate rows
  ///     beyond the history supply the future, and missing rows read as the column mean.
  ///   - horizon: Steps ahead, at least 1.
  ///   - levels: Interval coverages in (0, 1).
  /// - Returns: Point forecasts and one interval per level.
  public func forecast(_ input: ForecastInput, horizon: Int, levels: [Double]) -> Forecast {
    precondition(horizon >= 1, "forecast: horizon must be >= 1, got \(horizon)")
    precondition(levels.allSatisfy { $0 > 0 && $0 < 1 }, "forecast: levels must be in (0, 1), got \(levels)")
    let sw = SeriesWindows(input: input, configuration: configuration)
    let w = configuration.window, outSteps = configuration.strategy.outputSteps
    let q = configuration.loss.outputsPerStep, k = pointIndex
    var extended = input.values
    var mean: [Double] = [], quantiles: [[Double]] = [], spreads: [Double] = [], chain: [Double] = []
    var block = 0
    while mean.count < horizon {
      let e = extended.count - 1
      let window = extended[(e - w + 1)...e]
      let (loc, sc) = sw.scale(window: window)
      var x: [Float] = []
      sw.appendFeatures(window: window, start: e - w + 1, location: loc, scale: sc, to: &x)
      let out = network.predict(inputs: x, steps: w, batch: 1)
      for s in 0..<min(outSteps, horizon - mean.count) {
        let point = loc + sc * Double(out[s * q + k])
        mean.append(point)
        quantiles.append((0..<q).map { loc + sc * Double(out[s * q + $0]) }.sorted())
        spreads.append(sc * residualSpread[s])
        chain.append(Double(block + 1))
        extended.append(point)
      }
      block += 1
    }
    var intervals: [PredictionInterval] = []
    for level in levels {
      var lower: [Double] = [], upper: [Double] = []
      for s in 0..<horizon {
        let widen = chain[s].squareRoot()
        if case let .quantile(trained) = configuration.loss {
          let lo = Self.interpolate(trained, quantiles[s], at: (1 - level) / 2)
          let hi = Self.interpolate(trained, quantiles[s], at: (1 + level) / 2)
          lower.append(mean[s] - widen * max(0, mean[s] - lo))
          upper.append(mean[s] + widen * max(0, hi - mean[s]))
        } else {
          let half = Self.normalQuantile((1 + level) / 2) * spreads[s] * widen
          lower.append(mean[s] - half)
          upper.append(mean[s] + half)
        }
      }
      intervals.append(PredictionInterval(level: level, lower: lower, upper: upper))
    }
    return Forecast(mean: mean, intervals: intervals)
  }

  /// Linear interpolation of sorted quantile values at probability `p`, clamped to the trained range.
  static func interpolate(_ levels: [Double], _ values: [Double], at p: Double) -> Double {
    if p <= levels[0] { return values[0] }
    if p >= levels[levels.count - 1] { return values[values.count - 1] }
    var i = 0
    while levels[i + 1] < p { i += 1 }
    let f = (p - levels[i]) / (levels[i + 1] - levels[i])
    return values[i] + f * (values[i + 1] - values[i])
  }

  /// The standard normal quantile, by bisection on Φ(x) = erfc(−x/√2)/2 to 1e-12.
  static func normalQuantile(_ p: Double) -> Double {
    var lo = -12.0, hi = 12.0
    while hi - lo > 1e-12 {
      let mid = 0.5 * (lo + hi)
      if 0.5 * erfc(-mid / 2.0.squareRoot()) < p { lo = mid } else { hi = mid }
    }
    return 0.5 * (lo + hi)
  }
}
