import InventoryOptimization
import Stochastics
import Testing

/// Chen and Zheng's recursion against the single-stage newsvendor, its own neighbours, and a
/// plain simulation of the serial system that shares no code with it.
@Suite struct SerialBaseStockTests {
  static func poisson(_ mean: Double) throws -> DemandPMF { try DemandPMF(Poisson(mean: mean)) }

  /// One stage is the newsvendor problem: the same level and cost as the base-stock optimiser.
  @Test func oneStageIsTheNewsvendor() throws {
    for (mean, lead, h, p) in [(5.0, 1, 1.0, 9.0), (2.5, 4, 0.3, 4.0), (12.0, 7, 2.0, 40.0)] {
      let serial = try SerialBaseStock(dailyDemand: try Self.poisson(mean), stages: [.init(leadDays: lead, holding: h, orderCost: 3)], backorder: p)
      let single = try BaseStockAndLotSize.baseStock(try StationaryProblem(dailyDemand: try Self.poisson(mean), leadDays: lead, holding: h, backorder: p, orderCost: 3))
      let solution = try serial.solve()
      #expect(solution.levels == [single.orderUpTo!])
      #expect(abs(solution.costPerDay - single.costPerDay) < 1e-9 * single.costPerDay)
    }
  }

  /// The optimum is a local minimum of the exact cost of arbitrary levels in every direction.
  @Test func optimumBeatsItsNeighbours() throws {
    let problem = try SerialBaseStock(dailyDemand: try Self.poisson(4),
                                      stages: [.init(leadDays: 2, holding: 1.0), .init(leadDays: 3, holding: 0.6), .init(leadDays: 2, holding: 0.2)],
                                      backorder: 19)
    let best = try problem.solve()
    #expect(best.levels == best.levels.sorted(), "echelon levels grow upstream: \(best.levels)")
    for j in best.levels.indices {
      for delta in [-2, -1, 1, 2] {
        var levels = best.levels
        levels[j] += delta
        let cost = try problem.cost(levels: levels).costPerDay
        #expect(cost >= best.costPerDay - 1e-9, "levels \(levels) cost \(cost) < optimum \(best.costPerDay) at \(best.levels)")
      }
    }
    // Exact evaluation of the optimal levels reproduces the optimum.
    #expect(abs(try problem.cost(levels: best.levels).costPerDay - best.costPerDay) < 1e-9)
  }

  /// A direct simulation of the serial system in SupplySim's day (receipts, demand, reviews
  /// downstream first, closing costs), written for this test only, against the exact cost of the
  /// optimal and of perturbed levels.
  @Test("simulation agrees with the recursion", arguments: [
    ([4, 3, 5], 0),   // optimal levels (offset 0)
    ([4, 3, 5], -3),  // every level 3 below
  ])
  func simulationAgrees(leads: [Int], offset: Int) throws {
    let holding = [1.0, 0.5, 0.25]
    let problem = try SerialBaseStock(dailyDemand: try Self.poisson(3),
                                      stages: zip(leads, holding).map { SerialBaseStock.Stage(leadDays: $0, holding: $1, orderCost: 2) },
                                      backorder: 9)
    let optimal = try problem.solve().levels
    let levels = optimal.map { $0 + offset }
    let exact = try problem.cost(levels: levels).costPerDay
    let simulated = Self.simulate(levels: levels, leads: leads, holding: holding, backorder: 9, orderCost: 2, mean: 3, days: 400_000)
    #expect(abs(simulated - exact) < 0.01 * exact, "levels \(levels): simulated \(simulated), exact \(exact)")
  }

  /// stockpyl 1.0.2's `ssm_serial.optimize_base_stock_levels` (Snyder and Shen's implementation
  /// of the same algorithm, in Python) on Poisson demand with mean 5 — echelon holding costs
  /// [2, 1, 0.5] and [0.5, 0.5] from stage 1 up, lead times [1, 1, 2] and [2, 3], backorder
  /// costs 20 and 9 — gives echelon levels [8, 15, 27] and [15, 32] at echelon costs 29.3487
  /// and 13.3493 per period (its lead times count as SupplySim's days).
  @Test("stockpyl's optima", arguments: [
    ([1, 1, 2], [3.5, 1.5, 0.5], 20.0, [8, 15, 27], 29.34866106780779),
    ([2, 3], [1.0, 0.5], 9.0, [15, 32], 13.34931934679365),
  ])
  func stockpylOptima(leads: [Int], localHolding: [Double], backorder: Double, levels: [Int], echelonCost: Double) throws {
    let problem = try SerialBaseStock(dailyDemand: try Self.poisson(5), stages: zip(leads, localHolding).map { .init(leadDays: $0, holding: $1) }, backorder: backorder)
    let best = try problem.solve()
    #expect(best.levels == levels)
    #expect(abs(best.echelonCostPerDay - echelonCost) < 1e-3 * echelonCost, "\(best.echelonCostPerDay) against \(echelonCost)")
  }

