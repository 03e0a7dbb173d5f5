/// Optimal echelon base-stock levels of a serial system under stationary demand with
/// backorders (Clark and Scarf's model), computed with Chen and Zheng's recursion, in
/// SupplySim's day.
///
/// **The system.** Stage 1 serves the customers; stage j + 1 supplies stage j; stage N buys from
/// a supplier that always delivers. Stage j's order (or shipment) placed at the review of day t
/// arrives before the demand of day t + L_j. Every stage reviews every day, downstream first, and
/// raises its *echelon* inventory position (its own stock, everything in transit to or stocked
/// below it, less customer backorders, plus what it has on order) to S_j; an upstream stage ships
/// what it holds, and what it cannot ship waits for its next receipt. Holding cost h′_j is charged
/// per unit-day on the closing stock at stage j, backorder cost p per unit-day on the customers'
/// closing backorders, and each order line costs K_j.
///
/// **The recursion.** With echelon holding costs h_j = h′_j − h′_{j+1} (h′_{N+1} = 0) and D_j the
/// demand of L_j days,
///
///     C₀(x) = (p + h′₁)·(−x)⁺
///     C̄_j(y) = E[h_j·(y − D_j) + C_{j−1}(y − D_j)],   S_j = argmin C̄_j,
///     C_j(x) = C̄_j(min(x, S_j)),
///
/// and C̄_N(S_N) is the long-run expected echelon cost per day of the optimal policy, which no
/// policy of any form beats (Clark and Scarf 1960; Chen and Zheng 1994). Echelon costs count the
/// stock in transit between stages; SupplySim charges holding on stock at the stages only, so the
/// per-day cost of the simulation is C̄_N(S_N) − μ·Σ_{j<N} h′_{j+1}·L_j (by Little's law the
/// transit stock into stage j averages μ·L_j whatever the levels), plus the order costs
/// P(D > 0)·Σ K_j (under base-stock every stage orders exactly on the days with demand).
///
/// The functions are tabulated on the integers: every C_j is linear with slope
/// −(p + h′₁) + Σ_{i ≤ j} h_i below 0 and constant above S_j, so a table over 0 … S_{j−1} + max D_j
/// holds all of it.
///
/// - SeeAlso: Clark and Scarf (1960), Management Science 6(4), 475–490; Chen and Zheng (1994),
///   Management Science 40(11), 1426–1443; Zipkin (2000), *Foundations of Inventory
///   Management*, §8.3.
public struct SerialBaseStock: Sendable {
  /// One stage of the chain.
  public struct Stage: Sendable, Equatable {
    /// Days from a review at the stage to the demand its order first serves (≥ 1).
    public var leadDays: Int
    /// Holding cost per unit-day of stock at the stage (h′_j).
    public var holding: Double
    /// Fixed cost of each order line the stage places (K_j).
    public var orderCost: Double

    /// Creates a stage.
    public init(leadDays: Int, holding: Double, orderCost: Double = 0) {
      self.leadDays = leadDays
      self.holding = holding
      self.orderCost = orderCost
    }
  }

  /// The optimum.
  public struct Solution: Sendable, Equatable {
    /// Optimal echelon base-stock levels, stage 1 (customer-facing) first.
    public var levels: [Int]
    /// C̄_N(S_N): long-run echelon holding and backorder cost per day, transit stock included.
    public var echelonCostPerDay: Double
    /// What SupplySim's simulation charges per day: holding on stock at the stages, backorders
    /// and orders (purchase and transport costs, the same for every policy, left out).
    public var costPerDay: Double
  }

  /// One day's customer demand.
  public let dailyDemand: DemandPMF
  /// Stage 1 (customer-facing) first.
  public let stages: [Stage]
  /// Backorder cost per unit-day at stage 1.
  public let backorder: Double
  /// The most (level, demand) pairs one stage may evaluate before `solve` and `cost` refuse
  /// (`workLimit` unless the caller asks for less, e.g. a report that only wants a cheap bound).
  public let stageWorkLimit: Int

  /// The widest lead-time demand table a stage may need (the convolution costs its square).
  public static let supportLimit = 100_000
  /// The most (level, demand) pairs one stage of the recursion may evaluate: about a second.
  public static let workLimit = 2_000_000_000

  /// Checks and stores a problem.
  ///
  /// - Throws: `OptimizationError` for a negative or non-finite cost, a lead time outside
  ///   `StationaryProblem.leadDayRange`, demand with mean 0, no stage, or holding costs that
  ///   rise upstream (h′_{j+1} > h′_j: echelon holding costs must not be negative).
  public init(dailyDemand: DemandPMF, stages: [Stage], backorder: Double, workLimit: Int = SerialBaseStock.workLimit) throws(OptimizationError) {
    guard !stages.isEmpty else { throw .searchDiverged("a serial system needs at least one stage") }
    try OptimizationError.checkCosts([("backorder cost", backorder)])
    for (j, stage) in stages.enumerated() {
      try OptimizationError.checkCosts([("stage \(j + 1) holding cost", stage.holding), ("stage \(j + 1) order cost", stage.orderCost)])
      guard StationaryProblem.leadDayRange.contains(stage.leadDays) else {
        throw .invalidPeriod(name: "stage \(j + 1) lead time", value: stage.leadDays, range: StationaryProblem.leadDayRange)
      }
      if j > 0, stage.holding > stages[j - 1].holding {
        throw .invalidCost(name: "stage \(j + 1) holding cost above stage \(j)'s (echelon holding cost \(stages[j - 1].holding - stage.holding))", value: stage.holding)
      }
    }
    guard dailyDemand.mean > 0 else { throw .degenerateDemand("has mean 0; there is nothing to optimise") }
    self.dailyDemand = dailyDemand
    self.stages = stages
    self.backorder = backorder
    self.stageWorkLimit = min(workLimit, Self.workLimit)
  }

