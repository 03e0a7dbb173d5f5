import Parallelism
import Stochastics

/// A neural lost-sales policy (`PolicyNetwork`) and the problem it was trained on: what a
/// `"type": "learned"` policy loads from its model file.
///
/// Features (scaled by mean daily demand): closing on hand x, the orders in transit a₁ … a_{L−1}
/// (a₁ arriving tomorrow) and the position x + Σa. The policy orders the action (0 … outputs − 1
/// units) with the highest score, cut so the position after ordering stays at most
/// `positionCeiling`: the backorder system's base-stock level plus a margin, which bounds the
/// optimal lost-sales policy's position after ordering (Zipkin 2008, after Morton 1969) and
/// keeps the chain the policy induces finite.
public struct LearnedLostSalesPolicy: Codable, Sendable, Equatable {
  /// The `format` every model file carries.
  public static let formatName = "supplysim-learned-policy"
  /// The file format's version.
  public static let currentVersion = 1

  /// `formatName`.
  public var format: String
  /// `currentVersion`.
  public var version: Int
  /// The SKU it was trained for.
  public var sku: String
  /// The lead time in SupplySim days.
  public var leadDays: Int
  /// Mean daily demand of the training problem (also the feature scale).
  public var meanDemand: Double
  /// Holding cost per unit-day.
  public var holding: Double
  /// Lost-sale penalty per unit.
  public var penalty: Double
  /// Fixed cost per order.
  public var orderCost: Double
  /// Cost per unit ordered.
  public var unitCost: Double
  /// The most units on hand plus in transit after ordering.
  public var positionCeiling: Int
  /// The network.
  public var network: PolicyNetwork
  /// Exact long-run cost per day of this policy on the training problem.
  public var costPerDay: Double
  /// Exact cost per day of the policy training started from (the best capped base stock).
  public var startCostPerDay: Double
  /// Iterations run, and the seed.
  public var iterations: Int
  /// The training seed.
  public var seed: UInt64

  /// The features of a state.
  func features(onHand x: Int, inTransit a: [Int]) -> [Double] {
    let scale = 1 / max(meanDemand, 1e-9)
    var f = [Double(x) * scale]
    var position = x
    for i in 0..<(leadDays - 1) {
      let units = i < a.count ? a[i] : 0
      f.append(Double(units) * scale)
      position += units
    }
    f.append(Double(position) * scale)
    return f
  }

  /// The order for closing stock `x` and orders in transit `a` (a₁ first).
  public func order(onHand x: Int, inTransit a: [Int]) -> Int {
    let f = features(onHand: max(0, x), inTransit: a)
    let position = max(0, x) + a.prefix(leadDays - 1).reduce(0, +)
    return min(network.bestAction(f), max(0, positionCeiling - position))
  }

  /// The problem it was trained on, with `dailyDemand`.
  public func problem(dailyDemand: DemandPMF) throws(OptimizationError) -> OptimalPolicyMDP {
    try OptimalPolicyMDP(dailyDemand: dailyDemand, leadDays: leadDays, holding: holding, shortage: .lostSales(penalty: penalty), orderCost: orderCost, unitCost: unitCost)
  }

  /// Why the file cannot be used, in one phrase, or nil when it is sound.
  public var defect: String? {
    if format != Self.formatName { return "\"format\" is \"\(format)\", not \"\(Self.formatName)\"" }
    if version != Self.currentVersion { return "\"version\" is \(version); this SupplySim reads version \(Self.currentVersion)" }
    if !(1...64).contains(leadDays) { return "\"leadDays\" is \(leadDays), outside 1…64" }
    if !network.isConsistent { return "the network's sizes and weights do not agree (or a weight is not finite)" }
    if network.inputs != leadDays + 1 { return "the network takes \(network.inputs) features but lead time \(leadDays) needs \(leadDays + 1)" }
    if !(meanDemand.isFinite && meanDemand > 0) { return "\"meanDemand\" must be a positive number" }
    if !(0...1_000_000).contains(positionCeiling) { return "\"positionCeiling\" is \(positionCeiling), outside 0…1000000" }
    return nil
  }
}

