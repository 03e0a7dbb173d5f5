#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Stochastics

/// The log-likelihood of a series' counts given fixed daily means, for each count family, with
/// censored days entering as log P(D >= sales).
///
/// Precomputes what does not depend on the family parameters: Σ log y!, Σ y·log m, and the tail
/// counts G_j = #{uncensored days with y > j}, so that Σ_t [log Γ(y_t + r) − log Γ(r)] =
/// Σ_j G_j·log(r + j) costs max(y) logarithms instead of one log-gamma per day.
struct FamilyLikelihood {
  let y: [Int]
  let m: [Double]
  /// Uncensored days.
  let exact: [Int]
  /// Censored days with a positive sale (the others carry no information).
  let censored: [Int]
  /// G_j for j = 0..<max(y).
  let tail: [Double]
  let sumLogFactorial: Double
  let sumYLogM: Double
  let sumY: Double
  /// The uncensored days grouped by their mean (days with equal means share every term but
  /// the y-dependent ones, which the sums above carry): the mean, the days, the zero days and
  /// the sum of y of each group. With only weekday, promotion and price effects there are a few
  /// dozen groups, so an evaluation costs O(groups + max y) instead of O(days).
  let groupMean: [Double], groupDays: [Double], groupZeros: [Double], groupSumY: [Double]
  /// The distinct (sales, mean) pairs of the censored days, and each censored day's pair (in
  /// `censored` order): censored days of a stockout usually sell the same stock on a few means,
  /// so an evaluation computes one survival probability per pair, then adds them day by day.
  let pairSales: [Int], pairMean: [Double], censoredPair: [Int]

  init(history: DemandHistory, means: [Double]) {
    y = history.quantities
    m = means
    var exact: [Int] = [], censored: [Int] = []
    var maxY = 0
    var sumLogFactorial = 0.0, sumYLogM = 0.0, sumY = 0.0
    for t in y.indices {
      if history.isAvailable(t) {
        exact.append(t)
        maxY = max(maxY, y[t])
        if y[t] > 0 {
          sumLogFactorial += SpecialFunctions.logFactorial(y[t])
          sumYLogM += Double(y[t]) * log(max(means[t], 1e-300))
          sumY += Double(y[t])
        }
      } else if y[t] > 0 {
        censored.append(t)
      }
    }
    var counts = [Double](repeating: 0, count: maxY + 1)
    for t in exact { counts[y[t]] += 1 }
    var tail = [Double](repeating: 0, count: maxY)
    var above = 0.0
    for j in stride(from: maxY - 1, through: 0, by: -1) {
      above += counts[j + 1]
      tail[j] = above
    }
    // Group by mean (a hash on the value, -0 as +0), then order the groups by mean so sums are
    // reproducible. The per-group sums are counts and sums of counts: exact whatever the order.
    var groupOf: [UInt64: Int] = [:]
    var um: [Double] = [], un: [Double] = [], uz: [Double] = [], uy: [Double] = []
    for t in exact {
      let mean = means[t]
      let key = mean == 0 ? 0 : mean.bitPattern
      let g: Int
      if let found = groupOf[key] {
        g = found
      } else {
        g = um.count
        groupOf[key] = g
        um.append(mean); un.append(0); uz.append(0); uy.append(0)
      }
      un[g] += 1
      if y[t] == 0 { uz[g] += 1 }
      uy[g] += Double(y[t])
    }
    let order = um.indices.sorted { um[$0] < um[$1] }
    let gm = order.map { um[$0] }, gn = order.map { un[$0] }, gz = order.map { uz[$0] }, gy = order.map { uy[$0] }
    var pairOf: [CensoredPair: Int] = [:]
    var pairSales: [Int] = [], pairMean: [Double] = [], censoredPair: [Int] = []
    censoredPair.reserveCapacity(censored.count)
    for t in censored {
      let key = CensoredPair(sales: y[t], meanBits: means[t].bitPattern)
      if let found = pairOf[key] {
        censoredPair.append(found)
      } else {
        pairOf[key] = pairSales.count
        censoredPair.append(pairSales.count)
        pairSales.append(y[t]); pairMean.append(means[t])
      }
    }
    self.pairSales = pairSales
    self.pairMean = pairMean
    self.censoredPair = censoredPair
    self.exact = exact
    self.censored = censored
    self.tail = tail
    self.sumLogFactorial = sumLogFactorial
    self.sumYLogM = sumYLogM
    self.sumY = sumY
    groupMean = gm; groupDays = gn; groupZeros = gz; groupSumY = gy
  }

  /// The observed count histogram of the uncensored days.
  var histogram: [Int] {
    var h = [Int](repeating: 0, count: tail.count + 1)
    for t in exact { h[y[t]] += 1 }
    return h
  }

