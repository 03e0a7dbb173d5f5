import SupplyModel

/// The (s, Q) policy under continuous (daily) review: when the inventory position is at or below
/// the reorder point s, order the smallest multiple of Q that lifts it above s.
///
/// - SeeAlso: E. Silver, D. Pyke, D. Thomas (2017), *Inventory and Production Management in
///   Supply Chains*, 4th ed., ch. 6.
public struct ReorderPointPolicy: SeparableReplenishmentPolicy {
  /// Report label.
  public var name: String
  /// Reorder point per SKU.
  public var reorderPoint: [Int]
  /// Order quantity per SKU, at least 1.
  public var orderQuantity: [Int]

  /// Creates the policy; the arrays are indexed by SKU.
  public init(name: String = "(s,Q)", reorderPoint: [Int], orderQuantity: [Int]) {
    precondition(reorderPoint.count == orderQuantity.count, "(s,Q): \(reorderPoint.count) reorder points, \(orderQuantity.count) quantities")
    precondition(orderQuantity.allSatisfy { $0 >= 1 }, "(s,Q): order quantities must be >= 1, got \(orderQuantity.min() ?? 0)")
    self.name = name
    self.reorderPoint = reorderPoint
    self.orderQuantity = orderQuantity
  }

  /// Orders n·Q with the smallest n that lifts the position above s.
  public mutating func decide(_ state: InventoryState, day: Int, orders: inout [Int]) {
    for k in 0..<state.skuCount {
      let position = state.onHand[k] + state.onOrder[k] - state.backordered[k]
      let s = reorderPoint[k]
      if position <= s {
        let q = orderQuantity[k]
        orders[k] = ((s - position) / q + 1) * q
      }
    }
  }

  /// The same policy for the SKUs in `range` only.
  /// s and Q per SKU.
  public var parameters: PolicyParameters {
    PolicyParameters([.init(name: PolicyParameters.reorderPoint, units: reorderPoint), .init(name: PolicyParameters.orderQuantity, units: orderQuantity)])
  }

  public func restricted(to range: Range<Int>) -> ReorderPointPolicy {
    ReorderPointPolicy(name: name, reorderPoint: Array(reorderPoint[range]), orderQuantity: Array(orderQuantity[range]))
  }
}
