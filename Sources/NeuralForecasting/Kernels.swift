/// Dense kernels on raw buffers: the matrix multiply and the small vector operations the
/// layers are built from.
///
/// Matrices are row-major. `A` is read through a row stride and a column stride, so a
/// transposed operand costs nothing to pass; `B` and `C` are row-major with a leading
/// dimension. Every sum over `k` runs in increasing `k` in each output element, so results do
/// not depend on blocking or on threads.
enum Kernels {
  /// Whether kernels use their `SIMD8` paths by default: yes in optimized builds. Debug builds
  /// run the scalar paths, which give the same bits (same operations in the same order) but do
  /// not pay for unspecialized generic SIMD.
  /// The longest sum over `k` done in one sweep; see `gemm`.
  static let depthBlock = 128

  #if DEBUG
  static let vectorizedByDefault = false
  #else
  static let vectorizedByDefault = true
  #endif


  /// C = A·B, or C += A·B when `accumulate` is true.
  ///
  /// - Parameters:
  ///   - m, n, k: C is m×n, A is m×k, B is k×n.
  ///   - a: `A[i, p]` is `a[i * aRow + p * aCol]`.
  ///   - b: `B[p, j]` is `b[p * ldb + j]`; or, with `panels`, B as laid out by `packPanels`.
  ///   - c: `C[i, j]` is `c[i * ldc + j]`.
  /// - Complexity: 2mnk flops. Six rows of A at a time are packed with each element repeated
  ///   in four lanes (so the inner loop loads instead of shuffling), then a 6×8 register tile of
  ///   eight-lane accumulators sweeps B's columns with `k` innermost. Each C element is one sum
  ///   in increasing `k`, so the result does not depend on blocking.
  static func gemm<T: NeuralScalar>(
    m: Int, n: Int, k: Int,
    a: UnsafePointer<T>, aRow: Int, aCol: Int,
    b: UnsafePointer<T>, ldb: Int,
    c: UnsafeMutablePointer<T>, ldc: Int,
    accumulate: Bool, vectorized: Bool = vectorizedByDefault, panels: Bool = false
  ) {
    precondition(!panels || (vectorized && n % 8 == 0), "gemm: panel-packed B needs the vector path and n % 8 == 0, got n = \(n)")
    if m == 0 || n == 0 { return }
    if k == 0 {
      if !accumulate { for i in 0..<m { (c + i * ldc).update(repeating: 0, count: n) } }
      return
    }
    // Long sums (weight gradients over all time steps) run in blocks of `depthBlock` so the
    // slab of B being swept stays in cache; each block's partial sum is added to C in block
    // order, identically on the vector and scalar paths.
    if k > depthBlock && !panels {
      var p0 = 0
      while p0 < k {
        let kb = min(depthBlock, k - p0)
        gemm(m: m, n: n, k: kb, a: a + p0 * aCol, aRow: aRow, aCol: aCol, b: b + p0 * ldb, ldb: ldb,
             c: c, ldc: ldc, accumulate: accumulate || p0 > 0, vectorized: vectorized)
        p0 += kb
      }
      return
    }
    if !vectorized {
      // Concrete element types: unoptimized builds pay heavily for generic arithmetic.
      if T.self == Float.self {
        scalarGemm(m: m, n: n, k: k, a: UnsafeRawPointer(a).assumingMemoryBound(to: Float.self), aRow: aRow, aCol: aCol,
                   b: UnsafeRawPointer(b).assumingMemoryBound(to: Float.self), ldb: ldb,
                   c: UnsafeMutableRawPointer(c).assumingMemoryBound(to: Float.self), ldc: ldc, accumulate: accumulate)
      } else if T.self == Double.self {
        scalarGemm(m: m, n: n, k: k, a: UnsafeRawPointer(a).assumingMemoryBound(to: Double.self), aRow: aRow, aCol: aCol,
                   b: UnsafeRawPointer(b).assumingMemoryBound(to: Double.self), ldb: ldb,
                   c: UnsafeMutableRawPointer(c).assumingMemoryBound(to: Double.self), ldc: ldc, accumulate: accumulate)
      } else {
        for i in 0..<m {
          for j in 0..<n {
            var s: T = 0
            var pa = a + i * aRow, pb = b + j
            for _ in 0..<k { s += pa[0] * pb[0]; pa += aCol; pb += ldb }
            if accumulate { c[i * ldc + j] = s + c[i * ldc + j] } else { c[i * ldc + j] = s }
          }
        }
      }
      return
    }
    let n8 = n & ~7
    withUnsafeTemporaryAllocation(of: SIMD4<T>.self, capacity: 6 * k) { packed in
      let pa = packed.baseAddress!
      var i = 0
      while i < m {
        let rows = min(6, m - i)
        // Pack rows i..<i+rows of A, element (r, p) repeated in four lanes at pa[p * 6 + r].
        for p in 0..<k {
          let src = a + i * aRow + p * aCol
          for r in 0..<6 { pa[p * 6 + r] = SIMD4(repeating: r < rows ? src[r * aRow] : 0) }
        }
        var j = 0
        while j < n8 {
          if panels {
            tile6x8(k: k, packed: UnsafePointer(pa), b: b + j * k, ldb: 8, c: c + i * ldc + j, ldc: ldc,
                    rows: rows, accumulate: accumulate)
          } else {
            tile6x8(k: k, packed: UnsafePointer(pa), b: b + j, ldb: ldb, c: c + i * ldc + j, ldc: ldc,
                    rows: rows, accumulate: accumulate)
          }
          j += 8
        }
        while j < n {
          for r in 0..<rows {
            var s: T = 0
            for p in 0..<k { s += pa[p * 6 + r][0] * b[p * ldb + j] }
            if accumulate { c[(i + r) * ldc + j] += s } else { c[(i + r) * ldc + j] = s }
          }
          j += 1
        }
        i += 6
      }
    }
  }

