import Stochastics

/// Scratch memory and the exact forward and backward passes for one shard of a mini-batch.
///
/// A workspace owns every activation the backward pass needs (gates, cell states, hidden
/// states, dropout masks) for up to `maxSteps × maxBatch` sequences, allocated once. One thread
/// uses a workspace at a time; the trainer gives each shard its own, so shards never share
/// mutable memory.
///
/// Layout: sequences are time-major, row `t * batch + b` holds step `t` of sequence `b`, so the
/// input projections of all steps form one matrix product and each step's rows are contiguous.
final class RecurrentWorkspace<T: NeuralScalar>: @unchecked Sendable {
  let architecture: NetworkArchitecture
  let maxSteps: Int, maxBatch: Int
  let hiddenSize: Int, gateWidth: Int, inputSize: Int, outputSize: Int, layerCount: Int
  let offsets: [NetworkArchitecture.LayerOffsets]
  let headWeights: Int, headBias: Int

  /// Per layer: gate pre-activations, overwritten by the gate activations.
  var gates: [UnsafeMutablePointer<T>] = []
  /// Per layer: hidden states h_t.
  var hidden: [UnsafeMutablePointer<T>] = []
  /// Per layer: LSTM cell states c_t, or GRU recurrent new-gate terms Wh_n·h + b_hn.
  var cell: [UnsafeMutablePointer<T>] = []
  /// Per layer: tanh(c_t) (LSTM only).
  var tanhCell: [UnsafeMutablePointer<T>] = []
  /// Per layer l ≥ 1: the dropout mask applied to layer l-1's output, and the masked input.
  var mask: [UnsafeMutablePointer<T>] = []
  var dropped: [UnsafeMutablePointer<T>] = []
  var usedDropout: [Bool]
  /// The current layer's input (set by `forward`).
  var layerInputs: [UnsafePointer<T>] = []

  let recurrentProjection: UnsafeMutablePointer<T>
  let gateGradient: UnsafeMutablePointer<T>
  let recurrentGateGradient: UnsafeMutablePointer<T>
  let hiddenGradient: UnsafeMutablePointer<T>
  let layerInputGradient: UnsafeMutablePointer<T>
  let carriedHidden: UnsafeMutablePointer<T>
  let carriedCell: UnsafeMutablePointer<T>
  let transposedRecurrent: UnsafeMutablePointer<T>
  let transposedInput: UnsafeMutablePointer<T>
  let transposedHead: UnsafeMutablePointer<T>
  /// Head outputs, `batch × outputSize`.
  let output: UnsafeMutableBufferPointer<T>
  /// Parameter gradients accumulated by `backward`.
  let gradient: UnsafeMutableBufferPointer<T>
  /// Gradients with respect to the network inputs (filled when `backward` is asked for them).
  let inputGradient: UnsafeMutableBufferPointer<T>

  private(set) var steps = 0
  private(set) var batch = 0
  private var allocations: [UnsafeMutablePointer<T>] = []

