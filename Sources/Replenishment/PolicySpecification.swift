import SupplyModel

/// Which member of the reorder-point family a policy is.
public enum PolicyFamily: String, Sendable, Equatable, CaseIterable, Codable {
  /// (s, Q): continuous review, fixed order quantity.
  case sQ
  /// (s, S): min–max, reviewed every R days (R = 1 by default).
  case sS
  /// (R, S): periodic order-up-to.
  case RS
  /// Base-stock: order-up-to every day.
  case baseStock
  /// Rolling-horizon linear programming (model predictive control).
  case lp
}

/// How the stock level (s for reorder-point policies, S for order-up-to ones) is set.
public enum StockTarget: Sendable, Equatable {
  /// The probability of no stockout over the protection interval (cycle service level, α).
  case cycleServiceLevel(Double)
  /// The share of demand met from stock (β), via the expected shortage per cycle.
  case fillRate(Double)
  /// The newsvendor critical ratio b/(b+h) (lost sales: p/(p+h)), which minimises expected
  /// holding plus shortage cost for the base-stock model.
  case costOptimal
}

/// How order quantities are sized.
public enum LotSizing: Sendable, Equatable {
  /// The economic order quantity √(2Kμ/h).
  case eoq
  /// A fixed number of units.
  case units(Int)
  /// A number of days of mean demand.
  case daysOfSupply(Double)
}

/// Explicit levels for one SKU that override the planned ones.
public struct PolicyOverride: Sendable, Equatable {
  /// Index of the SKU.
  public var sku: Int
  /// Reorder point s.
  public var reorderPoint: Int?
  /// Order-up-to level S.
  public var orderUpTo: Int?
  /// Order quantity Q.
  public var orderQuantity: Int?

  /// Creates an override.
  public init(sku: Int, reorderPoint: Int? = nil, orderUpTo: Int? = nil, orderQuantity: Int? = nil) {
    self.sku = sku
    self.reorderPoint = reorderPoint
    self.orderUpTo = orderUpTo
    self.orderQuantity = orderQuantity
  }
}

/// A built-in policy as a scenario states it: its family, target, lot sizing and review period.
/// The types `sQ`, `sS`, `RS`, `baseStock` and `lp` of the policy registry read into it.
public struct PolicySpecification: Sendable, Equatable {
  /// Report label.
  public var name: String
  /// The family.
  public var family: PolicyFamily
  /// How s or S is set.
  public var target: StockTarget
  /// How Q (and S − s for min–max) is sized.
  public var lotSizing: LotSizing
  /// Days between reviews (1 = continuous review; ignored by (s,Q) and base-stock).
  public var reviewPeriod: Int
  /// Per-SKU explicit levels.
  public var overrides: [PolicyOverride]
  /// When set, levels follow this forecaster's forecasts instead of the demand model.
  public var forecast: ForecastSettings?
  /// The LP policy's settings (family `.lp` only).
  public var linearProgram: LinearProgramSettings?
  /// A planning error injected on purpose by the power study of the CI gate; nil (the only value
  /// a scenario can give) plans correctly.
  package var perturbation: PlanningPerturbation?
  /// Creates a specification.
  public init(name: String, family: PolicyFamily, target: StockTarget, lotSizing: LotSizing = .eoq, reviewPeriod: Int = 1, overrides: [PolicyOverride] = [], forecast: ForecastSettings? = nil, linearProgram: LinearProgramSettings? = nil) {
    self.forecast = forecast
    self.linearProgram = linearProgram
    self.name = name
    self.family = family
    self.target = target
    self.lotSizing = lotSizing
    self.reviewPeriod = reviewPeriod
    self.overrides = overrides
  }

  /// The review period the family actually uses.
  public var effectiveReviewPeriod: Int {
    switch family {
    case .sQ, .baseStock: 1
    case .sS, .RS, .lp: reviewPeriod
    }
  }
}
