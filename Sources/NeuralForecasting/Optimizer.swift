#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The update rule that turns gradients into parameter steps.
public enum OptimizerKind: Codable, Sendable, Equatable {
  /// Adam with bias correction.
  ///
  /// - SeeAlso: D. Kingma, J. Ba (2015), "Adam: A method for stochastic optimization", ICLR.
  case adam(beta1: Double, beta2: Double, epsilon: Double)
  /// Stochastic gradient descent with (heavy-ball) momentum: v ← μv + g, θ ← θ − ηv.
  case sgd(momentum: Double)

  /// Adam with the usual constants β₁ = 0.9, β₂ = 0.999, ε = 1e-8.
  public static var adam: OptimizerKind { .adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8) }
}

/// How the learning rate changes over epochs.
public enum LearningRateSchedule: Codable, Sendable, Equatable {
  /// The base rate throughout.
  case constant
  /// The rate times `factor` after every `everyEpochs` epochs.
  case step(everyEpochs: Int, factor: Double)
  /// Cosine annealing from the base rate down to `minimumFactor` × base over the planned epochs.
  ///
  /// - SeeAlso: I. Loshchilov, F. Hutter (2017), "SGDR", ICLR.
  case cosine(minimumFactor: Double)

  /// The rate for `epoch` (0-based) of `epochs`.
  public func rate(base: Double, epoch: Int, epochs: Int) -> Double {
    switch self {
    case .constant:
      return base
    case let .step(every, factor):
      return base * pow(factor, Double(epoch / max(every, 1)))
    case let .cosine(minimumFactor):
      let progress = epochs > 1 ? Double(epoch) / Double(epochs - 1) : 0
      return base * (minimumFactor + (1 - minimumFactor) * 0.5 * (1 + cos(Double.pi * progress)))
    }
  }
}

/// Optimizer state (moments, step count) for one flat parameter vector.
struct OptimizerState<T: NeuralScalar> {
  let kind: OptimizerKind
  var first: [T]
  var second: [T]
  var step = 0

  init(kind: OptimizerKind, count: Int) {
    self.kind = kind
    first = [T](repeating: 0, count: count)
    if case .adam = kind { second = [T](repeating: 0, count: count) } else { second = [] }
  }

  /// Applies one update with learning rate `rate` to `parameters` given `gradient`.
  mutating func update(_ parameters: inout [T], gradient: [T], rate: Double) {
    step += 1
    let n = parameters.count
    switch kind {
    case let .adam(beta1, beta2, epsilon):
      let b1 = T(beta1), b2 = T(beta2), eps = T(epsilon)
      let c1 = 1 - pow(beta1, Double(step)), c2 = 1 - pow(beta2, Double(step))
      // Fold both bias corrections into the step size and ε: θ −= α·m̂/(√v̂ + ε).
      let alpha = T(rate * c2.squareRoot() / c1)
      let epsHat = eps * T(c2.squareRoot())
      parameters.withUnsafeMutableBufferPointer { p in
        gradient.withUnsafeBufferPointer { g in
          first.withUnsafeMutableBufferPointer { m in
            second.withUnsafeMutableBufferPointer { v in
              for i in 0..<n {
                let gi = g[i]
                m[i] = b1 * m[i] + (1 - b1) * gi
                v[i] = b2 * v[i] + (1 - b2) * gi * gi
                p[i] -= alpha * m[i] / (v[i].squareRoot() + epsHat)
              }
            }
          }
        }
      }
    case let .sgd(momentum):
      let mu = T(momentum), eta = T(rate)
      parameters.withUnsafeMutableBufferPointer { p in
        gradient.withUnsafeBufferPointer { g in
          first.withUnsafeMutableBufferPointer { v in
            for i in 0..<n {
              v[i] = mu * v[i] + g[i]
              p[i] -= eta * v[i]
            }
          }
        }
      }
    }
  }
}
