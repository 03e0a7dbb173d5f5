import Forecasting
import Stochastics
import Testing
@testable import Replenishment
@testable import SupplyModel

/// The one-node kernel is a fast path of `Simulation.run`: on every one-node network it must give
/// exactly what the general network engine gives.
@Suite struct SimulationEngineTests {
  /// A random single warehouse: demand families, seasonality and promotions, lead-time
  /// distributions, supplier capacity, outages, capacity cuts and lead-time spikes, yield,
  /// backorders or lost sales, warm-up.
  static func randomNetwork(_ rng: inout Xoshiro256, case index: Int) -> SupplyNetwork {
    let families: [DemandFamily] = [.poisson, .negativeBinomial(dispersion: 1.5), .normal(cv: 0.4), .gamma(cv: 0.6), .deterministic,
                                    .uniform(spread: 0.5)]
    let leads: [LeadTimeModel] = [.deterministic(days: 1 + rng.nextInt(below: 6)), .uniform(min: 1, max: 2 + rng.nextInt(below: 6)),
                                  .gamma(mean: 3, standardDeviation: 1.5), .poisson(mean: 2.5)]
    let horizon = 60 + rng.nextInt(below: 120)
    var disruptions = SupplierDisruptions()
    if rng.nextInt(below: 3) == 0 { let s = rng.nextInt(below: horizon - 10); disruptions.outages = [s...(s + 1 + rng.nextInt(below: 8))] }
    if rng.nextInt(below: 4) == 0 { let s = rng.nextInt(below: horizon - 10); disruptions.capacityCuts = [(s...(s + 10), 5 + rng.nextInt(below: 20))] }
    if rng.nextInt(below: 4) == 0 { let s = rng.nextInt(below: horizon - 10); disruptions.leadTimeSpikes = [(s...(s + 6), 1 + rng.nextInt(below: 4))] }
    var supplier = Supplier(id: "s", leadTime: leads[rng.nextInt(below: leads.count)],
                            capacityPerDay: rng.nextInt(below: 3) == 0 ? 20 + rng.nextInt(below: 60) : nil, disruptions: disruptions)
    if rng.nextInt(below: 3) == 0 { supplier.yieldRate = 0.7 + 0.3 * rng.nextUnit() }
    let second = Supplier(id: "t", leadTime: .deterministic(days: 2))
    let skuCount = 1 + rng.nextInt(below: 5)
    var skus: [SKU] = []
    for k in 0..<skuCount {
      let weekly = rng.nextInt(below: 2) == 0 ? [1.3, 1, 1, 1, 1, 0.9, 0.8] : []
      let start = rng.nextInt(below: horizon)
      let windows = rng.nextInt(below: 2) == 0 ? [DemandWindow(startDay: start, endDay: start + 10, factor: 1.5 + 2 * rng.nextUnit())] : []
      let profile = DemandProfile(base: 1 + 15 * rng.nextUnit(), trendPerDay: rng.nextInt(below: 4) == 0 ? 0.02 : 0, weekly: weekly, windows: windows)
      let costs = CostRates(unitCost: 2, holdingCostPerUnitDay: 0.05, backorderCostPerUnitDay: 0.8, lostSalePenaltyPerUnit: 3, orderCost: 20)
      skus.append(SKU(id: "case\(index)-sku\(k)", supplierIndex: rng.nextInt(below: 4) == 0 ? 1 : 0,
                      leadTimeOverride: rng.nextInt(below: 5) == 0 ? .deterministic(days: 3) : nil,
                      demand: DemandModel(family: families[rng.nextInt(below: families.count)], profile: profile),
                      costs: costs, unmetDemand: rng.nextInt(below: 3) == 0 ? .lostSales : .backorder))
    }
    return SupplyNetwork(warehouse: "w\(index)", suppliers: [supplier, second], skus: skus,
                         initialOnHand: skus.map { _ in rng.nextInt(below: 80) },
                         horizonDays: horizon, warmUpDays: rng.nextInt(below: 3) == 0 ? 0 : rng.nextInt(below: 30), seed: rng.next())
  }

