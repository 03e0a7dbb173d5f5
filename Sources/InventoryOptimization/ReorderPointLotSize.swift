/// Exact optimisers and evaluators for base-stock and (s, nQ) policies under stationary demand
/// with backorders, reviewed every day.
public enum BaseStockAndLotSize {
  /// The optimal base-stock level (order up to S every day) and its cost: the newsvendor
  /// minimiser of G, the smallest S with P(D_L ≤ S) ≥ b/(b + h). Ordering cost is K times the
  /// probability that a day has demand.
  public static func baseStock(_ problem: StationaryProblem) throws(OptimizationError) -> OptimalLevels {
    let g = try problem.closingCost()
    let S = g.minimizer
    return OptimalLevels(reorderPoint: nil, orderUpTo: S, orderQuantity: nil,
                         costPerDay: g(S) + problem.orderCost * (1 - problem.dailyDemand.probability(0)))
  }

  /// The optimal order-up-to level S of an (R, S) policy that reviews every `reviewPeriod` days,
  /// and its cost. An order placed at a review raises the position to S and covers the closing
  /// stock of days t + L … t + L + R − 1, so the cost per day is
  /// (1/R)·Σ_{j=0}^{R−1} G_{L+j}(S) + K·P(D_R > 0)/R, with G_m over m days of demand; the sum is
  /// convex, and a minimiser is found by walking downhill from the first day's.
  public static func periodicOrderUpTo(_ problem: StationaryProblem, reviewPeriod: Int) throws(OptimizationError) -> OptimalLevels {
    guard (1...3650).contains(reviewPeriod) else { throw .invalidPeriod(name: "review period", value: reviewPeriod, range: 1...3650) }
    var costs: [ClosingCost] = []
    for j in 0..<reviewPeriod {
      costs.append(ClosingCost(holding: problem.holding, backorder: problem.backorder, demand: try problem.dailyDemand.convolved(days: problem.leadDays + j)))
    }
    func cost(_ y: Int) -> Double { costs.reduce(0) { $0 + $1(y) } / Double(reviewPeriod) }
    // The sum is convex: start at the first period's minimiser and walk downhill.
    var y = costs[0].minimizer
    while cost(y + 1) < cost(y) { y += 1 }
    while cost(y - 1) < cost(y) { y -= 1 }
    let noDemand = try problem.dailyDemand.convolved(days: reviewPeriod).probability(0)
    return OptimalLevels(reorderPoint: nil, orderUpTo: y, orderQuantity: nil,
                         costPerDay: cost(y) + problem.orderCost * (1 - noDemand) / Double(reviewPeriod))
  }

  /// The optimal (s, nQ) policy: when the position is at or below s, order the smallest multiple
  /// of Q that lifts it above s.
  ///
  /// The position after ordering is uniform on s + 1 … s + Q in steady state (the transition
  /// matrix is doubly stochastic; the distribution is the unique stationary one when P(D = 1) > 0
  /// or, more generally, the chain is irreducible), and a day orders with probability
  /// E[min(D, Q)]/Q, so
  ///
  ///     c(s, Q) = (K·E[min(D, Q)] + Σ_{y=s+1}^{s+Q} G(y)) / Q.
  ///
  /// For each Q the best window of Q consecutive levels is found by growing the previous one on
  /// the side where G is lower (G is convex); the search stops once the window's mean cost, which
  /// only grows with Q, exceeds the best total found.
  ///
  /// - SeeAlso: Zipkin (2000), *Foundations of Inventory Management*, §6.5; Federgruen and Zheng
  ///   (1992), Operations Research 40(4), 808–813.
  public static func reorderPointLotSize(_ problem: StationaryProblem, maximumLot: Int = 10_000_000) throws(OptimizationError) -> OptimalLevels {
    let g = try problem.closingCost()
    let p = problem.dailyDemand
    var low = g.minimizer, high = g.minimizer  // the window [low, high]
    var window = g(low)
    var shortfallSum = 0.0  // Σ_{j=1}^{Q} P(D ≥ j) = E[min(D, Q)]
    var tail = 1 - p.probability(0)  // P(D ≥ Q) for the current Q
    var best = OptimalLevels(reorderPoint: low - 1, orderUpTo: nil, orderQuantity: 1, costPerDay: .infinity)
    var q = 1
    while true {
      shortfallSum += tail
      let c = (problem.orderCost * shortfallSum + window) / Double(q)
      if c < best.costPerDay { best = OptimalLevels(reorderPoint: low - 1, orderUpTo: nil, orderQuantity: q, costPerDay: c) }
      if window / Double(q) >= best.costPerDay { break }
      guard q < maximumLot else { throw .searchDiverged("the (s, Q) search passed Q = \(maximumLot) without settling") }
      // Grow the window by one level where G is lower (ties: downward, the smaller s).
      if g(low - 1) <= g(high + 1) { low -= 1; window += g(low) } else { high += 1; window += g(high) }
      tail -= p.probability(q)
      q += 1
    }
    return best
  }

  /// The long-run cost per day of a given (s, nQ) policy.
  public static func cost(of problem: StationaryProblem, reorderPoint s: Int, lot q: Int) throws(OptimizationError) -> Double {
    precondition(q >= 1, "Q must be ≥ 1")
    let g = try problem.closingCost()
    var window = 0.0, shortfall = 0.0, tail = 1 - problem.dailyDemand.probability(0)
    for j in 1...q {
      window += g(s + j)
      shortfall += tail
      tail -= problem.dailyDemand.probability(j)
    }
    return (problem.orderCost * shortfall + window) / Double(q)
  }
}
