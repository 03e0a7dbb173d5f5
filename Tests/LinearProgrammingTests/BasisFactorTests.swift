import Testing
import _TestSupport
@testable import LinearProgramming

/// A random sparse `n×n` matrix with a dense-enough pattern to leave a Markowitz nucleus, column-wise.
func randomMatrix(seed: UInt64, n: Int, density: Double) -> (start: [Int], row: [Int32], value: [Double], dense: [[Double]]) {
  var state = seed &* 0x9E3779B97F4A7C15 | 1
  func next() -> Double { state ^= state << 13; state ^= state >> 7; state ^= state << 17; return Double(state % 100_000) / 100_000 }
  var dense = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
  for j in 0..<n {
    dense[j][j] = 0.5 + next()  // keeps it nonsingular in practice
    for i in 0..<n where i != j && next() < density { dense[i][j] = next() * 4 - 2 }
  }
  var start = [0], row: [Int32] = [], value: [Double] = []
  for j in 0..<n {
    for i in 0..<n where dense[i][j] != 0 { row.append(Int32(i)); value.append(dense[i][j]) }
    start.append(row.count)
  }
  return (start, row, value, dense)
}

@Test("LU with a Markowitz nucleus solves B x = a and B^T y = e, also after eta updates", arguments: [1, 2, 3])
func luSolves(seed: UInt64) {
  let n = 60
  let (start, row, value, initial) = randomMatrix(seed: seed, n: n, density: 0.12)
  var dense = initial
  var f = BasisFactor(dimension: n)
  #expect(f.factor(colStart: start, rowIndex: row, value: value).positions.isEmpty)
  func check(_ f: inout BasisFactor, _ dense: [[Double]]) {
    for probe in [0, 7, n - 1] {
      // FTRAN: B x = e_probe, so B x must give back the unit vector.
      var v = SparseVector(dimension: n); v.append(probe, 1); f.ftran(&v)
      for i in 0..<n {
        var s = 0.0
        for j in 0..<n { s += dense[i][j] * v.values[j] }
        #expect(abs(s - (i == probe ? 1 : 0)) < 1e-9)
      }
      // BTRAN: y^T B = e_probe^T.
      var w = SparseVector(dimension: n); w.append(probe, 1); f.btran(&w)
      for j in 0..<n {
        var s = 0.0
        for i in 0..<n { s += w.values[i] * dense[i][j] }
        #expect(abs(s - (j == probe ? 1 : 0)) < 1e-9)
      }
    }
  }
  check(&f, dense)
  // Replace column 5 by a unit column plus noise through the eta file and check again.
  var a = SparseVector(dimension: n)
  a.append(5, 2); a.append(11, 1); a.append(40, -1)
  var alpha = a; f.ftran(&alpha)
  f.update(position: 5, alpha: alpha)
  for i in 0..<n { dense[i][5] = 0 }
  dense[5][5] = 2; dense[11][5] = 1; dense[40][5] = -1
  check(&f, dense)
}

@Test("a singular basis reports the positions and rows left without pivots")
func luSingular() {
  // Columns 0 and 1 are equal: one of them cannot be pivoted.
  let start = [0, 2, 4, 5], row: [Int32] = [0, 1, 0, 1, 2], value = [1.0, 2, 1, 2, 1]
  var f = BasisFactor(dimension: 3)
  let singular = f.factor(colStart: start, rowIndex: row, value: value)
  #expect(singular.positions.count == 1 && singular.rows.count == 1)
  #expect(singular.positions.allSatisfy { $0 == 0 || $0 == 1 })
}