  /// A random policy: (s,Q), (s,S), (R,S) or base stock, planned from the model or forecast-driven.
  static func randomPolicy(_ rng: inout Xoshiro256, for network: SupplyNetwork) -> ScenarioPolicy {
    let family = PolicyFamily.allCases.filter { $0 != .lp }[rng.nextInt(below: 4)]
    let forecasters: [any Forecaster] = [MeanForecaster(), ExponentialSmoothingForecaster.simple(), SeasonalNaiveForecaster(period: 7)]
    let forecast = rng.nextInt(below: 3) == 0
      ? ForecastSettings(forecaster: forecasters[rng.nextInt(below: forecasters.count)], label: "f", retrainEvery: 7, historyDays: 28, seasonalPeriod: 7)
      : nil
    let spec = PolicySpecification(name: "p", family: family, target: .cycleServiceLevel(0.8 + 0.19 * rng.nextUnit()),
                                   reviewPeriod: family == .RS ? 1 + rng.nextInt(below: 7) : 1, forecast: forecast)
    return ScenarioPolicy.make(spec, for: network)
  }

  @Test("one-node kernel and network engine give identical results on random one-node scenarios")
  func kernelMatchesNetworkEngine() {
    var rng = Xoshiro256(seed: 2027)
    var kernelRuns = 0
    for index in 0..<300 {
      let network = Self.randomNetwork(&rng, case: index)
      let policy = Self.randomPolicy(&rng, for: network)
      let options = SimulationOptions(recordTrace: index % 2 == 0, threads: 1, replication: UInt64(index % 3))
      let fast = Simulation.run(network, options: options, separable: policy.isSeparable, engine: .singleNode) { _, range in
        range == 0..<network.skus.count ? policy : policy.restricted(to: range)
      }
      let general = Simulation.run(network, options: options, separable: policy.isSeparable, engine: .network) { _, range in
        range == 0..<network.skus.count ? policy : policy.restricted(to: range)
      }
      #expect(fast == general, "case \(index): \(network.skus.count) SKUs, \(policy.name)")
      #expect(fast.totalKPIs(in: network) == general.totalKPIs(in: network), "case \(index)")
      #expect(fast.statistics.contains { $0.demand > 0 } || network.skus.allSatisfy { $0.demand.profile.base < 2 }, "case \(index) saw no demand")
      kernelRuns += 1
    }
    #expect(kernelRuns == 300)
  }

  @Test func automaticChoiceTakesTheKernelForOneNodeAndTheEngineOtherwise() {
    var rng = Xoshiro256(seed: 5)
    let network = Self.randomNetwork(&rng, case: 0)
    #expect(Simulation.kernelApplies(to: network, echelonStock: false))
    #expect(!Simulation.kernelApplies(to: network, echelonStock: true))
    var two = network
    two.topology = NetworkTopology(nodes: [StockingNode(id: "dc", kind: .distributionCenter), StockingNode(id: "store", kind: .store)],
                                   lanes: [Lane(origin: .node(0), destination: 1, leadTime: .deterministic(days: 1))],
                                   skuSuppliers: network.skus.map(\.supplierIndex))
    two.initialStock = [network.initialStock[0], network.initialStock[0]]
    #expect(!Simulation.kernelApplies(to: two, echelonStock: false))
  }

  /// The single warehouse's node keys streams by SKU id alone, so renaming the warehouse changes
  /// no draw; a namespaced node draws differently.
  @Test func singleWarehouseStreamsDoNotDependOnItsName() {
    var rng = Xoshiro256(seed: 9)
    let network = Self.randomNetwork(&rng, case: 1)
    var renamed = network
    renamed.warehouse = "elsewhere"
    var nodes = network.topology.nodes
    nodes[0].id = "elsewhere"
    renamed.topology = NetworkTopology(nodes: nodes, lanes: [], skuSuppliers: network.skus.map(\.supplierIndex))
    #expect(Simulation.demandPaths(renamed) == Simulation.demandPaths(network))
    nodes[0].namespacesStreams = true
    renamed.topology = NetworkTopology(nodes: nodes, lanes: [], skuSuppliers: network.skus.map(\.supplierIndex))
    #expect(Simulation.demandPaths(renamed) != Simulation.demandPaths(network) || network.skus.allSatisfy { $0.demand.family == .deterministic })
  }
}
