import Parallelism
import Stochastics
import Synchronization
import Testing
@testable import Replenishment
@testable import SupplyModel

@Suite struct NetworkSimulatorTests {
  static let costs = CostRates(unitCost: 1, holdingCostPerUnitDay: 0.1, backorderCostPerUnitDay: 1, lostSalePenaltyPerUnit: 0, orderCost: 0)

  /// Supplier → DC → store, every SKU identical and independent: a serial two-echelon system.
  static func serial(skus: Int, mean: Double, supplierLead: Int, storeLead: Int, days: Int, warmUp: Int,
                     initial: (dc: Int, store: Int)) -> SupplyNetwork {
    let items = (0..<skus).map { k in
      SKU(id: "sku-\(k)", supplierIndex: 0, demand: DemandModel(family: .poisson, profile: DemandProfile(base: mean)),
          costs: costs, unmetDemand: .backorder)
    }
    var net = SupplyNetwork(warehouse: "serial", suppliers: [Supplier(id: "acme", leadTime: .deterministic(days: supplierLead))],
                            skus: items, initialOnHand: Array(repeating: 0, count: items.count), horizonDays: days, warmUpDays: warmUp, seed: 11)
    net.topology = NetworkTopology(
      nodes: [StockingNode(id: "DC", kind: .distributionCenter), StockingNode(id: "store", kind: .store)],
      lanes: [Lane(origin: .node(0), destination: 1, leadTime: .deterministic(days: storeLead))],
      skuSuppliers: items.map(\.supplierIndex))
    net.initialStock = [Array(repeating: initial.dc, count: skus), Array(repeating: initial.store, count: skus)]
    return net
  }

  /// Installation base-stock levels per node: `levels[node]`.
  static func run(_ net: SupplyNetwork, levels: [Int], echelon: Bool = false, threads: Int = 1) -> SimulationResult {
    Simulation.run(net, options: SimulationOptions(threads: threads), separable: true, echelonStock: echelon) { node, range in
      OrderUpToPolicy(level: Array(repeating: levels[node], count: range.count))
    }
  }

  /// The exact stationary means of the serial base-stock system under our period convention.
  ///
  /// The DC (base stock S₂, lead time L₂ from an ample supplier) sees the store's orders, which
  /// equal store demand day by day. At a day's close its net stock is S₂ − X, with X the demand of
  /// the last L₂ days, so its backlog is B₂ = (X − S₂)⁺. The store (S₁, transit L₁) at a close
  /// has net stock S₁ − B₂' − Y, where Y is the demand of the last L₁ days and B₂' the DC backlog
  /// L₁ days earlier, which covers the L₂ days before those: Y and B₂' are independent. This is
  /// the Clark–Scarf decomposition (Clark & Scarf 1960; Axsäter, *Inventory Control*, 3rd ed.,
  /// §5.3.2) with one-period review.
  static func exactMeans(mean: Double, supplierLead: Int, storeLead: Int, dcLevel: Int, storeLevel: Int)
    -> (dcOnHand: Double, storeOnHand: Double, storeBackorders: Double) {
    let x = Poisson(mean: mean * Double(supplierLead)), y = Poisson(mean: mean * Double(storeLead))
    let top = Int(mean * Double(supplierLead + storeLead) * 4 + 60)
    var dcOnHand = 0.0, storeOnHand = 0.0, storeBackorders = 0.0
    for i in 0...top {
      let px = x.probability(i)
      dcOnHand += px * Double(max(0, dcLevel - i))
      let backlog = max(0, i - dcLevel)
      for j in 0...top {
        let net = storeLevel - backlog - j
        let p = px * y.probability(j)
        if net > 0 { storeOnHand += p * Double(net) } else { storeBackorders += p * Double(-net) }
      }
    }
    return (dcOnHand, storeOnHand, storeBackorders)
  }