  /// Allocates scratch for sequences of up to `steps` steps and shards of up to `batch` rows.
  init(architecture: NetworkArchitecture, steps: Int, batch: Int) {
    self.architecture = architecture
    maxSteps = steps; maxBatch = batch
    hiddenSize = architecture.hiddenSize
    gateWidth = architecture.cell.gateCount * architecture.hiddenSize
    inputSize = architecture.inputSize
    outputSize = architecture.outputSize
    layerCount = architecture.layerCount
    let o = architecture.offsets()
    offsets = o.layers; headWeights = o.headWeights; headBias = o.headBias
    usedDropout = Array(repeating: false, count: architecture.layerCount)
    var allocs: [UnsafeMutablePointer<T>] = []
    func make(_ n: Int) -> UnsafeMutablePointer<T> {
      let p = UnsafeMutablePointer<T>.allocate(capacity: max(n, 1))
      p.initialize(repeating: 0, count: max(n, 1))
      allocs.append(p)
      return p
    }
    let rows = steps * batch
    let h = hiddenSize, g = gateWidth
    for l in 0..<layerCount {
      gates.append(make(rows * g))
      hidden.append(make(rows * h))
      cell.append(make(rows * h))
      tanhCell.append(architecture.cell == .lstm ? make(rows * h) : make(0))
      mask.append(l > 0 ? make(rows * h) : make(0))
      dropped.append(l > 0 ? make(rows * h) : make(0))
    }
    recurrentProjection = make(batch * g)
    gateGradient = make(rows * g)
    recurrentGateGradient = architecture.cell == .gru ? make(rows * g) : make(0)
    hiddenGradient = make(rows * h)
    layerInputGradient = make(rows * max(h, inputSize))
    carriedHidden = make(batch * h)
    carriedCell = make(batch * h)
    transposedRecurrent = make(g * h)
    transposedInput = make(g * max(h, inputSize))
    transposedHead = make(outputSize * h)
    output = UnsafeMutableBufferPointer(start: make(batch * outputSize), count: batch * outputSize)
    gradient = UnsafeMutableBufferPointer(start: make(architecture.parameterCount), count: architecture.parameterCount)
    inputGradient = UnsafeMutableBufferPointer(start: make(rows * inputSize), count: rows * inputSize)
    allocations = allocs
  }

  deinit {
    for p in allocations { p.deallocate() }
  }

  // MARK: Forward

  /// Runs the network on `batch` sequences of `steps` steps and writes `output`.
  ///
  /// - Parameters:
  ///   - dropoutSeed: `(seed, stream)` to draw dropout masks while training; `nil` for inference.
  ///     The masks depend only on these two numbers, never on the thread.
  func forward(parameters p: UnsafePointer<T>, inputs x: UnsafePointer<T>, steps: Int, batch: Int,
               dropoutSeed: (seed: UInt64, stream: UInt64)?) {
    precondition(steps >= 1 && steps <= maxSteps && batch >= 1 && batch <= maxBatch,
                 "workspace: \(steps) steps × \(batch) rows exceed \(maxSteps) × \(maxBatch)")
    self.steps = steps; self.batch = batch
    let rows = steps * batch, h = hiddenSize, g = gateWidth
    layerInputs = []
    var input = UnsafePointer(x)
    var inSize = inputSize
    for l in 0..<layerCount {
      layerInputs.append(input)
      let o = offsets[l]
      Kernels.broadcastRows(rows: rows, cols: g, bias: p + o.bias, into: gates[l])
      Kernels.gemm(m: rows, n: g, k: inSize, a: input, aRow: inSize, aCol: 1,
                   b: p + o.inputWeights, ldb: g, c: gates[l], ldc: g, accumulate: true)
      if architecture.cell == .lstm {
        lstmForward(layer: l, p: p)
      } else {
        gruForward(layer: l, p: p)
      }
      if l + 1 < layerCount {
        let rate = architecture.dropout
        if let d = dropoutSeed, rate > 0 {
          var rng = Xoshiro256(seed: d.seed, entity: d.stream, purpose: .training, replication: UInt64(l + 1))
          let keep = T(1 / (1 - rate))
          let m = mask[l + 1], out = dropped[l + 1], src = hidden[l]
          for i in 0..<(rows * h) {
            let v: T = rng.nextUnit() < rate ? 0 : keep
            m[i] = v
            out[i] = src[i] * v
          }
          usedDropout[l + 1] = true
          input = UnsafePointer(out)
        } else {
          usedDropout[l + 1] = false
          input = UnsafePointer(hidden[l])
        }
        inSize = h
      }
    }
    let top = hidden[layerCount - 1] + (steps - 1) * batch * h
    Kernels.broadcastRows(rows: batch, cols: outputSize, bias: p + headBias, into: output.baseAddress!)
    Kernels.gemm(m: batch, n: outputSize, k: h, a: top, aRow: h, aCol: 1, b: p + headWeights,
                 ldb: outputSize, c: output.baseAddress!, ldc: outputSize, accumulate: true)
  }

