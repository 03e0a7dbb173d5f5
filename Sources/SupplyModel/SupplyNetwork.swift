/// A supply network: suppliers, the SKUs, where they are stocked, and the run's clock.
///
/// Without a `topology` it is a single warehouse buying every SKU from its supplier; with one it
/// is a multi-echelon network of stocking nodes and lanes (`NetworkSimulator` runs it).
public struct SupplyNetwork: Sendable, Equatable {
  /// The warehouse's name, for reports (the scenario's name for a multi-echelon network).
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
  /// The nodes and lanes of a multi-echelon network; nil for a single warehouse.
  public var topology: NetworkTopology?
  /// Unannounced demand shocks, drawn anew in every replication; nil for none.
  public var randomShocks: RandomDemandShocks?
  /// Units on hand on day 0 at each stocking point of a multi-echelon network,
  /// `initialStock[node][sku]`; empty for a single warehouse (which uses `SKU.initialOnHand`).
  public var initialStock: [[Int]] = []

  /// Creates a network.
  public init(warehouse: String, suppliers: [Supplier], skus: [SKU], horizonDays: Int, warmUpDays: Int, seed: UInt64, calendar: SimulationCalendar = SimulationCalendar()) {
    precondition(horizonDays > warmUpDays && warmUpDays >= 0, "need 0 <= warmUpDays (\(warmUpDays)) < horizonDays (\(horizonDays))")
    for sku in skus {
      precondition(suppliers.indices.contains(sku.supplierIndex), "SKU \(sku.id): supplier index \(sku.supplierIndex) out of range")
    }
    self.warehouse = warehouse
    self.suppliers = suppliers
    self.skus = skus
    self.horizonDays = horizonDays
    self.warmUpDays = warmUpDays
    self.seed = seed
    self.calendar = calendar
  }

  /// The lead-time model that applies to a SKU's shipments.
  public func leadTime(ofSKU k: Int) -> LeadTimeModel {
    skus[k].leadTimeOverride ?? suppliers[skus[k].supplierIndex].leadTime
  }

  /// The days whose outcomes count in statistics.
  public var measuredDays: Range<Int> { warmUpDays..<horizonDays }

  /// True when no supplier limits its daily capacity, so SKUs evolve independently and the
  /// simulator may split them across threads.
  public var skusAreIndependent: Bool {
    suppliers.allSatisfy { $0.capacityPerDay == nil && $0.disruptions.capacityCuts.isEmpty }
      && (topology?.lanes.allSatisfy { $0.capacityPerDay == nil } ?? true)
  }

  /// The lead-time model of shipments into stocking point (node, SKU) of a multi-echelon network:
  /// its lane's, or for a supplier without a lane (or a lane without one) the SKU's supplier lead time.
  public func leadTime(ofNode node: Int, sku k: Int) -> LeadTimeModel {
    guard let topology, let l = topology.sourceLane[node][k], let lead = topology.lanes[l].leadTime else { return leadTime(ofSKU: k) }
    return lead
  }

  /// The sub-network of SKUs in `range`, sharing suppliers, clock and seed.
  public func restricted(to range: Range<Int>) -> SupplyNetwork {
    var copy = self
    copy.skus = Array(skus[range])
    if let topology {
      copy.initialStock = initialStock.map { Array($0[range]) }
      let lanes = topology.lanes.map { lane in
        var local = lane
        local.skus = lane.skus.map { $0.filter(range.contains).map { $0 - range.lowerBound } }
        return local
      }
      copy.topology = NetworkTopology(nodes: topology.nodes, lanes: lanes, skuSuppliers: copy.skus.map(\.supplierIndex))
    }
    return copy
  }
}
