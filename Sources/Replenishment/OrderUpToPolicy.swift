import SupplyModel

/// The periodic order-up-to (R, S) policy: every R days, order S − inventory position when
/// positive. With R = 1 it is the base-stock policy.
///
/// - SeeAlso: P. Zipkin (2000), *Foundations of Inventory Management*, ch. 6–7.
public struct OrderUpToPolicy: SeparableReplenishmentPolicy {
  /// Report label.
  public var name: String
  /// Order-up-to level S per SKU.
  public var level: [Int]
  /// Days between reviews, at least 1.
  public var reviewPeriod: Int

  /// Creates the policy; `level` is indexed by SKU.
  public init(name: String = "(R,S)", level: [Int], reviewPeriod: Int = 1) {
    precondition(reviewPeriod >= 1, "(R,S): review period must be >= 1, got \(reviewPeriod)")
    self.name = name
    self.level = level
    self.reviewPeriod = reviewPeriod
  }

  /// On review days, raises every position to S.
  public mutating func decide(_ state: InventoryState, day: Int, orders: inout [Int]) {
    guard day % reviewPeriod == 0 else { return }
    for k in 0..<state.skuCount {
      let position = state.onHand[k] + state.onOrder[k] - state.backordered[k]
      let gap = level[k] - position
      if gap > 0 { orders[k] = gap }
    }
  }

  /// The same policy for the SKUs in `range` only.
  /// S per SKU.
  public var parameters: PolicyParameters { PolicyParameters([.init(name: PolicyParameters.orderUpTo, units: level)]) }

  public func restricted(to range: Range<Int>) -> OrderUpToPolicy {
    OrderUpToPolicy(name: name, level: Array(level[range]), reviewPeriod: reviewPeriod)
  }
}
