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
///
/// `@unchecked Sendable`, the one such type in SupplySim: a workspace is raw scratch memory
/// (allocated once per training run, reused by every mini-batch, and its gradient read by the
/// trainer after each parallel pass), which no checked type can describe. `Parallel.map` hands a
/// workspace to one piece at a time (the trainer's shard `s` uses workspace `s`; `meanLoss` gives
/// one to each worker), and its completion orders every use before the next.
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
  /// The recurrent weights (forward) or their transpose (backward) in eight-column panels.
  let panelRecurrent: UnsafeMutablePointer<T>
  let transposedInput: UnsafeMutablePointer<T>
  let transposedHead: UnsafeMutablePointer<T>
  /// Head outputs, `batch × outputSize`.
  let output: UnsafeMutableBufferPointer<T>
  /// Parameter gradients accumulated by `backward`.
  let gradient: UnsafeMutableBufferPointer<T>
  /// Gradients with respect to the network inputs (filled when `backward` is asked for them).
  let inputGradient: UnsafeMutableBufferPointer<T>
  /// Staging for a shard's time-major inputs, its targets and dLoss/dOutput (used by the trainer).
  let stagedInputs: UnsafeMutablePointer<T>
  let stagedTargets: UnsafeMutablePointer<T>
  let outputGradient: UnsafeMutablePointer<T>

  /// Use the eight-lane paths (default: in optimized builds); both give the same bits.
  let vectorized: Bool
  /// The layer `backward` is working on.
  private var currentLayer = 0
  private(set) var steps = 0
  private(set) var batch = 0
  private var allocations: [UnsafeMutablePointer<T>] = []

  /// Allocates scratch for sequences of up to `steps` steps and shards of up to `batch` rows.
  init(architecture: NetworkArchitecture, steps: Int, batch: Int, vectorized: Bool = Kernels.vectorizedByDefault) {
    self.architecture = architecture
    self.vectorized = vectorized
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
    panelRecurrent = make(g * h)
    transposedInput = make(g * max(h, inputSize))
    transposedHead = make(outputSize * h)
    output = UnsafeMutableBufferPointer(start: make(batch * outputSize), count: batch * outputSize)
    gradient = UnsafeMutableBufferPointer(start: make(architecture.parameterCount), count: architecture.parameterCount)
    inputGradient = UnsafeMutableBufferPointer(start: make(rows * inputSize), count: rows * inputSize)
    stagedInputs = make(rows * inputSize)
    stagedTargets = make(batch * outputSize)
    outputGradient = make(batch * outputSize)
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
                   b: p + o.inputWeights, ldb: g, c: gates[l], ldc: g, accumulate: true, vectorized: vectorized)
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
                 ldb: outputSize, c: output.baseAddress!, ldc: outputSize, accumulate: true, vectorized: vectorized)
  }

  private func lstmForward(layer l: Int, p: UnsafePointer<T>) {
    let h = hiddenSize, g = gateWidth
    let z = gates[l], c = cell[l], tc = tanhCell[l], hs = hidden[l]
    let usePanels = vectorized && g % 8 == 0
    let wh = usePanels ? UnsafePointer(panelRecurrent) : p + offsets[l].recurrentWeights
    if usePanels { Kernels.packPanels(k: h, n: g, b: p + offsets[l].recurrentWeights, ldb: g, into: panelRecurrent) }
    for t in 0..<steps {
      let zt = z + t * batch * g
      if t > 0 {
        Kernels.gemm(m: batch, n: g, k: h, a: hs + (t - 1) * batch * h, aRow: h, aCol: 1,
                     b: wh, ldb: g, c: zt, ldc: g, accumulate: true, vectorized: vectorized, panels: usePanels)
      }
      for b in 0..<batch {
        let zr = zt + b * g
        let row = (t * batch + b) * h
        let prev = t > 0 ? c + ((t - 1) * batch + b) * h : nil
        let split = vectorized ? h & ~7 : 0
        lstmForwardRow(Lane8<T>.self, z: zr, cPrev: prev, c: c + row, tc: tc + row, h: hs + row, from: 0, to: split)
        lstmForwardRow(Lane1<T>.self, z: zr, cPrev: prev, c: c + row, tc: tc + row, h: hs + row, from: split, to: h)
      }
    }
  }

  /// i, f, g, o = σ, σ, tanh, σ of the pre-activations; c = f⊙c₋ + i⊙g; h = o⊙tanh(c).
  @inline(__always)
  private func lstmForwardRow<V: GateLanes>(
    _: V.Type, z: UnsafeMutablePointer<T>, cPrev: UnsafeMutablePointer<T>?, c: UnsafeMutablePointer<T>,
    tc: UnsafeMutablePointer<T>, h hs: UnsafeMutablePointer<T>, from: Int, to: Int
  ) where V.Scalar == T {
    let h = hiddenSize
    let zero = V(repeating: 0)
    var j = from
    while j < to {
      let ig = V(z + j).sigmoid, fg = V(z + h + j).sigmoid
      let gg = V(z + 2 * h + j).tanh, og = V(z + 3 * h + j).sigmoid
      var cp = zero
      if let cPrev { cp = V(cPrev + j) }
      let cv = fg * cp + ig * gg
      let tcv = cv.tanh
      ig.store(z + j); fg.store(z + h + j); gg.store(z + 2 * h + j); og.store(z + 3 * h + j)
      cv.store(c + j); tcv.store(tc + j); (og * tcv).store(hs + j)
      j += V.width
    }
  }

  private func gruForward(layer l: Int, p: UnsafePointer<T>) {
    let h = hiddenSize, g = gateWidth
    let z = gates[l], hn = cell[l], hs = hidden[l], hp = recurrentProjection
    let usePanels = vectorized && g % 8 == 0
    let wh = usePanels ? UnsafePointer(panelRecurrent) : p + offsets[l].recurrentWeights
    if usePanels { Kernels.packPanels(k: h, n: g, b: p + offsets[l].recurrentWeights, ldb: g, into: panelRecurrent) }
    let bhn = p + offsets[l].newGateBias
    for t in 0..<steps {
      let zt = z + t * batch * g
      if t > 0 {
        Kernels.gemm(m: batch, n: g, k: h, a: hs + (t - 1) * batch * h, aRow: h, aCol: 1,
                     b: wh, ldb: g, c: hp, ldc: g, accumulate: false, vectorized: vectorized, panels: usePanels)
      }
      for b in 0..<batch {
        let zr = zt + b * g, hr = hp + b * g
        let row = (t * batch + b) * h
        let prev = t > 0 ? hs + ((t - 1) * batch + b) * h : nil
        let split = vectorized ? h & ~7 : 0
        gruForwardRow(Lane8<T>.self, z: zr, hp: hr, bhn: bhn, hPrev: prev, hn: hn + row, h: hs + row, from: 0, to: split)
        gruForwardRow(Lane1<T>.self, z: zr, hp: hr, bhn: bhn, hPrev: prev, hn: hn + row, h: hs + row, from: split, to: h)
      }
    }
  }

  /// r = σ(x_r + h_r), u = σ(x_z + h_z), n = tanh(x_n + r⊙(h_n + b_hn)), h = n + u⊙(h₋ − n).
  @inline(__always)
  private func gruForwardRow<V: GateLanes>(
    _: V.Type, z: UnsafeMutablePointer<T>, hp: UnsafeMutablePointer<T>, bhn: UnsafePointer<T>,
    hPrev: UnsafeMutablePointer<T>?, hn: UnsafeMutablePointer<T>, h hs: UnsafeMutablePointer<T>, from: Int, to: Int
  ) where V.Scalar == T {
    let h = hiddenSize
    let zero = V(repeating: 0)
    var j = from
    while j < to {
      var pr = zero, pz = zero, pn = zero, hprev = zero
      if let hPrev {
        pr = V(hp + j); pz = V(hp + h + j); pn = V(hp + 2 * h + j)
        hprev = V(hPrev + j)
      }
      let r = (V(z + j) + pr).sigmoid
      let u = (V(z + h + j) + pz).sigmoid
      let hnv = pn + V(bhn + j)
      let nv = (V(z + 2 * h + j) + r * hnv).tanh
      r.store(z + j); u.store(z + h + j); nv.store(z + 2 * h + j)
      hnv.store(hn + j)
      (nv + u * (hprev - nv)).store(hs + j)
      j += V.width
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
                 c: gr + headWeights, ldc: outputSize, accumulate: true, vectorized: vectorized)
    Kernels.addColumnSums(rows: batch, cols: outputSize, x: dy, ld: outputSize, into: gr + headBias, vectorized: vectorized)
    Kernels.transpose(rows: h, cols: outputSize, x: p + headWeights, into: transposedHead)
    hiddenGradient.update(repeating: 0, count: (steps - 1) * batch * h)
    Kernels.gemm(m: batch, n: h, k: outputSize, a: dy, aRow: outputSize, aCol: 1, b: transposedHead,
                 ldb: h, c: hiddenGradient + (steps - 1) * batch * h, ldc: h, accumulate: false, vectorized: vectorized)
    for l in stride(from: layerCount - 1, through: 0, by: -1) {
      let o = offsets[l]
      let inSize = o.inputSize
      Kernels.transpose(rows: h, cols: g, x: p + o.recurrentWeights, into: transposedRecurrent)
      if vectorized && h % 8 == 0 {
        Kernels.packPanels(k: g, n: h, b: transposedRecurrent, ldb: h, into: panelRecurrent)
      }
      let dzh: UnsafeMutablePointer<T>
      if architecture.cell == .lstm {
        lstmBackward(layer: l)
        dzh = gateGradient
      } else {
        gruBackward(layer: l)
        dzh = recurrentGateGradient
        Kernels.addColumnSums(rows: rows, cols: h, x: dzh + 2 * h, ld: g, into: gr + o.newGateBias, vectorized: vectorized)
      }
      if steps > 1 {
        Kernels.gemm(m: h, n: g, k: (steps - 1) * batch, a: hidden[l], aRow: 1, aCol: h,
                     b: dzh + batch * g, ldb: g, c: gr + o.recurrentWeights, ldc: g, accumulate: true, vectorized: vectorized)
      }
      let x = layerInputs[l]
      Kernels.gemm(m: inSize, n: g, k: rows, a: x, aRow: 1, aCol: inSize, b: gateGradient, ldb: g,
                   c: gr + o.inputWeights, ldc: g, accumulate: true, vectorized: vectorized)
      Kernels.addColumnSums(rows: rows, cols: g, x: gateGradient, ld: g, into: gr + o.bias, vectorized: vectorized)
      if l > 0 || wantInputGradient {
        Kernels.transpose(rows: inSize, cols: g, x: p + o.inputWeights, into: transposedInput)
        let dx = l > 0 ? layerInputGradient : inputGradient.baseAddress!
        Kernels.gemm(m: rows, n: inSize, k: g, a: gateGradient, aRow: g, aCol: 1, b: transposedInput,
                     ldb: inSize, c: dx, ldc: inSize, accumulate: false, vectorized: vectorized)
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
    currentLayer = l
    let h = hiddenSize, g = gateWidth
    let z = gates[l], c = cell[l]
    let dz = gateGradient, dhRec = carriedHidden, dc = carriedCell
    dhRec.update(repeating: 0, count: batch * h)
    dc.update(repeating: 0, count: batch * h)
    for t in stride(from: steps - 1, through: 0, by: -1) {
      for b in 0..<batch {
        let zr = z + (t * batch + b) * g
        let dzr = dz + (t * batch + b) * g
        let row = (t * batch + b) * h
        let prev = t > 0 ? c + ((t - 1) * batch + b) * h : nil
        let split = vectorized ? h & ~7 : 0
        lstmBackwardRow(Lane8<T>.self, z: zr, dz: dzr, row: row, cPrev: prev, carried: b * h, from: 0, to: split)
        lstmBackwardRow(Lane1<T>.self, z: zr, dz: dzr, row: row, cPrev: prev, carried: b * h, from: split, to: h)
      }
      if t > 0 {
        let usePanels = vectorized && h % 8 == 0
        Kernels.gemm(m: batch, n: h, k: g, a: dz + t * batch * g, aRow: g, aCol: 1,
                     b: usePanels ? UnsafePointer(panelRecurrent) : UnsafePointer(transposedRecurrent), ldb: h,
                     c: dhRec, ldc: h, accumulate: false, vectorized: vectorized, panels: usePanels)
      }
    }
  }

  /// Gate gradients of one row from dh (from above plus carried) and the carried dc.
  @inline(__always)
  private func lstmBackwardRow<V: GateLanes>(
    _: V.Type, z: UnsafeMutablePointer<T>, dz: UnsafeMutablePointer<T>, row: Int,
    cPrev: UnsafeMutablePointer<T>?, carried: Int, from: Int, to: Int
  ) where V.Scalar == T {
    let h = hiddenSize
    let one = V(repeating: 1), zero = V(repeating: 0)
    let tc = tanhCell[currentLayer] + row, dh0 = hiddenGradient + row
    let dhRec = carriedHidden + carried, dc = carriedCell + carried
    var j = from
    while j < to {
      let dh = V(dh0 + j) + V(dhRec + j)
      let ig = V(z + j), fg = V(z + h + j), gg = V(z + 2 * h + j), og = V(z + 3 * h + j)
      let tcv = V(tc + j)
      var cp = zero
      if let cPrev { cp = V(cPrev + j) }
      let dcv = V(dc + j) + dh * og * (one - tcv * tcv)
      (dcv * fg).store(dc + j)
      (dcv * gg * ig * (one - ig)).store(dz + j)
      (dcv * cp * fg * (one - fg)).store(dz + h + j)
      (dcv * ig * (one - gg * gg)).store(dz + 2 * h + j)
      (dh * tcv * og * (one - og)).store(dz + 3 * h + j)
      j += V.width
    }
  }

  private func gruBackward(layer l: Int) {
    currentLayer = l
    let h = hiddenSize, g = gateWidth
    let z = gates[l], hs = hidden[l]
    let dzx = gateGradient, dzh = recurrentGateGradient, dhRec = carriedHidden
    dhRec.update(repeating: 0, count: batch * h)
    for t in stride(from: steps - 1, through: 0, by: -1) {
      for b in 0..<batch {
        let zr = z + (t * batch + b) * g
        let xr = dzx + (t * batch + b) * g, hr = dzh + (t * batch + b) * g
        let row = (t * batch + b) * h
        let prev = t > 0 ? hs + ((t - 1) * batch + b) * h : nil
        let split = vectorized ? h & ~7 : 0
        gruBackwardRow(Lane8<T>.self, z: zr, dzx: xr, dzh: hr, row: row, hPrev: prev, carried: b * h, from: 0, to: split)
        gruBackwardRow(Lane1<T>.self, z: zr, dzx: xr, dzh: hr, row: row, hPrev: prev, carried: b * h, from: split, to: h)
      }
      if t > 0 {
        let usePanels = vectorized && h % 8 == 0
        Kernels.gemm(m: batch, n: h, k: g, a: dzh + t * batch * g, aRow: g, aCol: 1,
                     b: usePanels ? UnsafePointer(panelRecurrent) : UnsafePointer(transposedRecurrent), ldb: h,
                     c: dhRec, ldc: h, accumulate: true, vectorized: vectorized, panels: usePanels)
      }
    }
  }

  /// Input-side and recurrent-side gate gradients of one row; leaves dh⊙u in the carry.
  @inline(__always)
  private func gruBackwardRow<V: GateLanes>(
    _: V.Type, z: UnsafeMutablePointer<T>, dzx: UnsafeMutablePointer<T>, dzh: UnsafeMutablePointer<T>, row: Int,
    hPrev: UnsafeMutablePointer<T>?, carried: Int, from: Int, to: Int
  ) where V.Scalar == T {
    let h = hiddenSize
    let one = V(repeating: 1), zero = V(repeating: 0)
    let hn = cell[currentLayer] + row, dh0 = hiddenGradient + row, dhRec = carriedHidden + carried
    var j = from
    while j < to {
      let dh = V(dh0 + j) + V(dhRec + j)
      let r = V(z + j), u = V(z + h + j), nv = V(z + 2 * h + j)
      let hnv = V(hn + j)
      var hprev = zero
      if let hPrev { hprev = V(hPrev + j) }
      let dzn = dh * (one - u) * (one - nv * nv)
      let dzr = dzn * hnv * r * (one - r)
      let dzu = dh * (hprev - nv) * u * (one - u)
      dzr.store(dzx + j); dzu.store(dzx + h + j); dzn.store(dzx + 2 * h + j)
      dzr.store(dzh + j); dzu.store(dzh + h + j); (dzn * r).store(dzh + 2 * h + j)
      (dh * u).store(dhRec + j)
      j += V.width
    }
  }
}
