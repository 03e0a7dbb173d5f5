import SupplyModel

/// One SKU's daily sales history, the input of `DemandFitter`.
///
/// Day `t` of the history is `quantities[t]`; `calendar` places day 0 in the week and the year
/// with the same conventions as the simulator (`SimulationCalendar`: weekday 0 = Monday, day of
/// a 365-day year 0 = 1 January), so fitted weekly and yearly factors plug into a `DemandProfile`
/// as they are.
public struct DemandHistory: Sendable, Equatable {
  /// Units sold per day, each >= 0.
  public var quantities: [Int]
  /// Per day, false when the SKU was out of stock or not on sale: that day's sales are only a
  /// lower bound of its demand (a censored observation). Empty means every day was available.
  public var available: [Bool]
  /// Per day, the selling price (> 0), or empty when unknown.
  public var price: [Double]
  /// Per day, true on promotion days, or empty when there were none.
  public var promotion: [Bool]
  /// Where day 0 falls in the week and the year.
  public var calendar: SimulationCalendar

  /// Creates a history; optional columns may be empty, the others must have one entry per day.
  public init(quantities: [Int], available: [Bool] = [], price: [Double] = [], promotion: [Bool] = [],
              calendar: SimulationCalendar = SimulationCalendar()) {
    precondition(available.isEmpty || available.count == quantities.count,
                 "DemandHistory: \(available.count) availability flags for \(quantities.count) days")
    precondition(price.isEmpty || price.count == quantities.count,
                 "DemandHistory: \(price.count) prices for \(quantities.count) days")
    precondition(promotion.isEmpty || promotion.count == quantities.count,
                 "DemandHistory: \(promotion.count) promotion flags for \(quantities.count) days")
    precondition(quantities.allSatisfy { $0 >= 0 }, "DemandHistory: quantities must be >= 0")
    precondition(price.allSatisfy { $0 > 0 && $0.isFinite }, "DemandHistory: prices must be finite and > 0")
    self.quantities = quantities
    self.available = available
    self.price = price
    self.promotion = promotion
    self.calendar = calendar
  }

  /// The number of days.
  public var count: Int { quantities.count }

  /// True when day `t`'s sales are its whole demand.
  @inlinable public func isAvailable(_ t: Int) -> Bool { available.isEmpty || available[t] }
}
