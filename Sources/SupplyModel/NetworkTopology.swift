/// The shape of a network: stocking nodes and the lanes that connect them to each other and to
/// external suppliers (a single warehouse is one node and no lanes).
///
/// Every SKU is stocked at every node. Each (node, SKU) pair, a *stocking point*, has exactly one
/// source: the upstream node of the lane into the node that carries the SKU, or else the SKU's
/// supplier (over a supplier lane if one is given, with the supplier's lead time otherwise). The
/// lanes between nodes form an acyclic graph; nodes without outbound lanes are customer-facing and
/// see the SKUs' demand, scaled by their `demandFactor`.
///
/// Echelons are numbered from the customer: customer-facing nodes are echelon 1, and a node's
/// echelon is one more than the highest echelon of the nodes it supplies.
public struct NetworkTopology: Sendable, Equatable {
  /// Stocking nodes, in scenario order (reports list them in this order).
  public let nodes: [StockingNode]
  /// Lanes, in scenario order.
  public let lanes: [Lane]
  /// `sourceLane[node][sku]`: the index in `lanes` of the lane that brings the SKU to the node,
  /// or nil when it comes straight from the SKU's supplier with the supplier's lead time.
  public let sourceLane: [[Int?]]
  /// Nodes in processing order: by echelon, then scenario order, so every node comes after the
  /// nodes it supplies and customer-facing nodes come first.
  public let downstreamFirst: [Int]
  /// Echelon of each node (1 = customer-facing).
  public let echelon: [Int]
  /// Nodes each node supplies (for any SKU), in scenario order.
  public let children: [[Int]]

  /// Checks and indexes a topology.
  ///
  /// - Parameters:
  ///   - nodes: Stocking nodes; ids unique.
  ///   - lanes: Lanes; at most one lane from a node may carry a SKU into another node.
  ///   - skuSuppliers: The supplier index of every SKU.
  /// - Precondition: Lanes refer to existing nodes and suppliers, the node graph is acyclic, and
  ///   no SKU has two node sources at one node (`ScenarioBuilder` reports these as errors first).
  public init(nodes: [StockingNode], lanes: [Lane], skuSuppliers: [Int]) {
    precondition(!nodes.isEmpty, "a network needs at least one node")
    self.nodes = nodes
    self.lanes = lanes
    var source: [[Int?]] = Array(repeating: Array(repeating: nil, count: skuSuppliers.count), count: nodes.count)
    let childSets = Self.children(nodeCount: nodes.count, lanes: lanes)
    // Node lanes win over supplier lanes; each SKU takes at most one node lane into a node.
    for (l, lane) in lanes.enumerated() {
      precondition(nodes.indices.contains(lane.destination), "lane \(l): destination \(lane.destination) out of range")
      for k in skuSuppliers.indices where lane.carries(sku: k) {
        switch lane.origin {
        case .node:
          precondition(source[lane.destination][k].map { !lanes[$0].origin.isNode } ?? true,
                       "SKU \(k) has two node sources at node \(nodes[lane.destination].id)")
          source[lane.destination][k] = l
        case let .supplier(j):
          if j == skuSuppliers[k], source[lane.destination][k] == nil { source[lane.destination][k] = l }
        }
      }
    }
    self.sourceLane = source
    self.children = childSets.map { $0.sorted() }
    guard let order = Self.downstreamFirstOrder(nodeCount: nodes.count, children: childSets) else {
      preconditionFailure("the lanes between nodes form a cycle")
    }
    var level = Array(repeating: 1, count: nodes.count)
    for n in order { for c in childSets[n] { level[n] = max(level[n], level[c] + 1) } }
    self.echelon = level
    // By echelon, then scenario order: still downstream first, and customer-facing nodes lead.
    self.downstreamFirst = nodes.indices.sorted { (level[$0], $0) < (level[$1], $1) }
  }

  /// The nodes each node supplies, in lane order. Adjacency does not depend on which SKUs a lane
  /// carries, so a sub-network of some SKUs keeps every node's echelon and role.
  public static func children(nodeCount: Int, lanes: [Lane]) -> [[Int]] {
    var children: [[Int]] = Array(repeating: [], count: nodeCount)
    for lane in lanes {
      if case let .node(m) = lane.origin, !children[m].contains(lane.destination) { children[m].append(lane.destination) }
    }
    return children
  }

  /// A topological order with every node after all nodes it supplies, or nil if there is a cycle.
  /// (Kahn's algorithm on the reversed graph; the smallest ready index goes first.)
  public static func downstreamFirstOrder(nodeCount: Int, children: [[Int]]) -> [Int]? {
    var remaining = children.map(\.count)
    var parents: [[Int]] = Array(repeating: [], count: nodeCount)
    for (m, cs) in children.enumerated() { for c in cs { parents[c].append(m) } }
    var ready = (0..<nodeCount).filter { remaining[$0] == 0 }
    var order: [Int] = []
    while !ready.isEmpty {
      ready.sort(by: >)
      let n = ready.removeLast()
      order.append(n)
      for m in parents[n] {
        remaining[m] -= 1
        if remaining[m] == 0 { ready.append(m) }
      }
    }
    return order.count == nodeCount ? order : nil
  }

  /// True when the node supplies no other node, so it serves customer demand.
  public func isCustomerFacing(_ node: Int) -> Bool { children[node].isEmpty }