/// Approximate policy iteration in the spirit of Deep Controlled Learning (Temizöz, Imdahl,
/// Dijkman, Lamghari-Idrissi and van Jaarsveld, "Deep controlled learning for inventory
/// control", 2023): start from the best capped base-stock policy; each iteration
///
/// 1. simulates the current policy and keeps `states` states it visits (one every `spacing` days
///    after a burn-in); each distinct state is labelled once (its copies weigh in the fit);
/// 2. for each distinct state and each candidate order 0 … `maxOrder`, estimates the cost of
///    ordering it and following the current policy for `horizon` days on max(`paths`,
///    `pathBudget` / distinct states) demand paths, the same paths for every candidate (common
///    random numbers); the label is the current policy's order unless the cheapest candidate's
///    paired differences beat it by more than `significance` standard errors;
/// 3. fits the network to the labels (classification): the new policy.
///
/// Every policy is evaluated exactly on the chain it induces (`LostSalesHeuristics.cost`) and
/// the cheapest one is returned. The rollouts use the problem's exact daily dynamics (SupplySim's
/// day, `OptimalPolicyMDP`). States are labelled in parallel over a fixed partition, each with a
/// stream keyed by (seed, iteration, state), so the result is the same at any thread count.
public enum PolicyIteration {
  /// Training settings.
  public struct Options: Sendable, Equatable {
    /// Policy-improvement iterations.
    public var iterations = 4
    /// States labelled per iteration.
    public var states = 2000
    /// The fewest demand paths per candidate order.
    public var paths = 1000
    /// Demand paths per iteration, shared by the distinct states: each state gets
    /// max(`paths`, `pathBudget` / distinct states) paths (more where the policy visits few
    /// states, whose labels then separate smaller differences).
    public var pathBudget = 400_000
    /// Days each rollout runs after the decision.
    public var horizon = 30
    /// Days between kept states.
    public var spacing = 3
    /// Standard errors by which another order's paired rollouts must beat the current
    /// policy's order to replace it as a label.
    public var significance = 2.0
    /// Hidden layer widths.
    public var hidden = [32, 32]
    /// Training epochs per iteration (more when needed to make `minimumSteps`).
    public var epochs = 60
    /// The fewest Adam steps (batches of 64) per iteration.
    public var minimumSteps = 4000
    /// The seed.
    public var seed: UInt64 = 1
    /// Worker threads for labelling.
    public var threads = 1

    /// Default settings.
    public init() {}
  }

  /// One iteration's result, for progress lines.
  public struct Progress: Sendable {
    /// From 1.
    public var iteration: Int
    /// Exact cost per day of the new policy.
    public var costPerDay: Double
    /// Share of labels the network reproduces.
    public var accuracy: Double
    /// Share of states whose label differs from the current policy's order.
    public var changed: Double
    /// Distinct states labelled.
    public var distinctStates: Int
    /// Rollouts run (candidate orders × demand paths, over the distinct states).
    public var rollouts: Int
    /// Days simulated in rollouts.
    public var rolloutDays: Int
    /// Wall-clock seconds spent sampling and labelling states, fitting the network, and
    /// evaluating the new policy exactly (timing only: nothing trained depends on it).
    public var seconds: (label: Double, fit: Double, evaluate: Double)
  }

