import Forecasting
import Foundation
import Stochastics
import Testing
@testable import NeuralForecasting

/// Synthetic series and a seasonal-naive reference for the learning tests.
enum Series {
  /// sin(2πt/period) · amplitude + level + Gaussian-ish noise (sum of uniforms), seeded.
  static func noisySine(count: Int, period: Int = 12, noise: Double = 0.1, seed: UInt64 = 1) -> [Double] {
    var rng = Xoshiro256(seed: seed, entity: 1, purpose: .auxiliary)
    return (0..<count).map { t in
      let e = (rng.nextUnit() + rng.nextUnit() + rng.nextUnit() - 1.5) * 2 * noise
      return 10 + 2 * sin(2 * Double.pi * Double(t) / Double(period)) + e
    }
  }

  /// Linear trend plus a seasonal profile plus noise.
  static func trendSeasonal(count: Int, period: Int = 7, seed: UInt64 = 2) -> [Double] {
    var rng = Xoshiro256(seed: seed, entity: 2, purpose: .auxiliary)
    let profile = [0.0, 1.5, 3, 2, -1, -3.5, -2]
    return (0..<count).map { t in
      let e = (rng.nextUnit() - 0.5) * 0.6
      return 20 + 0.15 * Double(t) + profile[t % period] + e
    }
  }

  static func meanAbsoluteError(_ a: [Double], _ b: [Double]) -> Double {
    zip(a, b).map { abs($0 - $1) }.reduce(0, +) / Double(a.count)
  }

  /// Repeats the last season.
  static func seasonalNaive(_ history: [Double], period: Int, horizon: Int) -> [Double] {
    (0..<horizon).map { history[history.count - period + $0 % period] }
  }
}

extension RecurrentForecasterConfiguration {
  /// A small, fast configuration for debug-build tests.
  static func small(window: Int = 24, epochs: Int = 40, hidden: Int = 16) -> Self {
    var c = Self()
    c.hiddenSize = hidden
    c.window = window
    c.epochs = epochs
    c.batchSize = 16
    c.learningRate = 0.01
    c.patience = 8
    c.shardSize = 16
    return c
  }
}