  @Test(arguments: [(dcLevel: 8, storeLevel: 6), (dcLevel: 4, storeLevel: 9)])
  func serialBaseStockMatchesTheExactRecursion(levels: (dcLevel: Int, storeLevel: Int)) {
    let (mean, l2, l1) = (2.0, 3, 2)
    let skus = 300
    let net = Self.serial(skus: skus, mean: mean, supplierLead: l2, storeLead: l1, days: 1_100, warmUp: 100,
                          initial: (levels.dcLevel, levels.storeLevel))
    let result = Self.run(net, levels: [levels.dcLevel, levels.storeLevel])
    let exact = Self.exactMeans(mean: mean, supplierLead: l2, storeLead: l1, dcLevel: levels.dcLevel, storeLevel: levels.storeLevel)
    // SKUs are independent replications: compare the mean over SKUs with a 4-standard-error band.
    func check(_ values: [Double], _ expected: Double, _ label: String) {
      let n = Double(values.count)
      let m = values.reduce(0, +) / n
      let sd = (values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / (n - 1)).squareRoot()
      #expect(abs(m - expected) <= 4 * sd / n.squareRoot() + 1e-9, "\(label): simulated \(m) ± \(sd / n.squareRoot()), exact \(expected)")
    }
    let dc = result.statistics[0..<skus], store = result.statistics[skus..<(2 * skus)]
    check(dc.map { Double($0.onHandSum) / Double($0.days) }, exact.dcOnHand, "DC on hand")
    check(store.map { Double($0.onHandSum) / Double($0.days) }, exact.storeOnHand, "store on hand")
    check(store.map { Double($0.backorderSum) / Double($0.days) }, exact.storeBackorders, "store backorders")
  }

  /// In a serial system, echelon base stock S₁ + S₂ at the DC behaves exactly like installation
  /// base stock S₂ (both order each day's demand), so every statistic is identical.
  @Test func echelonBaseStockEqualsInstallationInASerialSystem() {
    let net = Self.serial(skus: 20, mean: 3, supplierLead: 2, storeLead: 1, days: 400, warmUp: 0, initial: (7, 5))
    let installation = Self.run(net, levels: [7, 5])
    let echelon = Self.run(net, levels: [12, 5], echelon: true)
    #expect(installation.statistics == echelon.statistics, "echelon and installation runs differ")
  }

  /// Start stock + receipts − shipments = end stock at every point, and every unit a node ships
  /// is received downstream or still in transit at the end.
  @Test func massBalancePerNodeAndNothingLostInTransit() {
    let items = (0..<7).map { k in
      SKU(id: "m-\(k)", supplierIndex: 0, demand: DemandModel(family: .negativeBinomial(dispersion: 2), profile: DemandProfile(base: Double(2 + k))),
          costs: Self.costs, unmetDemand: k == 3 ? .lostSales : .backorder)
    }
    var net = SupplyNetwork(warehouse: "tree", suppliers: [Supplier(id: "acme", leadTime: .uniform(min: 2, max: 6), capacityPerDay: 90)],
                            skus: items, initialOnHand: Array(repeating: 0, count: items.count), horizonDays: 300, warmUpDays: 0, seed: 5)
    net.suppliers[0].yieldRate = 0.9
    let nodes = [StockingNode(id: "DC", kind: .distributionCenter, allocation: .fairShare),
                 StockingNode(id: "north", kind: .warehouse, allocation: .priority),
                 StockingNode(id: "s1", kind: .store, priority: 2), StockingNode(id: "s2", kind: .store, demandFactor: 0.5, priority: 1),
                 StockingNode(id: "s3", kind: .store)]
    net.topology = NetworkTopology(nodes: nodes, lanes: [
      Lane(origin: .supplier(0), destination: 0, leadTime: nil),
      Lane(origin: .node(0), destination: 1, leadTime: .poisson(mean: 2), capacityPerDay: 40),
      Lane(origin: .node(1), destination: 2, leadTime: .deterministic(days: 1)),
      Lane(origin: .node(1), destination: 3, leadTime: .uniform(min: 0, max: 2)),
      Lane(origin: .node(0), destination: 4, leadTime: .deterministic(days: 3)),
    ], skuSuppliers: Array(repeating: 0, count: items.count))
    net.initialStock = nodes.indices.map { n in (0..<7).map { (k: Int) -> Int in 10 + n + k } }
    let levels = [60, 35, 12, 9, 15]
    let result = Self.run(net, levels: levels)
    let closing = result.closingStock!
    let m = items.count
    for node in nodes.indices {
      for k in 0..<m {
        let p = node * m + k
        let s = result.statistics[p]
        // Customer-facing points ship to customers; internal ones to the nodes they supply.
        #expect(net.initialStock[node][k] + s.unitsReceived - s.unitsShipped == closing.onHand[p], "node \(nodes[node].id) sku \(k)")
      }
    }
    let topology = net.topology
    for parent in nodes.indices where !topology.isCustomerFacing(parent) {
      for k in 0..<m {
        let shipped = result.statistics[parent * m + k].unitsShipped
        var received = 0, inTransit = 0
        for child in topology.children[parent] {
          let c = child * m + k
          received += result.statistics[c].unitsReceived
          inTransit += closing.onOrder[c]  // on order at the child = owed by the parent + in transit
        }
        #expect(shipped == received + inTransit - closing.backordered[parent * m + k], "node \(nodes[parent].id) sku \(k)")
      }
    }
    #expect((0..<m).allSatisfy { result.statistics[$0].unitsLostInTransit > 0 }, "the supplier's yield loses units at the DC")
    // Internal demand is the downstream orders: each node's demand received is its children's orders.
    for k in 0..<m {
      let dcDemand = result.statistics[0 * m + k].demand
      #expect(dcDemand == result.statistics[1 * m + k].unitsOrdered + result.statistics[4 * m + k].unitsOrdered)
    }
  }

