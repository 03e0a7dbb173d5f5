/// The inventory of one stocking node, one slot per SKU: the hot state of a simulation.
///
/// A struct of arrays so that a policy's daily pass over all SKUs reads contiguous memory.
public struct InventoryState: Sendable, Equatable {
  /// Units on the shelf, index = SKU.
  public var onHand: [Int]
  /// Units ordered and not yet received (at the supplier or in transit).
  public var onOrder: [Int]
  /// Units of demand owed to customers (always 0 under lost sales).
  public var backordered: [Int]
  /// Shipments on their way, per SKU, by arrival day (earliest first): filled only for a
  /// policy whose `observesPipeline` is true, empty otherwise. Units ordered but not yet
  /// shipped (waiting at a supplier's or a lane's queue) are in `onOrder` but not here, as
  /// their arrival day is not known yet.
  public var inTransit: [[ScheduledReceipt]] = []

  /// Creates an empty state for `skuCount` SKUs.
  public init(skuCount: Int) {
    onHand = Array(repeating: 0, count: skuCount)
    onOrder = Array(repeating: 0, count: skuCount)
    backordered = Array(repeating: 0, count: skuCount)
  }

  /// Creates a state from its three arrays, which must have equal lengths.
  public init(onHand: [Int], onOrder: [Int], backordered: [Int]) {
    precondition(onHand.count == onOrder.count && onOrder.count == backordered.count,
                 "InventoryState arrays differ in length: \(onHand.count), \(onOrder.count), \(backordered.count)")
    self.onHand = onHand
    self.onOrder = onOrder
    self.backordered = backordered
  }

  /// The number of SKUs.
  @inlinable public var skuCount: Int { onHand.count }

  /// Inventory position of a SKU: on hand + on order - backordered.
  @inlinable
  public func position(_ sku: Int) -> Int { onHand[sku] + onOrder[sku] - backordered[sku] }
}

/// Units that will arrive on a known day.
public struct ScheduledReceipt: Sendable, Equatable {
  /// The day they are received (before that day's demand).
  public var day: Int
  /// Units.
  public var units: Int

  /// Creates a receipt.
  public init(day: Int, units: Int) {
    self.day = day
    self.units = units
  }
}