  /// The log-likelihood under `model`; -infinity when a day is impossible.
  func logLikelihood(_ model: CountModel) -> Double {
    let pi: Double
    if case let .zeroInflated(p, _) = model { pi = p } else { pi = 0 }
    let logOneMinusPi = log1p(-pi)
    var total = -sumLogFactorial + sumYLogM - sumY * logOneMinusPi
    switch model.dispersion {
    case nil:
      // Per day y·log λ − λ − log y! with λ = m/(1 − π); zero days log(π + (1 − π)e^{−λ}).
      for g in groupMean.indices {
        let lambda = groupMean[g] / (1 - pi)
        let zeros = groupZeros[g], positives = groupDays[g] - zeros
        if zeros > 0 { total += zeros * (pi > 0 ? log(pi + (1 - pi) * exp(-lambda)) : -lambda) }
        total += positives * (logOneMinusPi - lambda)
      }
    case let r?:
      // log Γ(y + r) − log Γ(r) − y·log(r + λ) = Σ_j log1p(j/r) − y·log1p(λ/r) (the log r
      // terms cancel), plus r·log(r/(r + λ)) = −r·log1p(λ/r), y·log λ and −log y!.
      for j in tail.indices where tail[j] > 0 { total += tail[j] * log1p(Double(j) / r) }
      for g in groupMean.indices {
        let lambda = groupMean[g] / (1 - pi)
        let l1 = log1p(lambda / r)
        let zeros = groupZeros[g], positives = groupDays[g] - zeros
        if zeros > 0 {
          let logP0 = -r * l1
          total += zeros * (pi > 0 ? log(pi + (1 - pi) * exp(logP0)) : logP0)
        }
        total += positives * (logOneMinusPi - r * l1) - groupSumY[g] * l1
      }
    }
    if !censoredPair.isEmpty {
      // One survival per distinct pair; the sum still runs over the days in day order.
      withUnsafeTemporaryAllocation(of: Double.self, capacity: pairSales.count) { logSurvival in
        for u in pairSales.indices { logSurvival[u] = log(model.survival(atLeast: pairSales[u], mean: pairMean[u])) }
        for u in censoredPair { total += logSurvival[u] }
      }
    }
    return total.isNaN ? -.infinity : total
  }
}

/// A censored day's sales and the bits of its mean: days with equal keys have equal survival.
private struct CensoredPair: Hashable {
  var sales: Int
  var meanBits: UInt64
}

/// Maximizes a smooth function of one or two variables in a box by Newton steps on
/// finite-difference derivatives, with step halving.
enum BoxNewton {
  /// The maximizer, its value, and the Hessian there (row-major), or nil Hessian when the step
  /// stopped at a bound.
  static func maximize(_ start: [Double], lower: [Double], upper: [Double],
                       _ f: ([Double]) -> Double) -> (x: [Double], value: Double, hessian: [Double], atBound: Bool) {
    let n = start.count
    let h = 1e-3
    var x = zip(zip(start, lower), upper).map { min(max($0.0, $0.1), $1) }
    var fx = f(x)
    var hessian = [Double](repeating: 0, count: n * n)
    func shifted(_ d: [Double]) -> [Double] { (0..<n).map { x[$0] + d[$0] } }
    for _ in 0..<40 {
      var g = [Double](repeating: 0, count: n)
      var plus = [Double](repeating: 0, count: n), minus = plus
      for i in 0..<n {
        var e = [Double](repeating: 0, count: n); e[i] = h
        plus[i] = f(shifted(e))
        e[i] = -h
        minus[i] = f(shifted(e))
        g[i] = (plus[i] - minus[i]) / (2 * h)
        hessian[i * n + i] = (plus[i] - 2 * fx + minus[i]) / (h * h)
      }
      if n == 2 {
        let pp = f(shifted([h, h])), mm = f(shifted([-h, -h]))
        let cross = (pp - plus[0] - plus[1] + 2 * fx - minus[0] - minus[1] + mm) / (2 * h * h)
        hessian[1] = cross; hessian[2] = cross
      }
      var step: [Double]
      let negated = hessian.map { -$0 }
      if let s = SymmetricSolver.solve(negated, g, size: n), s.allSatisfy(\.isFinite) {
        step = s
      } else {
        step = g.map { $0 / max(1, (g.map(abs).max() ?? 1)) }
      }
      let largest = step.map(abs).max() ?? 0
      if largest > 2 { step = step.map { $0 * 2 / largest } }
      var improved = false
      for _ in 0..<30 {
        let candidate = (0..<n).map { min(max(x[$0] + step[$0], lower[$0]), upper[$0]) }
        let value = f(candidate)
        if value >= fx {
          let moved = (0..<n).map { abs(candidate[$0] - x[$0]) }.max() ?? 0
          x = candidate
          improved = value > fx + 1e-10 && moved > 1e-6
          fx = value
          break
        }
        step = step.map { $0 * 0.5 }
      }
      if !improved { break }
    }
    let atBound = (0..<n).contains { x[$0] <= lower[$0] + 1e-6 || x[$0] >= upper[$0] - 1e-6 }
    return (x, fx, hessian, atBound)
  }
}