  @Test func resultsDoNotDependOnThreadsOrChunking() {
    let net = Self.serial(skus: 700, mean: 1.5, supplierLead: 4, storeLead: 2, days: 120, warmUp: 10, initial: (9, 6))
    let one = Self.run(net, levels: [9, 6], threads: 1)
    let two = Self.run(net, levels: [9, 6], threads: 2)
    #expect(one.statistics == two.statistics)
    #expect(one.flow == two.flow)
    #expect(one.closingStock == two.closingStock)
    // Chunks of 256 SKUs for 2 nodes: the run really was split.
    #expect(Simulation.chunkSize / 2 < 700)
  }

  /// A capacity-limited lane couples the SKUs, so the run is one chunk; with two threads its
  /// customer demand is drawn ahead on the second (`DemandPrefetch`, in blocks of 32 days here),
  /// with one it is drawn day by day. Seasonal demand makes the days differ.
  @Test func coupledRunIsTheSameWithDemandDrawnAhead() {
    var net = Self.serial(skus: 700, mean: 1.5, supplierLead: 4, storeLead: 2, days: 130, warmUp: 10, initial: (9, 6))
    for k in net.skus.indices where k % 3 == 0 {
      net.skus[k].demand = DemandModel(family: .negativeBinomial(dispersion: 0.5), profile: DemandProfile(base: 2, weekly: [1, 1, 1, 1, 1.5, 2, 0.5]))
    }
    net.topology = NetworkTopology(
      nodes: net.topology.nodes,
      lanes: [Lane(origin: .node(0), destination: 1, leadTime: .uniform(min: 1, max: 3), capacityPerDay: 900)],
      skuSuppliers: net.skus.map(\.supplierIndex))
    #expect(!net.skusAreIndependent)
    let one = Self.run(net, levels: [9, 6], threads: 1)
    let two = Self.run(net, levels: [9, 6], threads: 2)
    #expect(one.statistics == two.statistics)
    #expect(one.flow == two.flow)
    #expect(one.closingStock == two.closingStock)
    // Demand really was served, short and late.
    #expect(one.statistics.reduce(0) { $0 + $1.unitsShort } > 0)
    #expect(one.statistics.reduce(0) { $0 + $1.backordersServed } > 0)
  }