  /// Trains a policy for `problem` (lost sales), reporting each iteration.
  public static func train(_ problem: OptimalPolicyMDP, sku: String, options: Options,
                           progress: (Progress) -> Void = { _ in }) throws(OptimizationError) -> LearnedLostSalesPolicy {
    guard case let .lostSales(penalty) = problem.shortage else { throw .searchDiverged("the learned policy is trained for lost sales only") }
    let start = try LostSalesHeuristics.bestCappedBaseStock(problem)
    let pmf = problem.dailyDemand.probabilities
    var cdf: [Double] = []
    var total = 0.0
    for p in pmf { total += p; cdf.append(total) }
    // Candidate orders: up to the larger of the cap and the 0.999 quantile of a day's demand.
    let quantile = cdf.firstIndex { $0 >= 0.999 } ?? (pmf.count - 1)
    let maxOrder = max(start.cap, quantile) + 1
    let L = problem.leadDays
    // The backorder base-stock level over L days' demand, at the newsvendor ratio p/(p + h), plus 2.
    let leadDemand = try problem.dailyDemand.convolved(days: L)
    let ratio = penalty / (penalty + problem.holding)
    var level = 0, mass = 0.0
    for (k, p) in leadDemand.probabilities.enumerated() {
      mass += p
      level = k
      if mass >= ratio { break }
    }
    let ceiling = max(level, start.orderUpTo) + 2
    var model = LearnedLostSalesPolicy(
      format: LearnedLostSalesPolicy.formatName, version: LearnedLostSalesPolicy.currentVersion, sku: sku, leadDays: L,
      meanDemand: problem.dailyDemand.mean, holding: problem.holding, penalty: penalty, orderCost: problem.orderCost, unitCost: problem.unitCost,
      positionCeiling: ceiling, network: PolicyNetwork(inputs: L + 1, hidden: options.hidden, outputs: maxOrder + 1, seed: options.seed),
      costPerDay: start.costPerDay, startCostPerDay: start.costPerDay, iterations: 0, seed: options.seed)
    var best = model
    var current = Rule.capped(S: start.orderUpTo, cap: start.cap)
    let dynamics = Dynamics(problem: problem, penalty: penalty, cdf: cdf)
    for iteration in 1...max(1, options.iterations) {
      // 1. States visited by the current policy; each distinct state is labelled once.
      let clock = ContinuousClock()
      let started = clock.now
      var rng = Xoshiro256(seed: options.seed, entity: UInt64(iteration), purpose: .demand, replication: 0)
      var memo = Memo(rule: current)
      var state = Array(repeating: 0, count: L)
      for _ in 0..<100 { _ = dynamics.advance(&state, order: memo.order(state), demand: dynamics.draw(&rng)) }
      var states: [[Int]] = []
      var distinct: [[Int]] = []
      var slot: [[Int]: Int] = [:]
      var sampleSlot: [Int] = []
      while states.count < options.states {
        for _ in 0..<options.spacing { _ = dynamics.advance(&state, order: memo.order(state), demand: dynamics.draw(&rng)) }
        states.append(state)
        if let j = slot[state] {
          sampleSlot.append(j)
        } else {
          slot[state] = distinct.count
          sampleSlot.append(distinct.count)
          distinct.append(state)
        }
      }
      // 2. Labels by rollouts under common random numbers, over a fixed partition: the current
      // policy's order stays unless another's paired rollouts are cheaper by more than
      // `significance` standard errors.
      let chunk = 16
      let chunks = (distinct.count + chunk - 1) / chunk
      let rule = current, sampled = distinct
      let pathCount = max(options.paths, options.pathBudget / max(distinct.count, 1))
      let labelled = Parallel.map(chunks, threads: options.threads) { c -> [(label: Int, old: Int, rollouts: Int)] in
        var memo = Memo(rule: rule)
        var out: [(label: Int, old: Int, rollouts: Int)] = []
        for j in (c * chunk)..<min((c + 1) * chunk, sampled.count) {
          var rng = Xoshiro256(seed: options.seed, entity: UInt64(iteration) << 32 | UInt64(j), purpose: .demand, replication: 1)
          let paths = (0..<pathCount).map { _ in (0...options.horizon).map { _ in dynamics.draw(&rng) } }
          let old = memo.order(sampled[j])
          let room = max(0, ceiling - sampled[j].reduce(0, +))
          let candidates = 0...max(old, min(maxOrder, room))
          var costs: [[Double]] = []
          for q in candidates {
            var row: [Double] = []
            row.reserveCapacity(paths.count)
            for path in paths {
              var s = sampled[j]
              var cost = dynamics.advance(&s, order: q, demand: path[0])
              for t in 1...options.horizon { cost += dynamics.advance(&s, order: memo.order(s), demand: path[t]) }
              row.append(cost)
            }
            costs.append(row)
          }
          let means = costs.map { $0.reduce(0, +) / Double(paths.count) }
          var best = old
          for q in candidates where means[q] < means[best] { best = q }
          if best != old {
            // The paired difference's standard error.
            let n = Double(paths.count)
            let differences = (0..<paths.count).map { costs[best][$0] - costs[old][$0] }
            let mean = differences.reduce(0, +) / n
            let variance = differences.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / max(n - 1, 1)
            if !(mean + options.significance * (variance / n).squareRoot() < 0) { best = old }
          }
          out.append((best, old, candidates.count * paths.count))
        }
        return out
      }.flatMap { $0 }
      let labels = sampleSlot.map { (label: labelled[$0].label, old: labelled[$0].old) }
      let rollouts = labelled.reduce(0) { $0 + $1.rollouts }
      let labelledAt = clock.now
      // 3. Fit the network to the labels.
      let features = states.map { model.features(onHand: $0[0], inTransit: Array($0.dropFirst())) }
      // At least `minimumSteps` Adam steps, however few the states.
      let batches = (features.count + 63) / 64
      let epochs = max(options.epochs, (options.minimumSteps + batches - 1) / batches)
      let accuracy = model.network.fit(features: features, labels: labels.map(\.label), epochs: epochs,
                                       seed: options.seed &+ UInt64(iteration))
      let fitted = clock.now
      let candidate = model
      let cost = try LostSalesHeuristics.cost(of: problem) { x, a in candidate.order(onHand: x, inTransit: a) }
      model.costPerDay = cost
      model.iterations = iteration
      let changed = Double(labels.count(where: { $0.label != $0.old })) / Double(max(labels.count, 1))
      progress(Progress(iteration: iteration, costPerDay: cost, accuracy: accuracy, changed: changed,
                        distinctStates: distinct.count, rollouts: rollouts, rolloutDays: rollouts * (options.horizon + 1),
                        seconds: ((labelledAt - started) / .seconds(1), (fitted - labelledAt) / .seconds(1), (clock.now - fitted) / .seconds(1))))
      if cost < best.costPerDay || best.iterations == 0 { best = model }
      current = .network(model)
    }
    best.iterations = max(1, options.iterations)
    return best
  }

