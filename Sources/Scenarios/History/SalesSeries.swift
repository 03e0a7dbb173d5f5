/// One SKU's (or one SKU at one node's) daily sales, dense from its first recorded date to its
/// last: day `i` of every array is `firstDate + i`. Days without a row inside that span hold zero
/// sales, available, no price and no promotion.
public struct SalesSeries: Sendable, Equatable {
  /// The SKU id (`sku` column).
  public var sku: String
  /// The node (`node` column), nil when the file has no node column or the cell is empty.
  public var node: String?
  /// The date of index 0.
  public var firstDate: CalendarDate
  /// Units sold per day (finite, >= 0).
  public var quantity: [Double]
  /// False when the item was out of stock that day (`available` = 0), so its sales are censored.
  public var available: [Bool]
  /// Price per unit; NaN when not given.
  public var price: [Double]
  /// 0 = no promotion; 1 = on promotion with unknown uplift; any other positive value = the
  /// promotion's uplift factor, as written in the `promotion` column.
  public var promotion: [Double]

  /// Creates a series (arrays of equal length).
  public init(sku: String, node: String?, firstDate: CalendarDate, quantity: [Double], available: [Bool], price: [Double], promotion: [Double]) {
    precondition(available.count == quantity.count && price.count == quantity.count && promotion.count == quantity.count, "one value per day in every column")
    self.sku = sku
    self.node = node
    self.firstDate = firstDate
    self.quantity = quantity
    self.available = available
    self.price = price
    self.promotion = promotion
  }

  /// The date after the last day.
  public var endDate: CalendarDate { firstDate.adding(days: quantity.count) }

  /// Quantities and availability of `count` days from `start`: days outside the series are zero
  /// sales, available (the history's rule for missing days).
  public func window(from start: CalendarDate, count: Int) -> (quantity: [Double], available: [Bool]) {
    var q = [Double](repeating: 0, count: count), a = [Bool](repeating: true, count: count)
    let offset = start.daysSinceEpoch - firstDate.daysSinceEpoch
    let lo = max(0, -offset), hi = min(count, quantity.count - offset)
    if lo < hi {
      for i in lo..<hi { q[i] = quantity[offset + i]; a[i] = available[offset + i] }
    }
    return (q, a)
  }
}
