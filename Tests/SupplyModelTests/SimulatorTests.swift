import Testing
@testable import Replenishment
@testable import SupplyModel

@Suite struct SimulatorTests {
  static func network(skus: Int, capacity: Int? = nil, rule: UnmetDemandRule = .backorder) -> SupplyNetwork {
    let costs = CostRates(unitCost: 2, holdingCostPerUnitDay: 0.1, backorderCostPerUnitDay: 1, lostSalePenaltyPerUnit: 3, orderCost: 5)
    let items = (0..<skus).map { k in
      SKU(id: "sku-\(k)", supplierIndex: 0,
          demand: DemandModel(family: .negativeBinomial(dispersion: 3), profile: DemandProfile(base: 1 + Double(k % 17), weekly: [1.2, 1, 1, 1, 1.1, 0.9, 0.8])),
          costs: costs, unmetDemand: rule)
    }
    return SupplyNetwork(warehouse: "w", suppliers: [Supplier(id: "s", leadTime: .uniform(min: 1, max: 6), capacityPerDay: capacity)],
                         skus: items, initialOnHand: Array(repeating: 20, count: items.count), horizonDays: 200, warmUpDays: 20, seed: 5)
  }

  static func policy(_ n: Int) -> MinMaxPolicy {
    MinMaxPolicy(minimum: (0..<n).map { 5 + $0 % 30 }, maximum: (0..<n).map { 40 + $0 % 30 })
  }

  @Test func resultsDoNotDependOnThreadsOrChunks() {
    let net = Self.network(skus: 1_300)
    let p = Self.policy(1_300)
    let one = Simulation.run(net, options: SimulationOptions(threads: 1), separable: true) { p.restricted(to: $1) }
    let two = Simulation.run(net, options: SimulationOptions(threads: 2), separable: true) { p.restricted(to: $1) }
    let whole = Simulation.run(net, options: SimulationOptions(threads: 1), separable: false) { _, _ in p }
    #expect(one == two)
    #expect(one.statistics == whole.statistics)
  }

  @Test func policiesSeeIdenticalDemandPaths() {
    let net = Self.network(skus: 8)
    let a = Simulation.run(net, options: SimulationOptions(recordTrace: true), separable: true) { Self.policy(8).restricted(to: $1) }
    let b = Simulation.run(net, options: SimulationOptions(recordTrace: true), separable: true) { _, _ in
      OrderUpToPolicy(level: Array(repeating: 60, count: 8), reviewPeriod: 7)
    }
    #expect(a.trace!.demand == b.trace!.demand)
    #expect(a.trace!.onHand != b.trace!.onHand)
  }

  @Test func addingASKUDoesNotShiftOthersDemand() {
    let small = Self.network(skus: 4)
    var big = small
    big.skus.insert(SKU(id: "newcomer", supplierIndex: 0, demand: DemandModel(family: .poisson, profile: DemandProfile(base: 9)),
                        costs: small.skus[0].costs, unmetDemand: .backorder), at: 1)
    big.initialStock[0].insert(0, at: 1)
    big.topology = NetworkTopology(nodes: big.topology.nodes, lanes: [], skuSuppliers: big.skus.map(\.supplierIndex))
    let a = Simulation.run(small, options: SimulationOptions(recordTrace: true), separable: true) { _, _ in OrderUpToPolicy(level: [50, 50, 50, 50]) }
    let b = Simulation.run(big, options: SimulationOptions(recordTrace: true), separable: true) { _, _ in OrderUpToPolicy(level: [50, 50, 50, 50, 50]) }
    for day in 0..<200 {
      for (ka, kb) in [(0, 0), (1, 2), (2, 3), (3, 4)] {
        #expect(a.trace!.demand[a.trace!.index(day: day, sku: ka)] == b.trace!.demand[b.trace!.index(day: day, sku: kb)])
      }
    }
  }

  @Test func replicationsDiffer() {
    let net = Self.network(skus: 3)
    let r0 = Simulation.run(net, options: SimulationOptions(replication: 0), separable: true) { Self.policy(3).restricted(to: $1) }
    let r1 = Simulation.run(net, options: SimulationOptions(replication: 1), separable: true) { Self.policy(3).restricted(to: $1) }
    #expect(r0.statistics != r1.statistics)
  }

  @Test func supplierCapacityLimitsDailyShipments() {
    let net = Self.network(skus: 10, capacity: 30)
    let result = Simulation.run(net, options: SimulationOptions(recordTrace: true), separable: true) { _, _ in
      OrderUpToPolicy(level: Array(repeating: 80, count: 10))
    }
    let t = result.trace!
    // Receipts on any day come from shipments of earlier days; total received never exceeds capacity x days.
    let received = t.received.reduce(0) { $0 + Int($1) }
    #expect(received <= 30 * 200)
    #expect(received > 30 * 100, "capacity should be used heavily: \(received)")
  }

  @Test func lostSalesNeverBackorder() {
    let net = Self.network(skus: 6, rule: .lostSales)
    let result = Simulation.run(net, options: SimulationOptions(recordTrace: true), separable: true) { Self.policy(6).restricted(to: $1) }
    #expect(result.trace!.backordered.allSatisfy { $0 == 0 })
    #expect(result.statistics.contains { $0.unitsLost > 0 })
    let kpi = result.totalKPIs(in: net)
    #expect(kpi.shortageCost == Double(result.statistics.reduce(0) { $0 + $1.unitsLost }) * 3)
  }

  @Test func warmUpDaysAreExcluded() {
    let net = Self.network(skus: 2)
    let r = Simulation.run(net, separable: true) { Self.policy(2).restricted(to: $1) }
    #expect(r.statistics.allSatisfy { $0.days == 180 })
  }
}