  private func lstmForward(layer l: Int, p: UnsafePointer<T>) {
    let h = hiddenSize, g = gateWidth
    let z = gates[l], c = cell[l], tc = tanhCell[l], hs = hidden[l]
    let wh = p + offsets[l].recurrentWeights
    for t in 0..<steps {
      let zt = z + t * batch * g
      if t > 0 {
        Kernels.gemm(m: batch, n: g, k: h, a: hs + (t - 1) * batch * h, aRow: h, aCol: 1,
                     b: wh, ldb: g, c: zt, ldc: g, accumulate: true)
      }
      for b in 0..<batch {
        let zr = zt + b * g
        let row = (t * batch + b) * h
        let prev = t > 0 ? c + ((t - 1) * batch + b) * h : nil
        var j = 0
        while j < h {
          let n = min(8, h - j)
          let ig = T.sigmoid(lanes(zr + j, n))
          let fg = T.sigmoid(lanes(zr + h + j, n))
          let gg = T.tanh(lanes(zr + 2 * h + j, n))
          let og = T.sigmoid(lanes(zr + 3 * h + j, n))
          let cp = prev.map { lanes($0 + j, n) } ?? SIMD8<T>()
          let cv = fg * cp + ig * gg
          let tcv = T.tanh(cv)
          put(ig, zr + j, n); put(fg, zr + h + j, n); put(gg, zr + 2 * h + j, n); put(og, zr + 3 * h + j, n)
          put(cv, c + row + j, n); put(tcv, tc + row + j, n); put(og * tcv, hs + row + j, n)
          j += 8
        }
      }
    }
  }

  private func gruForward(layer l: Int, p: UnsafePointer<T>) {
    let h = hiddenSize, g = gateWidth
    let z = gates[l], hn = cell[l], hs = hidden[l], hp = recurrentProjection
    let wh = p + offsets[l].recurrentWeights
    let bhn = p + offsets[l].newGateBias
    for t in 0..<steps {
      let zt = z + t * batch * g
      if t > 0 {
        Kernels.gemm(m: batch, n: g, k: h, a: hs + (t - 1) * batch * h, aRow: h, aCol: 1,
                     b: wh, ldb: g, c: hp, ldc: g, accumulate: false)
      }
      for b in 0..<batch {
        let zr = zt + b * g, hr = hp + b * g
        let row = (t * batch + b) * h
        let prev = t > 0 ? hs + ((t - 1) * batch + b) * h : nil
        var j = 0
        while j < h {
          let n = min(8, h - j)
          var pr = SIMD8<T>(), pz = SIMD8<T>(), pn = SIMD8<T>(), hprev = SIMD8<T>()
          if let prev {
            pr = lanes(hr + j, n); pz = lanes(hr + h + j, n); pn = lanes(hr + 2 * h + j, n)
            hprev = lanes(prev + j, n)
          }
          let r = T.sigmoid(lanes(zr + j, n) + pr)
          let u = T.sigmoid(lanes(zr + h + j, n) + pz)
          let hnv = pn + lanes(bhn + j, n)
          let nv = T.tanh(lanes(zr + 2 * h + j, n) + r * hnv)
          put(r, zr + j, n); put(u, zr + h + j, n); put(nv, zr + 2 * h + j, n)
          put(hnv, hn + row + j, n)
          put(nv + u * (hprev - nv), hs + row + j, n)
          j += 8
        }
      }
    }
  }

  // MARK: Backward

