import SupplyModel

/// The (s, S) min–max policy, reviewed every R days (R = 1: continuous review): at a review, if
/// the inventory position is at or below s, order up to S.
///
/// - SeeAlso: H. Scarf (1960), "The optimality of (S, s) policies in the dynamic inventory problem".
public struct MinMaxPolicy: SeparableReplenishmentPolicy {
  /// Report label.
  public var name: String
  /// Reorder level s per SKU.
  public var minimum: [Int]
  /// Order-up-to level S per SKU, S > s.
  public var maximum: [Int]
  /// Days between reviews, at least 1.
  public var reviewPeriod: Int

  /// Creates the policy; the arrays are indexed by SKU.
  public init(name: String = "(s,S)", minimum: [Int], maximum: [Int], reviewPeriod: Int = 1) {
    precondition(minimum.count == maximum.count, "(s,S): \(minimum.count) minimums, \(maximum.count) maximums")
    precondition(zip(minimum, maximum).allSatisfy { $0 < $1 }, "(s,S): every S must exceed its s")
    precondition(reviewPeriod >= 1, "(s,S): review period must be >= 1, got \(reviewPeriod)")
    self.name = name
    self.minimum = minimum
    self.maximum = maximum
    self.reviewPeriod = reviewPeriod
  }

  /// On review days, orders S − position where the position is at or below s.
  public mutating func decide(_ state: InventoryState, day: Int, orders: inout [Int]) {
    guard day % reviewPeriod == 0 else { return }
    for k in 0..<state.skuCount {
      let position = state.onHand[k] + state.onOrder[k] - state.backordered[k]
      if position <= minimum[k] { orders[k] = maximum[k] - position }
    }
  }

  /// The same policy for the SKUs in `range` only.
  /// s and S per SKU.
  public var parameters: PolicyParameters {
    PolicyParameters([.init(name: PolicyParameters.reorderPoint, units: minimum), .init(name: PolicyParameters.orderUpTo, units: maximum)])
  }

  public func restricted(to range: Range<Int>) -> MinMaxPolicy {
    MinMaxPolicy(name: name, minimum: Array(minimum[range]), maximum: Array(maximum[range]), reviewPeriod: reviewPeriod)
  }
}
