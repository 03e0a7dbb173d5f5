import SupplyModel

/// The nodes of a multi-echelon network and where each gets its stock, as the reports list and
/// draw them.
///
/// A node's *sources* group its SKUs by where they come from: each lane into the node that
/// carries at least one SKU it sources, and each supplier it buys from without a lane (with the
/// supplier's lead time). Lanes come in scenario order, then lane-less suppliers in scenario order.
public struct NetworkDescription: Sendable, Equatable {
  /// Where some of a node's SKUs come from.
  public struct Source: Sendable, Equatable {
    /// The supplier's or upstream node's id.
    public var from: String
    /// The upstream node (index in scenario order), or nil for a supplier.
    public var node: Int?
    /// The supplier (index in `SupplyNetwork.suppliers`), or nil for a node.
    public var supplier: Int?
    /// The lane (index in `NetworkTopology.lanes`), or nil when the node buys straight from the
    /// supplier with the supplier's lead time.
    public var lane: Int?
    /// SKUs sourced this way.
    public var skuCount: Int
    /// The mean lead time in days, averaged over those SKUs (they differ only when SKUs override
    /// their supplier's lead time).
    public var meanLeadTimeDays: Double
    /// Transport cost per unit received over the lane (0 without a lane).
    public var transportCostPerUnit: Double
    /// The lane's capacity in units per day over all SKUs, or nil for unlimited.
    public var capacityPerDay: Int?
  }

  /// One stocking node.
  public struct Node: Sendable, Equatable {
    /// The node's id.
    public var id: String
    /// Its kind.
    public var kind: NodeKind
    /// Its echelon (1 = customer-facing).
    public var echelon: Int
    /// True when it serves customer demand.
    public var isCustomerFacing: Bool
    /// Customer-facing nodes see demand × this factor.
    public var demandFactor: Double
    /// How it rations stock among the nodes it supplies.
    public var allocation: AllocationRule
    /// Its customer class upstream (lower is served first under the priority rule).
    public var priority: Int
    /// Multiplier of SKUs' holding cost at this node.
    public var holdingCostFactor: Double
    /// Multiplier of SKUs' fixed order cost for orders placed here.
    public var orderCostFactor: Double
    /// Where its SKUs come from.
    public var sources: [Source]
  }

  /// The nodes, in scenario order.
  public var nodes: [Node]
  /// The highest echelon.
  public var echelonCount: Int

  /// Describes `network`, or returns nil for one node (reports draw networks of several nodes).
  public init?(network: SupplyNetwork) {
    guard network.hasSeveralNodes else { return nil }
    let topology = network.topology
    echelonCount = topology.echelonCount
    nodes = topology.nodes.enumerated().map { i, node in
      // Group the node's SKUs by lane (in lane order), then lane-less by supplier.
      var byLane: [Int: [Int]] = [:], bySupplier: [Int: [Int]] = [:]
      for k in network.skus.indices {
        if let l = topology.sourceLane[i][k] { byLane[l, default: []].append(k) }
        else { bySupplier[network.skus[k].supplierIndex, default: []].append(k) }
      }
      func meanLead(_ skus: [Int]) -> Double {
        skus.reduce(0.0) { $0 + network.leadTime(ofNode: i, sku: $1).mean } / Double(max(skus.count, 1))
      }
      var sources: [Source] = []
      for l in byLane.keys.sorted() {
        let lane = topology.lanes[l], skus = byLane[l]!
        var source = Source(from: "", node: nil, supplier: nil, lane: l, skuCount: skus.count, meanLeadTimeDays: meanLead(skus),
                            transportCostPerUnit: lane.transportCostPerUnit, capacityPerDay: lane.capacityPerDay)
        switch lane.origin {
        case let .node(m): source.node = m; source.from = topology.nodes[m].id
        case let .supplier(j): source.supplier = j; source.from = network.suppliers[j].id
        }
        sources.append(source)
      }
      for j in bySupplier.keys.sorted() {
        let skus = bySupplier[j]!
        sources.append(Source(from: network.suppliers[j].id, node: nil, supplier: j, lane: nil, skuCount: skus.count,
                              meanLeadTimeDays: meanLead(skus), transportCostPerUnit: 0, capacityPerDay: nil))
      }
      return Node(id: node.id, kind: node.kind, echelon: topology.echelon[i], isCustomerFacing: topology.isCustomerFacing(i),
                  demandFactor: node.demandFactor, allocation: node.allocation, priority: node.priority,
                  holdingCostFactor: node.holdingCostFactor, orderCostFactor: node.orderCostFactor, sources: sources)
    }
  }

  /// Suppliers some node buys from, in scenario order (indices in `SupplyNetwork.suppliers`).
  public var suppliersUsed: [Int] {
    Array(Set(nodes.flatMap { $0.sources.compactMap(\.supplier) })).sorted()
  }

  /// The scenario-file word of an allocation rule ("fcfs", "fairShare", "priority").
  public static func word(_ rule: AllocationRule) -> String {
    switch rule {
    case .firstComeFirstServed: "fcfs"
    case .fairShare: "fairShare"
    case .priority: "priority"
    }
  }

  /// An allocation rule for people: "first come, first served", "fair share", "priority".
  public static func phrase(_ rule: AllocationRule) -> String {
    switch rule {
    case .firstComeFirstServed: "first come, first served"
    case .fairShare: "fair share"
    case .priority: "priority"
    }
  }

  /// A node kind for people: "distribution centre", "warehouse", "store".
  public static func phrase(_ kind: NodeKind) -> String {
    switch kind {
    case .distributionCenter: "distribution centre"
    case .warehouse: "warehouse"
    case .store: "store"
    }
  }

  /// A mean lead time in days: whole days without decimals ("7"), else one decimal ("1.5").
  public static func days(_ x: Double) -> String {
    NumberFormat.fixed(x, 1).hasSuffix(".0") ? NumberFormat.fixed(x, 0) : NumberFormat.fixed(x, 1)
  }

  /// "SUPPLIER (7 d)" or "DC (1 d, 0.1/unit)": a source for the node tables.
  public static func phrase(_ source: Source, skuCount: Int) -> String {
    var parts = [days(source.meanLeadTimeDays) + " d"]
    if source.transportCostPerUnit > 0 { parts.append(NumberFormat.shortest(source.transportCostPerUnit) + "/unit") }
    if let c = source.capacityPerDay { parts.append("≤ \(c) units/day") }
    if source.lane == nil { parts.append("no lane") }
    if source.skuCount < skuCount { parts.append("\(source.skuCount) of \(skuCount) SKUs") }
    return "\(source.from) (\(parts.joined(separator: ", ")))"
  }
}
