#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Which terms the mean model holds.
struct MeanTerms: Equatable {
  var weekly: Bool
  var promotion: Bool
  var price: Bool
  var trend: Bool
  var yearly: Bool

  /// Column layout: intercept, 6 weekday effects (Tuesday…Sunday against Monday), promotion,
  /// log relative price, trend, 4 yearly Fourier coefficients.
  var weeklyStart: Int { 1 }
  var promotionIndex: Int { 1 + (weekly ? 6 : 0) }
  var priceIndex: Int { promotionIndex + (promotion ? 1 : 0) }
  var trendIndex: Int { priceIndex + (price ? 1 : 0) }
  var yearlyStart: Int { trendIndex + (trend ? 1 : 0) }
  var count: Int { yearlyStart + (yearly ? 4 : 0) }
}

/// The mean of day t:
/// `μ_t = exp(β0 + w[weekday] + βp·promo_t + βe·log(price_t/ref)) × (1 + γ·(t - tc)) × (1 + Σ_k a_k cos + b_k sin)`,
/// fitted by Poisson quasi-likelihood (Fisher scoring with the derivative of log μ as design
/// row), which is consistent for the mean whatever the count family. Censored days (sales s, not
/// available) enter through EM: each iteration replaces s by E[D | D >= s] under the current
/// mean and `CountModel`, so the fixed point is the censored-data estimate.
struct MeanRegression {
  let history: DemandHistory
  let terms: MeanTerms
  /// Log of price over the reference price, per day (empty without price).
  let logRelativePrice: [Double]
  /// Centre of the trend, (n − 1)/2, for a well-conditioned fit.
  let trendCentre: Double
  /// Days that carry information: available, or censored with a positive sale.
  let used: [Bool]
  /// Without trend and yearly wave a day's design row, hence its mean, depends only on its
  /// weekday, promotion and price: `rowKey[t]` numbers day t's combination and `keyDay[k]` is
  /// the first day with key k, so a pass computes one `exp` per key instead of one per day
  /// (the same value bit for bit: the same row on the same inputs). Both empty otherwise.
  let rowKey: [Int], keyDay: [Int]
  /// The non-zero row entries of each key, at most `keyWidth` from `k * keyWidth`, and their count.
  let keyIndex: [Int], keyValue: [Double], keyCount: [Int]
  /// Intercept, weekday, promotion, price.
  static let keyWidth = 4

  /// cos/sin of the first two yearly harmonics for each day of the year.
  static let harmonics: [(Double, Double, Double, Double)] = (0..<365).map { d in
    let a = 2 * Double.pi * Double(d) / 365
    return (cos(a), sin(a), cos(2 * a), sin(2 * a))
  }

  init(history: DemandHistory, terms: MeanTerms, referencePrice: Double) {
    self.history = history
    self.terms = terms
    logRelativePrice = terms.price ? history.price.map { log($0 / referencePrice) } : []
    trendCentre = Double(history.count - 1) / 2
    used = history.quantities.indices.map { history.isAvailable($0) || history.quantities[$0] > 0 }
    var rowKey: [Int] = [], keyDay: [Int] = []
    var keyIndex: [Int] = [], keyValue: [Double] = [], keyCount: [Int] = []
    if !terms.trend && !terms.yearly {
      var keyOf: [RowKey: Int] = [:]
      rowKey = [Int](repeating: 0, count: history.count)
      for t in 0..<history.count {
        let x = terms.price ? logRelativePrice[t] : 0
        let key = RowKey(weekday: terms.weekly ? history.calendar.weekday(ofDay: t) : 0,
                         promotion: terms.promotion && history.promotion[t], priceBits: x == 0 ? 0 : x.bitPattern)
        if let k = keyOf[key] {
          rowKey[t] = k
        } else {
          keyOf[key] = keyDay.count
          rowKey[t] = keyDay.count
          keyDay.append(t)
        }
      }
      let width = Self.keyWidth
      keyIndex = [Int](repeating: 0, count: keyDay.count * width)
      keyValue = [Double](repeating: 0, count: keyDay.count * width)
      keyCount = [Int](repeating: 0, count: keyDay.count)
      // The entries `row` writes for such a day (intercept, weekday, promotion, price).
      for (k, t) in keyDay.enumerated() {
        var n = 0
        func put(_ i: Int, _ v: Double) { keyIndex[k * width + n] = i; keyValue[k * width + n] = v; n += 1 }
        put(0, 1)
        if terms.weekly { let wd = history.calendar.weekday(ofDay: t); if wd > 0 { put(wd, 1) } }
        if terms.promotion && history.promotion[t] { put(terms.promotionIndex, 1) }
        if terms.price && logRelativePrice[t] != 0 { put(terms.priceIndex, logRelativePrice[t]) }
        keyCount[k] = n
      }
    }
    self.rowKey = rowKey
    self.keyDay = keyDay
    self.keyIndex = keyIndex
    self.keyValue = keyValue
    self.keyCount = keyCount
  }