  /// The optimal echelon levels and their cost.
  ///
  /// - Throws: `OptimizationError.demandTooWide` or `.stateSpaceTooLarge` when the tables would
  ///   exceed their limits.
  public func solve() throws(OptimizationError) -> Solution {
    let (levels, cost) = try recursion(levels: nil)
    return Solution(levels: levels, echelonCostPerDay: cost, costPerDay: simulatedCost(echelonCost: cost))
  }

  /// The cost of given echelon levels (stage 1 first), each stage raising its position to
  /// min(S_j, what the stage above can ship): exact for any levels, so the optimum can be
  /// checked against its neighbours.
  public func cost(levels: [Int]) throws(OptimizationError) -> Solution {
    precondition(levels.count == stages.count, "one level per stage")
    let (_, cost) = try recursion(levels: levels)
    return Solution(levels: levels, echelonCostPerDay: cost, costPerDay: simulatedCost(echelonCost: cost))
  }

  private func simulatedCost(echelonCost: Double) -> Double {
    let mu = dailyDemand.mean
    var transit = 0.0
    for j in 0..<(stages.count - 1) { transit += stages[j + 1].holding * Double(stages[j].leadDays) }
    let ordering = (1 - dailyDemand.probability(0)) * stages.reduce(0) { $0 + $1.orderCost }
    return echelonCost - mu * transit + ordering
  }

  /// Runs the recursion with the optimal levels (nil) or with `fixed` levels; returns the levels
  /// and C̄_N at the last one.
  private func recursion(levels fixed: [Int]?) throws(OptimizationError) -> ([Int], Double) {
    // C_{j−1} as a table on 0 … top, with `slope` below 0 and constant beyond top.
    var table: [Double] = [0]           // C₀(0) = 0; C₀ is 0 above 0.
    var slope = -(backorder + stages[0].holding)
    var levels: [Int] = []
    var last = 0.0
    for (j, stage) in stages.enumerated() {
      let echelonHolding = stage.holding - (j + 1 < stages.count ? stages[j + 1].holding : 0)
      // Refuse before convolving: the table of D_j spans about L·μ + 12·σ·√L values.
      let days = Double(stage.leadDays)
      let span = days * dailyDemand.mean + 12 * (days * dailyDemand.variance).squareRoot() + Double(dailyDemand.count)
      guard span <= Double(Self.supportLimit) else { throw .demandTooWide(support: Int(span.rounded()), limit: Self.supportLimit) }
      let demand = try dailyDemand.convolved(days: stage.leadDays)
      let top = table.count - 1
      let width = top + demand.count
      let work = Double(width + 1) * Double(demand.count)
      guard work <= Double(stageWorkLimit) else { throw .stateSpaceTooLarge(states: work, limit: stageWorkLimit) }
      // C_{j−1}(x) for any integer x.
      func previous(_ x: Int) -> Double {
        if x < 0 { return table[0] + slope * Double(x) }
        return table[min(x, top)]
      }
      // C̄_j(y) for y = 0 … width: Σ_d P(D_j = d)·(h_j·(y − d) + C_{j−1}(y − d)).
      var bar = Array(repeating: 0.0, count: width + 1)
      let mean = demand.mean
      for y in 0...width {
        var total = echelonHolding * (Double(y) - mean)
        for (d, p) in demand.probabilities.enumerated() where p != 0 { total += p * previous(y - d) }
        bar[y] = total
      }
      // Below 0, C̄_j is linear: every y − d is below 0 there.
      slope += echelonHolding
      let level: Int
      if let fixed {
        level = fixed[j]
      } else {
        // The smallest minimiser (C̄_j is convex; beyond `width` its slope is h_j ≥ 0).
        var best = 0
        for y in 1...width where bar[y] < bar[best] - 1e-12 * max(1, abs(bar[best])) { best = y }
        level = best
      }
      levels.append(level)
      // C_j(x) = C̄_j(min(x, S_j)).
      func barAt(_ y: Int) -> Double {
        if y < 0 { return bar[0] + slope * Double(y) }
        if y <= width { return bar[y] }
        return bar[width] + echelonHolding * Double(y - width)
      }
      last = barAt(level)
      guard level >= 0 else {
        throw .searchDiverged("stage \(j + 1)'s echelon level \(level) is negative; only levels ≥ 0 are evaluated")
      }
      table = (0...level).map { barAt($0) }
    }
    return (levels, last)
  }
}