  /// Rejects what the model does not cover, with a sentence.
  @Test func refusesRisingHoldingCostsAndBadInput() throws {
    let pmf = try Self.poisson(2)
    #expect(throws: OptimizationError.self) { try SerialBaseStock(dailyDemand: pmf, stages: [.init(leadDays: 1, holding: 1), .init(leadDays: 1, holding: 2)], backorder: 5) }
    #expect(throws: OptimizationError.self) { try SerialBaseStock(dailyDemand: pmf, stages: [.init(leadDays: 0, holding: 1)], backorder: 5) }
    #expect(throws: OptimizationError.self) { try SerialBaseStock(dailyDemand: pmf, stages: [.init(leadDays: 1, holding: .nan)], backorder: 5) }
    #expect(throws: OptimizationError.self) { try SerialBaseStock(dailyDemand: pmf, stages: [], backorder: 5) }
    let huge = try SerialBaseStock(dailyDemand: try Self.poisson(5_000), stages: [.init(leadDays: 3_000, holding: 1)], backorder: 5)
    #expect(throws: OptimizationError.self) { try huge.solve() }
  }

  /// Echelon base-stock in a serial chain, day by day: stage 0 faces Poisson demand; each stage
  /// raises its echelon position to its level; an upstream stage ships what it holds, oldest
  /// request first. Returns holding (at the stages) + backorder + order cost per day.
  static func simulate(levels: [Int], leads: [Int], holding: [Double], backorder: Double, orderCost: Double, mean: Double, days: Int) -> Double {
    let n = levels.count
    var rng = Xoshiro256(seed: 7)
    let demandDistribution = Poisson(mean: mean)
    var onHand = levels.indices.map { j in j == n - 1 ? levels[j] - (j > 0 ? levels[j - 1] : 0) : levels[j] - (j > 0 ? levels[j - 1] : 0) }
    var backlog = Array(repeating: 0, count: n)           // customers' (stage 0) or downstream's unfilled requests at stage j
    var arrivals = Array(repeating: [Int: Int](), count: n) // day -> units arriving at stage j
    var echelonPosition = levels                           // each stage starts at its level
    var cost = 0.0
    let warmUp = 1_000
    for day in 0..<(days + warmUp) {
      for j in 0..<n {
        if let units = arrivals[j].removeValue(forKey: day) { onHand[j] += units }
      }
      // Customers' backorders first, then today's demand.
      let served = min(onHand[0], backlog[0])
      onHand[0] -= served
      backlog[0] -= served
      let d = demandDistribution.sample(using: &rng)
      let now = min(onHand[0], d)
      onHand[0] -= now
      backlog[0] += d - now
      for j in 0..<n { echelonPosition[j] -= d }
      // Reviews, downstream first: stage j orders up to its level; the stage above ships.
      var orders = 0
      for j in 0..<n {
        let q = max(0, levels[j] - echelonPosition[j])
        echelonPosition[j] += q
        if q > 0 { orders += 1 }
        if j + 1 < n {
          backlog[j + 1] += q
          let ship = min(onHand[j + 1], backlog[j + 1])
          onHand[j + 1] -= ship
          backlog[j + 1] -= ship
          if ship > 0 { arrivals[j][day + leads[j], default: 0] += ship }
        } else if q > 0 {
          arrivals[j][day + leads[j], default: 0] += q
        }
        // Shipments released from backlog at stage j + 1 happen before its own order (same review).
      }
      if day >= warmUp {
        for j in 0..<n { cost += holding[j] * Double(onHand[j]) }
        cost += backorder * Double(backlog[0]) + orderCost * Double(orders)
      }
    }
    return cost / Double(days)
  }
}
