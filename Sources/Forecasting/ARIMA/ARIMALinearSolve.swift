/// Small dense linear solves for the ARIMA code (Gaussian elimination with partial pivoting).
enum ARIMALinearSolve {
  /// Solves `A x = b` for a row-major `size × size` matrix; nil when singular.
  static func solve(_ a0: [Double], _ b0: [Double], size n: Int) -> [Double]? {
    var a = a0, b = b0
    for col in 0..<n {
      var piv = col
      var best = abs(a[col * n + col])
      for r in (col + 1)..<max(col + 1, n) where abs(a[r * n + col]) > best { best = abs(a[r * n + col]); piv = r }
      if !(best > 1e-300) { return nil }
      if piv != col {
        for j in 0..<n { a.swapAt(col * n + j, piv * n + j) }
        b.swapAt(col, piv)
      }
      let d = a[col * n + col]
      for r in (col + 1)..<max(col + 1, n) {
        let f = a[r * n + col] / d
        if f == 0 { continue }
        for j in col..<n { a[r * n + j] -= f * a[col * n + j] }
        b[r] -= f * b[col]
      }
    }
    var x = [Double](repeating: 0, count: n)
    for i in stride(from: n - 1, through: 0, by: -1) {
      var s = b[i]
      for j in (i + 1)..<max(i + 1, n) { s -= a[i * n + j] * x[j] }
      x[i] = s / a[i * n + i]
    }
    return x.allSatisfy(\.isFinite) ? x : nil
  }

  /// The inverse of a row-major `size × size` matrix; nil when singular.
  static func inverse(_ a: [Double], size n: Int) -> [Double]? {
    var out = [Double](repeating: 0, count: n * n)
    for j in 0..<n {
      var e = [Double](repeating: 0, count: n); e[j] = 1
      guard let col = solve(a, e, size: n) else { return nil }
      for i in 0..<n { out[i * n + j] = col[i] }
    }
    return out
  }
}