  /// Writes the non-zero entries of ∂log μ_t/∂θ as (`index[k]`, `value[k]`) and returns μ_t
  /// and their count; μ_t is nil when a multiplicative factor is <= 0.
  @inline(__always)
  func row(_ t: Int, _ theta: UnsafePointer<Double>, _ index: UnsafeMutablePointer<Int>, _ value: UnsafeMutablePointer<Double>) -> (mean: Double?, count: Int) {
    let c = history.calendar
    var eta = theta[0]
    index[0] = 0; value[0] = 1
    var n = 1
    if terms.weekly {
      let wd = c.weekday(ofDay: t)
      if wd > 0 { index[n] = wd; value[n] = 1; n += 1; eta += theta[wd] }
    }
    if terms.promotion && history.promotion[t] {
      let k = terms.promotionIndex
      index[n] = k; value[n] = 1; n += 1
      eta += theta[k]
    }
    if terms.price {
      let x = logRelativePrice[t], k = terms.priceIndex
      if x != 0 { index[n] = k; value[n] = x; n += 1; eta += x * theta[k] }
    }
    var factor = 1.0
    if terms.trend {
      let s = Double(t) - trendCentre, k = terms.trendIndex
      let f = 1 + theta[k] * s
      guard f > 0 else { return (nil, n) }
      index[n] = k; value[n] = s / f; n += 1
      factor *= f
    }
    if terms.yearly {
      let h = Self.harmonics[c.dayOfYear(ofDay: t)]
      let k = terms.yearlyStart
      let f = 1 + theta[k] * h.0 + theta[k + 1] * h.1 + theta[k + 2] * h.2 + theta[k + 3] * h.3
      guard f > 0 else { return (nil, n) }
      index[n] = k; value[n] = h.0 / f
      index[n + 1] = k + 1; value[n + 1] = h.1 / f
      index[n + 2] = k + 2; value[n + 2] = h.2 / f
      index[n + 3] = k + 3; value[n + 3] = h.3 / f
      n += 4
      factor *= f
    }
    return (exp(min(eta, 700)) * factor, n)
  }

  /// Calls `body(t, μ_t, indices, values, count, key)` for every day (or every used day), with
  /// the row's non-zero derivative entries and the day's `rowKey` (-1 without keys); stops and
  /// returns false when a factor is <= 0.
  @inline(__always)
  func forEachRow(_ theta: [Double], usedOnly: Bool,
                  _ body: (Int, Double, UnsafePointer<Int>, UnsafePointer<Double>, Int, Int) -> Void) -> Bool {
    var index = [Int](repeating: 0, count: 16), value = [Double](repeating: 0, count: 16)
    return theta.withUnsafeBufferPointer { th in
      index.withUnsafeMutableBufferPointer { ix in
        value.withUnsafeMutableBufferPointer { vx in
          if keyDay.isEmpty {
            for t in 0..<history.count where !usedOnly || used[t] {
              let r = row(t, th.baseAddress!, ix.baseAddress!, vx.baseAddress!)
              guard let m = r.mean, m.isFinite else { return false }
              body(t, m, UnsafePointer(ix.baseAddress!), UnsafePointer(vx.baseAddress!), r.count, -1)
            }
            return true
          }
          return withUnsafeTemporaryAllocation(of: Double.self, capacity: keyDay.count) { keyMean in
            for k in keyDay.indices { keyMean[k] = row(keyDay[k], th.baseAddress!, ix.baseAddress!, vx.baseAddress!).mean ?? .nan }
            return keyIndex.withUnsafeBufferPointer { ki in
              keyValue.withUnsafeBufferPointer { kv in
                for t in 0..<history.count where !usedOnly || used[t] {
                  let k = rowKey[t], m = keyMean[k]
                  guard m.isFinite else { return false }
                  body(t, m, ki.baseAddress! + k * Self.keyWidth, kv.baseAddress! + k * Self.keyWidth, keyCount[k], k)
                }
                return true
              }
            }
          }
        }
      }
    }
  }

