import Testing
@testable import Replenishment
@testable import SupplyModel

@Suite struct DisruptionTests {
  static func network(_ disruptions: SupplierDisruptions, skus: Int = 1, days: Int = 100) -> SupplyNetwork {
    let costs = CostRates(unitCost: 1, holdingCostPerUnitDay: 0.1, backorderCostPerUnitDay: 1, lostSalePenaltyPerUnit: 0, orderCost: 0)
    let items = (0..<skus).map { k in
      SKU(id: "sku-\(k)", supplierIndex: 0, demand: DemandModel(family: .deterministic, profile: DemandProfile(base: 10)),
          costs: costs, unmetDemand: .backorder)
    }
    return SupplyNetwork(warehouse: "w", suppliers: [Supplier(id: "acme", leadTime: .deterministic(days: 2), disruptions: disruptions)],
                         skus: items, initialOnHand: Array(repeating: 20, count: items.count), horizonDays: days, warmUpDays: 0, seed: 3)
  }

  /// Demand 10/day, lead time 2, base-stock 20: no safety stock. Orders placed during a 10-day
  /// outage (days 50…59) wait and ship on day 60, arriving on day 62, so days 52…61 each lose
  /// their 10 units to backorders: 100 units short on 10 stockout days, and closing backorders
  /// 10, 20, …, 100 add up to 550 unit-days.
  @Test func outageWithoutSafetyStockGivesTheHandCalculatedStockouts() {
    let net = Self.network(SupplierDisruptions(outages: [50...59]))
    let result = Simulation.run(net, separable: true) { _, _ in OrderUpToPolicy(level: [20]) }
    let s = result.statistics[0]
    #expect(s.unitsShort == 100)
    #expect(s.stockoutDays == 10)
    #expect(s.backorderSum == 550)
    let calm = Simulation.run(Self.network(SupplierDisruptions()), separable: true) { _, _ in OrderUpToPolicy(level: [20]) }
    #expect(calm.statistics[0].unitsShort == 0)
  }

  /// Shipments leaving on days 30…39 take 5 days instead of 2. Nothing arrives on days 32…34
  /// (a backlog of 30 builds); on days 35…41 one shipment a day only feeds the backlog, so each
  /// day's demand goes short; days 42 and 43 bring two shipments each (sent on 40/37 and 41/38)
  /// and the backlog clears during day 43. Short days: 32…43, 12 × 10 = 120 units.
  @Test func leadTimeSpikeDelaysShipments() {
    let net = Self.network(SupplierDisruptions(leadTimeSpikes: [(days: 30...39, extraDays: 3)]))
    let result = Simulation.run(net, separable: true) { _, _ in OrderUpToPolicy(level: [20]) }
    #expect(result.statistics[0].unitsShort == 120)
    #expect(result.statistics[0].stockoutDays == 12)
  }

  @Test func randomOutagesAreReproducibleAndSharedByEveryChunkAndPolicy() {
    let random = SupplierDisruptions(randomOutages: RandomOutages(meanDaysBetween: 40, repairDays: .uniform(min: 3, max: 8)))
    let a = random.schedule(days: 1000, baseCapacity: nil, seed: 9, supplier: "acme", replication: 0)
    let b = random.schedule(days: 1000, baseCapacity: nil, seed: 9, supplier: "acme", replication: 0)
    let other = random.schedule(days: 1000, baseCapacity: nil, seed: 9, supplier: "acme", replication: 1)
    #expect(a == b && a != other)
    // About one failure per 40 working days, each 5.5 days on average: ~12% of days down.
    let share = Double(a.daysDown) / 1000
    #expect(share > 0.06 && share < 0.2, "down \(share)")
    // Many SKUs split into chunks see the same outages: per-SKU results are identical.
    let net = Self.network(random, skus: 1_100, days: 200)
    let chunked = Simulation.run(net, options: SimulationOptions(threads: 2), separable: true) { _, range in
      OrderUpToPolicy(level: Array(repeating: 30, count: range.count))
    }
    #expect(Set(chunked.statistics.map(\.unitsShort)).count == 1)
    #expect(chunked.statistics[0].unitsShort > 0)
  }

