/// The optimal replenishment policy of one stocking point with a fixed lead time, stationary
/// discrete demand and lost sales or backorders, found by relative value iteration over the
/// state (on hand, orders in transit by arrival day).
///
/// SupplySim's day: receipts (the order placed L days ago arrives), demand (served from stock;
/// the rest is lost, or backordered), review (the policy orders q ≥ 0, arriving before the demand
/// of day t + L), accrual (holding cost on closing stock, penalty per lost unit or backorder cost
/// per unit-day). At a review the state is the closing on-hand stock x (net stock under
/// backorders) and the L − 1 orders still in transit, a₁ … a_{L−1}, a₁ arriving tomorrow. The
/// Bellman equation of the long-run average cost g is
///
///     g + V(x, a) = min_{q ≥ 0} K·1{q > 0} + c·q + E[cost(y − D) + V(next(y − D), a₂ … a_{L−1}, q)]
///
/// with y = x + a₁ the stock available tomorrow (y = x + q when L = 1). Relative value iteration
/// with the span bounds of Odoni gives g within a stated tolerance; the minimising q in every
/// state is the decision table `OptimalPolicyTable` simulates.
///
/// Positions are bounded by B (on hand plus in transit after ordering). B starts at the
/// backorder base-stock level for a 1 − 10⁻⁶ service over L days and is doubled while the optimal
/// table orders up to B in any state, so the bound never binds.
///
/// - SeeAlso: P. Zipkin (2008), "Old and new methods for lost-sales inventory systems",
///   Operations Research 56(5), 1256–1263 (the benchmark instances); M. L. Puterman (1994),
///   *Markov Decision Processes*, §8.5 (relative value iteration).
public struct OptimalPolicyMDP: Sendable {
  /// What happens to demand that finds no stock.
  public enum Shortage: Sendable, Equatable {
    /// Lost, at `penalty` per unit.
    case lostSales(penalty: Double)
    /// Backordered, at `costPerUnitDay` per unit per closing day; net stock is bounded below by
    /// −B (the bound is raised if it binds).
    case backorders(costPerUnitDay: Double)
  }

  /// One day's demand.
  public let dailyDemand: DemandPMF
  /// Lead time in SupplySim days (≥ 1).
  public let leadDays: Int
  /// Holding cost per unit-day on closing stock.
  public let holding: Double
  /// Lost-sales or backorder cost.
  public let shortage: Shortage
  /// Fixed cost per order.
  public let orderCost: Double
  /// Cost per unit ordered.
  public let unitCost: Double

  /// The most states value iteration takes (about 8 bytes × 3 per state).
  public static let stateLimit = 20_000_000

  /// Checks and stores a problem.
  public init(dailyDemand: DemandPMF, leadDays: Int, holding: Double, shortage: Shortage, orderCost: Double = 0, unitCost: Double = 0) throws(OptimizationError) {
    let penalty: (String, Double) = switch shortage {
    case let .lostSales(p): ("lost-sale penalty", p)
    case let .backorders(b): ("backorder cost", b)
    }
    try OptimizationError.checkCosts([("holding cost", holding), penalty, ("order cost", orderCost), ("unit cost", unitCost)])
    guard (1...64).contains(leadDays) else { throw .invalidPeriod(name: "lead time", value: leadDays, range: 1...64) }
    guard dailyDemand.mean > 0 else { throw .degenerateDemand("has mean 0; there is nothing to optimise") }
    // With (almost) no holding cost more stock always pays and the position bound never settles.
    if case let .lostSales(p) = shortage, !(holding > 0 && holding >= 1e-6 * p) {
      throw .invalidCost(name: "holding cost (under lost sales the exact methods need at least 10⁻⁶ × the lost-sale penalty, \(1e-6 * p))", value: holding)
    }
    self.dailyDemand = dailyDemand
    self.leadDays = leadDays
    self.holding = holding
    self.shortage = shortage
    self.orderCost = orderCost
    self.unitCost = unitCost
  }

  /// The number of states for a position bound `bound`: on hand (−B…B under backorders, 0…B
  /// under lost sales) times L − 1 orders in transit of as many sizes each (dense layout).
  public func stateCount(bound: Int) -> Double {
    let onHand = Double(isLostSales ? bound + 1 : 2 * bound + 1)
    var count = onHand
    for _ in 0..<(leadDays - 1) { count *= onHand }
    return count
  }

