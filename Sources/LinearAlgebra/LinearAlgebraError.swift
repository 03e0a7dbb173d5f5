/// Why a decomposition or a solve failed.
public enum LinearAlgebraError: Error, Equatable, Sendable, CustomStringConvertible {
  /// Cholesky met a non-positive pivot: the matrix is not (numerically) positive definite.
  case notPositiveDefinite(pivot: Int, value: Double)
  /// A triangular factor has a zero (or negligible) diagonal element.
  case singular(index: Int)
  /// The shapes do not fit the operation.
  case shapeMismatch(String)

  /// A one-line explanation.
  public var description: String {
    switch self {
    case let .notPositiveDefinite(pivot, value):
      "Cholesky: matrix is not positive definite: pivot \(pivot) is \(value) (must be > 0)"
    case let .singular(index): "matrix is singular: diagonal element \(index) is zero"
    case let .shapeMismatch(message): message
    }
  }
}