  @Test func capacityCutLimitsShipments() {
    let net = Self.network(SupplierDisruptions(capacityCuts: [(days: 20...29, capacityPerDay: 5)]))
    #expect(!net.skusAreIndependent)
    let result = Simulation.run(net, separable: true) { _, _ in OrderUpToPolicy(level: [20]) }
    // Half of each day's order ships during the cut: 10 days x 5 units fall behind, then catch up.
    #expect(result.statistics[0].unitsShort > 0)
  }
}

@Test func eventsBeyondTheHorizonAreIgnored() {
  let late = SupplierDisruptions(outages: [400...420], capacityCuts: [(days: 500...510, capacityPerDay: 1)],
                                 leadTimeSpikes: [(days: 365...366, extraDays: 2)])
  let s = late.schedule(days: 365, baseCapacity: nil, seed: 1, supplier: "acme", replication: 0)
  #expect(s.daysDown == 0 && s.capacity.allSatisfy { $0 == nil } && s.extraLeadDays.allSatisfy { $0 == 0 })
  let early = SupplierDisruptions(outages: [-5...2]).schedule(days: 10, baseCapacity: nil, seed: 1, supplier: "acme", replication: 0)
  #expect(early.daysDown == 3)
}

extension DisruptionTests {
  /// Yield 0.8: every unit a supplier ships arrives with probability 0.8. Units ordered are
  /// received, lost or still on order; the loss share matches the rate within 4 standard errors.
  @Test func yieldLossLosesTheExpectedShareAndConservesUnits() {
    var net = Self.network(SupplierDisruptions(), skus: 20, days: 400)
    net.suppliers[0].yieldRate = 0.8
    let result = Simulation.run(net, separable: true) { _, range in OrderUpToPolicy(level: Array(repeating: 22, count: range.count)) }
    var lost = 0, arrived = 0
    for s in result.statistics {
      // Day 0 opens at 20 units on hand and nothing on order; the position closes at 22.
      // Position = 20 on hand at the start + units ordered − units lost − demand (backorders).
      #expect(s.closingPosition == 20 + s.unitsOrdered - s.unitsLostInTransit - s.demand)
      lost += s.unitsLostInTransit
      arrived += s.unitsReceived
    }
    let n = Double(lost + arrived), share = Double(lost) / n
    #expect(abs(share - 0.2) < 4 * (0.2 * 0.8 / n).squareRoot(), "lost share \(share)")
    let calm = Simulation.run(Self.network(SupplierDisruptions(), skus: 20, days: 400), separable: true) { _, range in
      OrderUpToPolicy(level: Array(repeating: 22, count: range.count))
    }
    #expect(calm.statistics.allSatisfy { $0.unitsLostInTransit == 0 })
    #expect(result.statistics.map(\.unitsShort).reduce(0, +) > calm.statistics.map(\.unitsShort).reduce(0, +))
  }

  /// Random shocks: the same in every run of a replication, different across replications, and
  /// starting on about 1 day in `meanDaysBetween` that is not already in a shock.
  @Test func randomDemandShocksAreReproduciblePerReplicationAndHaveTheRightRate() {
    let shocks = RandomDemandShocks(meanDaysBetween: 50, duration: .deterministic(days: 5), factor: 0.5...2)
    let a = shocks.windows(days: 100_000, seed: 1, replication: 0)
    #expect(a == shocks.windows(days: 100_000, seed: 1, replication: 0))
    #expect(a != shocks.windows(days: 100_000, seed: 1, replication: 1))
    // Days outside shocks: a start each with probability 1/50; expected starts = free days / 50.
    let free = 100_000 - a.reduce(0) { $0 + $1.endDay - $1.startDay + 1 }
    let expected = Double(free) / 50
    #expect(abs(Double(a.count) - expected) < 4 * expected.squareRoot(), "\(a.count) shocks, expected \(expected)")
    #expect(a.allSatisfy { $0.factor >= 0.5 && $0.factor <= 2 && $0.endDay - $0.startDay == 4 })
    var net = Self.network(SupplierDisruptions(), skus: 3, days: 200)
    net.randomShocks = shocks
    let realized = net.realized(replication: 2)
    #expect(realized.skus[0].demand.profile.windows == shocks.windows(days: 200, seed: net.seed, replication: 2))
    #expect(realized.randomShocks == nil)
  }
}