  /// The first position bound tried: one more than the 1 − 10⁻⁶ quantile of demand over the
  /// lead time, at least 2.
  public func initialBound() throws(OptimizationError) -> Int {
    let lead = try dailyDemand.convolved(days: leadDays)
    var cdf = 0.0, bound = 0
    for (k, p) in lead.probabilities.enumerated() {
      cdf += p
      bound = k
      if cdf >= 1 - 1e-6 { break }
    }
    return max(bound + 1, 2)
  }

  var isLostSales: Bool { if case .lostSales = shortage { true } else { false } }

  /// Solves the problem.
  ///
  /// - Parameters:
  ///   - tolerance: Stop when the span bounds on g are within `tolerance × max(1, g)`.
  ///   - maximumIterations: Give up after this many sweeps.
  /// - Throws: `OptimizationError.stateSpaceTooLarge` (with the count) before any work when the
  ///   states exceed `stateLimit`, `.notConverged` when the bounds do not meet.
  public func solve(tolerance: Double = 1e-9, maximumIterations: Int = 200_000) throws(OptimizationError) -> OptimalPolicyTable {
    var bound = try initialBound()
    while true {
      let states = stateCount(bound: bound)
      guard states <= Double(Self.stateLimit) else { throw .stateSpaceTooLarge(states: states, limit: Self.stateLimit) }
      let table = try solve(bound: bound, tolerance: tolerance, maximumIterations: maximumIterations)
      if !table.bindsAtBound { return table }
      bound *= 2
    }
  }

  func solve(bound B: Int, tolerance: Double, maximumIterations: Int) throws(OptimizationError) -> OptimalPolicyTable {
    let lost = isLostSales
    let minX = lost ? 0 : -B
    let xCount = B - minX + 1
    let tailCount = leadDays - 1  // orders in transit
    // An order in transit is one digit of the state: at most B − minX units (the most one order
    // may add, from the lowest closing stock to the bound).
    let largestOrder = B - minX
    let side = largestOrder + 1
    var tailStates = 1
    for _ in 0..<tailCount { tailStates *= side }
    let p = dailyDemand.probabilities
    let h = holding
    let penalty: Double, backorderCost: Double
    switch shortage {
    case let .lostSales(pen): penalty = pen; backorderCost = 0
    case let .backorders(b): penalty = 0; backorderCost = b
    }
    // State index: tail-major, x minor: index = tail × xCount + (x − minX).
    // tail digits: a₁ is the most significant (a₁ × side^(L−2) + … + a_{L−1}).
    var tailSum = Array(repeating: 0, count: tailStates)
    var firstOfTail = Array(repeating: 0, count: tailStates)  // a₁
    var shifted = Array(repeating: 0, count: tailStates)       // (a₂ … a_{L−1}, 0) as a tail index
    if tailCount > 0 {
      let top = tailStates / side
      for t in 0..<tailStates {
        var rest = t, sum = 0
        for _ in 0..<tailCount { sum += rest % side; rest /= side }
        tailSum[t] = sum
        firstOfTail[t] = t / top
        shifted[t] = (t % top) * side
      }
    }
    let stateTotal = tailStates * xCount
    var value = Array(repeating: 0.0, count: stateTotal)
    var next = Array(repeating: 0.0, count: stateTotal)
    var decision = Array(repeating: 0, count: stateTotal)
    // W(y, r): expected tomorrow's cost plus value, stock y available tomorrow, r the tail after it.
    var w = Array(repeating: 0.0, count: stateTotal)
    var lower = -Double.infinity, upper = Double.infinity
    var iteration = 0
    while iteration < maximumIterations {
      iteration += 1
      // 1. W over (y, r) with y + Σr ≤ B.
      for r in 0..<tailStates {
        let room = B - tailSum[r]
        if room < minX { continue }
        let rowBase = r * xCount
        for y in minX...room {
          var total = 0.0
          for d in 0..<p.count {
            let pd = p[d]
            if pd == 0 { continue }
            var closing = y - d
            var cost: Double
            if lost {
              if closing < 0 { cost = penalty * Double(-closing); closing = 0 } else { cost = h * Double(closing) }
            } else {
              if closing < minX { closing = minX }  // deeper backorders count at the floor (bound raised if reached)
              cost = closing >= 0 ? h * Double(closing) : backorderCost * Double(-(y - d))
            }
            total += pd * (cost + value[rowBase + closing - minX])
          }
          w[rowBase + y - minX] = total
        }
      }
      // 2. Bellman update: V(x, a) = min_q K·1{q>0} + c·q + W(x + a₁, (a₂ … a_{L−1}, q)).
      var lo = Double.infinity, hi = -Double.infinity
      for t in 0..<tailStates {
        let inTransit = tailSum[t]
        let maxX = B - inTransit
        if maxX < minX { continue }
        let arriving = tailCount > 0 ? firstOfTail[t] : 0
        let base = tailCount > 0 ? shifted[t] : 0
        for x in minX...maxX {
          let y = x + arriving
          let room = B - x - inTransit  // most units one order may add (≤ largestOrder)
          var best = Double.infinity, bestQ = 0
          for q in 0...max(room, 0) {
            let r = base + (tailCount > 0 ? q : 0)
            let stock = tailCount > 0 ? y : y + q
            let c = (q > 0 ? orderCost + unitCost * Double(q) : 0) + w[r * xCount + stock - minX]
            if c < best { best = c; bestQ = q }
          }
          let i = t * xCount + x - minX
          next[i] = best
          decision[i] = bestQ
          let diff = best - value[i]
          if diff < lo { lo = diff }
          if diff > hi { hi = diff }
        }
      }
      lower = lo; upper = hi
      // Relative values: subtract the value of the empty state.
      let reference = next[0 - minX]
      for i in 0..<stateTotal { value[i] = next[i] - reference }
      if upper - lower <= tolerance * max(1, abs(upper)) { break }
    }
    guard upper - lower <= tolerance * max(1, abs(upper)) else { throw .notConverged(iterations: iteration, gap: upper - lower) }
    return OptimalPolicyTable(leadDays: leadDays, bound: B, minimumStock: minX, decision: decision,
                              costPerDay: (lower + upper) / 2, costBounds: lower...upper, iterations: iteration)
  }
}

