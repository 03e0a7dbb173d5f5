import Stochastics
import Testing
@testable import NeuralForecasting

/// Central-difference check of every parameter tensor and of the input gradients, in Double.
struct GradientCheck {
  var tensorErrors: [String: Double] = [:]
  var inputError = 0.0

  /// The mean squared error of a forward pass, as the loss the check differentiates.
  static func loss(_ net: RecurrentNetwork<Double>, inputs: [Double], targets: [Double], steps: Int,
                   batch: Int, lossKind: TrainingLoss, dropoutSeed: (UInt64, UInt64)?,
                   workspace ws: RecurrentWorkspace<Double>) -> Double {
    return net.parameters.withUnsafeBufferPointer { p in
      inputs.withUnsafeBufferPointer { x in
        ws.forward(parameters: p.baseAddress!, inputs: x.baseAddress!, steps: steps, batch: batch,
                   dropoutSeed: dropoutSeed.map { (seed: $0.0, stream: $0.1) })
        return targets.withUnsafeBufferPointer { t in
          lossKind.evaluate(outputs: UnsafePointer(ws.output.baseAddress!), targets: t.baseAddress!, batch: batch,
                            horizon: net.architecture.outputSize / lossKind.outputsPerStep,
                            gradientScale: 1, gradient: nil) / Double(batch)
        }
      }
    }
  }

  /// Runs the check. The numeric derivative is the central difference D(h) at h = 1e-2, h/2 and
  /// h/4, refined by two levels of Richardson extrapolation (truncation error O(h⁶)), so the
  /// step can be large enough for rounding noise to stay near 1e-13; the
  /// relative error per element is |analytic − numeric| / max(|analytic|, |numeric|, 1e-6):
  /// the floor keeps elements whose gradient is ~1e-9 from dividing rounding noise by nothing.
  static func run(cell: CellKind, layers: Int, inputSize: Int = 3, hidden: Int = 5, outputs: Int = 2,
                  steps: Int = 4, batch: Int = 3, dropout: Double = 0,
                  lossKind: TrainingLoss = .meanSquaredError) -> GradientCheck {
    let arch = NetworkArchitecture(cell: cell, inputSize: inputSize, hiddenSize: hidden, layerCount: layers,
                                   outputSize: outputs, dropout: dropout)
    var net = RecurrentNetwork<Double>(architecture: arch, seed: 11)
    var rng = Xoshiro256(seed: 3, entity: 1, purpose: .auxiliary)
    // Nonzero biases exercise every term.
    for i in net.parameters.indices { net.parameters[i] += 0.2 * (rng.nextUnit() - 0.5) }
    let inputs = (0..<(steps * batch * inputSize)).map { _ in 2 * rng.nextUnit() - 1 }
    let horizon = outputs / lossKind.outputsPerStep
    let targets = (0..<(batch * horizon)).map { _ in 2 * rng.nextUnit() - 1 }
    let dropSeed: (UInt64, UInt64)? = dropout > 0 ? (5, 9) : nil

    let ws = RecurrentWorkspace<Double>(architecture: arch, steps: steps, batch: batch)
    var dy = [Double](repeating: 0, count: batch * outputs)
    net.parameters.withUnsafeBufferPointer { p in
      inputs.withUnsafeBufferPointer { x in
        ws.forward(parameters: p.baseAddress!, inputs: x.baseAddress!, steps: steps, batch: batch,
                   dropoutSeed: dropSeed.map { (seed: $0.0, stream: $0.1) })
        targets.withUnsafeBufferPointer { t in
          dy.withUnsafeMutableBufferPointer { d in
            _ = lossKind.evaluate(outputs: UnsafePointer(ws.output.baseAddress!), targets: t.baseAddress!,
                                  batch: batch, horizon: horizon, gradientScale: 1 / Double(batch),
                                  gradient: d.baseAddress!)
          }
        }
        dy.withUnsafeBufferPointer { d in
          ws.backward(parameters: p.baseAddress!, outputGradient: d.baseAddress!, wantInputGradient: true)
        }
      }
    }
    let analytic = Array(ws.gradient)
    let analyticInput = Array(ws.inputGradient)
    let eps = 1e-2
    let probe = RecurrentWorkspace<Double>(architecture: arch, steps: steps, batch: batch)
    func central(_ f: (Double) -> Double) -> Double {
      let d1 = (f(eps) - f(-eps)) / (2 * eps)
      let d2 = (f(eps / 2) - f(-eps / 2)) / eps
      let d4 = (f(eps / 4) - f(-eps / 4)) / (eps / 2)
      let r1 = (4 * d2 - d1) / 3, r2 = (4 * d4 - d2) / 3
      return (16 * r2 - r1) / 15
    }
    func rel(_ a: Double, _ b: Double) -> Double { abs(a - b) / max(abs(a), abs(b), 1e-6) }
    var result = GradientCheck()
    for tensor in arch.tensors {
      var worst = 0.0
      for i in tensor.offset..<(tensor.offset + tensor.count) {
        let numeric = central { d in
          var moved = net
          moved.parameters[i] += d
          return loss(moved, inputs: inputs, targets: targets, steps: steps, batch: batch, lossKind: lossKind,
                      dropoutSeed: dropSeed, workspace: probe)
        }
        worst = max(worst, rel(analytic[i], numeric))
      }
      result.tensorErrors[tensor.name] = worst
    }
    var worst = 0.0
    for i in inputs.indices {
      let numeric = central { d in
        var moved = inputs
        moved[i] += d
        return loss(net, inputs: moved, targets: targets, steps: steps, batch: batch, lossKind: lossKind,
                    dropoutSeed: dropSeed, workspace: probe)
      }
      worst = max(worst, rel(analyticInput[i], numeric))
    }
    result.inputError = worst
    return result
  }
}

@Suite("Backpropagation through time matches central differences")
struct GradientCheckTests {
  @Test("every tensor and the inputs within 1e-6", arguments: [
    (CellKind.lstm, 1), (CellKind.lstm, 2), (CellKind.gru, 1), (CellKind.gru, 2),
  ])
  func everyTensor(cell: CellKind, layers: Int) {
    let check = GradientCheck.run(cell: cell, layers: layers)
    let names = NetworkArchitecture(cell: cell, inputSize: 3, hiddenSize: 5, layerCount: layers, outputSize: 2).tensors.map(\.name)
    #expect(Set(check.tensorErrors.keys) == Set(names))
    for (name, error) in check.tensorErrors.sorted(by: { $0.key < $1.key }) {
      print("gradient check \(cell) \(layers) layer(s) \(name): \(error)")
      #expect(error < 1e-6, "\(cell) \(name): \(error)")
    }
    print("gradient check \(cell) \(layers) layer(s) inputs: \(check.inputError)")
    #expect(check.inputError < 1e-6)
  }

  @Test("three layers with dropout", arguments: CellKind.allCases)
  func deepWithDropout(cell: CellKind) {
    let check = GradientCheck.run(cell: cell, layers: 3, inputSize: 2, hidden: 4, outputs: 1, steps: 3, batch: 2, dropout: 0.3)
    for (name, error) in check.tensorErrors { #expect(error < 1e-6, "\(cell) \(name): \(error)") }
    #expect(check.inputError < 1e-6)
  }
}
