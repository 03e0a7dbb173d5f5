import Parallelism
import Stochastics

/// Trains a `RecurrentNetwork` by mini-batch gradient descent with exact backpropagation
/// through time.
///
/// Each mini-batch is cut into shards of `shardSize` rows; shards run in parallel, each in its
/// own workspace, and their gradients are added in shard order. Shuffling and dropout draw from
/// `.training` substreams keyed by the epoch and the shard, never by the thread, so the same
/// seed gives the same weights bit for bit on any number of threads.
public struct RecurrentTrainer<T: NeuralScalar>: Sendable {
  /// The settings.
  public var options: TrainingOptions

  /// Creates a trainer.
  public init(options: TrainingOptions) {
    precondition(options.epochs >= 0 && options.batchSize >= 1 && options.shardSize >= 1,
                 "training options: epochs \(options.epochs), batchSize \(options.batchSize), shardSize \(options.shardSize) out of range")
    self.options = options
  }

  /// Trains `network` on `data`, watching `validation` for early stopping.
  ///
  /// - Parameters:
  ///   - network: Updated in place; with a validation set it ends at the best epoch's weights.
  ///   - data: Training windows; `data.features` must equal the network's input size and
  ///     `data.horizon × loss.outputsPerStep` its output size.
  ///   - validation: Windows scored after every epoch, or `nil`.
  ///   - progress: Called after each epoch with (epoch from 1, train loss, validation loss).
  /// - Returns: Loss curves and where training stopped.
  /// - Complexity: O(epochs · samples · steps · layers · gates · hidden²) flops.
  public func train(_ network: inout RecurrentNetwork<T>, on data: TrainingData<T>,
                    validation: TrainingData<T>? = nil,
                    progress: ((Int, Double, Double?) -> Void)? = nil) -> TrainingReport {
    let arch = network.architecture
    precondition(data.features == arch.inputSize,
                 "train: data has \(data.features) features, network expects \(arch.inputSize)")
    precondition(data.horizon * options.loss.outputsPerStep == arch.outputSize,
                 "train: horizon \(data.horizon) × \(options.loss.outputsPerStep) outputs per step ≠ network outputs \(arch.outputSize)")
    let n = data.count
    let threads = options.resolvedThreads
    let shardSize = min(options.shardSize, max(options.batchSize, 1))
    let shardsPerBatch = (options.batchSize + shardSize - 1) / shardSize
    let workspaces = (0..<max(shardsPerBatch, min(threads, 64))).map { _ in
      RecurrentWorkspace<T>(architecture: arch, steps: data.steps, batch: shardSize)
    }
    let parameterCount = arch.parameterCount
    var optimizer = OptimizerState<T>(kind: options.optimizer, count: parameterCount)
    var gradient = [T](repeating: 0, count: parameterCount)
    var order = Array(0..<n)
    var report = TrainingReport(trainLosses: [], validationLosses: [], bestEpoch: 0, stoppedEarly: false)
    var best = network.parameters
    var bestLoss = Double.infinity
    var sinceBest = 0
    var step: UInt64 = 0

    for epoch in 0..<options.epochs {
      var rng = Xoshiro256(seed: options.seed, entity: UInt64(epoch), purpose: .training, replication: 1)
      for i in stride(from: n - 1, to: 0, by: -1) { order.swapAt(i, rng.nextInt(below: i + 1)) }
      let rate = options.schedule.rate(base: options.learningRate, epoch: epoch, epochs: options.epochs)
      var epochLoss = 0.0
      var start = 0
      while start < n {
        let end = min(n, start + options.batchSize)
        let batch = order[start..<end]
        let rows = end - start
        let shards = (rows + shardSize - 1) / shardSize
        let scale = 1 / T(rows)
        let seed = options.seed, loss = options.loss, stepKey = step
        let shardLosses = Self.forwardBackward(parameters: network.parameters, shards: shards, threads: threads) { [start] s, params in
          // Shard s has workspace s to itself; its gradient stays there for the sum below.
          let ws = workspaces[s]
          let lo = start + s * shardSize, hi = min(end, lo + shardSize)
          let sub = batch[lo..<hi]
          data.gather(sub, inputs: ws.stagedInputs, targets: ws.stagedTargets)
          ws.forward(parameters: params, inputs: ws.stagedInputs, steps: data.steps, batch: sub.count,
                     dropoutSeed: (seed: seed, stream: stepKey &* 4096 &+ UInt64(s)))
          let shardLoss = loss.evaluate(outputs: UnsafePointer(ws.output.baseAddress!), targets: ws.stagedTargets,
                                        batch: sub.count, horizon: data.horizon, gradientScale: scale,
                                        gradient: ws.outputGradient)
          ws.gradient.update(repeating: 0)
          ws.backward(parameters: params, outputGradient: ws.outputGradient)
          return shardLoss
        }
        Self.sum(workspaces.prefix(shards).map { UnsafePointer($0.gradient.baseAddress!) }, into: &gradient)
        for s in 0..<shards { epochLoss += shardLosses[s] }
        if let limit = options.gradientClipNorm { Self.clip(&gradient, norm: limit) }
        optimizer.update(&network.parameters, gradient: gradient, rate: rate)
        step += 1
        start = end
      }
      let trainLoss = epochLoss / Double(max(n, 1))
      report.trainLosses.append(trainLoss)
      var validationLoss: Double?
      if let validation, validation.count > 0 {
        let v = meanLoss(network, on: validation, workspaces: workspaces, threads: threads)
        validationLoss = v
        report.validationLosses.append(v)
        if v < bestLoss {
          bestLoss = v; best = network.parameters; report.bestEpoch = epoch + 1; sinceBest = 0
        } else {
          sinceBest += 1
        }
      } else {
        report.bestEpoch = epoch + 1
      }
      progress?(epoch + 1, trainLoss, validationLoss)
      if let patience = options.patience, validationLoss != nil, sinceBest >= patience {
        report.stoppedEarly = epoch + 1 < options.epochs
        break
      }
    }
    if validation.map({ $0.count > 0 }) == true && bestLoss.isFinite { network.parameters = best }
    return report
  }

