/// `nodes[i]`: a stocking node of a multi-echelon network.
public struct NodeSpec: Decodable, Sendable, Equatable {
  /// Identifier lanes and policies refer to.
  public var id: String
  /// "distributionCenter", "warehouse" or "store".
  public var kind: String
  /// Customer-facing nodes see each SKU's demand × this factor (default 1).
  public var demandFactor: Double?
  /// Customer class when its source is short: 1 (default) is served before 2 under "priority".
  public var priority: Int?
  /// How it shares scarce stock among the nodes it supplies: "fcfs" (default), "fairShare", "priority".
  public var allocation: String?
  /// Multiplies SKUs' holding cost here (default 1).
  public var holdingCostFactor: Double?
  /// Multiplies SKUs' fixed order cost for orders placed here (default 1).
  public var orderCostFactor: Double?
  /// Stock on day 0 as days of the node's mean demand (default: its inbound lead time + 14 days).
  public var initialStockDays: Double?
}

/// `lanes[i]`: transport into a node from a supplier or another node.
public struct LaneSpec: Decodable, Sendable, Equatable {
  /// A supplier id or a node id.
  public var from: String
  /// A node id.
  public var to: String
  /// Transit time (required between nodes; from a supplier, default the supplier's lead time).
  public var leadTime: LeadTimeSpec?
  /// Cost per unit shipped, charged to the receiving node (default 0).
  public var transportCostPerUnit: Double?
  /// Units per day over all SKUs (absent: unlimited).
  public var capacityPerDay: Int?
  /// SKU ids it carries (absent: all).
  public var skus: [String]?
}
