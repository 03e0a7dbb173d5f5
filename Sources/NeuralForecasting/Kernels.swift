/// Dense kernels on raw buffers: the matrix multiply and the small vector operations the
/// layers are built from.
///
/// Matrices are row-major. `A` is read through a row stride and a column stride, so a
/// transposed operand costs nothing to pass; `B` and `C` are row-major with a leading
/// dimension. Every sum over `k` runs in increasing `k` in each output element, so results do
/// not depend on blocking or on threads.
enum Kernels {

  /// C = A·B, or C += A·B when `accumulate` is true.
  ///
  /// - Parameters:
  ///   - m, n, k: C is m×n, A is m×k, B is k×n.
  ///   - a: `A[i, p]` is `a[i * aRow + p * aCol]`.
  ///   - b: `B[p, j]` is `b[p * ldb + j]`.
  ///   - c: `C[i, j]` is `c[i * ldc + j]`.
  /// - Complexity: 2mnk flops; a 4×16 register tile of `SIMD8` accumulators walks `k` innermost.

  static func gemm<T: NeuralScalar>(
    m: Int, n: Int, k: Int,
    a: UnsafePointer<T>, aRow: Int, aCol: Int,
    b: UnsafePointer<T>, ldb: Int,
    c: UnsafeMutablePointer<T>, ldc: Int,
    accumulate: Bool
  ) {
    if m == 0 || n == 0 { return }
    if k == 0 {
      if !accumulate { for i in 0..<m { (c + i * ldc).update(repeating: 0, count: n) } }
      return
    }
    var j = 0
    while j + 16 <= n {
      var i = 0
      while i + 4 <= m {
        tile4x16(k: k, a: a + i * aRow, aRow: aRow, aCol: aCol, b: b + j, ldb: ldb,
                 c: c + i * ldc + j, ldc: ldc, accumulate: accumulate)
        i += 4
      }
      while i < m {
        tile1x16(k: k, a: a + i * aRow, aCol: aCol, b: b + j, ldb: ldb, c: c + i * ldc + j,
                 accumulate: accumulate)
        i += 1
      }
      j += 16
    }
    while j + 8 <= n {
      for i in 0..<m {
        tile1x8(k: k, a: a + i * aRow, aCol: aCol, b: b + j, ldb: ldb, c: c + i * ldc + j,
                accumulate: accumulate)
      }
      j += 8
    }
    while j < n {
      for i in 0..<m {
        let ai = a + i * aRow
        var s: T = 0
        for p in 0..<k { s += ai[p * aCol] * b[p * ldb + j] }
        if accumulate { c[i * ldc + j] += s } else { c[i * ldc + j] = s }
      }
      j += 1
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
  static func tile4x16<T: NeuralScalar>(
    k: Int, a: UnsafePointer<T>, aRow: Int, aCol: Int, b: UnsafePointer<T>, ldb: Int,
    c: UnsafeMutablePointer<T>, ldc: Int, accumulate: Bool
  ) {
    var c00 = SIMD8<T>(), c01 = SIMD8<T>(), c10 = SIMD8<T>(), c11 = SIMD8<T>()
    var c20 = SIMD8<T>(), c21 = SIMD8<T>(), c30 = SIMD8<T>(), c31 = SIMD8<T>()
    var pa = a, pb = b
    let r1 = aRow, r2 = 2 * aRow, r3 = 3 * aRow
    for _ in 0..<k {
      let b0 = load8(pb), b1 = load8(pb + 8)
      let a0 = SIMD8(repeating: pa[0]), a1 = SIMD8(repeating: pa[r1])
      c00 += a0 * b0; c01 += a0 * b1
      c10 += a1 * b0; c11 += a1 * b1
      let a2 = SIMD8(repeating: pa[r2]), a3 = SIMD8(repeating: pa[r3])
      c20 += a2 * b0; c21 += a2 * b1
      c30 += a3 * b0; c31 += a3 * b1
      pa += aCol; pb += ldb
    }
    if accumulate {
      c00 += load8(c); c01 += load8(c + 8)
      c10 += load8(c + ldc); c11 += load8(c + ldc + 8)
      c20 += load8(c + 2 * ldc); c21 += load8(c + 2 * ldc + 8)
      c30 += load8(c + 3 * ldc); c31 += load8(c + 3 * ldc + 8)
    }
    store8(c00, c); store8(c01, c + 8)
    store8(c10, c + ldc); store8(c11, c + ldc + 8)
    store8(c20, c + 2 * ldc); store8(c21, c + 2 * ldc + 8)
    store8(c30, c + 3 * ldc); store8(c31, c + 3 * ldc + 8)
  }

  @inline(__always)
  static func tile1x16<T: NeuralScalar>(
    k: Int, a: UnsafePointer<T>, aCol: Int, b: UnsafePointer<T>, ldb: Int,
    c: UnsafeMutablePointer<T>, accumulate: Bool
  ) {
    var c0 = SIMD8<T>(), c1 = SIMD8<T>()
    var pa = a, pb = b
    for _ in 0..<k {
      let a0 = SIMD8(repeating: pa[0])
      c0 += a0 * load8(pb); c1 += a0 * load8(pb + 8)
      pa += aCol; pb += ldb
    }
    if accumulate { c0 += load8(c); c1 += load8(c + 8) }
    store8(c0, c); store8(c1, c + 8)
  }

  @inline(__always)
  static func tile1x8<T: NeuralScalar>(
    k: Int, a: UnsafePointer<T>, aCol: Int, b: UnsafePointer<T>, ldb: Int,
    c: UnsafeMutablePointer<T>, accumulate: Bool
  ) {
    var c0 = SIMD8<T>()
    var pa = a, pb = b
    for _ in 0..<k {
      c0 += SIMD8(repeating: pa[0]) * load8(pb)
      pa += aCol; pb += ldb
    }
    if accumulate { c0 += load8(c) }
    store8(c0, c)
  }

  /// out[j] (+)= Σ_i x[i * ld + j] for i in 0..<rows, summed in increasing i: the column sums
  /// that bias gradients need.

  static func addColumnSums<T: NeuralScalar>(
    rows: Int, cols: Int, x: UnsafePointer<T>, ld: Int, into out: UnsafeMutablePointer<T>
  ) {
    for i in 0..<rows {
      let row = x + i * ld
      var j = 0
      while j + 8 <= cols { store8(load8(out + j) + load8(row + j), out + j); j += 8 }
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