  /// Copies a k×n row-major B (n a multiple of 8) into panels of eight columns, each k×8 and
  /// contiguous: `out[(j / 8) * k * 8 + p * 8 + j % 8] = B[p, j]`. A matrix reused for many
  /// products (the recurrent weights, every time step) then streams from memory in order.
  static func packPanels<T: NeuralScalar>(k: Int, n: Int, b: UnsafePointer<T>, ldb: Int, into out: UnsafeMutablePointer<T>) {
    precondition(n % 8 == 0, "packPanels: n must be a multiple of 8, got \(n)")
    for panel in 0..<(n / 8) {
      let dst = out + panel * k * 8
      for p in 0..<k { (dst + p * 8).update(from: b + p * ldb + panel * 8, count: 8) }
    }
  }

  /// The scalar path for `Float`: per element, the sum over `k` in increasing order, then C.
  static func scalarGemm(m: Int, n: Int, k: Int, a: UnsafePointer<Float>, aRow: Int, aCol: Int,
                         b: UnsafePointer<Float>, ldb: Int, c: UnsafeMutablePointer<Float>, ldc: Int, accumulate: Bool) {
    var i = 0
    while i < m {
      var j = 0
      while j < n {
        var s: Float = 0
        var pa = a + i * aRow, pb = b + j, p = 0
        while p < k { s += pa.pointee * pb.pointee; pa += aCol; pb += ldb; p += 1 }
        let out = c + i * ldc + j
        out.pointee = accumulate ? s + out.pointee : s
        j += 1
      }
      i += 1
    }
  }

  /// The scalar path for `Double`, as for `Float`.
  static func scalarGemm(m: Int, n: Int, k: Int, a: UnsafePointer<Double>, aRow: Int, aCol: Int,
                         b: UnsafePointer<Double>, ldb: Int, c: UnsafeMutablePointer<Double>, ldc: Int, accumulate: Bool) {
    var i = 0
    while i < m {
      var j = 0
      while j < n {
        var s: Double = 0
        var pa = a + i * aRow, pb = b + j, p = 0
        while p < k { s += pa.pointee * pb.pointee; pa += aCol; pb += ldb; p += 1 }
        let out = c + i * ldc + j
        out.pointee = accumulate ? s + out.pointee : s
        j += 1
      }
      i += 1
    }
  }