  /// True when the trend factor (linear: checked at both ends) and the yearly factor (checked
  /// on every day of the year) stay positive.
  func factorsPositive(_ theta: [Double]) -> Bool {
    if terms.trend {
      let g = theta[terms.trendIndex]
      guard 1 + g * (0 - trendCentre) > 0, 1 + g * (Double(history.count - 1) - trendCentre) > 0 else { return false }
    }
    if terms.yearly {
      let k = terms.yearlyStart
      for h in Self.harmonics where 1 + theta[k] * h.0 + theta[k + 1] * h.1 + theta[k + 2] * h.2 + theta[k + 3] * h.3 <= 0 { return false }
    }
    return true
  }

  /// The means of every day at `theta`, or nil when a factor is <= 0 on some day.
  func means(_ theta: [Double]) -> [Double]? {
    var mu = [Double](repeating: 0, count: history.count)
    let ok = mu.withUnsafeMutableBufferPointer { out in
      forEachRow(theta, usedOnly: false) { t, m, _, _, _, _ in out[t] = m }
    }
    return ok ? mu : nil
  }

  /// Σ w_t z z' over the used days, the weight given per day (the information or the meat of a
  /// sandwich).
  func crossProduct(_ theta: [Double], weight: (Int, Double) -> Double) -> [Double] {
    let p = terms.count
    var a = [Double](repeating: 0, count: p * p)
    a.withUnsafeMutableBufferPointer { A in
      _ = forEachRow(theta, usedOnly: true) { t, m, index, value, n, _ in
        let w = weight(t, m)
        Self.accumulate(A.baseAddress!, p, w, index, value, n)
      }
    }
    for i in 0..<p { for j in 0..<i { a[i * p + j] = a[j * p + i] } }
    return a
  }

  /// Adds w·z z' to the upper triangle of `a` (indices ascending).
  @inline(__always)
  static func accumulate(_ a: UnsafeMutablePointer<Double>, _ p: Int, _ w: Double, _ index: UnsafePointer<Int>,
                         _ value: UnsafePointer<Double>, _ n: Int) {
    for u in 0..<n {
      let i = index[u], wz = w * value[u]
      let rowStart = a + i * p
      for v in u..<n { rowStart[index[v]] += wz * value[v] }
    }
  }