  /// A supplier with a daily capacity feeds a DC, which feeds two stores, one over a
  /// capacity-limited lane: every queue couples the SKUs. With two threads the SKUs run in two
  /// chunks in lock step (`LaneCoupling`): the results must be those of one run, to the unit.
  @Test func lockStepChunksGiveTheResultsOfOneRun() {
    let m = 600
    var net = Self.serial(skus: m, mean: 2, supplierLead: 3, storeLead: 1, days: 150, warmUp: 10, initial: (20, 8))
    for k in net.skus.indices where k % 4 == 1 {
      net.skus[k].demand = DemandModel(family: .negativeBinomial(dispersion: 0.7), profile: DemandProfile(base: 3, weekly: [1, 1, 1, 1, 1.4, 2, 0.6]))
    }
    net.suppliers[0].capacityPerDay = 2_900
    net.topology = NetworkTopology(
      nodes: [StockingNode(id: "DC", kind: .distributionCenter, allocation: .fairShare), StockingNode(id: "store-1", kind: .store),
              StockingNode(id: "store-2", kind: .store, demandFactor: 0.5)],
      lanes: [Lane(origin: .supplier(0), destination: 0, leadTime: .uniform(min: 2, max: 5), capacityPerDay: 2_500),
              Lane(origin: .node(0), destination: 1, leadTime: .uniform(min: 1, max: 3), capacityPerDay: 1_000),
              Lane(origin: .node(0), destination: 2, leadTime: .deterministic(days: 2))],
      skuSuppliers: net.skus.map(\.supplierIndex))
    net.initialStock = [Array(repeating: 20, count: m), Array(repeating: 8, count: m), Array(repeating: 4, count: m)]
    #expect(!net.skusAreIndependent && LaneCoupling.supports(net))
    let one = Self.run(net, levels: [30, 9, 5], threads: 1)
    let two = Self.run(net, levels: [30, 9, 5], threads: 2)
    #expect(one.statistics == two.statistics)
    #expect(one.flow == two.flow)
    #expect(one.closingStock == two.closingStock)
    // The capacities bound: stores ran short and the DC served orders late.
    #expect(one.statistics[(1 * m)..<(2 * m)].reduce(0) { $0 + $1.unitsShort } > 0)
    #expect(one.statistics[0..<m].reduce(0) { $0 + $1.backordersServed } > 0)
  }

  /// When every shipment the coupled queues release takes two days or more, a chunk in lock step
  /// moves a day's releases into transit on the next day, a day of slack behind the others; on
  /// days a lane's departures fit its capacity with nothing waiting, each chunk moves them itself.
  /// A lane that binds on some days and not others runs both ways: the results must still be
  /// those of one run, to the unit. With a one-day lead the releases are not deferred.
  @Test(arguments: [false, true])
  func deferredReleasesGiveTheResultsOfOneRun(deferred: Bool) {
    let m = 600
    var net = Self.serial(skus: m, mean: 2, supplierLead: 3, storeLead: 2, days: 160, warmUp: 10, initial: (20, 8))
    for k in net.skus.indices where k % 4 == 1 {
      net.skus[k].demand = DemandModel(family: .negativeBinomial(dispersion: 0.7), profile: DemandProfile(base: 3, weekly: [1, 1, 1, 1, 1.4, 2, 0.6]))
    }
    net.suppliers[0].capacityPerDay = 3_400
    func lanes(storeCapacity: Int?) -> [Lane] {
      [Lane(origin: .supplier(0), destination: 0, leadTime: .uniform(min: 2, max: 5), capacityPerDay: 3_000),
       Lane(origin: .node(0), destination: 1, leadTime: .uniform(min: deferred ? 2 : 1, max: 4), capacityPerDay: storeCapacity),
       Lane(origin: .node(0), destination: 2, leadTime: .deterministic(days: 2))]
    }
    let nodes = [StockingNode(id: "DC", kind: .distributionCenter, allocation: .fairShare), StockingNode(id: "store-1", kind: .store),
                 StockingNode(id: "store-2", kind: .store, demandFactor: 0.5)]
    net.topology = NetworkTopology(nodes: nodes, lanes: lanes(storeCapacity: 1_450), skuSuppliers: net.skus.map(\.supplierIndex))
    net.initialStock = [Array(repeating: 20, count: m), Array(repeating: 8, count: m), Array(repeating: 4, count: m)]
    let hub = LaneCoupling(net, skusPerChunk: [m / 2, m - m / 2], barrier: Barrier(parties: 2), replication: 0)
    #expect(hub.releasesTakeTwoDays == deferred)
    let one = Self.run(net, levels: [34, 10, 5], threads: 1)
    let two = Self.run(net, levels: [34, 10, 5], threads: 2)
    #expect(one.statistics == two.statistics)
    #expect(one.flow == two.flow)
    #expect(one.closingStock == two.closingStock)
    // The store lane's capacity bound on some days (without it the results differ) and not on
    // others (stores 1 and 2 both received most of what they ordered).
    var open = net
    open.topology = NetworkTopology(nodes: nodes, lanes: lanes(storeCapacity: nil), skuSuppliers: net.skus.map(\.supplierIndex))
    #expect(Self.run(open, levels: [34, 10, 5], threads: 1).statistics != one.statistics)
    let received = one.statistics[m..<(2 * m)].reduce(0) { $0 + $1.unitsReceived }
    let ordered = one.statistics[m..<(2 * m)].reduce(0) { $0 + $1.unitsOrdered }
    #expect(Double(received) > 0.9 * Double(ordered))
  }

