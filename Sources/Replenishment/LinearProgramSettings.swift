/// How the rolling-horizon LP policy plans.
public struct LinearProgramSettings: Sendable, Equatable {
  /// Where the LP's demand comes from.
  public enum DemandSource: String, Sendable, Equatable {
    /// The demand model's expected daily demand: an oracle of the mean, for benchmarks and tests.
    case expected
    /// The policy's forecaster (`PolicySpecification.forecast`), fitted to observed demand only.
    case forecast
  }

  /// Days planned ahead at each review (shortened near the end of the run).
  public var horizonDays: Int
  /// Where demand comes from.
  public var demandSource: DemandSource
  /// Planned closing stock is kept at or above z·σ of demand over the protection interval, where
  /// z is this service level's normal quantile; nil plans on the mean alone.
  public var safetyServiceLevel: Double?
  /// The most money spent on purchases per day, over all SKUs.
  public var budgetPerDay: Double?
  /// The most units on hand over all SKUs at the close of any day.
  public var storageCapacity: Double?
  /// The smallest order of any SKU (needs binary order decisions).
  public var minimumOrderQuantity: Int?
  /// Model fixed order costs with binary order/no-order variables (a MIP).
  public var fixedOrderCosts: Bool
  /// Order whole units (integer variables); otherwise the first period's LP quantity is rounded.
  public var integerQuantities: Bool
  /// Branch-and-bound node limit per solve; the best plan found is used when it is reached.
  public var nodeLimit: Int

  /// Creates settings.
  public init(horizonDays: Int = 28, demandSource: DemandSource = .expected, safetyServiceLevel: Double? = nil,
              budgetPerDay: Double? = nil, storageCapacity: Double? = nil, minimumOrderQuantity: Int? = nil,
              fixedOrderCosts: Bool = false, integerQuantities: Bool = false, nodeLimit: Int = 2_000) {
    precondition(horizonDays >= 1, "LP horizon must be >= 1 day, got \(horizonDays)")
    self.horizonDays = horizonDays
    self.demandSource = demandSource
    self.safetyServiceLevel = safetyServiceLevel
    self.budgetPerDay = budgetPerDay
    self.storageCapacity = storageCapacity
    self.minimumOrderQuantity = minimumOrderQuantity
    self.fixedOrderCosts = fixedOrderCosts
    self.integerQuantities = integerQuantities
    self.nodeLimit = nodeLimit
  }

  /// True when the plan needs integer or binary variables.
  public var isMixedInteger: Bool { fixedOrderCosts || integerQuantities || minimumOrderQuantity != nil }
}
