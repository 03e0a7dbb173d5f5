import Testing
@testable import Replenishment
@testable import Stochastics
@testable import SupplyModel

/// Quantities beyond 32 bits, lead times that can draw 0, and the period convention: every unit
/// is accounted for and every unit short is charged.
@Suite struct QuantityRangeTests {
  /// One SKU, one supplier, demand 1 a day.
  static func network(lead: LeadTimeModel, initial: Int, horizon: Int = 30) -> SupplyNetwork {
    let costs = CostRates(unitCost: 1, holdingCostPerUnitDay: 0.01, backorderCostPerUnitDay: 1, lostSalePenaltyPerUnit: 0, orderCost: 0)
    let sku = SKU(id: "A", supplierIndex: 0, demand: DemandModel(family: .deterministic, profile: DemandProfile(base: 1)),
                  costs: costs, unmetDemand: .backorder)
    return SupplyNetwork(warehouse: "w", suppliers: [Supplier(id: "s", leadTime: lead)], skus: [sku], initialOnHand: Array(repeating: initial, count: 1), horizonDays: horizon, warmUpDays: 0, seed: 3)
  }

  /// Orders `units` once, on day 0.
  struct OrderOnce: ReplenishmentPolicy {
    var units: Int
    var name: String { "once" }
    func decide(_ state: InventoryState, day: Int, orders: inout [Int]) {
      if day == 0 { orders[0] = units }
    }
  }

  @Test func anOrderBeyond32BitsArrivesWhole() {
    let big = 3 * (1 << 31) + 7
    let result = Simulation.run(Self.network(lead: .deterministic(days: 2), initial: 10), options: SimulationOptions(recordTrace: true), separable: false) { _, _ in
      OrderOnce(units: big)
    }
    let t = result.trace!
    #expect(t.ordered[t.index(day: 0, sku: 0)] == big)
    #expect(t.received[t.index(day: 2, sku: 0)] == big)
    // On hand after day 2's demand: 10 + big − 3 units demanded on days 0, 1, 2.
    #expect(t.onHand[t.index(day: 2, sku: 0)] == 10 + big - 3)
    #expect(result.statistics[0].unitsReceived == big)
    #expect(result.statistics[0].closingPosition == 10 + big - 30)
  }

  @Test("Backorders are charged whatever the lead time", arguments: [
    LeadTimeModel.deterministic(days: 1), .deterministic(days: 0), .poisson(mean: 0.2), .gamma(mean: 0.3, standardDeviation: 0.3),
    .uniform(min: 0, max: 1), .empirical(values: [0, 1], probabilities: [0.5, 0.5]),
  ])
  func backordersAreAlwaysCharged(lead: LeadTimeModel) {
    // No stock, a base stock of 0: every unit waits at least until the next day's receipt.
    let net = Self.network(lead: lead, initial: 0)
    let result = Simulation.run(net, separable: true) { _, _ in OrderUpToPolicy(level: [0]) }
    let kpis = result.totalKPIs(in: net)
    #expect(kpis.shortageCost >= 30, "\(lead): shortage cost \(kpis.shortageCost)")
    #expect(kpis.fillRate == 0)
  }

  @Test("Lead times are at least one day and their moments are those drawn", arguments: [
    LeadTimeModel.poisson(mean: 0.5), .poisson(mean: 3), .gamma(mean: 4, standardDeviation: 1.5), .lognormal(mean: 6, standardDeviation: 2),
    .uniform(min: 0, max: 3), .empirical(values: [0, 2, 5], probabilities: [0.3, 0.5, 0.2]), .deterministic(days: 0),
  ])
  func drawsMatchTheModelsMoments(model: LeadTimeModel) {
    let sampler = model.makeSampler()
    var rng = Xoshiro256(seed: 11)
    let n = 200_000
    var sum = 0.0, squares = 0.0, smallest = Int.max
    for _ in 0..<n {
      let x = sampler.sample(using: &rng)
      smallest = min(smallest, x)
      sum += Double(x); squares += Double(x * x)
    }
    let mean = sum / Double(n)
    let variance = squares / Double(n) - mean * mean
    #expect(smallest >= 1)
    let se = (max(model.variance, 1e-12) / Double(n)).squareRoot()
    // The continuous families are rounded to whole days, which the moments treat as mean-neutral
    // (exact to a few hundredths of a day away from 0) and as adding no variance (the rounding's
    // own variance, about 1/12 day², is left out).
    let continuous: Bool = { if case .gamma = model { return true }; if case .lognormal = model { return true }; return false }()
    #expect(abs(mean - model.mean) <= 5 * se + (continuous ? 0.02 : 0), "\(model): drawn mean \(mean), model \(model.mean)")
    #expect(abs(variance - model.variance) <= 0.02 * model.variance + (continuous ? 0.1 : 0) + 1e-9, "\(model): drawn variance \(variance), model \(model.variance)")
  }

  @Test func poissonLeadTimeMomentsAreRaisedExactly() {
    let m = 0.5
    let p0 = Double.exp(-m)
    #expect(abs(LeadTimeModel.poisson(mean: m).mean - (m + p0)) < 1e-15)
    let second = m + m * m + p0
    #expect(abs(LeadTimeModel.poisson(mean: m).variance - (second - (m + p0) * (m + p0))) < 1e-15)
  }
}

extension Double {
  static func exp(_ x: Double) -> Double {
    // e^x by its series, enough terms for |x| <= 1: an independent check of the library's exp.
    var term = 1.0, sum = 1.0
    for k in 1..<30 { term *= x / Double(k); sum += term }
    return sum
  }
}
