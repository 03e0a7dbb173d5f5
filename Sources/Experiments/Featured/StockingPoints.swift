import Replenishment
import SupplyModel

/// Where the reports look in a daily trace: the trace's slots, which of them serve customers, and
/// which node the single-point charts feature.
///
/// Every trace has one slot per stocking point (per SKU for a single warehouse, a one-node
/// network), `node × skuCount + sku` with nodes in scenario order; at internal nodes its
/// `demand` is the downstream orders received and `shipped` the units sent downstream, so
/// customer-service figures (stockouts, forecast showcases) read only the customer-facing slots.
public struct StockingPoints: Sendable, Equatable {
  /// SKUs per node.
  public let skuCount: Int
  /// Node ids in scenario order, for a network of several nodes; empty for one node (whose
  /// charts name SKUs only).
  public let nodeIDs: [String]
  /// Customer-facing nodes in scenario order, for a network of several nodes; empty for one node.
  public let customerFacingNodes: [Int]

  /// The layout of `network`'s traces.
  public init(network: SupplyNetwork) {
    skuCount = network.skus.count
    // A presentation choice: charts name nodes only when there are several.
    let topology = network.topology
    nodeIDs = network.hasSeveralNodes ? topology.nodes.map(\.id) : []
    customerFacingNodes = network.hasSeveralNodes ? topology.nodes.indices.filter(topology.isCustomerFacing) : []
  }

  /// True for a network of several nodes.
  public var hasSeveralNodes: Bool { !nodeIDs.isEmpty }

  /// The node whose stocking points the trajectory and forecast charts show: the first
  /// customer-facing node in scenario order (nil for one node). Its policy is the one
  /// `PolicyOutcome.policy` holds.
  public var featuredNode: Int? { customerFacingNodes.first }

  /// The trace slot of SKU `sku` at the featured node (the SKU itself for a single warehouse).
  public func featuredSlot(sku: Int) -> Int { slot(node: featuredNode, sku: sku) }

  /// The trace slot of SKU `sku` at `node` (nil: the single warehouse).
  public func slot(node: Int?, sku: Int) -> Int { (node ?? 0) * skuCount + sku }

  /// Slots where customers are served, in trace order: every slot for a single warehouse.
  public var customerFacingSlots: [Int] {
    guard hasSeveralNodes else { return Array(0..<skuCount) }
    return customerFacingNodes.flatMap { node in (0..<skuCount).map { slot(node: node, sku: $0) } }
  }

  /// The name of SKU `id` at the featured node: "SKU-001 at store-1", or just the id for a
  /// single warehouse.
  public func featuredLabel(sku id: String) -> String {
    guard let node = featuredNode else { return id }
    return "\(id) at \(nodeIDs[node])"
  }

  /// The parameters an outcome's policy had at the featured node (its only ones for a single
  /// warehouse).
  public func featuredParameters(of outcome: PolicyOutcome) -> PolicyParameters {
    guard let node = featuredNode, outcome.nodeParameters.indices.contains(node) else { return outcome.parameters }
    return outcome.nodeParameters[node]
  }
}
