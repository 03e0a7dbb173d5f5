import Testing
import _TestSupport
@testable import LinearAlgebra
#if canImport(Glibc)
import Glibc
#endif

@Test func matrixProductAndTransposeMatchHandValues() {
  let a = Matrix([[1, 2, 3], [4, 5, 6]])
  let b = Matrix([[7, 8], [9, 10], [11, 12]])
  #expect(a * b == Matrix([[58, 64], [139, 154]]))
  #expect(a.transposed == Matrix([[1, 4], [2, 5], [3, 6]]))
  #expect(a * [1, 0, -1] == [-2, -2])
  #expect(a.gram == a.transposed * a)
  #expect(a.transposeTimes([1, 1]) == [5, 7, 9])
}

/// The textbook example (Wikipedia, "Cholesky decomposition"): L = [[2,0,0],[6,1,0],[-8,5,3]].
@Test func choleskyMatchesKnownFactor() throws {
  let a = Matrix([[4, 12, -16], [12, 37, -43], [-16, -43, 98]])
  let c = try CholeskyDecomposition(a)
  #expect(c.lower.maxAbsDifference(Matrix([[2, 0, 0], [6, 1, 0], [-8, 5, 3]])) < 1e-12)
  // A x = b with x = (1, 2, 3): b = A x.
  let x = c.solve(a * [1, 2, 3])
  #expect(Approx.equal(x, [1, 2, 3], relative: 0, absolute: 1e-10))
  #expect(Approx.equal(c.logDeterminant, 2 * (log(2) + log(1) + log(3)), relative: 1e-12))
  let inv = try a.inverseSPD()
  #expect((a * inv).maxAbsDifference(.identity(3)) < 1e-10)
}

@Test func choleskyReportsTheFailingPivot() {
  let error = #expect(throws: LinearAlgebraError.self) { try CholeskyDecomposition(Matrix([[1, 2], [2, 1]])) }
  #expect(error == .notPositiveDefinite(pivot: 1, value: -3))
}

/// The classic Householder example (Golub–Van Loan style): |R| = [[14,21,-14],[0,175,-70],[0,0,35]].
@Test func qrWithoutPivotingMatchesKnownR() {
  let a = Matrix([[12, -51, 4], [6, 167, -68], [-4, 24, -41]])
  let qr = QRDecomposition(a, pivoting: false)
  let expected = Matrix([[14, 21, -14], [0, 175, -70], [0, 0, 35]])
  // R is unique up to the sign of each row.
  for i in 0..<3 {
    let sign = qr.r[i, i] < 0 ? -1.0 : 1.0
    for j in 0..<3 { #expect(abs(sign * qr.r[i, j] - expected[i, j]) < 1e-10) }
  }
  let q = qr.thinQ
  #expect((q.transposed * q).maxAbsDifference(.identity(3)) < 1e-12)
  #expect((q * qr.r).maxAbsDifference(a) < 1e-10)
  #expect(qr.rank == 3)
}

@Test func pivotedQRReproducesPermutedMatrix() {
  let a = Matrix([[1, 2, 10], [3, 4, 0], [5, 6, 1], [7, 8, -2]])
  let qr = QRDecomposition(a)
  var ap = Matrix(rows: 4, columns: 3)
  for i in 0..<4 { for j in 0..<3 { ap[i, j] = a[i, qr.permutation[j]] } }
  #expect((qr.thinQ * qr.r).maxAbsDifference(ap) < 1e-10)
  let d = qr.r.diagonalElements.map(abs)
  #expect(d[0] >= d[1] && d[1] >= d[2])
}

@Test func qrDetectsRankOfDuplicatedColumn() {
  // Third column = first + second: rank 2.
  let a = Matrix([[1, 0, 1], [0, 1, 1], [1, 1, 2], [2, 1, 3]])
  let qr = QRDecomposition(a)
  #expect(qr.rank == 2)
  #expect(!qr.hasFullColumnRank)
  // The basic solution still fits b exactly when b is in the column space.
  let b = a * [1, 2, 0]
  let (x, rss) = qr.solve(b)
  #expect(rss < 1e-20)
  #expect(Approx.equal(a * x, b, relative: 0, absolute: 1e-10))
}

/// y = 2.2 + 0.6 x on (1,2),(2,4),(3,5),(4,4),(5,5): Sxy = 6, Sxx = 10 by hand.
@Test func leastSquaresMatchesHandSolvedLine() {
  let x = Matrix([[1, 1], [1, 2], [1, 3], [1, 4], [1, 5]])
  let y: [Double] = [2, 4, 5, 4, 5]
  let qr = QRDecomposition(x)
  let (beta, rss) = qr.solve(y)
  #expect(Approx.equal(beta, [2.2, 0.6], relative: 1e-12))
  // Residuals: -0.8, 0.6, 1.0, -0.6, -0.2 → RSS = 0.64+0.36+1+0.36+0.04 = 2.4.
  #expect(Approx.equal(rss, 2.4, relative: 1e-12))
  // (X'X)^-1 = [[55, -15], [-15, 5]] / 50.
  let cov = qr.unscaledCovariance()
  #expect(cov.maxAbsDifference(Matrix([[1.1, -0.3], [-0.3, 0.1]])) < 1e-12)
  // Leverage of x0 = (1, 3): 1.1 - 1.8 + 0.9 = 0.2.
  #expect(Approx.equal(qr.leverage([1, 3]), 0.2, relative: 1e-12))
}

@Test func triangularSolvesInvertTheirMatrices() throws {
  let l = Matrix([[2, 0, 0], [1, 3, 0], [-1, 2, 4]])
  let b: [Double] = [1, 2, 3]
  #expect(Approx.equal(l * (try TriangularSolve.lower(l, b)), b, relative: 0, absolute: 1e-12))
  #expect(Approx.equal(l.transposed * (try TriangularSolve.lowerTransposed(l, b)), b, relative: 0, absolute: 1e-12))
  let u = l.transposed
  #expect(Approx.equal(u * (try TriangularSolve.upper(u, b)), b, relative: 0, absolute: 1e-12))
  #expect(Approx.equal(u.transposed * (try TriangularSolve.upperTransposed(u, b)), b, relative: 0, absolute: 1e-12))
  #expect(throws: LinearAlgebraError.singular(index: 1)) {
    try TriangularSolve.lower(Matrix([[1, 0], [1, 0]]), [1, 1])
  }
}

/// 2x + y − z = 8, −3x − y + 2z = −11, −2x + y + 2z = −3 has the solution (2, 3, −1).
@Test func generalSolveAndInverse() throws {
  let a = Matrix([[2, 1, -1], [-3, -1, 2], [-2, 1, 2]])
  #expect(Approx.equal(try a.solve([8, -11, -3]), [2, 3, -1], relative: 0, absolute: 1e-12))
  #expect((a * (try a.inverse())).maxAbsDifference(.identity(3)) < 1e-12)
  #expect(throws: LinearAlgebraError.self) { try Matrix([[1, 2], [2, 4]]).solve([1, 2]) }
}

@Test func kroneckerProductMatchesHandBlocks() {
  let a = Matrix([[1, 2], [3, 4]])
  let b = Matrix([[0, 5], [6, 7]])
  #expect(a.kronecker(b) == Matrix([[0, 5, 0, 10], [6, 7, 12, 14], [0, 15, 0, 20], [18, 21, 24, 28]]))
}
