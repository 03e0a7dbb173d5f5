/// Forward and back substitution with triangular matrices.
///
/// Only the relevant triangle of the matrix is read; the other is ignored.
public enum TriangularSolve {
  /// Solves `L x = b` for lower-triangular `L` by forward substitution.
  ///
  /// - Parameters:
  ///   - l: A square matrix whose lower triangle (with diagonal) is used.
  ///   - b: The right-hand side, `l.rows` long.
  /// - Returns: `x`.
  /// - Throws: `LinearAlgebraError.singular` when a diagonal element is zero.
  /// - Complexity: O(n²).
  public static func lower(_ l: Matrix, _ b: [Double]) throws(LinearAlgebraError) -> [Double] {
    guard l.isSquare, l.rows == b.count else {
      throw .shapeMismatch("TriangularSolve.lower: \(l.rows)x\(l.columns) matrix, vector of \(b.count)")
    }
    let n = b.count
    var x = b
    for i in 0..<n {
      var s = x[i]
      for j in 0..<i { s -= l.elements[i * n + j] * x[j] }
      let d = l.elements[i * n + i]
      if d == 0 { throw .singular(index: i) }
      x[i] = s / d
    }
    return x
  }

  /// Solves `U x = b` for upper-triangular `U` by back substitution.
  ///
  /// - Parameters:
  ///   - u: A square matrix whose upper triangle (with diagonal) is used.
  ///   - b: The right-hand side, `u.rows` long.
  /// - Returns: `x`.
  /// - Throws: `LinearAlgebraError.singular` when a diagonal element is zero.
  /// - Complexity: O(n²).
  public static func upper(_ u: Matrix, _ b: [Double]) throws(LinearAlgebraError) -> [Double] {
    guard u.isSquare, u.rows == b.count else {
      throw .shapeMismatch("TriangularSolve.upper: \(u.rows)x\(u.columns) matrix, vector of \(b.count)")
    }
    let n = b.count
    var x = b
    for i in stride(from: n - 1, through: 0, by: -1) {
      var s = x[i]
      for j in (i + 1)..<max(i + 1, n) { s -= u.elements[i * n + j] * x[j] }
      let d = u.elements[i * n + i]
      if d == 0 { throw .singular(index: i) }
      x[i] = s / d
    }
    return x
  }

  /// Solves `Uᵀ x = b` for upper-triangular `U` (a forward substitution) without forming the transpose.
  ///
  /// - Throws: `LinearAlgebraError.singular` when a diagonal element is zero.
  /// - Complexity: O(n²).
  public static func upperTransposed(_ u: Matrix, _ b: [Double]) throws(LinearAlgebraError) -> [Double] {
    guard u.isSquare, u.rows == b.count else {
      throw .shapeMismatch("TriangularSolve.upperTransposed: \(u.rows)x\(u.columns) matrix, vector of \(b.count)")
    }
    let n = b.count
    var x = b
    for i in 0..<n {
      var s = x[i]
      for j in 0..<i { s -= u.elements[j * n + i] * x[j] }
      let d = u.elements[i * n + i]
      if d == 0 { throw .singular(index: i) }
      x[i] = s / d
    }
    return x
  }

  /// Solves `Lᵀ x = b` for lower-triangular `L` (a back substitution) without forming the transpose.
  ///
  /// - Throws: `LinearAlgebraError.singular` when a diagonal element is zero.
  /// - Complexity: O(n²).
  public static func lowerTransposed(_ l: Matrix, _ b: [Double]) throws(LinearAlgebraError) -> [Double] {
    guard l.isSquare, l.rows == b.count else {
      throw .shapeMismatch("TriangularSolve.lowerTransposed: \(l.rows)x\(l.columns) matrix, vector of \(b.count)")
    }
    let n = b.count
    var x = b
    for i in stride(from: n - 1, through: 0, by: -1) {
      var s = x[i]
      for j in (i + 1)..<max(i + 1, n) { s -= l.elements[j * n + i] * x[j] }
      let d = l.elements[i * n + i]
      if d == 0 { throw .singular(index: i) }
      x[i] = s / d
    }
    return x
  }
}
