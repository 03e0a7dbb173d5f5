#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Stochastics

/// A stacked LSTM or GRU with a dense head, as a value: its architecture plus one flat,
/// contiguous parameter vector.
///
/// Forward and backward passes run in a `RecurrentWorkspace`, which holds the activations of
/// one shard of a mini-batch; the network itself is never mutated by them, so it can be shared
/// by any number of threads.
public struct RecurrentNetwork<T: NeuralScalar>: Sendable, Equatable {
  /// The layer shapes.
  public let architecture: NetworkArchitecture
  /// All parameters, tensor after tensor in the order of `architecture.tensors`.
  public var parameters: [T]

  /// Creates a network with deterministic initial weights drawn from `seed`.
  ///
  /// Input weights and the head are Glorot-uniform, U(±√(6/(fanIn + fanOut))) per gate block;
  /// each gate's recurrent block is a random orthogonal matrix (Gram–Schmidt on a Gaussian
  /// matrix); biases are 0 except the LSTM forget gate's, which is 1 so that memory is kept
  /// early in training.
  ///
  /// - Parameters:
  ///   - architecture: The shape.
  ///   - seed: Drives the `.training` substream; the same seed gives the same bits.
  /// - SeeAlso: X. Glorot, Y. Bengio (2010), AISTATS; A. Saxe et al. (2014), ICLR;
  ///   R. Jozefowicz et al. (2015), ICML (forget-gate bias 1).
  public init(architecture: NetworkArchitecture, seed: UInt64) {
    self.architecture = architecture
    var p = [T](repeating: 0, count: architecture.parameterCount)
    var rng = Xoshiro256(seed: seed, entity: 0x6E6E, purpose: .training)
    let h = architecture.hiddenSize
    let gates = architecture.cell.gateCount
    let (layers, headW, _) = architecture.offsets()
    for layer in layers {
      let limit = (6.0 / Double(layer.inputSize + h)).squareRoot()
      for i in 0..<(layer.inputSize * gates * h) {
        p[layer.inputWeights + i] = T((2 * rng.nextUnit() - 1) * limit)
      }
      for g in 0..<gates {
        let q = Self.randomOrthogonal(h, using: &rng)
        for r in 0..<h {
          for c in 0..<h { p[layer.recurrentWeights + r * gates * h + g * h + c] = T(q[r * h + c]) }
        }
      }
      if architecture.cell == .lstm {
        for j in 0..<h { p[layer.bias + h + j] = 1 }
      }
    }
    let o = architecture.outputSize
    let limit = (6.0 / Double(h + o)).squareRoot()
    for i in 0..<(h * o) { p[headW + i] = T((2 * rng.nextUnit() - 1) * limit) }
    parameters = p
  }

  /// Creates a network from stored parameters.
  ///
  /// - Precondition: `parameters.count == architecture.parameterCount`.
  public init(architecture: NetworkArchitecture, parameters: [T]) {
    precondition(parameters.count == architecture.parameterCount,
                 "network: \(architecture.parameterCount) parameters expected, got \(parameters.count)")
    self.architecture = architecture
    self.parameters = parameters
  }

  /// A standard normal draw by the Box–Muller transform (one of the pair is used).
  static func standardNormal(using rng: inout Xoshiro256) -> Double {
    let u1 = rng.nextOpenUnit(), u2 = rng.nextUnit()
    return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
  }

  /// An n×n orthogonal matrix, row-major: modified Gram–Schmidt on the rows of a Gaussian matrix.
  static func randomOrthogonal(_ n: Int, using rng: inout Xoshiro256) -> [Double] {
    var m = (0..<(n * n)).map { _ in standardNormal(using: &rng) }
    for i in 0..<n {
      for k in 0..<i {
        var d = 0.0
        for c in 0..<n { d += m[i * n + c] * m[k * n + c] }
        for c in 0..<n { m[i * n + c] -= d * m[k * n + c] }
      }
      var norm = 0.0
      for c in 0..<n { norm += m[i * n + c] * m[i * n + c] }
      let s = 1 / norm.squareRoot()
      for c in 0..<n { m[i * n + c] *= s }
    }
    return m
  }

