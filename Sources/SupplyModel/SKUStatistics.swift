/// Running totals per SKU over the measured days (after warm-up): the raw material of the KPIs.
///
/// Everything is an exact integer count or sum, so totals do not depend on summation order and
/// shards merge by concatenation.
public struct SKUStatistics: Sendable, Equatable {
  /// Days counted.
  public var days: Int = 0
  /// Units demanded.
  public var demand: Int = 0
  /// Units of demand met from stock on the day they were asked for.
  public var filledFromStock: Int = 0
  /// Backordered units later served from receipts.
  public var backordersServed: Int = 0
  /// Units not met from stock on the day (backordered or lost).
  public var unitsShort: Int = 0
  /// Units lost (lost-sales SKUs only).
  public var unitsLost: Int = 0
  /// Days with some demand not met from stock.
  public var stockoutDays: Int = 0
  /// Sum over days of closing on-hand units.
  public var onHandSum: Int = 0
  /// Sum over days of closing backordered units.
  public var backorderSum: Int = 0
  /// Sum over days of closing on-order units (at the supplier or in transit).
  public var onOrderSum: Int = 0
  /// Orders placed.
  public var orders: Int = 0
  /// Units ordered.
  public var unitsOrdered: Int = 0
  /// Units received.
  public var unitsReceived: Int = 0
  /// Units ordered that never arrived (a supplier's yield loss).
  public var unitsLostInTransit: Int = 0
  /// Replenishment cycles completed (a cycle ends at each receipt).
  public var cycles: Int = 0
  /// Cycles during which some demand was not met from stock.
  public var cyclesWithStockout: Int = 0
  /// Inventory position (on hand + on order − backordered) when measurement started; in a
  /// multi-echelon network the echelon position (the point's own plus everything it supplies).
  public var openingPosition: Int = 0
  /// Inventory position at the close of the last day.
  public var closingPosition: Int = 0

  /// Creates empty totals.
  public init() {}

  /// Units shipped to customers: met from stock plus backorders served later.
  public var unitsShipped: Int { filledFromStock + backordersServed }

  /// Adds another set of totals (for the same SKU over other days, or for totals across SKUs).
  public mutating func add(_ o: SKUStatistics) {
    days += o.days; demand += o.demand; filledFromStock += o.filledFromStock
    backordersServed += o.backordersServed; unitsShort += o.unitsShort; unitsLost += o.unitsLost
    stockoutDays += o.stockoutDays; onHandSum += o.onHandSum; backorderSum += o.backorderSum
    onOrderSum += o.onOrderSum; orders += o.orders; unitsOrdered += o.unitsOrdered
    unitsReceived += o.unitsReceived; unitsLostInTransit += o.unitsLostInTransit; cycles += o.cycles; cyclesWithStockout += o.cyclesWithStockout
    openingPosition += o.openingPosition; closingPosition += o.closingPosition
  }

  /// Units bought for what flowed through the measured days: units ordered less the growth of
  /// the inventory position. Under backorders it equals demand; under lost sales, units sold.
  public var unitsPurchasedForFlow: Int { unitsOrdered - (closingPosition - openingPosition) }
}