  /// The mean loss of `network` on `data`, without dropout.
  public func meanLoss(_ network: RecurrentNetwork<T>, on data: TrainingData<T>) -> Double {
    let threads = options.resolvedThreads
    let shardSize = options.shardSize
    let workspaces = (0..<max(1, min(threads, (data.count + shardSize - 1) / shardSize))).map { _ in
      RecurrentWorkspace<T>(architecture: network.architecture, steps: data.steps, batch: shardSize)
    }
    return meanLoss(network, on: data, workspaces: workspaces, threads: threads)
  }

  private func meanLoss(_ network: RecurrentNetwork<T>, on data: TrainingData<T>,
                        workspaces: [RecurrentWorkspace<T>], threads: Int) -> Double {
    let chunk = workspaces[0].maxBatch
    let chunks = (data.count + chunk - 1) / chunk
    let indices = Array(0..<data.count)
    let loss = options.loss, parameters = network.parameters
    // Chunks need no state between them, so each worker reuses one workspace for all of its chunks.
    let losses = Parallel.map(chunks, threads: min(threads, workspaces.count), scratch: { workspaces[$0] }) { c, ws in
      let sub = indices[(c * chunk)..<min(data.count, (c + 1) * chunk)]
      data.gather(sub, inputs: ws.stagedInputs, targets: ws.stagedTargets)
      return parameters.withUnsafeBufferPointer { p in
        ws.forward(parameters: p.baseAddress!, inputs: ws.stagedInputs, steps: data.steps, batch: sub.count,
                   dropoutSeed: nil)
        return loss.evaluate(outputs: UnsafePointer(ws.output.baseAddress!), targets: ws.stagedTargets,
                             batch: sub.count, horizon: data.horizon, gradientScale: 1, gradient: nil)
      }
    }
    var total = 0.0
    for v in losses { total += v }
    return total / Double(max(data.count, 1))
  }

  /// Runs `shard(s, parameters)` for every shard of a mini-batch on up to `threads` threads.
  ///
  /// Takes the parameters by value, so they are shared, not copied, while the shards run, and the
  /// optimizer's update afterwards finds the array uniquely referenced again.
  /// - Returns: Each shard's loss, in shard order.
  private static func forwardBackward(parameters: [T], shards: Int, threads: Int,
                                      _ shard: @Sendable (_ s: Int, _ parameters: UnsafePointer<T>) -> Double) -> [Double] {
    Parallel.map(shards, threads: threads) { s in
      parameters.withUnsafeBufferPointer { shard(s, $0.baseAddress!) }
    }
  }

  /// out = Σ parts, added in order, eight lanes at a time.
  static func sum(_ parts: [UnsafePointer<T>], into out: inout [T]) {
    let n = out.count
    out.withUnsafeMutableBufferPointer { o in
      let dst = o.baseAddress!
      dst.update(from: parts[0], count: n)
      for part in parts.dropFirst() {
        var i = 0
        while Kernels.vectorizedByDefault && i + 8 <= n { Kernels.store8(Kernels.load8(dst + i) + Kernels.load8(part + i), dst + i); i += 8 }
        while i < n { dst[i] += part[i]; i += 1 }
      }
    }
  }

  /// Scales `g` so that its Euclidean norm is at most `norm` (squares summed in index order, in Double).
  static func clip(_ g: inout [T], norm: Double) {
    var squares = 0.0
    for v in g { squares += Double(v) * Double(v) }
    let current = squares.squareRoot()
    if current > norm {
      let s = T(norm / current)
      for i in g.indices { g[i] *= s }
    }
  }
}
