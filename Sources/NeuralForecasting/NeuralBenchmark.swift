#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Stochastics

/// Training throughput of the recurrent networks, for `supplysim bench nn`.
///
/// The workload matches a common PyTorch reference: one layer, hidden 64, window 28, univariate
/// input, one output, batch 64, Float32, Adam, MSE. Training runs through `RecurrentTrainer`,
/// the same code path forecasters use (shuffling, sharding, reduction, clipping, Adam).
package enum NeuralBenchmark {
  /// One measurement.
  package struct Result: Sendable, Equatable, Codable {
    /// LSTM training samples (windows × epochs) per second of wall time.
    package var lstmSamplesPerSecond: Double
    /// GRU training samples per second of wall time.
    package var gruSamplesPerSecond: Double
    /// LSTM samples per second of process CPU time (all threads): on a shared machine this
    /// shows the kernels' speed when wall time is inflated by other work.
    package var lstmSamplesPerCPUSecond: Double
    /// GRU samples per second of process CPU time.
    package var gruSamplesPerCPUSecond: Double
    /// Windows in the training set.
    package var windows: Int
    /// Epochs timed per network.
    package var epochs: Int
    /// Threads used.
    package var threads: Int
  }

  /// Trains an LSTM and a GRU and reports samples per second for each.
  ///
  /// - Parameters:
  ///   - windows: Training windows (10,000 in the reference).
  ///   - epochs: Timed epochs per network, after one untimed warm-up batch pass.
  ///   - threads: Threads; 0 means one per online processor.
  /// - Returns: Throughputs in samples per second.
  /// - Complexity: about 2.75 MFLOP per LSTM sample and 2.1 per GRU sample.
  package static func run(windows: Int = 10_000, epochs: Int = 3, threads: Int = 0) -> Result {
    let steps = 28
    let data = syntheticWindows(count: windows, steps: steps)
    var options = TrainingOptions(epochs: epochs, batchSize: 64, learningRate: 1e-3, optimizer: .adam,
                                  schedule: .constant, gradientClipNorm: nil, patience: nil,
                                  loss: .meanSquaredError, seed: 1, threads: threads, shardSize: 32)
    var rates: [Double] = [], cpuRates: [Double] = []
    for cell in [CellKind.lstm, .gru] {
      let arch = NetworkArchitecture(cell: cell, inputSize: 1, hiddenSize: 64, layerCount: 1, outputSize: 1)
      var network = RecurrentNetwork<Float>(architecture: arch, seed: 1)
      // Warm-up: one small epoch so page faults and thread start-up are not timed.
      options.epochs = 1
      var warm = network
      _ = RecurrentTrainer<Float>(options: options).train(&warm, on: data.subset(Array(0..<min(windows, 256))))
      options.epochs = epochs
      let clock = ContinuousClock()
      let cpuStart = processCPUSeconds()
      let start = clock.now
      _ = RecurrentTrainer<Float>(options: options).train(&network, on: data)
      let elapsed = clock.now - start
      let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
      let cpu = processCPUSeconds() - cpuStart
      rates.append(Double(windows * epochs) / seconds)
      cpuRates.append(Double(windows * epochs) / cpu)
    }
    return Result(lstmSamplesPerSecond: rates[0], gruSamplesPerSecond: rates[1],
                  lstmSamplesPerCPUSecond: cpuRates[0], gruSamplesPerCPUSecond: cpuRates[1], windows: windows,
                  epochs: epochs, threads: options.resolvedThreads)
  }

  /// CPU time used by the process so far, all threads.
  static func processCPUSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
  }

  /// Windows of a noisy sine: input steps t..<t+steps, target t+steps.
  static func syntheticWindows(count: Int, steps: Int) -> TrainingData<Float> {
    var rng = Xoshiro256(seed: 1, entity: 0, purpose: .auxiliary)
    let series = (0..<(count + steps)).map { t in
      Float(sin(2 * Double.pi * Double(t) / 24) + 0.1 * (rng.nextUnit() - 0.5))
    }
    var x: [Float] = []
    x.reserveCapacity(count * steps)
    var y: [Float] = []
    y.reserveCapacity(count)
    for i in 0..<count {
      x.append(contentsOf: series[i..<(i + steps)])
      y.append(series[i + steps])
    }
    return TrainingData(steps: steps, features: 1, horizon: 1, inputs: x, targets: y)
  }
}
