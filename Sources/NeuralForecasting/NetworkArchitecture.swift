/// The recurrent cell a network is built from.
public enum CellKind: String, Codable, Sendable, CaseIterable {
  /// Long short-term memory (Hochreiter & Schmidhuber 1997, with the forget gate of
  /// Gers et al. 2000): gates in the order input, forget, cell candidate, output.
  case lstm
  /// Gated recurrent unit, the cuDNN/PyTorch variant: the reset gate multiplies the
  /// recurrent projection *after* the matrix product, `n = tanh(Wx·x + b + r ⊙ (Wh·h + b_hn))`,
  /// so one matrix product per step serves all three gates. Gates in the order reset,
  /// update, new. (Cho et al. 2014 apply `r` to `h` before the product.)
  case gru

  /// Gates per hidden unit: 4 for LSTM, 3 for GRU.
  public var gateCount: Int { self == .lstm ? 4 : 3 }
}

/// The shape of a recurrent network: a stack of 1–3 recurrent layers and a dense head that
/// reads the top layer's last hidden state.
public struct NetworkArchitecture: Codable, Sendable, Equatable {
  /// LSTM or GRU.
  public var cell: CellKind
  /// Features per time step fed to the first layer.
  public var inputSize: Int
  /// Hidden units per recurrent layer.
  public var hiddenSize: Int
  /// Recurrent layers stacked, 1...3.
  public var layerCount: Int
  /// Outputs of the dense head.
  public var outputSize: Int
  /// Dropout probability applied between recurrent layers while training, in [0, 1).
  public var dropout: Double

  /// Creates an architecture; sizes must be positive, `layerCount` in 1...3, `dropout` in [0, 1).
  public init(cell: CellKind, inputSize: Int, hiddenSize: Int, layerCount: Int = 1,
              outputSize: Int = 1, dropout: Double = 0) {
    precondition(inputSize > 0 && hiddenSize > 0 && outputSize > 0,
                 "architecture: sizes must be positive, got input \(inputSize) hidden \(hiddenSize) output \(outputSize)")
    precondition((1...3).contains(layerCount), "architecture: layerCount must be in 1...3, got \(layerCount)")
    precondition(dropout >= 0 && dropout < 1, "architecture: dropout must be in [0, 1), got \(dropout)")
    self.cell = cell
    self.inputSize = inputSize
    self.hiddenSize = hiddenSize
    self.layerCount = layerCount
    self.outputSize = outputSize
    self.dropout = dropout
  }

  private enum CodingKeys: String, CodingKey { case cell, inputSize, hiddenSize, layerCount, outputSize, dropout }

  /// The largest sizes a saved architecture may declare, so a damaged file cannot ask for an
  /// impossible allocation.
  static let largestSize = 1 << 20

  /// Decodes an architecture, checking the ranges `init` requires.
  ///
  /// - Throws: `DecodingError.dataCorrupted` naming the field out of range.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    func size(_ key: CodingKeys, _ range: ClosedRange<Int>) throws -> Int {
      let v = try c.decode(Int.self, forKey: key)
      guard range.contains(v) else {
        throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "must be in \(range.lowerBound)...\(range.upperBound), got \(v)")
      }
      return v
    }
    let dropout = try c.decode(Double.self, forKey: .dropout)
    guard dropout >= 0 && dropout < 1 else {
      throw DecodingError.dataCorruptedError(forKey: .dropout, in: c, debugDescription: "must be in [0, 1), got \(dropout)")
    }
    self.init(cell: try c.decode(CellKind.self, forKey: .cell), inputSize: try size(.inputSize, 1...Self.largestSize),
              hiddenSize: try size(.hiddenSize, 1...4096), layerCount: try size(.layerCount, 1...3),
              outputSize: try size(.outputSize, 1...Self.largestSize), dropout: dropout)
  }

  /// Every parameter tensor in storage order, with its offset into the flat parameter vector.
  public var tensors: [ParameterTensor] {
    var list: [ParameterTensor] = []
    var offset = 0
    func add(_ name: String, _ rows: Int, _ cols: Int) {
      list.append(ParameterTensor(name: name, rows: rows, cols: cols, offset: offset))
      offset += rows * cols
    }
    let g = cell.gateCount * hiddenSize
    for l in 0..<layerCount {
      add("layer\(l).inputWeights", l == 0 ? inputSize : hiddenSize, g)
      add("layer\(l).recurrentWeights", hiddenSize, g)
      add("layer\(l).bias", 1, g)
      if cell == .gru { add("layer\(l).recurrentNewGateBias", 1, hiddenSize) }
    }
    add("head.weights", hiddenSize, outputSize)
    add("head.bias", 1, outputSize)
    return list
  }

  /// The number of scalar parameters.
  public var parameterCount: Int { tensors.last.map { $0.offset + $0.count } ?? 0 }

  /// Offsets of one recurrent layer's tensors.
  struct LayerOffsets {
    var inputWeights: Int, recurrentWeights: Int, bias: Int, newGateBias: Int, inputSize: Int
  }

  /// Offsets of each layer's tensors and of the head's, in one pass over `tensors`.
  func offsets() -> (layers: [LayerOffsets], headWeights: Int, headBias: Int) {
    let t = tensors
    let per = cell == .gru ? 4 : 3
    var layers: [LayerOffsets] = []
    for l in 0..<layerCount {
      let base = l * per
      layers.append(LayerOffsets(
        inputWeights: t[base].offset, recurrentWeights: t[base + 1].offset, bias: t[base + 2].offset,
        newGateBias: cell == .gru ? t[base + 3].offset : -1, inputSize: t[base].rows))
    }
    return (layers, t[t.count - 2].offset, t[t.count - 1].offset)
  }
}

/// One named parameter tensor inside a network's flat parameter vector.
public struct ParameterTensor: Codable, Sendable, Equatable {
  /// A stable name such as `"layer0.recurrentWeights"` or `"head.bias"`.
  public var name: String
  /// Rows (1 for a bias).
  public var rows: Int
  /// Columns.
  public var cols: Int
  /// Where the tensor starts in the flat vector; elements are row-major.
  public var offset: Int
  /// The number of elements.
  public var count: Int { rows * cols }
}
