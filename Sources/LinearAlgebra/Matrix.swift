/// A dense matrix of `Double`, stored row-major.
///
/// A value type: copies are independent (copy-on-write through the backing array). Element
/// `(i, j)` lives at `elements[i * columns + j]`.
public struct Matrix: Sendable, Equatable, CustomStringConvertible {
  /// The number of rows.
  public let rows: Int
  /// The number of columns.
  public let columns: Int
  /// The elements, row after row.
  public var elements: [Double]

  /// Creates a matrix filled with one value.
  ///
  /// - Parameters:
  ///   - rows: The number of rows, at least 0.
  ///   - columns: The number of columns, at least 0.
  ///   - value: The value of every element.
  public init(rows: Int, columns: Int, repeating value: Double = 0) {
    precondition(rows >= 0 && columns >= 0, "Matrix: shape must be non-negative, got \(rows)x\(columns)")
    self.rows = rows
    self.columns = columns
    elements = Array(repeating: value, count: rows * columns)
  }

  /// Creates a matrix from row-major elements.
  ///
  /// - Precondition: `elements.count == rows * columns`.
  public init(rows: Int, columns: Int, elements: [Double]) {
    precondition(elements.count == rows * columns,
                 "Matrix: \(elements.count) elements for a \(rows)x\(columns) matrix")
    self.rows = rows
    self.columns = columns
    self.elements = elements
  }

  /// Creates a matrix from an array of rows, all the same length.
  ///
  /// - Parameter rowArrays: `rowArrays[i][j]` is element `(i, j)`.
  public init(_ rowArrays: [[Double]]) {
    let c = rowArrays.first?.count ?? 0
    precondition(rowArrays.allSatisfy { $0.count == c }, "Matrix: rows differ in length")
    self.init(rows: rowArrays.count, columns: c, elements: rowArrays.flatMap { $0 })
  }

  /// Creates a matrix with the given columns, all the same length.
  ///
  /// - Parameter columnArrays: `columnArrays[j][i]` is element `(i, j)`.
  public init(columns columnArrays: [[Double]]) {
    let r = columnArrays.first?.count ?? 0
    precondition(columnArrays.allSatisfy { $0.count == r }, "Matrix: columns differ in length")
    var m = Matrix(rows: r, columns: columnArrays.count)
    for j in 0..<columnArrays.count { for i in 0..<r { m[i, j] = columnArrays[j][i] } }
    self = m
  }

  /// The `n`×`n` identity matrix.
  public static func identity(_ n: Int) -> Matrix {
    var m = Matrix(rows: n, columns: n)
    for i in 0..<n { m[i, i] = 1 }
    return m
  }

  /// A square matrix with `values` on the diagonal and zeros elsewhere.
  public static func diagonal(_ values: [Double]) -> Matrix {
    var m = Matrix(rows: values.count, columns: values.count)
    for i in 0..<values.count { m[i, i] = values[i] }
    return m
  }

  /// Element `(i, j)`.
  @inlinable
  public subscript(i: Int, j: Int) -> Double {
    get {
      precondition(i >= 0 && i < rows && j >= 0 && j < columns, "Matrix: index (\(i), \(j)) outside \(rows)x\(columns)")
      return elements[i * columns + j]
    }
    set {
      precondition(i >= 0 && i < rows && j >= 0 && j < columns, "Matrix: index (\(i), \(j)) outside \(rows)x\(columns)")
      elements[i * columns + j] = newValue
    }
  }

  /// Row `i` as an array.
  public func row(_ i: Int) -> [Double] { Array(elements[(i * columns)..<((i + 1) * columns)]) }

  /// Column `j` as an array.
  public func column(_ j: Int) -> [Double] { (0..<rows).map { elements[$0 * columns + j] } }

  /// The transpose.
  ///
  /// - Complexity: O(rows × columns).
  public var transposed: Matrix {
    var t = Matrix(rows: columns, columns: rows)
    for i in 0..<rows { for j in 0..<columns { t.elements[j * rows + i] = elements[i * columns + j] } }
    return t
  }

  /// True when the matrix has as many rows as columns.
  public var isSquare: Bool { rows == columns }

  /// The diagonal elements `(i, i)` for `i < min(rows, columns)`.
  public var diagonalElements: [Double] { (0..<min(rows, columns)).map { self[$0, $0] } }

