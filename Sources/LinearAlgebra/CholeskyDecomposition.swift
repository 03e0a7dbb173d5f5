/// The Cholesky factorisation `A = L Lᵀ` of a symmetric positive definite matrix.
///
/// Computed by the row-oriented Cholesky–Banachiewicz recurrence; only the lower triangle of
/// `A` is read. Failure is reported, not trapped: a non-positive pivot throws with its index,
/// so callers can add a ridge or fall back.
///
/// - SeeAlso: G. Golub, C. Van Loan, *Matrix Computations*, 4th ed., §4.2.
public struct CholeskyDecomposition: Sendable {
  /// The lower-triangular factor `L` (zeros above the diagonal).
  public let lower: Matrix

  /// Factorises `a`.
  ///
  /// - Parameter a: A symmetric matrix; only its lower triangle is used.
  /// - Throws: `LinearAlgebraError.notPositiveDefinite(pivot:value:)` at the first pivot `≤ 0`
  ///   (or not finite), and `.shapeMismatch` for a non-square matrix.
  /// - Complexity: O(n³/3).
  public init(_ a: Matrix) throws(LinearAlgebraError) {
    guard a.isSquare else { throw .shapeMismatch("Cholesky: matrix is \(a.rows)x\(a.columns), must be square") }
    let n = a.rows
    var l = Matrix(rows: n, columns: n)
    for i in 0..<n {
      for j in 0...i {
        var s = a.elements[i * n + j]
        for k in 0..<j { s -= l.elements[i * n + k] * l.elements[j * n + k] }
        if i == j {
          guard s > 0, s.isFinite else { throw .notPositiveDefinite(pivot: i, value: s) }
          l.elements[i * n + i] = s.squareRoot()
        } else {
          l.elements[i * n + j] = s / l.elements[j * n + j]
        }
      }
    }
    lower = l
  }

  /// Solves `A x = b` by one forward and one back substitution.
  ///
  /// - Complexity: O(n²).
  public func solve(_ b: [Double]) -> [Double] {
    precondition(b.count == lower.rows, "Cholesky.solve: vector of \(b.count) for a \(lower.rows)x\(lower.rows) matrix")
    // The factor's diagonal is positive by construction, so the solves cannot fail.
    let y = try! TriangularSolve.lower(lower, b)
    return try! TriangularSolve.lowerTransposed(lower, y)
  }

  /// `A⁻¹`, column by column from `solve`.
  ///
  /// - Complexity: O(n³).
  public func inverse() -> Matrix {
    let n = lower.rows
    var inv = Matrix(rows: n, columns: n)
    for j in 0..<n {
      var e = Array(repeating: 0.0, count: n)
      e[j] = 1
      let x = solve(e)
      for i in 0..<n { inv[i, j] = x[i] }
    }
    return inv
  }

  /// `log det A = 2 Σ log Lᵢᵢ`.
  public var logDeterminant: Double {
    var s = 0.0
    for i in 0..<lower.rows { s += 2 * _log(lower[i, i]) }
    return s
  }
}

extension Matrix {
  /// The inverse of a small symmetric positive definite matrix, through its Cholesky factor.
  ///
  /// - Throws: `LinearAlgebraError.notPositiveDefinite` when the matrix is not SPD.
  /// - Complexity: O(n³).
  public func inverseSPD() throws(LinearAlgebraError) -> Matrix {
    try CholeskyDecomposition(self).inverse()
  }
}