@Suite("Recurrent forecasters learn and stay reproducible")
struct ForecasterTests {
  @Test("noisy sine: holdout error well below seasonal naive's", arguments: CellKind.allCases)
  func learnsNoisySine(cell: CellKind) throws {
    let all = Series.noisySine(count: 192, noise: 0.1)
    let horizon = 12
    let history = Array(all.dropLast(horizon)), actual = Array(all.suffix(horizon))
    let input = ForecastInput(values: history, seasonalPeriod: 12)
    let config = RecurrentForecasterConfiguration.small(epochs: 25, hidden: 12)
    let fitted: FittedRecurrentForecast = cell == .lstm
      ? try LSTMForecaster(configuration: config).fit(input) : try GRUForecaster(configuration: config).fit(input)
    let forecast = fitted.predict(horizon: horizon, levels: [0.8])
    let ours = Series.meanAbsoluteError(forecast.mean, actual)
    let naive = Series.meanAbsoluteError(Series.seasonalNaive(history, period: 12, horizon: horizon), actual)
    print("\(cell) noisy sine MAE \(ours) vs seasonal naive \(naive)")
    #expect(ours < 0.8 * naive)
    #expect(forecast.intervals[0].lower.indices.allSatisfy {
      forecast.intervals[0].lower[$0] < forecast.mean[$0] && forecast.mean[$0] < forecast.intervals[0].upper[$0]
    })
  }

  @Test("seasonal series with trend: holdout error well below seasonal naive's", arguments: CellKind.allCases)
  func learnsTrendSeasonal(cell: CellKind) throws {
    let all = Series.trendSeasonal(count: 161)
    let horizon = 14
    let history = Array(all.dropLast(horizon)), actual = Array(all.suffix(horizon))
    let input = ForecastInput(values: history, seasonalPeriod: 7)
    var config = RecurrentForecasterConfiguration.small(window: 14, epochs: 25, hidden: 12)
    config.strategy = .direct(horizon: 7)
    let fitted: FittedRecurrentForecast = cell == .lstm
      ? try LSTMForecaster(configuration: config).fit(input) : try GRUForecaster(configuration: config).fit(input)
    let ours = Series.meanAbsoluteError(fitted.predict(horizon: horizon, levels: []).mean, actual)
    let naive = Series.meanAbsoluteError(Series.seasonalNaive(history, period: 7, horizon: horizon), actual)
    print("\(cell) trend+seasonal MAE \(ours) vs seasonal naive \(naive)")
    #expect(ours < 0.6 * naive)
  }

  @Test("training loss decreases")
  func trainingLossDecreases() throws {
    let input = ForecastInput(values: Series.noisySine(count: 80), seasonalPeriod: 12)
    var config = RecurrentForecasterConfiguration.small(window: 12, epochs: 15, hidden: 8)
    config.validationFraction = 0
    let model = try LSTMForecaster(configuration: config).fitGlobal([input])
    let losses = model.report.trainLosses
    #expect(losses.count == 15)
    #expect(losses.last! < 0.3 * losses.first!)
  }

  @Test("same seed gives the same weights bit for bit, on 1 and 2 threads", arguments: CellKind.allCases)
  func deterministicAcrossThreads(cell: CellKind) throws {
    let input = ForecastInput(values: Series.noisySine(count: 60), seasonalPeriod: 12)
    var config = RecurrentForecasterConfiguration.small(window: 8, epochs: 2, hidden: 6)
    config.batchSize = 32  // two shards of 16
    config.layerCount = 2
    config.dropout = 0.2
    config.threads = 1
    let one = try RecurrentGlobalModel.train(cell: cell, configuration: config, inputs: [input])
    let again = try RecurrentGlobalModel.train(cell: cell, configuration: config, inputs: [input])
    config.threads = 2
    let two = try RecurrentGlobalModel.train(cell: cell, configuration: config, inputs: [input])
    #expect(one.network.parameters == again.network.parameters)
    #expect(one.network.parameters == two.network.parameters)
    #expect(one.report == two.report)
    config.seed = 2
    let other = try RecurrentGlobalModel.train(cell: cell, configuration: config, inputs: [input])
    #expect(one.network.parameters != other.network.parameters)
  }

  @Test("save then load gives identical forecasts")
  func saveAndLoad() throws {
    let input = ForecastInput(values: Series.noisySine(count: 60), seasonalPeriod: 12)
    var config = RecurrentForecasterConfiguration.small(window: 12, epochs: 2, hidden: 8)
    config.loss = .quantile(levels: [0.1, 0.5, 0.9])
    let fitted = try GRUForecaster(configuration: config).fit(input)
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    let data = try encoder.encode(fitted)
    let loaded = try JSONDecoder().decode(FittedRecurrentForecast.self, from: data)
    #expect(loaded == fitted)
    #expect(loaded.model.network == fitted.model.network)
    #expect(loaded.predict(horizon: 10, levels: [0.8]) == fitted.predict(horizon: 10, levels: [0.8]))
    let json = String(decoding: data, as: UTF8.self)
    #expect(json.contains("\"layer0.recurrentNewGateBias\""))
  }

  @Test("quantile loss gives ordered intervals that cover most of a holdout")
  func quantileIntervals() throws {
    let all = Series.noisySine(count: 204, noise: 0.3, seed: 5)
    let history = Array(all.dropLast(24)), actual = Array(all.suffix(24))
    var config = RecurrentForecasterConfiguration.small(epochs: 25, hidden: 12)
    config.loss = .quantile(levels: [0.1, 0.5, 0.9])
    config.strategy = .direct(horizon: 12)
    let fitted = try LSTMForecaster(configuration: config).fit(ForecastInput(values: history, seasonalPeriod: 12))
    let f = fitted.predict(horizon: 24, levels: [0.5, 0.8])
    let i50 = f.intervals[0], i80 = f.intervals[1]
    #expect((0..<24).allSatisfy { i80.lower[$0] <= i50.lower[$0] && i50.upper[$0] <= i80.upper[$0] })
    let covered = (0..<24).filter { i80.lower[$0] <= actual[$0] && actual[$0] <= i80.upper[$0] }.count
    print("80% quantile interval covered \(covered) of 24")
    #expect(covered >= 14)
  }

  @Test("a global model fits several SKUs of different levels, with a promotion covariate")
  func globalModelWithCovariates() throws {
    var inputs: [ForecastInput] = []
    for sku in 0..<3 {
      let base = Series.noisySine(count: 60, seed: UInt64(10 + sku)).map { $0 * Double(sku + 1) * 10 }
      let promo = (0..<70).map { $0 % 9 == 4 ? 1.0 : 0.0 }
      let values = base.enumerated().map { $0.element + promo[$0.offset] * 30 * Double(sku + 1) }
      inputs.append(ForecastInput(values: values, seasonalPeriod: 12,
                                  covariates: Covariates(names: ["promo"], columns: [promo])))
    }
    var config = RecurrentForecasterConfiguration.small(window: 12, epochs: 5, hidden: 8)
    config.scaling = .series
    let model = try LSTMForecaster(configuration: config).fitGlobal(inputs)
    #expect(model.network.architecture.inputSize == 4)  // value, promo, sin, cos
    for input in inputs {
      let fitted = try model.fitted(to: input)
      #expect(fitted.fittedValues.count == input.values.count)
      let f = fitted.predict(horizon: 10, levels: [0.9])
      #expect(f.mean.count == 10 && f.mean.allSatisfy(\.isFinite))
    }
    let mismatched = ForecastInput(values: inputs[0].values, seasonalPeriod: 12)
    #expect(throws: ForecastError.self) { try model.fitted(to: mismatched) }
  }

  @Test("short history and bad settings name what to fix")
  func errors() {
    #expect(throws: ForecastError.historyTooShort(method: "gru", needed: 36, got: 10)) {
      try GRUForecaster().fit(Array(repeating: 1.0, count: 10))
    }
    var config = RecurrentForecasterConfiguration()
    config.layerCount = 4
    #expect(throws: ForecastError.invalidInput("recurrent configuration: layerCount must be in 1...3, got 4")) {
      try LSTMForecaster(configuration: config).fit(Array(repeating: 1.0, count: 100))
    }
    #expect(LSTMForecaster().name == "lstm" && GRUForecaster().name == "gru")
  }
}