  /// Back-propagates `outputGradient` (dLoss/dOutput, `batch × outputSize`) through the last
  /// `forward` call and adds the parameter gradients to `gradient`.
  ///
  /// - Parameters:
  ///   - wantInputGradient: Also fill `inputGradient` with dLoss/dInputs.
  func backward(parameters p: UnsafePointer<T>, outputGradient dy: UnsafePointer<T>, wantInputGradient: Bool = false) {
    let h = hiddenSize, g = gateWidth, rows = steps * batch
    let gr = gradient.baseAddress!
    let top = hidden[layerCount - 1] + (steps - 1) * batch * h
    // Head: y = h_T · W + b.
    Kernels.gemm(m: h, n: outputSize, k: batch, a: top, aRow: 1, aCol: h, b: dy, ldb: outputSize,
                 c: gr + headWeights, ldc: outputSize, accumulate: true)
    Kernels.addColumnSums(rows: batch, cols: outputSize, x: dy, ld: outputSize, into: gr + headBias)
    Kernels.transpose(rows: h, cols: outputSize, x: p + headWeights, into: transposedHead)
    hiddenGradient.update(repeating: 0, count: (steps - 1) * batch * h)
    Kernels.gemm(m: batch, n: h, k: outputSize, a: dy, aRow: outputSize, aCol: 1, b: transposedHead,
                 ldb: h, c: hiddenGradient + (steps - 1) * batch * h, ldc: h, accumulate: false)
    for l in stride(from: layerCount - 1, through: 0, by: -1) {
      let o = offsets[l]
      let inSize = o.inputSize
      Kernels.transpose(rows: h, cols: g, x: p + o.recurrentWeights, into: transposedRecurrent)
      let dzh: UnsafeMutablePointer<T>
      if architecture.cell == .lstm {
        lstmBackward(layer: l)
        dzh = gateGradient
      } else {
        gruBackward(layer: l)
        dzh = recurrentGateGradient
        Kernels.addColumnSums(rows: rows, cols: h, x: dzh + 2 * h, ld: g, into: gr + o.newGateBias)
      }
      if steps > 1 {
        Kernels.gemm(m: h, n: g, k: (steps - 1) * batch, a: hidden[l], aRow: 1, aCol: h,
                     b: dzh + batch * g, ldb: g, c: gr + o.recurrentWeights, ldc: g, accumulate: true)
      }
      let x = layerInputs[l]
      Kernels.gemm(m: inSize, n: g, k: rows, a: x, aRow: 1, aCol: inSize, b: gateGradient, ldb: g,
                   c: gr + o.inputWeights, ldc: g, accumulate: true)
      Kernels.addColumnSums(rows: rows, cols: g, x: gateGradient, ld: g, into: gr + o.bias)
      if l > 0 || wantInputGradient {
        Kernels.transpose(rows: inSize, cols: g, x: p + o.inputWeights, into: transposedInput)
        let dx = l > 0 ? layerInputGradient : inputGradient.baseAddress!
        Kernels.gemm(m: rows, n: inSize, k: g, a: gateGradient, aRow: g, aCol: 1, b: transposedInput,
                     ldb: inSize, c: dx, ldc: inSize, accumulate: false)
        if l > 0 {
          if usedDropout[l] {
            let m = mask[l]
            for i in 0..<(rows * h) { hiddenGradient[i] = dx[i] * m[i] }
          } else {
            hiddenGradient.update(from: dx, count: rows * h)
          }
        }
      }
    }
  }

