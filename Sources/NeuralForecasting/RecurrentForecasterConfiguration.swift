/// Hyperparameters of `LSTMForecaster` and `GRUForecaster`.
///
/// Every field has a default that trains a small network in seconds; the same configuration and
/// seed always give the same weights.
public struct RecurrentForecasterConfiguration: Codable, Sendable, Equatable {
  /// Hidden units per recurrent layer.
  public var hiddenSize: Int = 32
  /// Recurrent layers, 1...3.
  public var layerCount: Int = 1
  /// Input window: past steps the network reads.
  public var window: Int = 28
  /// Maximum training epochs.
  public var epochs: Int = 60
  /// Base learning rate.
  public var learningRate: Double = 0.005
  /// Windows per mini-batch.
  public var batchSize: Int = 32
  /// Epochs without validation improvement before stopping (best weights are restored);
  /// `nil` never stops early.
  public var patience: Int? = 10
  /// Dropout between recurrent layers while training, in [0, 1).
  public var dropout: Double = 0
  /// The loss; `.quantile(levels:)` makes the network output those quantiles, which then give
  /// the prediction intervals.
  public var loss: TrainingLoss = .meanSquaredError
  /// Seed of every random choice (initial weights, shuffling, dropout).
  public var seed: UInt64 = 1
  /// Adam or SGD with momentum.
  public var optimizer: OptimizerKind = .adam
  /// Learning-rate schedule over epochs.
  public var schedule: LearningRateSchedule = .cosine(minimumFactor: 0.1)
  /// Gradient-norm clipping threshold; `nil` for none.
  public var gradientClipNorm: Double? = 1
  /// Share of each series' most recent windows held out for validation and early stopping,
  /// in [0, 1); 0 trains on everything (no early stopping, intervals from training residuals).
  public var validationFraction: Double = 0.2
  /// Recursive one-step or direct multi-output forecasting.
  public var strategy: ForecastStrategy = .recursive
  /// How each window is normalised before it reaches the network.
  public var scaling: ScalingMode = .window
  /// Add sin/cos of the seasonal phase (`ForecastInput.seasonalPeriod`) as inputs when the period is above 1.
  public var seasonalFeatures: Bool = true
  /// Threads; 0 means one per online processor. Results do not depend on it.
  public var threads: Int = 0
  /// Rows per parallel shard of a batch (see `TrainingOptions.shardSize`).
  public var shardSize: Int = 32

  /// Creates the default configuration; set fields afterwards.
  public init() {}

  /// The fewest observations `fit` accepts: one window, the direct horizon, and at least
  /// eight training windows.
  public var minimumHistory: Int { window + strategy.outputSteps + 7 }

  /// The training options these hyperparameters imply.
  public var trainingOptions: TrainingOptions {
    TrainingOptions(epochs: epochs, batchSize: batchSize, learningRate: learningRate, optimizer: optimizer,
                    schedule: schedule, gradientClipNorm: gradientClipNorm, patience: patience, loss: loss,
                    seed: seed, threads: threads, shardSize: shardSize)
  }

  /// Checks ranges; the error names the field and the value.
  func validate() throws(ForecastErrorBox) {
    func fail(_ s: String) -> ForecastErrorBox { ForecastErrorBox(message: "recurrent configuration: \(s)") }
    if hiddenSize < 1 { throw fail("hiddenSize must be >= 1, got \(hiddenSize)") }
    if !(1...3).contains(layerCount) { throw fail("layerCount must be in 1...3, got \(layerCount)") }
    if window < 1 { throw fail("window must be >= 1, got \(window)") }
    if epochs < 1 { throw fail("epochs must be >= 1, got \(epochs)") }
    if !(learningRate > 0) { throw fail("learningRate must be > 0, got \(learningRate)") }
    if batchSize < 1 { throw fail("batchSize must be >= 1, got \(batchSize)") }
    if !(dropout >= 0 && dropout < 1) { throw fail("dropout must be in [0, 1), got \(dropout)") }
    if !(validationFraction >= 0 && validationFraction < 1) {
      throw fail("validationFraction must be in [0, 1), got \(validationFraction)")
    }
    if shardSize < 1 { throw fail("shardSize must be >= 1, got \(shardSize)") }
    if case let .direct(h) = strategy, h < 1 { throw fail("strategy.direct horizon must be >= 1, got \(h)") }
    if case let .quantile(levels) = loss {
      if levels.isEmpty || !levels.allSatisfy({ $0 > 0 && $0 < 1 }) || levels != levels.sorted() {
        throw fail("loss.quantile levels must be ascending and in (0, 1), got \(levels)")
      }
    }
    if case let .huber(delta) = loss, !(delta > 0) { throw fail("loss.huber delta must be > 0, got \(delta)") }
  }
}

/// Carries a message out of a typed-throws validation.
struct ForecastErrorBox: Error { var message: String }

/// How a recurrent forecaster reaches several steps ahead.
public enum ForecastStrategy: Codable, Sendable, Equatable {
  /// One output; longer horizons feed each forecast back as the next input.
  case recursive
  /// `horizon` outputs at once, trained jointly; longer requests chain blocks recursively.
  case direct(horizon: Int)

  /// Network output steps.
  public var outputSteps: Int {
    if case let .direct(h) = self { return h }
    return 1
  }
}

/// Per-series normalisation of network inputs and targets; forecasts are mapped back.
public enum ScalingMode: String, Codable, Sendable, Equatable {
  /// Each window by its own mean and standard deviation: level-free, suits a global model over
  /// SKUs of very different sizes and series with trend.
  case window
  /// By the mean and standard deviation of the whole history of the series.
  case series
}
