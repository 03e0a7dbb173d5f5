/// Supervised windows for a recurrent network: input sequences and their targets, stored
/// sample after sample in contiguous buffers.
public struct TrainingData<T: NeuralScalar>: Sendable, Equatable {
  /// Time steps per input sequence.
  public let steps: Int
  /// Features per time step.
  public let features: Int
  /// Target values per sample (the forecast steps a sample teaches).
  public let horizon: Int
  /// `inputs[(i * steps + t) * features + f]`: feature `f` at step `t` of sample `i`.
  public var inputs: [T]
  /// `targets[i * horizon + s]`: step `s` of sample `i`'s target.
  public var targets: [T]

  /// Creates a data set from sample-major buffers.
  ///
  /// - Precondition: buffer lengths are whole multiples of one sample's size and agree on the count.
  public init(steps: Int, features: Int, horizon: Int, inputs: [T], targets: [T]) {
    precondition(steps > 0 && features > 0 && horizon > 0,
                 "training data: steps, features and horizon must be positive, got \(steps), \(features), \(horizon)")
    precondition(inputs.count % (steps * features) == 0 && targets.count % horizon == 0
                 && inputs.count / (steps * features) == targets.count / horizon,
                 "training data: \(inputs.count) inputs and \(targets.count) targets do not make whole samples")
    self.steps = steps
    self.features = features
    self.horizon = horizon
    self.inputs = inputs
    self.targets = targets
  }

  /// The number of samples.
  public var count: Int { targets.count / horizon }

  /// The samples at `indices`, in that order.
  public func subset(_ indices: [Int]) -> TrainingData {
    let width = steps * features
    var x: [T] = []
    x.reserveCapacity(indices.count * width)
    var y: [T] = []
    y.reserveCapacity(indices.count * horizon)
    for i in indices {
      x.append(contentsOf: inputs[(i * width)..<((i + 1) * width)])
      y.append(contentsOf: targets[(i * horizon)..<((i + 1) * horizon)])
    }
    return TrainingData(steps: steps, features: features, horizon: horizon, inputs: x, targets: y)
  }

  /// Copies samples `indices` into a time-major block, `out[(t * indices.count + b) * features + f]`,
  /// and their targets into `targetsOut[b * horizon + s]`.
  func gather(_ indices: ArraySlice<Int>, inputs out: UnsafeMutablePointer<T>, targets targetsOut: UnsafeMutablePointer<T>) {
    let rows = indices.count
    inputs.withUnsafeBufferPointer { x in
      for (b, i) in indices.enumerated() {
        let sample = x.baseAddress! + i * steps * features
        for t in 0..<steps {
          (out + (t * rows + b) * features).update(from: sample + t * features, count: features)
        }
      }
    }
    targets.withUnsafeBufferPointer { y in
      for (b, i) in indices.enumerated() {
        (targetsOut + b * horizon).update(from: y.baseAddress! + i * horizon, count: horizon)
      }
    }
  }
}
