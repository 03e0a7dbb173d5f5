/// Householder QR with column pivoting, `A P = Q R`, for least squares and rank detection.
///
/// At step `k` the remaining column with the largest norm is swapped to the front
/// (Businger–Golub pivoting), so `|R₀₀| ≥ |R₁₁| ≥ …` and the numerical rank is the number of
/// diagonal elements above a tolerance. `Q` is kept as Householder reflectors, never formed
/// unless `thinQ` is asked for.
///
/// - SeeAlso: G. Golub, C. Van Loan, *Matrix Computations*, 4th ed., §5.2 and §5.4.1;
///   P. Businger, G. Golub (1965), "Linear least squares solutions by Householder
///   transformations", Numer. Math. 7, 269–276.
public struct QRDecomposition: Sendable {
  /// The number of rows of `A`.
  public let rows: Int
  /// The number of columns of `A`.
  public let columns: Int
  /// `R` (upper triangular, `min(rows, columns)` × `columns`) for the permuted columns `A P`.
  public let r: Matrix
  /// `permutation[k]` is the column of `A` that became column `k` of `A P`.
  public let permutation: [Int]
  /// The numerical rank: diagonal elements of `R` with `|Rₖₖ| > tolerance`.
  public let rank: Int
  /// The threshold used for `rank`.
  public let tolerance: Double
  // Householder vectors (each of length rows - k) and their scalings 2 / vᵀv (0 = identity).
  let reflectors: [[Double]]
  let betas: [Double]

  /// Factorises `a`.
  ///
  /// - Parameters:
  ///   - a: Any `m`×`n` matrix.
  ///   - pivoting: Swap the largest remaining column to the front at each step (default true).
  ///     Without it the columns stay in order and rank detection is less reliable.
  ///   - relativeTolerance: Rank threshold relative to `|R₀₀|`; the default is
  ///     `max(m, n) · ε`, as in LAPACK-based least-squares drivers.
  /// - Complexity: O(m n²).
  public init(_ a: Matrix, pivoting: Bool = true, relativeTolerance: Double? = nil) {
    let m = a.rows, n = a.columns
    rows = m; columns = n
    var w = a
    var perm = Array(0..<n)
    let steps = min(m, n)
    var vs: [[Double]] = []
    var bs: [Double] = []
    vs.reserveCapacity(steps); bs.reserveCapacity(steps)
    for k in 0..<steps {
      if pivoting {
        var best = k, bestNorm = -1.0
        for j in k..<n {
          var s = 0.0
          for i in k..<m { let v = w.elements[i * n + j]; s += v * v }
          if s > bestNorm { bestNorm = s; best = j }
        }
        if best != k {
          perm.swapAt(k, best)
          for i in 0..<m { w.elements.swapAt(i * n + k, i * n + best) }
        }
      }
      // Householder vector for w[k..., k]: H = I - beta v vᵀ maps it to (alpha, 0, ..., 0).
      var v = (k..<m).map { w.elements[$0 * n + k] }
      var norm2 = 0.0
      for x in v { norm2 += x * x }
      let norm = norm2.squareRoot()
      if norm == 0 {
        vs.append(v); bs.append(0)
        continue
      }
      let alpha = v[0] >= 0 ? -norm : norm
      v[0] -= alpha
      var vtv = 0.0
      for x in v { vtv += x * x }
      let beta = vtv > 0 ? 2 / vtv : 0
      // Apply H to the trailing columns.
      for j in k..<n {
        var s = 0.0
        for i in k..<m { s += v[i - k] * w.elements[i * n + j] }
        s *= beta
        if s != 0 { for i in k..<m { w.elements[i * n + j] -= s * v[i - k] } }
      }
      // Clean the sub-diagonal exactly.
      w.elements[k * n + k] = alpha
      for i in (k + 1)..<max(k + 1, m) { w.elements[i * n + k] = 0 }
      vs.append(v); bs.append(beta)
    }
    var rm = Matrix(rows: steps, columns: n)
    for i in 0..<steps { for j in i..<n { rm.elements[i * n + j] = w.elements[i * n + j] } }
    r = rm
    permutation = perm
    reflectors = vs
    betas = bs
    let maxDiag = steps > 0 ? abs(rm[0, 0]) : 0
    let rel = relativeTolerance ?? (Double(max(m, n)) * Double.ulpOfOne)
    let tol = rel * maxDiag
    tolerance = tol
    var rk = 0
    while rk < steps && abs(rm[rk, rk]) > tol { rk += 1 }
    rank = rk
  }

  /// True when every column is independent (`rank == columns`).
  public var hasFullColumnRank: Bool { rank == columns }