  private func lstmBackward(layer l: Int) {
    let h = hiddenSize, g = gateWidth
    let z = gates[l], c = cell[l], tc = tanhCell[l]
    let dz = gateGradient, dhRec = carriedHidden, dc = carriedCell
    dhRec.update(repeating: 0, count: batch * h)
    dc.update(repeating: 0, count: batch * h)
    for t in stride(from: steps - 1, through: 0, by: -1) {
      for b in 0..<batch {
        let zr = z + (t * batch + b) * g
        let dzr = dz + (t * batch + b) * g
        let row = (t * batch + b) * h
        let prev = t > 0 ? c + ((t - 1) * batch + b) * h : nil
        var j = 0
        while j < h {
          let n = min(8, h - j)
          let dh = lanes(hiddenGradient + row + j, n) + lanes(dhRec + b * h + j, n)
          let ig = lanes(zr + j, n), fg = lanes(zr + h + j, n)
          let gg = lanes(zr + 2 * h + j, n), og = lanes(zr + 3 * h + j, n)
          let tcv = lanes(tc + row + j, n)
          let cp = prev.map { lanes($0 + j, n) } ?? SIMD8<T>()
          let dcv = lanes(dc + b * h + j, n) + dh * og * (1 - tcv * tcv)
          put(dcv * fg, dc + b * h + j, n)
          put(dcv * gg * ig * (1 - ig), dzr + j, n)
          put(dcv * cp * fg * (1 - fg), dzr + h + j, n)
          put(dcv * ig * (1 - gg * gg), dzr + 2 * h + j, n)
          put(dh * tcv * og * (1 - og), dzr + 3 * h + j, n)
          j += 8
        }
      }
      if t > 0 {
        Kernels.gemm(m: batch, n: h, k: g, a: dz + t * batch * g, aRow: g, aCol: 1,
                     b: transposedRecurrent, ldb: h, c: dhRec, ldc: h, accumulate: false)
      }
    }
  }

  private func gruBackward(layer l: Int) {
    let h = hiddenSize, g = gateWidth
    let z = gates[l], hn = cell[l], hs = hidden[l]
    let dzx = gateGradient, dzh = recurrentGateGradient, dhRec = carriedHidden
    dhRec.update(repeating: 0, count: batch * h)
    for t in stride(from: steps - 1, through: 0, by: -1) {
      for b in 0..<batch {
        let zr = z + (t * batch + b) * g
        let xr = dzx + (t * batch + b) * g, hr = dzh + (t * batch + b) * g
        let row = (t * batch + b) * h
        let prev = t > 0 ? hs + ((t - 1) * batch + b) * h : nil
        var j = 0
        while j < h {
          let n = min(8, h - j)
          let dh = lanes(hiddenGradient + row + j, n) + lanes(dhRec + b * h + j, n)
          let r = lanes(zr + j, n), u = lanes(zr + h + j, n), nv = lanes(zr + 2 * h + j, n)
          let hnv = lanes(hn + row + j, n)
          let hprev = prev.map { lanes($0 + j, n) } ?? SIMD8<T>()
          let dzn = dh * (1 - u) * (1 - nv * nv)
          let dzr = dzn * hnv * r * (1 - r)
          let dzu = dh * (hprev - nv) * u * (1 - u)
          put(dzr, xr + j, n); put(dzu, xr + h + j, n); put(dzn, xr + 2 * h + j, n)
          put(dzr, hr + j, n); put(dzu, hr + h + j, n); put(dzn * r, hr + 2 * h + j, n)
          put(dh * u, dhRec + b * h + j, n)
          j += 8
        }
      }
      if t > 0 {
        Kernels.gemm(m: batch, n: h, k: g, a: dzh + t * batch * g, aRow: g, aCol: 1,
                     b: transposedRecurrent, ldb: h, c: dhRec, ldc: h, accumulate: true)
      }
    }
  }

  @inline(__always)
  private func lanes(_ p: UnsafePointer<T>, _ n: Int) -> SIMD8<T> {
    if n == 8 { return Kernels.load8(p) }
    var v = SIMD8<T>()
    for i in 0..<n { v[i] = p[i] }
    return v
  }

  @inline(__always)
  private func lanes(_ p: UnsafeMutablePointer<T>, _ n: Int) -> SIMD8<T> { lanes(UnsafePointer(p), n) }

  @inline(__always)
  private func put(_ v: SIMD8<T>, _ p: UnsafeMutablePointer<T>, _ n: Int) {
    if n == 8 { Kernels.store8(v, p); return }
    for i in 0..<n { p[i] = v[i] }
  }
}