  @inline(__always)
  static func load8<T: NeuralScalar>(_ p: UnsafePointer<T>) -> SIMD8<T> {
    UnsafeRawPointer(p).loadUnaligned(as: SIMD8<T>.self)
  }

  @inline(__always)
  static func store8<T: NeuralScalar>(_ v: SIMD8<T>, _ p: UnsafeMutablePointer<T>) {
    UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD8<T>.self)
  }

  @inline(__always)
  static func tile6x8<T: NeuralScalar>(
    k: Int, packed: UnsafePointer<SIMD4<T>>, b: UnsafePointer<T>, ldb: Int,
    c: UnsafeMutablePointer<T>, ldc: Int, rows: Int, accumulate: Bool
  ) {
    var c0 = SIMD8<T>(), c1 = SIMD8<T>(), c2 = SIMD8<T>(), c3 = SIMD8<T>(), c4 = SIMD8<T>(), c5 = SIMD8<T>()
    var pa = packed, pb = b
    for _ in 0..<k {
      let bv = load8(pb)
      let a0 = pa[0], a1 = pa[1], a2 = pa[2]
      c0 += SIMD8(lowHalf: a0, highHalf: a0) * bv
      c1 += SIMD8(lowHalf: a1, highHalf: a1) * bv
      c2 += SIMD8(lowHalf: a2, highHalf: a2) * bv
      let a3 = pa[3], a4 = pa[4], a5 = pa[5]
      c3 += SIMD8(lowHalf: a3, highHalf: a3) * bv
      c4 += SIMD8(lowHalf: a4, highHalf: a4) * bv
      c5 += SIMD8(lowHalf: a5, highHalf: a5) * bv
      pa += 6; pb += ldb
    }
    if rows == 6 {
      if accumulate {
        c0 += load8(c); c1 += load8(c + ldc); c2 += load8(c + 2 * ldc)
        c3 += load8(c + 3 * ldc); c4 += load8(c + 4 * ldc); c5 += load8(c + 5 * ldc)
      }
      store8(c0, c); store8(c1, c + ldc); store8(c2, c + 2 * ldc)
      store8(c3, c + 3 * ldc); store8(c4, c + 4 * ldc); store8(c5, c + 5 * ldc)
    } else {
      let tile = [c0, c1, c2, c3, c4, c5]
      for r in 0..<rows {
        store8(accumulate ? tile[r] + load8(c + r * ldc) : tile[r], c + r * ldc)
      }
    }
  }

  /// out[j] (+)= Σ_i x[i * ld + j] for i in 0..<rows, summed in increasing i: the column sums
  /// that bias gradients need.

  static func addColumnSums<T: NeuralScalar>(
    rows: Int, cols: Int, x: UnsafePointer<T>, ld: Int, into out: UnsafeMutablePointer<T>,
    vectorized: Bool = vectorizedByDefault
  ) {
    for i in 0..<rows {
      let row = x + i * ld
      var j = 0
      while vectorized && j + 8 <= cols { store8(load8(out + j) + load8(row + j), out + j); j += 8 }
      while j < cols { out[j] += row[j]; j += 1 }
    }
  }

  /// Writes the transpose of a rows×cols row-major matrix into `out` (cols×rows).

  static func transpose<T: NeuralScalar>(
    rows: Int, cols: Int, x: UnsafePointer<T>, into out: UnsafeMutablePointer<T>
  ) {
    for i in 0..<rows { for j in 0..<cols { out[j * rows + i] = x[i * cols + j] } }
  }

  /// Copies `bias` into every one of `rows` rows of `out` (leading dimension `cols`).

  static func broadcastRows<T: NeuralScalar>(
    rows: Int, cols: Int, bias: UnsafePointer<T>, into out: UnsafeMutablePointer<T>
  ) {
    for i in 0..<rows { (out + i * cols).update(from: bias, count: cols) }
  }
}
