/// The loss a recurrent forecaster minimises.
///
/// Outputs are laid out `horizon × quantiles`: output `s * q + k` is quantile `k` of step `s`
/// (one column per step for the point losses). The loss of one sample is the mean over its
/// outputs; the loss of a batch is the mean over samples.
public enum TrainingLoss: Codable, Sendable, Equatable {
  /// Mean squared error, (y − t)².
  case meanSquaredError
  /// Huber loss: ½(y − t)² within `delta` of the target, linear beyond (`delta` in scaled units).
  case huber(delta: Double)
  /// Pinball loss at each level in (0, 1), ascending; the network outputs one value per level
  /// and step, and the median (or the level nearest 0.5) is the point forecast.
  ///
  /// - SeeAlso: R. Koenker, G. Bassett (1978), Econometrica 46(1), 33–50.
  case quantile(levels: [Double])

  /// Network outputs per forecast step.
  public var outputsPerStep: Int {
    if case let .quantile(levels) = self { return levels.count }
    return 1
  }

  /// Adds the summed per-sample loss of `batch` samples and writes dLoss/dOutput times
  /// `gradientScale`.
  ///
  /// - Parameters:
  ///   - outputs: `batch × (horizon · outputsPerStep)`.
  ///   - targets: `batch × horizon`.
  ///   - gradient: Receives the scaled gradient, shaped like `outputs`.
  /// - Returns: The sum over samples of each sample's mean loss, in `Double`.
  func evaluate<T: NeuralScalar>(
    outputs: UnsafePointer<T>, targets: UnsafePointer<T>, batch: Int, horizon: Int,
    gradientScale: T, gradient: UnsafeMutablePointer<T>?
  ) -> Double {
    let q = outputsPerStep
    let width = horizon * q
    let perOutput = 1 / Double(width)
    var total = 0.0
    for b in 0..<batch {
      var sampleLoss = 0.0
      for s in 0..<horizon {
        let target = Double(targets[b * horizon + s])
        for k in 0..<q {
          let index = b * width + s * q + k
          let e = Double(outputs[index]) - target
          var value = 0.0, slope = 0.0
          switch self {
          case .meanSquaredError:
            value = e * e; slope = 2 * e
          case let .huber(delta):
            if abs(e) <= delta { value = 0.5 * e * e; slope = e } else {
              value = delta * (abs(e) - 0.5 * delta); slope = e > 0 ? delta : -delta
            }
          case let .quantile(levels):
            // Pinball on the residual t − y: τ·r if r ≥ 0, (τ − 1)·r otherwise.
            let tau = levels[k]
            if e <= 0 { value = -tau * e; slope = -tau } else { value = (1 - tau) * e; slope = 1 - tau }
          }
          sampleLoss += value
          gradient?[index] = gradientScale * T(slope * perOutput)
        }
      }
      total += sampleLoss * perOutput
    }
    return total
  }
}
