/// The expected holding and backorder cost of one day's closing stock, as a function of the
/// inventory position y an order raised it to L days earlier:
/// G(y) = h·E[(y − D)⁺] + b·E[(D − y)⁺], with D the demand of those L days.
///
/// Under SupplySim's day (receipts, demand, review, accrual on closing stock), an order placed at
/// the review of day t arrives before the demand of day t + L; every order placed by day t has
/// arrived by then and none placed later has, so day t + L closes with net stock y − D, D the
/// demand of days t + 1 … t + L. G is convex in y; its minimiser is the newsvendor level.
public struct ClosingCost: Sendable {
  /// Holding cost per unit-day.
  public let holding: Double
  /// Backorder cost per unit-day.
  public let backorder: Double
  /// The distribution of D.
  public let demand: DemandPMF
  /// E[D].
  public let meanDemand: Double
  /// E[(y − D)⁺] for y = 0…count (beyond, y − E[D]).
  let expectedOverage: [Double]

  /// Tabulates G for demand `demand` over the protection interval.
  public init(holding: Double, backorder: Double, demand: DemandPMF) {
    self.holding = holding
    self.backorder = backorder
    self.demand = demand
    meanDemand = demand.mean
    // E[(y + 1 − D)⁺] − E[(y − D)⁺] = P(D ≤ y).
    var overage = [0.0]
    overage.reserveCapacity(demand.count + 1)
    var cdf = 0.0
    for k in 0..<demand.count {
      cdf += demand.probabilities[k]
      overage.append(overage[k] + cdf)
    }
    expectedOverage = overage
  }

  /// E[(y − D)⁺].
  public func overage(_ y: Int) -> Double {
    if y <= 0 { return 0 }
    if y < expectedOverage.count { return expectedOverage[y] }
    return Double(y) - meanDemand
  }

  /// E[(D − y)⁺].
  public func shortage(_ y: Int) -> Double { meanDemand - Double(y) + overage(y) }

  /// G(y).
  public func callAsFunction(_ y: Int) -> Double { holding * overage(y) + backorder * shortage(y) }

  /// The smallest minimiser of G: the smallest y with P(D ≤ y) ≥ b/(b + h) (0 when b = 0).
  public var minimizer: Int {
    let ratio = backorder + holding > 0 ? backorder / (backorder + holding) : 0
    var cdf = 0.0
    for k in 0..<demand.count {
      cdf += demand.probabilities[k]
      if cdf >= ratio - 1e-15 { return k }
    }
    return demand.count - 1
  }
}
