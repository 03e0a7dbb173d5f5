/// Heuristic policies for lost sales with a fixed lead time, evaluated exactly and optimised:
/// capped base stock and constant order.
///
/// A policy is evaluated on the Markov chain it induces on (on hand, orders in transit) at the
/// review: the states it can reach from an empty system are enumerated, and the stationary
/// distribution is found by iterating the distribution forward (averaged with the previous
/// step, which removes periodicity without moving the fixed point). The cost per day is the
/// stationary expectation of the next day's holding and lost-sale cost plus ordering costs, in
/// SupplySim's day (see `OptimalPolicyMDP`).
///
/// - SeeAlso: L. Xin (2021), "Understanding the performance of capped base-stock policies in
///   lost-sales inventory models", Operations Research 69(1); Zipkin (2008).
public enum LostSalesHeuristics {
  /// A capped base-stock policy: order min(cap, max(0, S − on hand − in transit)) every day.
  public struct CappedBaseStock: Sendable, Equatable {
    /// The order-up-to level S on the position (on hand plus in transit).
    public var orderUpTo: Int
    /// The most one order may be.
    public var cap: Int
    /// Its long-run cost per day.
    public var costPerDay: Double
  }

  /// The most states a policy's chain may have.
  public static let stateLimit = 2_000_000

  /// The long-run cost per day of the stationary policy `order` (given closing on hand and the
  /// orders in transit, `inTransit[0]` arriving tomorrow) under `problem` (lost sales).
  ///
  /// - Parameter workLimit: The most transition updates (iterations × transitions) to spend;
  ///   past it the evaluation throws `notConverged` (a policy's chain that mixes slowly).
  /// - Parameter stateLimit: The most reachable states (`stateSpaceTooLarge` past it).
  public static func cost(of problem: OptimalPolicyMDP, order: (_ onHand: Int, _ inTransit: [Int]) -> Int,
                          tolerance: Double = 1e-12, maximumIterations: Int = 100_000, workLimit: Int = .max,
                          stateLimit: Int = LostSalesHeuristics.stateLimit) throws(OptimizationError) -> Double {
    guard case let .lostSales(penalty) = problem.shortage else {
      throw .searchDiverged("the heuristics are evaluated for lost sales only")
    }
    let p = problem.dailyDemand.probabilities
    let tail = problem.leadDays - 1
    // Enumerate reachable states from the empty system.
    // States are keyed by their digits packed into one Int when they fit (21 bits each, up to
    // three digits), else by the array.
    var packedIndex: [Int: Int] = [:]
    var index: [[Int]: Int] = [:]
    var states: [[Int]] = []  // [x, a₁, …, a_{L−1}]
    var decision: [Int] = []
    func add(_ s: [Int]) throws(OptimizationError) -> Int {
      var packed: Int? = s.count <= 3 ? 0 : nil
      for digit in s where packed != nil {
        if digit >= 0 && digit < (1 << 21) { packed = packed! << 21 | digit } else { packed = nil }
      }
      if let packed {
        if let i = packedIndex[packed] { return i }
        packedIndex[packed] = states.count
      } else if let i = index[s] {
        return i
      } else {
        index[s] = states.count
      }
      guard states.count < stateLimit else { throw .stateSpaceTooLarge(states: Double(states.count), limit: stateLimit) }
      states.append(s)
      decision.append(max(0, order(s[0], Array(s.dropFirst()))))
      return states.count - 1
    }
    _ = try add(Array(repeating: 0, count: tail + 1))
    // Transitions: next[i] = [(state, probability, day cost)].
    var transitions: [[(to: Int, probability: Double, cost: Double)]] = []
    var i = 0
    while i < states.count {
      let s = states[i], q = decision[i]
      let arriving = tail > 0 ? s[1] : q
      let y = s[0] + arriving
      var row: [(to: Int, probability: Double, cost: Double)] = []
      var rest = tail > 0 ? Array(s.dropFirst(2)) + [q] : []
      for (d, pd) in p.enumerated() where pd > 0 {
        let closing = max(0, y - d)
        let cost = problem.holding * Double(closing) + penalty * Double(max(0, d - y))
        rest.insert(closing, at: 0)
        row.append((try add(rest), pd, cost))
        rest.removeFirst()
      }
      transitions.append(row)
      i += 1
    }
    let n = states.count
    let orderCost = (0..<n).map { decision[$0] > 0 ? problem.orderCost + problem.unitCost * Double(decision[$0]) : 0 }
    let stepCost = (0..<n).map { j in transitions[j].reduce(orderCost[j]) { $0 + $1.probability * $1.cost } }
    var pi = Array(repeating: 0.0, count: n)
    pi[0] = 1
    var next = Array(repeating: 0.0, count: n)
    let transitionCount = transitions.reduce(0) { $0 + $1.count }
    let iterationLimit = min(maximumIterations, workLimit / max(transitionCount, 1))
    for _ in 0..<iterationLimit {
      for j in 0..<n { next[j] = 0 }
      for j in 0..<n where pi[j] > 0 {
        for t in transitions[j] { next[t.to] += pi[j] * t.probability }
      }
      var change = 0.0
      for j in 0..<n {
        let averaged = 0.5 * (pi[j] + next[j])
        change += abs(averaged - pi[j])
        pi[j] = averaged
      }
      if change < tolerance {
        return (0..<n).reduce(0) { $0 + pi[$1] * stepCost[$1] }
      }
    }
    throw .notConverged(iterations: iterationLimit, gap: .nan)
  }

