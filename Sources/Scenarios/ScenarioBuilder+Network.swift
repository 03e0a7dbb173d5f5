import Replenishment
import SupplyModel

/// Checking and building the nodes and lanes of a multi-echelon scenario, and the per-node parts
/// of its policies.
extension ScenarioBuilder {
  static let nodeKinds = NodeKind.allCases.map(\.rawValue)
  static let allocationWords: [String: AllocationRule] = ["fcfs": .firstComeFirstServed, "fairShare": .fairShare, "priority": .priority]
  static let stockWords = ["installation", "echelon"]

  /// Checks `nodes` and `lanes` and builds the topology and the stock on day 0 of every
  /// stocking point; nil (with errors recorded) when something is wrong.
  mutating func topology(skus: [SKU], suppliers: [Supplier]) -> (topology: NetworkTopology, initialStock: [[Int]])? {
    guard let nodeSpecs = spec.nodes else { return nil }
    let before = validator.errors.count
    validator.require(spec.warehouse == nil, "warehouse", "does not apply to a network with nodes; name the nodes instead, and remove it")
    validator.require(!nodeSpecs.isEmpty, "nodes", "needs at least one node")
    let supplierIDs = suppliers.map(\.id), nodeIDs = nodeSpecs.map(\.id), skuIDs = skus.map(\.id)
    var nodes: [StockingNode] = []
    var nodePosition: [String: Int] = [:], supplierPosition: [String: Int] = [:]
    for (j, id) in supplierIDs.enumerated() where supplierPosition[id] == nil { supplierPosition[id] = j }
    for (i, n) in nodeSpecs.enumerated() {
      let path = "nodes[\(i)]"
      validator.require(!n.id.isEmpty, "\(path).id", "must not be empty")
      if let first = nodePosition[n.id] { validator.fail("\(path).id", "duplicate node id \"\(n.id)\" (also nodes[\(first)])") }
      else { nodePosition[n.id] = i }
      validator.require(supplierPosition[n.id] == nil, "\(path).id", "\"\(n.id)\" is also a supplier id; lanes name both, so use distinct ids")
      let kind = NodeKind(rawValue: n.kind)
      if kind == nil { validator.fail("\(path).kind", "unknown node kind \"\(n.kind)\"; \(suggestion(for: n.kind, among: Self.nodeKinds))") }
      validator.number(n.demandFactor, "\(path).demandFactor", min: 0, max: 1_000_000, required: false)
      if let p = n.priority { validator.number(Double(p), "\(path).priority", min: 0, max: 1_000) }
      validator.number(n.holdingCostFactor, "\(path).holdingCostFactor", min: 0, max: 1_000_000, required: false)
      validator.number(n.orderCostFactor, "\(path).orderCostFactor", min: 0, max: 1_000_000, required: false)
      validator.number(n.initialStockDays, "\(path).initialStockDays", min: 0, max: 3_650, required: false)
      var rule = AllocationRule.firstComeFirstServed
      if let word = n.allocation {
        if let r = Self.allocationWords[word] { rule = r }
        else { validator.fail("\(path).allocation", "unknown allocation rule \"\(word)\"; \(suggestion(for: word, among: Self.allocationWords.keys.sorted()))") }
      }
      nodes.append(StockingNode(id: n.id, kind: kind ?? .store, demandFactor: n.demandFactor ?? 1, priority: n.priority ?? 1, allocation: rule,
                                holdingCostFactor: n.holdingCostFactor ?? 1, orderCostFactor: n.orderCostFactor ?? 1))
    }

    var lanes: [Lane] = []
    var nodeSource: [[Int?]] = Array(repeating: Array(repeating: nil, count: skus.count), count: nodes.count)
    for (i, l) in (spec.lanes ?? []).enumerated() {
      let path = "lanes[\(i)]"
      let destination = nodePosition[l.to]
      if destination == nil { validator.fail("\(path).to", "no node has id \"\(l.to)\"; \(suggestion(for: l.to, among: nodeIDs))") }
      var origin: LaneOrigin?
      if let m = nodePosition[l.from] { origin = .node(m) }
      else if let j = supplierPosition[l.from] { origin = .supplier(j) }
      else { validator.fail("\(path).from", "no node or supplier has id \"\(l.from)\"; \(suggestion(for: l.from, among: nodeIDs + supplierIDs))") }
      if l.from == l.to { validator.fail("\(path).to", "a lane cannot lead from a node to itself") }
      var lead: LeadTimeModel?
      if let s = l.leadTime { lead = leadTime(s, path: "\(path).leadTime") }
      else if origin?.isNode == true { validator.fail("\(path).leadTime", "is required on a lane between nodes") }
      validator.number(l.transportCostPerUnit, "\(path).transportCostPerUnit", min: 0, max: Self.maximumCostRate, required: false)
      if let c = l.capacityPerDay { validator.number(Double(c), "\(path).capacityPerDay", min: 1, max: Double(StockQuantity.maximum)) }
      var carried: [Int]?
      if let ids = l.skus {
        carried = []
        for (j, id) in ids.enumerated() {
          if let k = skuPosition[id] { carried!.append(k) }
          else { validator.fail("\(path).skus[\(j)]", "no SKU has id \"\(id)\"; \(suggestion(for: id, among: skuIDs))") }
        }
      }
      guard let origin, let destination else { continue }
      if case .node = origin {
        for k in skus.indices where carried?.contains(k) ?? true {
          if let other = nodeSource[destination][k] {
            validator.fail(path, "SKU \"\(skuIDs[k])\" already reaches node \"\(l.to)\" over lanes[\(other)]; each SKU has one source per node (restrict a lane with \"skus\")")
            break
          }
          nodeSource[destination][k] = i
        }
      }
      lanes.append(Lane(origin: origin, destination: destination, leadTime: lead, transportCostPerUnit: l.transportCostPerUnit ?? 0,
                        capacityPerDay: l.capacityPerDay, skus: carried))
    }
    guard validator.errors.count == before else { return nil }
    let children = NetworkTopology.children(nodeCount: nodes.count, lanes: lanes)
    guard NetworkTopology.downstreamFirstOrder(nodeCount: nodes.count, children: children) != nil else {
      validator.fail("lanes", "the lanes between nodes form a cycle; stock must flow one way, from suppliers towards customers")
      return nil
    }
    let topology = NetworkTopology(nodes: nodes, lanes: lanes, skuSuppliers: skus.map(\.supplierIndex))

    // Day-0 stock: the point's mean demand over its inbound lead time plus 14 days (or the node's
    // initialStockDays), as for a single warehouse.
    let probe = SupplyNetwork(name: spec.name, suppliers: suppliers, skus: skus, topology: topology,
                              initialStock: Array(repeating: Array(repeating: 0, count: skus.count), count: nodes.count),
                              horizonDays: max(spec.horizonDays, 1), warmUpDays: 0, seed: spec.seed)
    let initial = nodes.indices.map { node in
      skus.indices.map { k in
        let mean = skus[k].demand.profile.base * topology.demandMultiple(ofNode: node, sku: k)
        let days = spec.nodes![node].initialStockDays ?? (probe.leadTime(ofNode: node, sku: k).mean + 14)
        return max(0, Int((mean * days).rounded()))
      }
    }
    return (topology, initial)
  }
}
