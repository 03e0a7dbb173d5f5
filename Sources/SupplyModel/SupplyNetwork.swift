/// A supply network: suppliers, the SKUs, where they are stocked, and the run's clock.
///
/// One model serves every shape: a single warehouse is a one-node network whose node buys every
/// SKU from its supplier; a multi-echelon network has several stocking nodes and lanes.
/// `Simulation.run` simulates either.
public struct SupplyNetwork: Sendable, Equatable {
  /// The network's name, for reports: the warehouse's id for a single warehouse, the scenario's
  /// name for a multi-echelon network.
  public var warehouse: String
  /// External suppliers.
  public var suppliers: [Supplier]
  /// SKUs, in the order reports list them.
  public var skus: [SKU]
  /// Simulated days, from day 0.
  public var horizonDays: Int
  /// Days at the start excluded from statistics.
  public var warmUpDays: Int
  /// The seed every random stream derives from.
  public var seed: UInt64
  /// Where day 0 falls in the week and the year.
  public var calendar: SimulationCalendar
  /// The stocking nodes and lanes; one node and no lanes for a single warehouse.
  public var topology: NetworkTopology
  /// Unannounced demand shocks, drawn anew in every replication; nil for none.
  public var randomShocks: RandomDemandShocks?
  /// Units on hand on day 0 at every stocking point, `initialStock[node][sku]`.
  public var initialStock: [[Int]]

  /// Creates a single warehouse: a one-node network whose node, named `warehouse`, buys every SKU
  /// from the SKU's supplier.
  ///
  /// The node keys its random streams by SKU id alone (`StockingNode.namespacesStreams` is
  /// false), so a single warehouse draws the same demand and lead times whatever it is called.
  ///
  /// - Parameters:
  ///   - initialOnHand: Units on hand on day 0, per SKU.
  /// - Precondition: `0 <= warmUpDays < horizonDays`; every SKU's supplier exists; one initial
  ///   stock per SKU.
  public init(warehouse: String, suppliers: [Supplier], skus: [SKU], initialOnHand: [Int], horizonDays: Int, warmUpDays: Int, seed: UInt64,
              calendar: SimulationCalendar = SimulationCalendar()) {
    precondition(initialOnHand.count == skus.count, "need one initial stock per SKU: \(skus.count) SKUs, \(initialOnHand.count) stocks")
    let node = StockingNode(id: warehouse, kind: .warehouse, namespacesStreams: false)
    self.init(name: warehouse, suppliers: suppliers, skus: skus,
              topology: NetworkTopology(nodes: [node], lanes: [], skuSuppliers: skus.map(\.supplierIndex)),
              initialStock: [initialOnHand], horizonDays: horizonDays, warmUpDays: warmUpDays, seed: seed, calendar: calendar)
  }

  /// Creates a network of stocking nodes and lanes.
  ///
  /// - Parameters:
  ///   - name: The network's name, for reports.
  ///   - initialStock: Units on hand on day 0, `initialStock[node][sku]`.
  /// - Precondition: `0 <= warmUpDays < horizonDays`; every SKU's supplier exists; one row of
  ///   initial stock per node, one entry per SKU.
  public init(name: String, suppliers: [Supplier], skus: [SKU], topology: NetworkTopology, initialStock: [[Int]], horizonDays: Int, warmUpDays: Int,
              seed: UInt64, calendar: SimulationCalendar = SimulationCalendar()) {
    precondition(horizonDays > warmUpDays && warmUpDays >= 0, "need 0 <= warmUpDays (\(warmUpDays)) < horizonDays (\(horizonDays))")
    for sku in skus {
      precondition(suppliers.indices.contains(sku.supplierIndex), "SKU \(sku.id): supplier index \(sku.supplierIndex) out of range")
    }
    precondition(initialStock.count == topology.nodes.count && initialStock.allSatisfy { $0.count == skus.count },
                 "initial stock must be \(topology.nodes.count) nodes × \(skus.count) SKUs, got \(initialStock.map(\.count))")
    self.warehouse = name
    self.suppliers = suppliers
    self.skus = skus
    self.horizonDays = horizonDays
    self.warmUpDays = warmUpDays
    self.seed = seed
    self.calendar = calendar
    self.topology = topology
    self.initialStock = initialStock
  }

  /// True when the network has more than one stocking node: reports then show per-node tables,
  /// and only then are flow moments (bullwhip) recorded.
  public var hasSeveralNodes: Bool { topology.nodes.count > 1 }

  /// The days whose outcomes count in statistics.
  public var measuredDays: Range<Int> { warmUpDays..<horizonDays }

  /// True when no supplier limits its daily capacity, so SKUs evolve independently and the
  /// simulator may split them across threads.
  public var skusAreIndependent: Bool {
    suppliers.allSatisfy { $0.capacityPerDay == nil && $0.disruptions.capacityCuts.isEmpty }
      && topology.lanes.allSatisfy { $0.capacityPerDay == nil }
  }

  /// The lead-time model of shipments into stocking point (node, SKU): its inbound lane's, or for
  /// a supplier without a lane (or a lane without one) the SKU's own override, else its supplier's.
  public func leadTime(ofNode node: Int, sku k: Int) -> LeadTimeModel {
    if let l = topology.sourceLane[node][k], let lead = topology.lanes[l].leadTime { return lead }
    return skus[k].leadTimeOverride ?? suppliers[skus[k].supplierIndex].leadTime
  }

  /// The sub-network of SKUs in `range`, sharing suppliers, clock and seed.
  public func restricted(to range: Range<Int>) -> SupplyNetwork {
    var copy = self
    copy.skus = Array(skus[range])
    copy.initialStock = initialStock.map { Array($0[range]) }
    let lanes = topology.lanes.map { lane in
      var local = lane
      local.skus = lane.skus.map { $0.filter(range.contains).map { $0 - range.lowerBound } }
      return local
    }
    copy.topology = NetworkTopology(nodes: topology.nodes, lanes: lanes, skuSuppliers: copy.skus.map(\.supplierIndex))
    return copy
  }
}