  /// Fits θ from `start`, imputing censored days under `model`.
  ///
  /// - Returns: θ and the iterations used; nil when the scoring matrix is singular.
  func fit(from start: [Double], model: CountModel, maxIterations: Int = 60) -> (theta: [Double], iterations: Int)? {
    let p = terms.count
    var theta = start
    var a = [Double](repeating: 0, count: p * p)
    var g = [Double](repeating: 0, count: p)
    let censored = (0..<history.count).contains { used[$0] && !history.isAvailable($0) }
    let limit = censored ? maxIterations * 4 : maxIterations
    var previous = -Double.infinity
    // Per key and pass: log μ, and the last censored sale imputed with its E[D | D >= s]
    // (pure functions of μ, so sharing them keeps every bit).
    var keyLog = [Double](repeating: .nan, count: keyDay.count)
    var keySale = [Int](repeating: -1, count: keyDay.count), keyImputed = [Double](repeating: 0, count: keyDay.count)
    for iteration in 1...limit {
      for i in 0..<(p * p) { a[i] = 0 }
      for i in 0..<p { g[i] = 0 }
      for k in keyDay.indices { keyLog[k] = .nan; keySale[k] = -1 }
      var objective = 0.0
      let valid = a.withUnsafeMutableBufferPointer { A in
        g.withUnsafeMutableBufferPointer { G in
          forEachRow(theta, usedOnly: true) { t, m, index, value, n, key in
            let q = history.quantities[t]
            let y: Double
            if history.isAvailable(t) {
              y = Double(q)
            } else if key >= 0 {
              if keySale[key] != q { keySale[key] = q; keyImputed[key] = model.conditionalMean(atLeast: q, mean: m) }
              y = keyImputed[key]
            } else {
              y = model.conditionalMean(atLeast: q, mean: m)
            }
            if m > 0 {
              var logM = 0.0
              if y > 0 {
                if key < 0 {
                  logM = log(m)
                } else {
                  if keyLog[key].isNaN { keyLog[key] = log(m) }
                  logM = keyLog[key]
                }
              }
              objective += (y > 0 ? y * logM : 0) - m
            }
            let r = y - m
            for u in 0..<n { G[index[u]] += r * value[u] }
            Self.accumulate(A.baseAddress!, p, m, index, value, n)
          }
        }
      }
      guard valid else { return nil }
      for i in 0..<p { for j in 0..<i { a[i * p + j] = a[j * p + i] } }
      guard var step = SymmetricSolver.solve(a, g, size: p) else { return nil }
      // A weekday or promotion without sales drives its effect to -infinity one unit at a time;
      // cap every step and floor log-scale effects so such a fit ends with a factor of ~0.
      let largest = step.map(abs).max() ?? 0
      if largest > 3 { for i in 0..<p { step[i] *= 3 / largest } }
      var next = theta
      var accepted = false
      for _ in 0..<30 {
        for i in 0..<p { next[i] = theta[i] + step[i] }
        for i in 0..<terms.trendIndex { next[i] = max(next[i], -40) }
        if factorsPositive(next) { accepted = true; break }
        for i in 0..<p { step[i] *= 0.5 }
      }
      guard accepted else { return (theta, iteration) }
      theta = next
      let change = step.map(abs).max() ?? 0
      if change < 1e-7 || abs(objective - previous) <= 1e-11 * abs(objective) && !censored { return (theta, iteration) }
      previous = objective
    }
    return (theta, limit)
  }
}

/// A day's weekday (0 when not modelled), promotion flag and price bits (0 for no price effect).
private struct RowKey: Hashable {
  var weekday: Int
  var promotion: Bool
  var priceBits: UInt64
}

/// Solves small symmetric positive definite systems by Cholesky, with a tiny ridge for safety.
enum SymmetricSolver {
  /// The Cholesky factor (row-major lower triangle) of `a`, or nil when not positive definite.
  static func factor(_ a: [Double], size p: Int) -> [Double]? {
    var l = [Double](repeating: 0, count: p * p)
    var scale = 0.0
    for i in 0..<p { scale = max(scale, a[i * p + i]) }
    guard scale > 0, scale.isFinite else { return nil }
    let ridge = scale * 1e-12
    for i in 0..<p {
      for j in 0...i {
        var s = a[i * p + j] + (i == j ? ridge : 0)
        for k in 0..<j { s -= l[i * p + k] * l[j * p + k] }
        if i == j {
          guard s > 0 else { return nil }
          l[i * p + i] = s.squareRoot()
        } else {
          l[i * p + j] = s / l[j * p + j]
        }
      }
    }
    return l
  }

  /// x with a·x = b.
  static func solve(_ a: [Double], _ b: [Double], size p: Int) -> [Double]? {
    guard let l = factor(a, size: p) else { return nil }
    return solve(factor: l, b, size: p)
  }

  /// x with L·L'·x = b.
  static func solve(factor l: [Double], _ b: [Double], size p: Int) -> [Double] {
    var y = b
    for i in 0..<p {
      var s = y[i]
      for k in 0..<i { s -= l[i * p + k] * y[k] }
      y[i] = s / l[i * p + i]
    }
    for i in stride(from: p - 1, through: 0, by: -1) {
      var s = y[i]
      for k in (i + 1)..<p { s -= l[k * p + i] * y[k] }
      y[i] = s / l[i * p + i]
    }
    return y
  }

  /// The inverse of `a`, or nil when not positive definite.
  static func inverse(_ a: [Double], size p: Int) -> [Double]? {
    guard let l = factor(a, size: p) else { return nil }
    var inv = [Double](repeating: 0, count: p * p)
    for j in 0..<p {
      var e = [Double](repeating: 0, count: p)
      e[j] = 1
      let x = solve(factor: l, e, size: p)
      for i in 0..<p { inv[i * p + j] = x[i] }
    }
    return inv
  }
}