  /// The Frobenius norm, the square root of the sum of squared elements.
  public var frobeniusNorm: Double { VectorOps.dot(elements, elements).squareRoot() }

  /// The largest absolute element difference to `other`, for tests and convergence checks.
  public func maxAbsDifference(_ other: Matrix) -> Double {
    precondition(rows == other.rows && columns == other.columns, "Matrix: shapes \(rows)x\(columns) and \(other.rows)x\(other.columns) differ")
    var m = 0.0
    for k in 0..<elements.count { m = max(m, abs(elements[k] - other.elements[k])) }
    return m
  }

  /// A short printout, one line per row.
  public var description: String {
    (0..<rows).map { i in row(i).map { "\($0)" }.joined(separator: " ") }.joined(separator: "\n")
  }
}

extension Matrix {
  /// The matrix product `a · b`.
  ///
  /// Loops in i-k-j order so the inner loop runs along rows of both `b` and the result.
  /// - Precondition: `a.columns == b.rows`.
  /// - Complexity: O(a.rows × a.columns × b.columns).
  public static func * (a: Matrix, b: Matrix) -> Matrix {
    precondition(a.columns == b.rows, "Matrix *: \(a.rows)x\(a.columns) times \(b.rows)x\(b.columns)")
    var c = Matrix(rows: a.rows, columns: b.columns)
    let n = b.columns
    a.elements.withUnsafeBufferPointer { pa in
      b.elements.withUnsafeBufferPointer { pb in
        c.elements.withUnsafeMutableBufferPointer { pc in
          for i in 0..<a.rows {
            for k in 0..<a.columns {
              let aik = pa[i * a.columns + k]
              if aik == 0 { continue }
              let bRow = k * n, cRow = i * n
              for j in 0..<n { pc[cRow + j] += aik * pb[bRow + j] }
            }
          }
        }
      }
    }
    return c
  }

  /// The matrix-vector product `a · x`.
  ///
  /// - Precondition: `a.columns == x.count`.
  /// - Complexity: O(a.rows × a.columns).
  public static func * (a: Matrix, x: [Double]) -> [Double] {
    precondition(a.columns == x.count, "Matrix *: \(a.rows)x\(a.columns) times vector of \(x.count)")
    return (0..<a.rows).map { i in
      var s = 0.0
      for j in 0..<a.columns { s += a.elements[i * a.columns + j] * x[j] }
      return s
    }
  }

  /// The element-wise sum.
  public static func + (a: Matrix, b: Matrix) -> Matrix {
    precondition(a.rows == b.rows && a.columns == b.columns, "Matrix +: shapes differ")
    return Matrix(rows: a.rows, columns: a.columns, elements: zip(a.elements, b.elements).map { $0 + $1 })
  }

  /// The element-wise difference.
  public static func - (a: Matrix, b: Matrix) -> Matrix {
    precondition(a.rows == b.rows && a.columns == b.columns, "Matrix -: shapes differ")
    return Matrix(rows: a.rows, columns: a.columns, elements: zip(a.elements, b.elements).map { $0 - $1 })
  }

  /// Every element times a scalar.
  public static func * (s: Double, a: Matrix) -> Matrix {
    Matrix(rows: a.rows, columns: a.columns, elements: a.elements.map { s * $0 })
  }

  /// The transpose times the matrix, `aᵀa`, computed without forming the transpose.
  ///
  /// - Complexity: O(rows × columns²).
  public var gram: Matrix {
    var g = Matrix(rows: columns, columns: columns)
    for i in 0..<rows {
      let base = i * columns
      for p in 0..<columns {
        let v = elements[base + p]
        if v == 0 { continue }
        for q in p..<columns { g.elements[p * columns + q] += v * elements[base + q] }
      }
    }
    for p in 0..<columns { for q in 0..<p { g.elements[p * columns + q] = g.elements[q * columns + p] } }
    return g
  }

  /// The transpose times a vector, `aᵀx`.
  public func transposeTimes(_ x: [Double]) -> [Double] {
    precondition(rows == x.count, "transposeTimes: \(rows) rows, vector of \(x.count)")
    var y = Array(repeating: 0.0, count: columns)
    for i in 0..<rows {
      let xi = x[i]
      for j in 0..<columns { y[j] += elements[i * columns + j] * xi }
    }
    return y
  }
}