  /// `Qᵀ b`, by applying the reflectors in order.
  ///
  /// - Complexity: O(m · min(m, n)).
  public func qTransposeTimes(_ b: [Double]) -> [Double] {
    precondition(b.count == rows, "QR: vector of \(b.count) for \(rows) rows")
    var y = b
    for k in 0..<reflectors.count where betas[k] != 0 {
      let v = reflectors[k]
      var s = 0.0
      for i in k..<rows { s += v[i - k] * y[i] }
      s *= betas[k]
      for i in k..<rows { y[i] -= s * v[i - k] }
    }
    return y
  }

  /// `Q x` for an `m`-vector `x`, applying the reflectors in reverse.
  public func qTimes(_ x: [Double]) -> [Double] {
    precondition(x.count == rows, "QR: vector of \(x.count) for \(rows) rows")
    var y = x
    for k in stride(from: reflectors.count - 1, through: 0, by: -1) where betas[k] != 0 {
      let v = reflectors[k]
      var s = 0.0
      for i in k..<rows { s += v[i - k] * y[i] }
      s *= betas[k]
      for i in k..<rows { y[i] -= s * v[i - k] }
    }
    return y
  }

  /// The thin `Q`: its first `min(m, n)` columns, orthonormal.
  ///
  /// - Complexity: O(m² n); meant for tests and small problems.
  public var thinQ: Matrix {
    let k = min(rows, columns)
    var q = Matrix(rows: rows, columns: k)
    for j in 0..<k {
      var e = Array(repeating: 0.0, count: rows)
      e[j] = 1
      let c = qTimes(e)
      for i in 0..<rows { q[i, j] = c[i] }
    }
    return q
  }

  /// The least-squares solution of `A x ≈ b`.
  ///
  /// With full column rank this is the unique minimiser of `‖A x − b‖`. With rank `r < n` it
  /// is the basic solution: the coefficients of the `n − r` columns pivoted last are set to 0.
  /// - Returns: `x` (`columns` long) and the residual sum of squares `‖A x − b‖²`.
  /// - Complexity: O(m n).
  public func solve(_ b: [Double]) -> (solution: [Double], residualSumOfSquares: Double) {
    let qtb = qTransposeTimes(b)
    let k = rank
    var z = Array(repeating: 0.0, count: k)
    for i in stride(from: k - 1, through: 0, by: -1) {
      var s = qtb[i]
      for j in (i + 1)..<max(i + 1, k) { s -= r[i, j] * z[j] }
      z[i] = s / r[i, i]
    }
    var x = Array(repeating: 0.0, count: columns)
    for i in 0..<k { x[permutation[i]] = z[i] }
    var rss = 0.0
    for i in k..<rows { rss += qtb[i] * qtb[i] }
    return (x, rss)
  }

  /// `x₀ᵀ (AᵀA)⁻¹ x₀`, the leverage of a new row, as `‖R⁻ᵀ Pᵀ x₀‖²` over the first `rank` columns.
  ///
  /// Columns beyond the rank (whose coefficients `solve` sets to 0) are ignored.
  /// - Complexity: O(rank²).
  public func leverage(_ x0: [Double]) -> Double {
    precondition(x0.count == columns, "QR.leverage: vector of \(x0.count) for \(columns) columns")
    let k = rank
    var z = Array(repeating: 0.0, count: k)
    for i in 0..<k {
      var s = x0[permutation[i]]
      for j in 0..<i { s -= r[j, i] * z[j] }
      z[i] = s / r[i, i]
    }
    return VectorOps.dot(z, z)
  }

  /// `(AᵀA)⁻¹` in the original column order, with zero rows and columns for the columns
  /// beyond the rank. Multiply by `σ²` for the covariance of least-squares coefficients.
  ///
  /// - Complexity: O(n³).
  public func unscaledCovariance() -> Matrix {
    let k = rank
    // Rinv: inverse of the leading k×k block of R, upper triangular.
    var rinv = Matrix(rows: k, columns: k)
    for j in 0..<k {
      rinv[j, j] = 1 / r[j, j]
      for i in stride(from: j - 1, through: 0, by: -1) {
        var s = 0.0
        for p in (i + 1)...j { s += r[i, p] * rinv[p, j] }
        rinv[i, j] = -s / r[i, i]
      }
    }
    var c = Matrix(rows: columns, columns: columns)
    for a in 0..<k {
      for b in 0..<k {
        var s = 0.0
        for p in max(a, b)..<k { s += rinv[a, p] * rinv[b, p] }
        c[permutation[a], permutation[b]] = s
      }
    }
    return c
  }
}

extension Matrix {
  /// The least-squares solution of `self · x ≈ b` by pivoted Householder QR.
  ///
  /// - Returns: The basic solution (see `QRDecomposition.solve`).
  public func leastSquares(_ b: [Double]) -> [Double] {
    QRDecomposition(self).solve(b).solution
  }
}
