import Forecasting
import NeuralForecasting
import Synchronization

/// Every forecaster a scenario or the CLI can name: the Forecasting registry plus the recurrent
/// networks, which live in a module the registry cannot see.
public enum ForecasterCatalog {
  /// The entries for `lstm` and `gru`.
  public static let neuralEntries: [ForecasterRegistry.Entry] = ["lstm", "gru"].map { name in
    ForecasterRegistry.Entry(
      name: name, summary: name == "lstm" ? "LSTM network trained by backpropagation through time" : "GRU network trained by backpropagation through time",
      parameters: [("hidden", "hidden units, default 32"), ("layers", "stacked layers 1-3, default 1"),
                   ("window", "input window in steps, default 28"), ("epochs", "most epochs, default 60"),
                   ("learning_rate", "Adam step size, default 0.005"), ("batch", "mini-batch size, default 32"),
                   ("patience", "early-stopping patience in epochs, default 10; 0 disables"),
                   ("dropout", "dropout between layers, default 0"), ("seed", "initialisation seed, default 1")]
    ) { _, p throws(ForecastError) in
      var c = RecurrentForecasterConfiguration()
      if let v = try p.int("hidden", min: 1, max: 1024) { c.hiddenSize = v }
      if let v = try p.int("layers", min: 1, max: 3) { c.layerCount = v }
      if let v = try p.int("window", min: 1, max: 10_000) { c.window = v }
      if let v = try p.int("epochs", min: 1, max: 100_000) { c.epochs = v }
      if let v = try p.double("learning_rate", min: 1e-7, max: 10) { c.learningRate = v }
      if let v = try p.int("batch", min: 1, max: 100_000) { c.batchSize = v }
      if let v = try p.int("patience", min: 0, max: 100_000) { c.patience = v == 0 ? nil : v }
      if let v = try p.double("dropout", min: 0, max: 0.95) { c.dropout = v }
      if let v = try p.int("seed", min: 0, max: .max) { c.seed = UInt64(v) }
      return name == "lstm" ? LSTMForecaster(configuration: c) as any Forecaster : GRUForecaster(configuration: c)
    }
  }

  private static let registered = Mutex<[ForecasterRegistry.Entry]>([])

  /// Adds a forecasting method that scenarios (`policies[i].forecast.model`) and the CLI can
  /// then name: a program using SupplySim as a library registers its own before loading
  /// scenarios that name them.
  ///
  /// - Throws: `ForecastError.invalidInput` when the name is empty or already taken.
  public static func register(_ entry: ForecasterRegistry.Entry) throws(ForecastError) {
    guard !entry.name.isEmpty else { throw .invalidInput("a forecaster needs a name") }
    guard !names.contains(entry.name) else { throw .invalidInput("a forecaster named \"\(entry.name)\" is already registered") }
    registered.withLock { $0.append(entry) }
  }

  /// The entries beyond the Forecasting registry's own: the networks, then those registered.
  static var additional: [ForecasterRegistry.Entry] { neuralEntries + registered.withLock { $0 } }

  /// All names, in listing order.
  public static var names: [String] { ForecasterRegistry.names(additional: additional) }

  /// Builds the forecaster a spec names.
  ///
  /// - Throws: `ForecastError.invalidInput` for unknown names, keys or out-of-range values.
  public static func make(_ spec: ForecasterSpec) throws(ForecastError) -> any Forecaster {
    try ForecasterRegistry.make(spec, additional: additional)
  }

  /// The parameter keys of a method, or nil for an unknown name.
  public static func parameters(for name: String) -> [String]? {
    ForecasterRegistry.parameters(for: name, additional: additional)
  }
}