  /// The same network in another precision.
  public func converted<U: NeuralScalar>(to: U.Type = U.self) -> RecurrentNetwork<U> {
    RecurrentNetwork<U>(architecture: architecture, parameters: parameters.map { U($0) })
  }

  /// Runs the network on a batch without dropout.
  ///
  /// - Parameters:
  ///   - inputs: Time-major features, `inputs[(t * batch + b) * inputSize + f]`.
  ///   - steps: Time steps per sequence.
  ///   - batch: Sequences.
  /// - Returns: Outputs, `batch × outputSize`, row-major.
  /// - Complexity: O(steps · batch · layers · gates · hidden · (hidden + input)).
  public func predict(inputs: [T], steps: Int, batch: Int) -> [T] {
    precondition(inputs.count == steps * batch * architecture.inputSize,
                 "predict: \(steps)×\(batch)×\(architecture.inputSize) inputs expected, got \(inputs.count)")
    let ws = RecurrentWorkspace<T>(architecture: architecture, steps: steps, batch: batch)
    parameters.withUnsafeBufferPointer { p in
      inputs.withUnsafeBufferPointer { x in
        ws.forward(parameters: p.baseAddress!, inputs: x.baseAddress!, steps: steps, batch: batch,
                   dropoutSeed: nil)
      }
    }
    return Array(ws.output[0..<(batch * architecture.outputSize)])
  }
}

extension RecurrentNetwork {
  /// Runs the network on windows stored sample after sample, `windows[(i * steps + t) * inputSize + f]`,
  /// in chunks of 256 without dropout.
  ///
  /// - Returns: `count × outputSize` outputs, row-major.
  public func predict(windows: [T], steps: Int) -> [T] {
    let f = architecture.inputSize, o = architecture.outputSize
    precondition(steps > 0 && windows.count % (steps * f) == 0,
                 "predict: \(windows.count) values do not make whole windows of \(steps)×\(f)")
    let count = windows.count / (steps * f)
    if count == 0 { return [] }
    let chunk = min(count, 256)
    let ws = RecurrentWorkspace<T>(architecture: architecture, steps: steps, batch: chunk)
    var result = [T](repeating: 0, count: count * o)
    parameters.withUnsafeBufferPointer { p in
      windows.withUnsafeBufferPointer { x in
        var start = 0
        while start < count {
          let rows = min(chunk, count - start)
          for b in 0..<rows {
            for t in 0..<steps {
              (ws.stagedInputs + (t * rows + b) * f).update(from: x.baseAddress! + ((start + b) * steps + t) * f, count: f)
            }
          }
          ws.forward(parameters: p.baseAddress!, inputs: ws.stagedInputs, steps: steps, batch: rows, dropoutSeed: nil)
          for i in 0..<(rows * o) { result[start * o + i] = ws.output[i] }
          start += rows
        }
      }
    }
    return result
  }
}

extension RecurrentNetwork: Codable {
  private enum CodingKeys: String, CodingKey { case architecture, tensors, parameters }

  /// Decodes a network; the parameter count must match the architecture.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    let architecture = try c.decode(NetworkArchitecture.self, forKey: .architecture)
    let parameters = try c.decode([T].self, forKey: .parameters)
    guard parameters.count == architecture.parameterCount else {
      throw DecodingError.dataCorruptedError(
        forKey: .parameters, in: c,
        debugDescription: "network: \(architecture.parameterCount) parameters expected, got \(parameters.count)")
    }
    self.init(architecture: architecture, parameters: parameters)
  }

  /// Encodes the architecture, the tensor table (names, shapes, offsets: for readers) and the
  /// flat parameters.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(architecture, forKey: .architecture)
    try c.encode(architecture.tensors, forKey: .tensors)
    try c.encode(parameters, forKey: .parameters)
  }
}