  /// Units a supplier's yield takes from an order close it when its last part arrives, also on a
  /// capacity-limited lane: a lane whose capacity never binds changes nothing.
  @Test func yieldLossesCrossACapacityLimitedLane() {
    var net = Self.serial(skus: 40, mean: 3, supplierLead: 2, storeLead: 1, days: 200, warmUp: 0, initial: (10, 6))
    net.suppliers[0].yieldRate = 0.8
    func withSupplierLane(capacity: Int?) -> SupplyNetwork {
      var copy = net
      copy.topology = NetworkTopology(
        nodes: net.topology.nodes,
        lanes: [Lane(origin: .supplier(0), destination: 0, leadTime: .deterministic(days: 2), capacityPerDay: capacity)] + net.topology.lanes,
        skuSuppliers: net.skus.map(\.supplierIndex))
      return copy
    }
    let open = Self.run(withSupplierLane(capacity: nil), levels: [20, 9])
    let wide = Self.run(withSupplierLane(capacity: 1_000_000), levels: [20, 9])
    #expect(open.statistics.reduce(0) { $0 + $1.unitsLostInTransit } > 0)
    #expect(wide.statistics == open.statistics)
    #expect(wide.closingStock == open.closingStock)
  }

  /// A day's shipments to one point are booked together (`ReceiptRing`): the cycles they close
  /// are counted one per shipment, as booking them one by one counts them.
  @Test func receiptRingSumsADaysShipmentsAndGrows() {
    var ring = ReceiptRing(points: 3, span: 2)
    ring.schedule(Shipment(slot: 1, units: 5), on: 1, today: 0)
    ring.schedule(Shipment(slot: 1, units: 2, lost: 1), on: 1, today: 0)
    ring.schedule(Shipment(slot: 2, units: 7), on: 9, today: 0)  // beyond the span: the ring grows
    #expect(ring.span >= 16)
    let r1 = ring.row(1), r9 = ring.row(9)
    let one = ring.cells[r1 + 1], nine = ring.cells[r9 + 2]
    #expect(one.units == 7 && one.count == 2)
    #expect(nine.units == 7 && nine.count == 1 && ring.cells[r1 + 2].count == 0)
    // Units lost to yield sit in their own column, which moved with the cells as the ring grew.
    #expect(ring.takeLost(r9 + 2) == 0)
    #expect(ring.takeLost(r1 + 1) == 1 && ring.takeLost(r1 + 1) == 0)
    var inTransit: [[ScheduledReceipt]] = []
    ring.pipeline(after: 0, slots: 1..<3, into: &inTransit)
    #expect(inTransit == [[ScheduledReceipt(day: 1, units: 7)], [ScheduledReceipt(day: 9, units: 7)]])
  }

  /// The demand phase's shortcuts (a negative binomial slot keeps its mixing gamma's constants, a
  /// gamma slot reuses its distribution while the mean stays; slots with one profile share its
  /// daily means, computed a block of days ahead) draw exactly what `DemandSampler` draws from the
  /// same stream, day after day, stationary or not, across blocks of means.
  @Test func demandPhaseShortcutsDrawWhatTheSamplerDraws() {
    let families: [DemandFamily] = [.negativeBinomial(dispersion: 2), .negativeBinomial(dispersion: 0.4), .gamma(cv: 0.6), .gamma(cv: 1.7)]
    let profiles = [DemandProfile(base: 3.7), DemandProfile(base: 25, weekly: [0.5, 1, 1, 1, 1.5, 2, 0.9]), DemandProfile(base: 0.3)]
    var sources: [CustomerDemandPhase.Source] = []
    for family in families {
      for (key, profile) in profiles.enumerated() {
        sources.append(CustomerDemandPhase.Source(model: DemandModel(family: family, profile: profile), scale: 1.3 + 0.1 * Double(sources.count),
                                                  rng: Xoshiro256(seed: 7, entity: UInt64(sources.count), purpose: .demand), unmetDemand: .backorder,
                                                  profileKey: key))
      }
    }
    var phase = CustomerDemandPhase(sources)
    var samplers = sources.map { DemandSampler($0.model.family) }
    var streams = sources.map(\.rng)
    let calendar = SimulationCalendar(startWeekday: 2)
    var drawn = Array(repeating: 0, count: sources.count)
    var total = 0
    for day in 0..<80 {
      drawn.withUnsafeMutableBufferPointer { phase.draw(day: day, calendar: calendar, into: $0) }
      for k in sources.indices {
        let mean = sources[k].model.profile.mean(onDay: day, calendar: calendar) * sources[k].scale
        #expect(drawn[k] == samplers[k].sample(mean: mean, day: day, using: &streams[k]), "slot \(k) day \(day)")
        total += drawn[k]
      }
    }
    #expect(total > 0)
  }