  /// The highest echelon.
  public var echelonCount: Int { echelon.max() ?? 1 }

  /// The upstream node of a stocking point, or nil when it buys from a supplier.
  public func parent(ofNode node: Int, sku: Int) -> Int? {
    guard let l = sourceLane[node][sku], case let .node(m) = lanes[l].origin else { return nil }
    return m
  }

  /// The customer-facing nodes a stocking point eventually supplies with the SKU, each once.
  public func customerNodes(below node: Int, sku: Int) -> [Int] {
    if isCustomerFacing(node) { return [node] }
    var found: [Int] = []
    for c in children[node] where parent(ofNode: c, sku: sku) == node {
      for leaf in customerNodes(below: c, sku: sku) where !found.contains(leaf) { found.append(leaf) }
    }
    return found.sorted()
  }

  /// The sum of demand factors of the customer-facing nodes a stocking point supplies: its mean
  /// demand as a multiple of the SKU's demand profile.
  public func demandMultiple(ofNode node: Int, sku: Int) -> Double {
    customerNodes(below: node, sku: sku).reduce(0) { $0 + nodes[$1].demandFactor }
  }
}

/// A stocking location: a distribution centre, a warehouse or a store.
public struct StockingNode: Sendable, Equatable {
  /// The namespace of the node's random-stream keys (see `namespacesStreams`).
  public var streamNamespace: String { namespacesStreams ? id : "" }
  /// The identifier scenarios and reports use.
  public var id: String
  /// What kind of location it is (for reports; behaviour follows the lanes).
  public var kind: NodeKind
  /// Customer-facing nodes see each SKU's demand × this factor.
  public var demandFactor: Double
  /// Customer class for allocation upstream: a lower number is served first under the priority rule.
  public var priority: Int
  /// How the node rations stock when it cannot fill all its downstream orders.
  public var allocation: AllocationRule
  /// Multiplies each SKU's holding cost at this node (upstream stock is often cheaper to hold).
  public var holdingCostFactor: Double
  /// Multiplies each SKU's fixed order cost for orders this node places.
  public var orderCostFactor: Double
  /// True when the node's random streams are keyed by (SKU id within node id); false for the
  /// node of a single-warehouse scenario, whose streams are keyed by SKU id alone (so its draws
  /// do not depend on the warehouse's name).
  public var namespacesStreams: Bool

  /// Creates a node.
  public init(id: String, kind: NodeKind, demandFactor: Double = 1, priority: Int = 1, allocation: AllocationRule = .firstComeFirstServed,
              holdingCostFactor: Double = 1, orderCostFactor: Double = 1, namespacesStreams: Bool = true) {
    self.namespacesStreams = namespacesStreams
    self.id = id
    self.kind = kind
    self.demandFactor = demandFactor
    self.priority = priority
    self.allocation = allocation
    self.holdingCostFactor = holdingCostFactor
    self.orderCostFactor = orderCostFactor
  }
}

/// The kind of a stocking node.
public enum NodeKind: String, Sendable, Equatable, CaseIterable {
  /// A distribution centre.
  case distributionCenter
  /// A warehouse.
  case warehouse
  /// A store.
  case store
}

/// How a node shares scarce stock among the orders of the nodes it supplies.
public enum AllocationRule: String, Sendable, Equatable, CaseIterable {
  /// Oldest order first; partial shipments allowed.
  case firstComeFirstServed
  /// Every open order gets the same share of what it asked for (largest remainders break ties,
  /// then the older order).
  case fairShare
  /// Orders of nodes with a lower `priority` number first, oldest first within a class.
  case priority
}

/// A transport link into a node, from another node or from an external supplier.
public struct Lane: Sendable, Equatable {
  /// Where shipments leave from.
  public var origin: LaneOrigin
  /// The receiving node (index in `NetworkTopology.nodes`).
  public var destination: Int
  /// Transit time of each shipment; nil on a supplier lane means the supplier's lead time.
  public var leadTime: LeadTimeModel?
  /// Cost per unit shipped over the lane, charged to the receiving node.
  public var transportCostPerUnit: Double
  /// Units the lane can move per day over all SKUs; nil means unlimited. Shipments beyond it wait,
  /// first come first served, and leave in parts.
  public var capacityPerDay: Int?
  /// SKU indices the lane carries; nil means all.
  public var skus: [Int]?

  /// Creates a lane.
  public init(origin: LaneOrigin, destination: Int, leadTime: LeadTimeModel?, transportCostPerUnit: Double = 0, capacityPerDay: Int? = nil, skus: [Int]? = nil) {
    self.origin = origin
    self.destination = destination
    self.leadTime = leadTime
    self.transportCostPerUnit = transportCostPerUnit
    self.capacityPerDay = capacityPerDay
    self.skus = skus
  }

  /// True when the lane carries SKU `k`.
  public func carries(sku k: Int) -> Bool { skus?.contains(k) ?? true }
}

/// The origin of a lane.
public enum LaneOrigin: Sendable, Equatable {
  /// An external supplier (index in `SupplyNetwork.suppliers`).
  case supplier(Int)
  /// A stocking node (index in `NetworkTopology.nodes`).
  case node(Int)

  /// True for a node origin.
  public var isNode: Bool {
    if case .node = self { return true }
    return false
  }
}
