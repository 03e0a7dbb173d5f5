/// The optimal (s, S) policy for stationary discrete demand with backorders, reviewed every day:
/// Zheng and Federgruen's algorithm.
///
/// Under an (s, S) policy (order up to S when the position is at or below s) the position after
/// ordering renews at S; with m(j) the expected number of days on which cumulative demand since
/// the renewal equals j and M(n) = m(0) + … + m(n − 1), the long-run cost per day is
///
///     c(s, S) = (K + Σ_{j=0}^{S−s−1} m(j)·G(S − j)) / M(S − s).
///
/// The algorithm starts from the minimiser y* of G, lowers s until c(s, y*) ≤ G(s), then raises S
/// while G(S) ≤ the best cost so far, moving s up whenever a better S is found. It visits each
/// candidate once, so its work is linear in the range of S it examines.
///
/// - SeeAlso: Y.-S. Zheng and A. Federgruen (1991), "Finding optimal (s, S) policies is about as
///   simple as evaluating a single policy", Operations Research 39(4), 654–665.
public enum ZhengFedergruen {
  /// The optimal (s, S) levels and cost of `problem`.
  ///
  /// - Throws: `OptimizationError` when the demand cannot be tabulated or the search leaves
  ///   the range of stock levels.
  public static func optimize(_ problem: StationaryProblem) throws(OptimizationError) -> OptimalLevels {
    let g = try problem.closingCost()
    var renewal = RenewalMass(dailyDemand: problem.dailyDemand)
    let k = problem.orderCost
    let yStar = g.minimizer
    let limit = yStar + 50 * max(g.demand.count, 1) + 1_000_000

    // c(s, S) for the current renewal table.
    func cost(_ s: Int, _ S: Int) -> Double {
      let n = S - s
      var total = k
      for j in 0..<n { total += renewal.mass(j) * g(S - j) }
      return total / renewal.cumulative(n)
    }

    var s = yStar
    var S0 = yStar
    repeat {
      s -= 1
      guard yStar - s < limit else { throw .searchDiverged("the (s, S) search lowered s below \(s) without finding a reorder point") }
    } while cost(s, S0) > g(s)
    var c0 = cost(s, S0)
    var S = S0 + 1
    while g(S) <= c0 {
      guard S - yStar < limit else { throw .searchDiverged("the (s, S) search raised S above \(S) without settling") }
      let c = cost(s, S)
      if c < c0 {
        S0 = S
        while cost(s, S0) <= g(s + 1) { s += 1 }
        c0 = cost(s, S0)
      }
      S += 1
    }
    return OptimalLevels(reorderPoint: s, orderUpTo: S0, orderQuantity: nil, costPerDay: c0)
  }

  /// The long-run cost per day of a given (s, S) policy (s < S), by the renewal formula.
  public static func cost(of problem: StationaryProblem, reorderPoint s: Int, orderUpTo S: Int) throws(OptimizationError) -> Double {
    precondition(s < S, "(s, S) needs s < S")
    let g = try problem.closingCost()
    var renewal = RenewalMass(dailyDemand: problem.dailyDemand)
    var total = problem.orderCost
    for j in 0..<(S - s) { total += renewal.mass(j) * g(S - j) }
    return total / renewal.cumulative(S - s)
  }
}

/// m(j): the expected number of days on which cumulative demand since a renewal equals j,
/// extended on demand. m(0) = 1/(1 − p₀); m(j) = Σ_{i=1}^{j} pᵢ·m(j − i) / (1 − p₀).
struct RenewalMass {
  let p: [Double]
  var m: [Double] = []
  var sums: [Double] = [0]

  init(dailyDemand: DemandPMF) { p = dailyDemand.probabilities }

  mutating func extend(to j: Int) {
    let stay = 1 - p[0]
    while m.count <= j {
      let n = m.count
      var total = n == 0 ? 1.0 : 0.0
      if n > 0 {
        for i in 1...min(n, p.count - 1) { total += p[i] * m[n - i] }
      }
      m.append(total / stay)
      sums.append(sums[n] + m[n])
    }
  }

  mutating func mass(_ j: Int) -> Double {
    extend(to: j)
    return m[j]
  }

  /// M(n) = m(0) + … + m(n − 1).
  mutating func cumulative(_ n: Int) -> Double {
    if n > 0 { extend(to: n - 1) }
    return sums[n]
  }
}
