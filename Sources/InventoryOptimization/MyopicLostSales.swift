/// The myopic lost-sales policy: order the quantity that minimises the expected cost of the day
/// on which the order arrives, given today's closing stock and the orders in transit.
///
/// In SupplySim's day (see `OptimalPolicyMDP`), an order q placed at the review of day t arrives
/// in the receipts of day t + L. Before it arrives the stock evolves without it: with closing
/// stock x and orders in transit a₁ … a_{L−1} (aᵢ arriving on day t + i),
///
///     I₀ = x,   Iᵢ = (Iᵢ₋₁ + aᵢ − Dₜ₊ᵢ)⁺   for i = 1 … L − 1,
///
/// so I_{L−1} is the stock left just before the order arrives, and day t + L costs
/// G(I_{L−1} + q) with G(y) = h·E(y − D)⁺ + p·E(D − y)⁺ (holding on closing stock, penalty per
/// lost unit). The myopic order minimises
///
///     f(q) = K·1{q > 0} + c·q + E[G(I_{L−1} + q)]
///
/// over q ≥ 0 (the smallest minimiser). E[G(I + q)] is convex in q (G is convex), so the search
/// walks up from q = 1 while f falls. With L = 1 there is nothing in transit, I = x and the policy
/// is base stock at the newsvendor level, which is optimal under lost sales with SupplySim's
/// one-day lead time (an order placed in the evening is on the shelf next morning).
///
/// - SeeAlso: P. Zipkin (2008), "Old and new methods for lost-sales inventory systems",
///   Operations Research 56(5), 1256–1263, §4 (the "myopic" policy: minimise the expected cost
///   of the period in which the order arrives). His lead time is SupplySim's L − 1.
public struct MyopicLostSales: Sendable {
  /// The problem (lost sales).
  public let problem: OptimalPolicyMDP
  /// The lost-sale penalty per unit.
  let penalty: Double
  /// G(y) for y = 0 … G.count − 1; beyond, G grows linearly with slope h (demand ≤ support).
  let dayCost: [Double]

  /// The policy of a lost-sales problem.
  ///
  /// - Throws: `OptimizationError.searchDiverged` when the problem backorders.
  public init(_ problem: OptimalPolicyMDP) throws(OptimizationError) {
    guard case let .lostSales(penalty) = problem.shortage else {
      throw .searchDiverged("the myopic policy is defined for lost sales only")
    }
    self.problem = problem
    self.penalty = penalty
    let p = problem.dailyDemand.probabilities
    // G on 0 … support: past the largest demand nothing is lost and G(y) = h·(y − E D).
    dayCost = (0...p.count).map { y in
      var g = 0.0
      for (d, pd) in p.enumerated() where pd > 0 {
        g += pd * (d <= y ? problem.holding * Double(y - d) : penalty * Double(d - y))
      }
      return g
    }
  }

  /// G(y) = h·E(y − D)⁺ + p·E(D − y)⁺ for y ≥ 0.
  @inline(__always)
  func expectedDayCost(_ y: Int) -> Double {
    if y < dayCost.count { return dayCost[y] }
    let last = dayCost.count - 1
    return dayCost[last] + problem.holding * Double(y - last)
  }

  /// The distribution of the stock left just before an order placed now arrives, I_{L−1},
  /// as probabilities over 0 … x + Σ a.
  public func stockBeforeArrival(onHand x: Int, inTransit a: [Int]) -> [Double] {
    let p = problem.dailyDemand.probabilities
    var dist = Array(repeating: 0.0, count: x + 1)
    dist[x] = 1
    for i in 0..<min(a.count, problem.leadDays - 1) {
      let top = dist.count - 1 + a[i]
      var next = Array(repeating: 0.0, count: top + 1)
      for (level, mass) in dist.enumerated() where mass > 0 {
        let y = level + a[i]
        var remaining = mass
        for (d, pd) in p.enumerated() where d < y {
          next[y - d] += mass * pd
          remaining -= mass * pd
        }
        next[0] += max(0, remaining)  // demand ≥ y: nothing left
      }
      dist = next
    }
    return dist
  }

  /// The expected cost f(q) of ordering q (see the type).
  public func cost(ofOrdering q: Int, stockBeforeArrival dist: [Double]) -> Double {
    var f = q > 0 ? problem.orderCost + problem.unitCost * Double(q) : 0
    for (level, mass) in dist.enumerated() where mass > 0 { f += mass * expectedDayCost(level + q) }
    return f
  }

  /// The myopic order for closing stock `x` (≥ 0) and the orders in transit (`inTransit[0]`
  /// arriving tomorrow; L − 1 of them).
  public func order(onHand x: Int, inTransit a: [Int]) -> Int {
    let dist = stockBeforeArrival(onHand: max(0, x), inTransit: a)
    let none = cost(ofOrdering: 0, stockBeforeArrival: dist)
    // Without the fixed cost f is convex on q ≥ 1 as well: walk up while it falls.
    var best = 1, bestCost = cost(ofOrdering: 1, stockBeforeArrival: dist)
    // Past the largest demand plus one, more stock only adds holding.
    let ceiling = dayCost.count + 1
    while best < ceiling {
      let next = cost(ofOrdering: best + 1, stockBeforeArrival: dist)
      if next < bestCost { best += 1; bestCost = next } else { break }
    }
    return bestCost < none ? best : 0
  }

  /// The myopic policy's long-run cost per day, evaluated exactly on the chain it induces
  /// (`LostSalesHeuristics.cost(of:order:)`), within a work budget of 2·10⁸ transition updates
  /// and 10⁵ states (throws past them: reports then leave the cost out).
  public func costPerDay() throws(OptimizationError) -> Double {
    try LostSalesHeuristics.cost(of: problem, order: { x, a in order(onHand: x, inTransit: a) }, workLimit: 200_000_000, stateLimit: 100_000)
  }
}
