import Stochastics

/// A small feed-forward classifier: features in, one score per action out, tanh hidden layers.
/// The learned policy (`LearnedLostSalesPolicy`) orders the action with the highest score.
///
/// Trained by minibatch Adam on softmax cross-entropy, sequentially and from a seed, so the
/// same data and seed give the same weights bit for bit on any machine.
public struct PolicyNetwork: Codable, Sendable, Equatable {
  /// Number of features.
  public let inputs: Int
  /// Widths of the hidden layers.
  public let hidden: [Int]
  /// Number of actions (0 … outputs − 1 units).
  public let outputs: Int
  /// All weights, layer by layer: the weight matrix (rows = units of the layer, row-major),
  /// then the biases.
  public var weights: [Double]

  /// The layer widths, inputs first.
  var widths: [Int] { [inputs] + hidden + [outputs] }

  /// The number of weights a network of these widths has.
  static func weightCount(_ widths: [Int]) -> Int {
    (1..<widths.count).reduce(0) { $0 + widths[$1] * widths[$1 - 1] + widths[$1] }
  }

  /// A network with Glorot-uniform weights drawn from `seed` and zero biases.
  public init(inputs: Int, hidden: [Int], outputs: Int, seed: UInt64) {
    self.inputs = inputs
    self.hidden = hidden
    self.outputs = outputs
    var rng = Xoshiro256(seed: seed)
    let widths = [inputs] + hidden + [outputs]
    var w: [Double] = []
    for l in 1..<widths.count {
      let bound = (6.0 / Double(widths[l] + widths[l - 1])).squareRoot()
      for _ in 0..<(widths[l] * widths[l - 1]) { w.append((2 * rng.nextUnit() - 1) * bound) }
      w += Array(repeating: 0, count: widths[l])
    }
    weights = w
  }

  /// True when the stored sizes and weights agree (a file may have been edited).
  public var isConsistent: Bool {
    inputs >= 1 && outputs >= 1 && hidden.allSatisfy { $0 >= 1 && $0 <= 4096 } && hidden.count <= 8
      && weights.count == Self.weightCount(widths) && weights.allSatisfy(\.isFinite)
  }

  /// The activations of every layer for `x` (the last layer's are the raw scores).
  func forward(_ x: [Double]) -> [[Double]] {
    let widths = self.widths
    var layers = [x]
    var offset = 0
    for l in 1..<widths.count {
      let n = widths[l], m = widths[l - 1]
      let previous = layers[l - 1]
      var out = Array(repeating: 0.0, count: n)
      for i in 0..<n {
        var s = weights[offset + n * m + i]
        let row = offset + i * m
        for j in 0..<m { s += weights[row + j] * previous[j] }
        out[i] = l == widths.count - 1 ? s : FastTanh.tanh(s)
      }
      offset += n * m + n
      layers.append(out)
    }
    return layers
  }

  /// The action with the highest score (the smallest on ties).
  public func bestAction(_ x: [Double]) -> Int {
    let scores = forward(x).last!
    var best = 0
    for i in 1..<scores.count where scores[i] > scores[best] { best = i }
    return best
  }

  /// Fits the network to (features, label) pairs by minibatch Adam on cross-entropy.
  ///
  /// - Returns: The share of samples whose label had the highest score in the last epoch.
  @discardableResult
  public mutating func fit(features: [[Double]], labels: [Int], epochs: Int, batchSize: Int = 64, learningRate: Double = 0.003,
                           seed: UInt64) -> Double {
    precondition(features.count == labels.count && labels.allSatisfy { (0..<outputs).contains($0) })
    guard !features.isEmpty else { return 0 }
    let widths = self.widths
    var m = Array(repeating: 0.0, count: weights.count), v = m, gradient = m
    var rng = Xoshiro256(seed: seed)
    var order = Array(features.indices)
    var power1 = 1.0, power2 = 1.0
    var lastAccuracy = 0.0
    let (b1, b2, eps) = (0.9, 0.999, 1e-8)
    for _ in 0..<epochs {
      // Fisher–Yates with the seeded stream.
      for i in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(i, rng.nextInt(below: i + 1)) }
      var hits = 0
      var start = 0
      while start < order.count {
        let batch = order[start..<min(start + batchSize, order.count)]
        start += batchSize
        for i in gradient.indices { gradient[i] = 0 }
        for s in batch {
          let layers = forward(features[s])
          // Softmax cross-entropy: dL/dscore = softmax − onehot.
          let scores = layers.last!
          let top = scores.max()!
          var exps = scores.map { FastTanh.exp($0 - top) }
          let total = exps.reduce(0, +)
          for i in exps.indices { exps[i] /= total }
          var best = 0
          for i in 1..<scores.count where scores[i] > scores[best] { best = i }
          if best == labels[s] { hits += 1 }
          var delta = exps
          delta[labels[s]] -= 1
          // Back through the layers.
          var offset = weights.count
          for l in stride(from: widths.count - 1, through: 1, by: -1) {
            let n = widths[l], mIn = widths[l - 1]
            offset -= n * mIn + n
            let input = layers[l - 1]
            var back = Array(repeating: 0.0, count: mIn)
            for i in 0..<n {
              let d = delta[i]
              if d == 0 { continue }
              gradient[offset + n * mIn + i] += d
              let row = offset + i * mIn
              for j in 0..<mIn {
                gradient[row + j] += d * input[j]
                back[j] += d * weights[row + j]
              }
            }
            if l > 1 { for j in 0..<mIn { back[j] *= 1 - input[j] * input[j] } }
            delta = back
          }
        }
        power1 *= b1
        power2 *= b2
        let scale = 1 / Double(batch.count)
        let c1 = 1 - power1, c2 = 1 - power2
        for i in weights.indices {
          let g = gradient[i] * scale
          m[i] = b1 * m[i] + (1 - b1) * g
          v[i] = b2 * v[i] + (1 - b2) * g * g
          weights[i] -= learningRate * (m[i] / c1) / ((v[i] / c2).squareRoot() + eps)
        }
      }
      lastAccuracy = Double(hits) / Double(order.count)
    }
    return lastAccuracy
  }
}

/// tanh and exp written out, so results do not depend on the platform's math library.
enum FastTanh {
  /// exp(x) by range reduction to [−ln2/2, ln2/2] and a degree-12 Taylor polynomial (relative
  /// error below 1e-15); 0 below −700, +∞ above 700.
  static func exp(_ x: Double) -> Double {
    if x < -700 { return 0 }
    if x > 700 { return .infinity }
    let ln2 = 0.6931471805599453
    let k = (x / ln2).rounded()
    let r = x - k * ln2
    var term = 1.0, sum = 1.0
    for i in 1...12 {
      term *= r / Double(i)
      sum += term
    }
    return sum * Double(sign: .plus, exponent: Int(k), significand: 1)
  }

  /// tanh(x) = 1 − 2 / (exp(2x) + 1).
  static func tanh(_ x: Double) -> Double {
    if x > 20 { return 1 }
    if x < -20 { return -1 }
    return 1 - 2 / (exp(2 * x) + 1)
  }
}