  /// In the shared mode other threads draw days ahead while the owner reads them (a chunk in lock
  /// step helping another): every day the owner reads holds exactly what drawing on demand gives,
  /// and a day is never drawn over while the owner still reads it.
  @Test func demandDrawnAheadByOtherThreadsIsTheSame() {
    let profiles = [DemandProfile(base: 4), DemandProfile(base: 9, weekly: [0.5, 1, 1, 1, 1.5, 2, 0.9]), DemandProfile(base: 0.4)]
    let families: [DemandFamily] = [.poisson, .negativeBinomial(dispersion: 1.5), .gamma(cv: 0.8)]
    var sources: [CustomerDemandPhase.Source] = []
    for k in 0..<300 {
      sources.append(CustomerDemandPhase.Source(model: DemandModel(family: families[k % 3], profile: profiles[k % 3]), scale: 1,
                                                rng: Xoshiro256(seed: 3, entity: UInt64(k), purpose: .demand), unmetDemand: .backorder,
                                                profileKey: k % 3))
    }
    let days = 200, calendar = SimulationCalendar()
    let reference = DemandPrefetch(CustomerDemandPhase(sources), calendar: calendar, horizon: days, mode: .onDemand)
    let expected = (0..<days).map { Array(reference.demand(onDay: $0)) }
    let shared = DemandPrefetch(CustomerDemandPhase(sources), calendar: calendar, horizon: days, mode: .shared)
    let ownerDone = Atomic<Bool>(false), drawnByHelper = Atomic<Int>(0)
    // Two dedicated threads (not the shared pool, which other tests may keep busy): the owner
    // reads the days in order, the helper draws ahead whenever it may.
    let mismatches = LockStep.run(2) { piece, _ -> Int in
      guard piece == 0 else {
        while !ownerDone.load(ordering: .acquiring) {
          if shared.drawNextDay() { drawnByHelper.add(1, ordering: .relaxed) }
        }
        return 0
      }
      var mismatches = 0
      for day in 0..<days {
        let today = shared.demand(onDay: day)
        let copy = Array(today)
        // Let the helper draw tomorrow (up to 50 ms) while today's buffer is still being read.
        let deadline = ContinuousClock.now + .milliseconds(50)
        while drawnByHelper.load(ordering: .relaxed) <= day / 2 && ContinuousClock.now < deadline {}
        if Array(today) != copy || copy != expected[day] { mismatches += 1 }
      }
      ownerDone.store(true, ordering: .releasing)
      return mismatches
    }
    #expect(mismatches[0] == 0)
    // The helper really drew days ahead of the owner.
    #expect(drawnByHelper.load(ordering: .relaxed) > days / 4)
  }

  @Test func allocationRulesShareScarceStock() {
    typealias R = NetworkEngine.Request
    let requests = [R(child: 0, units: 6, day: 1, priority: 2), R(child: 1, units: 3, day: 2, priority: 1), R(child: 2, units: 3, day: 2, priority: 3)]
    #expect(NetworkEngine.allocation(of: 20, to: requests, rule: .fairShare) == [6, 3, 3])
    #expect(NetworkEngine.allocation(of: 7, to: requests, rule: .firstComeFirstServed) == [6, 1, 0])
    #expect(NetworkEngine.allocation(of: 7, to: requests, rule: .priority) == [4, 3, 0])
    // 7 × (6, 3, 3) / 12 = (3.5, 1.75, 1.75): floors (3, 1, 1), the two spare units go to the
    // largest remainders, the second and third request (0.75 each) before the first (0.5).
    #expect(NetworkEngine.allocation(of: 7, to: requests, rule: .fairShare) == [3, 2, 2])
    #expect(NetworkEngine.allocation(of: 0, to: requests, rule: .fairShare) == [0, 0, 0])
  }

