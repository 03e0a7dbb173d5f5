#if canImport(Glibc)
import Glibc
#endif

/// Seasonal strength from an STL decomposition, `F_s = max(0, 1 − Var(R) / Var(S + R))`, and the
/// rule "seasonally difference when `F_s > 0.64`".
///
/// STL runs non-robustly (2 inner passes) with `s.window = 11`, `s.degree = 0`, the trend window
/// `nextodd(⌈1.5m / (1 − 1.5/11)⌉)` and low-pass window `nextodd(m)`, all degree 1, evaluating every
/// loess fit at every point (no jumps).
/// - SeeAlso: R. B. Cleveland, W. S. Cleveland, J. E. McRae and I. Terpenning (1990), J. Official
///   Statistics 6(1), 3–73 (STL); X. Wang, K. A. Smith and R. J. Hyndman (2006), Data Min. Knowl.
///   Discov. 13, 335–364 (strength measure); R's `forecast::nsdiffs(test = "seas")` (threshold 0.64).
public enum SeasonalityStrength {
  /// The seasonal strength `F_s` in [0, 1]; 0 when `period < 2` or `n <= 2·period`.
  public static func strength(_ x: [Double], period m: Int) -> Double {
    let n = x.count
    if m < 2 || n <= 2 * m || ARIMAData.isConstant(x) { return 0 }
    let (seasonal, trend) = stl(x, period: m)
    let remainder = (0..<n).map { x[$0] - seasonal[$0] - trend[$0] }
    let vr = variance(remainder)
    let vsr = variance((0..<n).map { remainder[$0] + seasonal[$0] })
    if !(vsr > 0) { return 0 }
    return max(0, min(1, 1 - vr / vsr))
  }

  /// Seasonal differences needed (0 or 1): 1 when `strength(x, period:) > threshold`, as
  /// `forecast::nsdiffs(test = "seas", max.D = 1)` decides; 0 for constant series or `period < 2`.
  public static func seasonalDifferencesNeeded(_ x: [Double], period m: Int, threshold: Double = 0.64) -> Int {
    if m < 2 || ARIMAData.isConstant(x) { return 0 }
    return strength(x, period: m) > threshold ? 1 : 0
  }

  static func variance(_ x: [Double]) -> Double {
    let n = Double(x.count)
    if x.count < 2 { return 0 }
    let mean = x.reduce(0, +) / n
    return x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
  }

  static func nextOdd(_ v: Int) -> Int { v % 2 == 0 ? v + 1 : v }

  /// Non-robust STL: returns (seasonal, trend).
  static func stl(_ y: [Double], period m: Int, seasonalWindow: Int = 11, innerPasses: Int = 2) -> ([Double], [Double]) {
    let n = y.count
    let ns = seasonalWindow
    let nt = nextOdd(Int((1.5 * Double(m) / (1 - 1.5 / Double(ns))).rounded(.up)))
    let nl = nextOdd(m)
    var trend = [Double](repeating: 0, count: n)
    var seasonal = [Double](repeating: 0, count: n)
    for _ in 0..<innerPasses {
      let detrended = (0..<n).map { y[$0] - trend[$0] }
      // Cycle-subseries smoothing, extended one period at each end: C has n + 2m values.
      var c = [Double](repeating: 0, count: n + 2 * m)
      for j in 0..<m {
        var sub: [Double] = []
        var t = j
        while t < n { sub.append(detrended[t]); t += m }
        let k = sub.count
        // Positions 0...k+1 (1-based 1...k are data; 0 and k+1 extrapolated).
        for pos in 0...(k + 1) {
          let value = loessAt(sub, at: pos, window: ns, degree: 0) ?? (pos >= 1 && pos <= k ? sub[pos - 1] : 0)
          // C index: position pos of subseries j is time j + (pos - 1) m, shifted by m.
          c[j + pos * m] = value
        }
      }
      // Low-pass: moving averages m, m, 3, then loess (degree 1, window nl).
      let l1 = movingAverage(c, m)
      let l2 = movingAverage(l1, m)
      let l3 = movingAverage(l2, 3)
      let low = (1...n).map { loessAt(l3, at: $0, window: nl, degree: 1) ?? l3[$0 - 1] }
      for t in 0..<n { seasonal[t] = c[t + m] - low[t] }
      let deseason = (0..<n).map { y[$0] - seasonal[$0] }
      trend = (1...n).map { loessAt(deseason, at: $0, window: nt, degree: 1) ?? deseason[$0 - 1] }
    }
    return (seasonal, trend)
  }

  static func movingAverage(_ x: [Double], _ k: Int) -> [Double] {
    let n = x.count - k + 1
    if n <= 0 { return [] }
    var out = [Double](repeating: 0, count: n)
    var s = x[0..<k].reduce(0, +)
    out[0] = s / Double(k)
    for i in 1..<max(n, 1) { s += x[i + k - 1] - x[i - 1]; out[i] = s / Double(k) }
    return out
  }

  /// The loess estimate at 1-based position `xs` from values at positions 1…n, using the `window`
  /// nearest positions and tricube weights (STL's `est`).
  static func loessAt(_ y: [Double], at xs: Int, window q: Int, degree: Int) -> Double? {
    let n = y.count
    if n == 0 { return nil }
    var nleft: Int, nright: Int
    if q >= n {
      nleft = 1; nright = n
    } else {
      nleft = max(1, xs - q / 2)
      nright = nleft + q - 1
      if nright > n { nright = n; nleft = n - q + 1 }
      if xs < 1 { nleft = 1; nright = q }
    }
    var h = Double(max(xs - nleft, nright - xs))
    if q > n { h += Double((q - n) / 2) }
    let h9 = 0.999 * h, h1 = 0.001 * h
    var w = [Double](repeating: 0, count: nright - nleft + 1)
    var a = 0.0
    for j in nleft...nright {
      let r = abs(Double(j - xs))
      var wj = 0.0
      if r <= h9 {
        if r <= h1 { wj = 1 } else { let u = r / h; let v = 1 - u * u * u; wj = v * v * v }
      }
      w[j - nleft] = wj
      a += wj
    }
    if a <= 0 { return nil }
    for i in 0..<w.count { w[i] /= a }
    if h > 0 && degree > 0 {
      var center = 0.0
      for j in nleft...nright { center += w[j - nleft] * Double(j) }
      var b = Double(xs) - center
      var c = 0.0
      for j in nleft...nright { let d = Double(j) - center; c += w[j - nleft] * d * d }
      if c.squareRoot() > 0.001 * Double(n - 1) {
        b /= c
        for j in nleft...nright { w[j - nleft] *= b * (Double(j) - center) + 1 }
      }
    }
    var s = 0.0
    for j in nleft...nright { s += w[j - nleft] * y[j - 1] }
    return s
  }
}