  /// A policy to roll out.
  enum Rule: Sendable {
    case capped(S: Int, cap: Int)
    case network(LearnedLostSalesPolicy)

    func order(_ s: [Int]) -> Int {
      switch self {
      case let .capped(S, cap): return min(cap, max(0, S - s.reduce(0, +)))
      case let .network(model): return model.order(onHand: s[0], inTransit: Array(s.dropFirst()))
      }
    }
  }

  /// A rule's decisions remembered per state (states pack into one Int when every entry fits 16 bits and L ≤ 4).
  struct Memo {
    let rule: Rule
    var table: [Int: Int] = [:]

    init(rule: Rule) { self.rule = rule }

    mutating func order(_ s: [Int]) -> Int {
      guard s.count <= 4, s.allSatisfy({ $0 >= 0 && $0 < 1 << 16 }) else { return rule.order(s) }
      let key = s.reduce(0) { $0 << 16 | $1 }
      if let q = table[key] { return q }
      let q = rule.order(s)
      table[key] = q
      return q
    }
  }

  /// The exact daily dynamics of `OptimalPolicyMDP` under lost sales, on [x, a₁, …, a_{L−1}].
  struct Dynamics: Sendable {
    let problem: OptimalPolicyMDP
    let penalty: Double
    let cdf: [Double]

    /// A day's demand by inversion.
    func draw(_ rng: inout Xoshiro256) -> Int {
      let u = rng.nextUnit()
      var lo = 0, hi = cdf.count - 1
      while lo < hi {
        let mid = (lo + hi) / 2
        if cdf[mid] >= u { hi = mid } else { lo = mid + 1 }
      }
      return lo
    }

    /// Orders `q` at the review of state `s`, then runs tomorrow (receipt, demand `d`, accrual);
    /// returns the order's cost plus tomorrow's holding and lost-sale cost.
    func advance(_ s: inout [Int], order q: Int, demand d: Int) -> Double {
      let L = s.count
      var cost = q > 0 ? problem.orderCost + problem.unitCost * Double(q) : 0
      let y = s[0] + (L > 1 ? s[1] : q)
      let closing = max(0, y - d)
      cost += problem.holding * Double(closing) + penalty * Double(max(0, d - y))
      if L > 1 {
        for i in 1..<(L - 1) { s[i] = s[i + 1] }
        s[L - 1] = q
      }
      s[0] = closing
      return cost
    }
  }
}