  @Test func priorityAllocationProtectsTheFirstClass() {
    let items = [SKU(id: "p", supplierIndex: 0, demand: DemandModel(family: .poisson, profile: DemandProfile(base: 5)),
                     costs: Self.costs, unmetDemand: .backorder)]
    func fillRates(_ rule: AllocationRule) -> (first: Double, second: Double) {
      var net = SupplyNetwork(warehouse: "p", suppliers: [Supplier(id: "acme", leadTime: .deterministic(days: 3), capacityPerDay: 8)],
                              skus: items, initialOnHand: Array(repeating: 0, count: items.count), horizonDays: 500, warmUpDays: 50, seed: 2)
      net.topology = NetworkTopology(nodes: [
        StockingNode(id: "DC", kind: .distributionCenter, allocation: rule),
        StockingNode(id: "gold", kind: .store, priority: 1), StockingNode(id: "bronze", kind: .store, priority: 2),
      ], lanes: [Lane(origin: .node(0), destination: 1, leadTime: .deterministic(days: 1)),
                 Lane(origin: .node(0), destination: 2, leadTime: .deterministic(days: 1))], skuSuppliers: [0])
      net.initialStock = [[20], [10], [10]]
      // Supply (8/day) is short of demand (10/day): someone must go short.
      let result = Self.run(net, levels: [40, 12, 12])
      let rate = { (s: SKUStatistics) in Double(s.filledFromStock) / Double(s.demand) }
      return (rate(result.statistics[1]), rate(result.statistics[2]))
    }
    let priority = fillRates(.priority), fcfs = fillRates(.firstComeFirstServed)
    #expect(priority.first > 0.95)
    #expect(priority.first > priority.second + 0.3)
    #expect(abs(fcfs.first - fcfs.second) < 0.15)
  }

  /// Order-up-to policies pass demand through one for one, so with base stock at every stage
  /// the bullwhip ratio is 1; (s,S) batching at the stores amplifies it.
  @Test func bullwhipRatioIsOneForBaseStockAndAboveOneForBatching() {
    let net = Self.serial(skus: 50, mean: 4, supplierLead: 2, storeLead: 1, days: 600, warmUp: 50, initial: (12, 8))
    let baseStock = Self.run(net, levels: [12, 8])
    let storeFlow = baseStock.flow[50..<100]
    #expect(abs(FlowMoments.bullwhipRatio(of: storeFlow) - 1) < 1e-12)
    let batching = Simulation.run(net, separable: true, echelonStock: false) { (node: Int, range: Range<Int>) -> PlannedPolicy in
      let n = range.count
      if node == 0 { return .orderUpTo(OrderUpToPolicy(level: Array(repeating: 12, count: n))) }
      return .minMax(MinMaxPolicy(name: "sS", minimum: Array(repeating: 4, count: n), maximum: Array(repeating: 20, count: n), reviewPeriod: 1))
    }
    #expect(FlowMoments.bullwhipRatio(of: batching.flow[50..<100]) > 2)
  }

  /// Purchases are charged where a point buys from a supplier, corrected by the growth of its
  /// echelon position over the measured window: with backorders that is exactly the customer
  /// demand of the window, whatever the review cycle leaves in the stores at the window's edges.
  @Test func purchasesForTheWindowEqualCustomerDemandUnderBackorders() {
    let net = Self.serial(skus: 30, mean: 3, supplierLead: 3, storeLead: 1, days: 300, warmUp: 37, initial: (20, 10))
    let result = Simulation.run(net, separable: true, echelonStock: false) { (node: Int, range: Range<Int>) -> PlannedPolicy in
      let n = range.count
      if node == 0 { return .orderUpTo(OrderUpToPolicy(level: Array(repeating: 25, count: n))) }
      return .orderUpTo(OrderUpToPolicy(level: Array(repeating: 30, count: n), reviewPeriod: 7))
    }
    for k in 0..<30 {
      #expect(result.statistics[k].unitsPurchasedForFlow == result.statistics[30 + k].demand, "sku \(k)")
    }
  }
}