/// The optimal order in every state, and the optimal long-run cost per day.
public struct OptimalPolicyTable: Sendable, Equatable {
  /// Lead time in days.
  public let leadDays: Int
  /// The position bound B of the state space.
  public let bound: Int
  /// The lowest closing stock tabulated (0 under lost sales, −B under backorders).
  public let minimumStock: Int
  /// The optimal order per state (dense layout, see `order(onHand:inTransit:)`).
  let decision: [Int]
  /// The optimal long-run cost per day (midpoint of the bounds).
  public let costPerDay: Double
  /// Lower and upper bounds on the optimal cost per day from the last sweep.
  public let costBounds: ClosedRange<Double>
  /// Sweeps value iteration took.
  public let iterations: Int

  /// The optimal order for closing stock `onHand` and orders in transit `inTransit`
  /// (`inTransit[0]` arrives tomorrow; `leadDays − 1` values). States beyond the table (more
  /// stock than B) order nothing; stock below the table's floor is treated as the floor.
  public func order(onHand: Int, inTransit: [Int]) -> Int {
    precondition(inTransit.count == leadDays - 1, "need \(leadDays - 1) orders in transit, got \(inTransit.count)")
    let side = bound - minimumStock + 1
    var total = onHand
    var tail = 0
    for a in inTransit {
      guard a >= 0, a < side else { return 0 }
      total += a
      tail = tail * side + a
    }
    let x = max(onHand, minimumStock)
    guard x + (total - onHand) <= bound, x <= bound else { return 0 }
    let xCount = bound - minimumStock + 1
    return decision[tail * xCount + x - minimumStock]
  }

  /// True when some state orders up to the bound exactly, so the bound may have cut the optimum.
  var bindsAtBound: Bool {
    // Scan the states: an order that fills the position to B means B may be binding.
    let xCount = bound - minimumStock + 1
    let side = xCount
    let tails = decision.count / xCount
    for t in 0..<tails {
      var rest = t, inTransit = 0
      for _ in 0..<(leadDays - 1) { inTransit += rest % side; rest /= side }
      for xi in 0..<xCount {
        let x = xi + minimumStock
        if x + inTransit > bound { break }
        let q = decision[t * xCount + xi]
        if q > 0 && x + inTransit + q == bound { return true }
      }
    }
    return false
  }
}
