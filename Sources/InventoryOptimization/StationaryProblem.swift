/// A single stocking point under stationary demand with backorders, in SupplySim's day: the
/// data the exact optimisers need.
public struct StationaryProblem: Sendable {
  /// One day's demand.
  public let dailyDemand: DemandPMF
  /// Days from an order's review to the demand it first serves (SupplySim's lead time, ≥ 1).
  public let leadDays: Int
  /// Holding cost per unit-day on closing stock.
  public let holding: Double
  /// Backorder cost per unit-day on closing backorders.
  public let backorder: Double
  /// Fixed cost per order.
  public let orderCost: Double

  /// The largest lead time the exact methods take.
  public static let leadDayRange = 1...3650

  /// Checks and stores a problem.
  ///
  /// - Throws: `OptimizationError` for a negative or non-finite cost, a lead time outside
  ///   `leadDayRange`, or demand with mean 0.
  public init(dailyDemand: DemandPMF, leadDays: Int, holding: Double, backorder: Double, orderCost: Double) throws(OptimizationError) {
    try OptimizationError.checkCosts([("holding cost", holding), ("backorder cost", backorder), ("order cost", orderCost)])
    guard Self.leadDayRange.contains(leadDays) else { throw .invalidPeriod(name: "lead time", value: leadDays, range: Self.leadDayRange) }
    guard dailyDemand.mean > 0 else { throw .degenerateDemand("has mean 0; there is nothing to optimise") }
    self.dailyDemand = dailyDemand
    self.leadDays = leadDays
    self.holding = holding
    self.backorder = backorder
    self.orderCost = orderCost
  }

  /// G over the lead time: the expected closing-stock cost L days after raising the position to y.
  public func closingCost() throws(OptimizationError) -> ClosingCost {
    ClosingCost(holding: holding, backorder: backorder, demand: try dailyDemand.convolved(days: leadDays))
  }
}

/// An optimal policy's levels and its long-run cost per day (holding, backorder and ordering;
/// purchase cost is the same for every policy under backorders and is left out).
public struct OptimalLevels: Sendable, Equatable {
  /// The reorder point s: order when the position is at or below it (nil for base-stock).
  public var reorderPoint: Int?
  /// The order-up-to level S (nil for (s, Q)).
  public var orderUpTo: Int?
  /// The lot size Q of an (s, nQ) policy (nil otherwise).
  public var orderQuantity: Int?
  /// Expected cost per day in steady state.
  public var costPerDay: Double
}
