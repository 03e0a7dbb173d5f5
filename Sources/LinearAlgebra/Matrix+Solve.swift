extension Matrix {
  /// Solves `A x = b` for a square, nonsingular `A` by pivoted Householder QR.
  ///
  /// - Parameter b: The right-hand side, `rows` long.
  /// - Returns: `x`.
  /// - Throws: `.shapeMismatch` for a non-square matrix or a wrong-length `b`; `.singular` when
  ///   QR finds the numerical rank below `rows` (the index is the first dependent pivot).
  /// - Complexity: O(n³).
  public func solve(_ b: [Double]) throws(LinearAlgebraError) -> [Double] {
    guard isSquare, b.count == rows else {
      throw .shapeMismatch("Matrix.solve: \(rows)x\(columns) matrix, vector of \(b.count); needs a square matrix")
    }
    let qr = QRDecomposition(self)
    guard qr.hasFullColumnRank else { throw .singular(index: qr.rank) }
    return qr.solve(b).solution
  }

  /// The inverse of a square, nonsingular matrix, column by column from one QR factorisation.
  ///
  /// Prefer `solve` or `inverseSPD` when they fit the problem; explicit inverses lose accuracy.
  /// - Throws: As `solve`.
  /// - Complexity: O(n³).
  public func inverse() throws(LinearAlgebraError) -> Matrix {
    guard isSquare else { throw .shapeMismatch("Matrix.inverse: \(rows)x\(columns) matrix is not square") }
    let qr = QRDecomposition(self)
    guard qr.hasFullColumnRank else { throw .singular(index: qr.rank) }
    var inv = Matrix(rows: rows, columns: rows)
    for j in 0..<rows {
      var e = Array(repeating: 0.0, count: rows)
      e[j] = 1
      let x = qr.solve(e).solution
      for i in 0..<rows { inv[i, j] = x[i] }
    }
    return inv
  }

  /// The Kronecker product `A ⊗ B`: block `(i, j)` is `A[i, j] · B`.
  ///
  /// Useful for small Lyapunov equations, `vec(A X Bᵀ) = (B ⊗ A) vec(X)`.
  /// - Complexity: O(rows · columns · other.rows · other.columns).
  public func kronecker(_ other: Matrix) -> Matrix {
    var k = Matrix(rows: rows * other.rows, columns: columns * other.columns)
    for i in 0..<rows {
      for j in 0..<columns {
        let a = self[i, j]
        for p in 0..<other.rows {
          for q in 0..<other.columns { k[i * other.rows + p, j * other.columns + q] = a * other[p, q] }
        }
      }
    }
    return k
  }
}