  /// The best capped base-stock policy: for each cap from 1 upward, the best S by a local search
  /// from the previous cap's; the search over caps stops once the cap reaches the best S (a cap
  /// at or above S never binds, the policy is then base stock) or the cost has risen for three
  /// caps in a row.
  public static func bestCappedBaseStock(_ problem: OptimalPolicyMDP) throws(OptimizationError) -> CappedBaseStock {
    func evaluate(_ S: Int, _ cap: Int) throws(OptimizationError) -> Double {
      try cost(of: problem, order: { x, a in min(cap, max(0, S - x - a.reduce(0, +))) })
    }
    var best = CappedBaseStock(orderUpTo: 0, cap: 1, costPerDay: .infinity)
    var S = max(1, Int((problem.dailyDemand.mean * Double(problem.leadDays)).rounded()))
    var worse = 0
    var cap = 1
    while cap <= max(S, 1) + 1 && worse < 3 {
      // Local search in S for this cap.
      var here = try evaluate(S, cap)
      while true {
        let up = try evaluate(S + 1, cap)
        if up < here { S += 1; here = up; continue }
        if S > 0 {
          let down = try evaluate(S - 1, cap)
          if down < here { S -= 1; here = down; continue }
        }
        break
      }
      if here < best.costPerDay {
        best = CappedBaseStock(orderUpTo: S, cap: cap, costPerDay: here)
        worse = 0
      } else {
        worse += 1
      }
      cap += 1
    }
    return best
  }

  /// The best constant order r (every day, whatever the state) and its cost. The chain is the
  /// on-hand stock alone, x' = (x + r − D)⁺, whatever the lead time; it is stable for r below
  /// mean demand, and its stationary distribution is found on 0…X with X far in its geometric tail.
  public static func bestConstantOrder(_ problem: OptimalPolicyMDP) throws(OptimizationError) -> (order: Int, costPerDay: Double) {
    guard case let .lostSales(penalty) = problem.shortage else {
      throw .searchDiverged("the heuristics are evaluated for lost sales only")
    }
    let p = problem.dailyDemand.probabilities
    var best = (order: 0, costPerDay: Double.infinity)
    var r = 0
    while Double(r) < problem.dailyDemand.mean {
      // The drift r − E[D] < 0 bounds the stock's tail; 200 standard deviations of a day's demand
      // over the drift is far past any mass that matters.
      let drift = problem.dailyDemand.mean - Double(r)
      let spread = max(problem.dailyDemand.variance, 1)
      let top = min(Int(200 * spread / drift) + p.count + r, stateLimit)
      var pi = Array(repeating: 0.0, count: top + 1)
      pi[0] = 1
      var next = pi
      var converged = false
      for _ in 0..<1_000_000 {
        for j in 0...top { next[j] = 0 }
        for x in 0...top where pi[x] > 1e-300 {
          let y = x + r
          for (d, pd) in p.enumerated() { next[min(max(0, y - d), top)] += pi[x] * pd }
        }
        var change = 0.0
        for j in 0...top {
          let averaged = 0.5 * (pi[j] + next[j])
          change += abs(averaged - pi[j])
          pi[j] = averaged
        }
        if change < 1e-13 { converged = true; break }
      }
      guard converged else { throw .notConverged(iterations: 1_000_000, gap: .nan) }
      var c = r > 0 ? problem.orderCost + problem.unitCost * Double(r) : 0
      for x in 0...top where pi[x] > 0 {
        let y = x + r
        for (d, pd) in p.enumerated() {
          c += pi[x] * pd * (y >= d ? problem.holding * Double(y - d) : penalty * Double(d - y))
        }
      }
      if c < best.costPerDay { best = (r, c) }
      r += 1
    }
    return best
  }
}
