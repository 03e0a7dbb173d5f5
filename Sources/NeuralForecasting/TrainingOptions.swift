import Parallelism

/// How to train a network: epochs, batching, optimizer, schedule, regularisation and stopping.
public struct TrainingOptions: Codable, Sendable, Equatable {
  /// Passes over the training windows, at most.
  public var epochs: Int
  /// Windows per mini-batch.
  public var batchSize: Int
  /// The base learning rate.
  public var learningRate: Double
  /// Adam or SGD with momentum.
  public var optimizer: OptimizerKind
  /// How the rate changes over epochs.
  public var schedule: LearningRateSchedule
  /// Rescale the whole gradient when its Euclidean norm exceeds this; `nil` for no clipping.
  public var gradientClipNorm: Double?
  /// Stop after this many epochs without a better validation loss, then restore the best
  /// weights; `nil` trains all epochs (the best weights are still restored when there is a
  /// validation set).
  public var patience: Int?
  /// The loss minimised.
  public var loss: TrainingLoss
  /// Drives shuffling and dropout; initial weights take it from the network.
  public var seed: UInt64
  /// Threads used; 0 means one per online processor. Results do not depend on it.
  public var threads: Int
  /// Rows per parallel shard of a batch. The partition into shards, and therefore the rounding
  /// of every sum, depends on this and `batchSize` only.
  public var shardSize: Int

  /// Creates options; the defaults suit small forecasting networks.
  public init(epochs: Int = 60, batchSize: Int = 32, learningRate: Double = 0.005,
              optimizer: OptimizerKind = .adam, schedule: LearningRateSchedule = .cosine(minimumFactor: 0.1),
              gradientClipNorm: Double? = 1, patience: Int? = 10, loss: TrainingLoss = .meanSquaredError,
              seed: UInt64 = 1, threads: Int = 0, shardSize: Int = 32) {
    self.epochs = epochs
    self.batchSize = batchSize
    self.learningRate = learningRate
    self.optimizer = optimizer
    self.schedule = schedule
    self.gradientClipNorm = gradientClipNorm
    self.patience = patience
    self.loss = loss
    self.seed = seed
    self.threads = threads
    self.shardSize = shardSize
  }

  /// The threads actually used.
  var resolvedThreads: Int { threads > 0 ? threads : Parallel.defaultThreadCount }
}

/// What happened during training.
public struct TrainingReport: Codable, Sendable, Equatable {
  /// Mean training loss of each epoch run (scaled units).
  public var trainLosses: [Double]
  /// Mean validation loss after each epoch, empty without a validation set.
  public var validationLosses: [Double]
  /// The 1-based epoch whose weights were kept (the last one without a validation set).
  public var bestEpoch: Int
  /// True when patience ran out before `epochs`.
  public var stoppedEarly: Bool
}
