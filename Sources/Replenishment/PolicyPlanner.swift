import Stochastics
import SupplyModel

/// Sets the levels of a reorder-point-family policy for every SKU from planning data.
///
/// Demand over the protection interval is exactly Poisson when `PlanningData.exactPoisson`
/// holds, and otherwise approximated as normal with the mean and variance of
/// `PlanningData.protectionDemand` (random lead times included). Every level and lot size is
/// computed in floating point and converted by `PolicyPlanner.units(_:)`, which saturates at
/// `StockQuantity.maximum`: a scenario that `validate` accepts never reaches it (see `audit`),
/// and forecast-driven plans, whose inputs are forecasts, are capped there rather than trapping.
///
/// - SeeAlso: Silver, Pyke & Thomas (2017), ch. 6–7, for the normal loss-function method.
public enum PolicyPlanner {
  /// Plans `spec` for every SKU.
  ///
  /// - Returns: A ready policy covering all SKUs in `data` order.
  public static func plan(_ spec: PolicySpecification, data: [PlanningData]) -> PlannedPolicy {
    let review = spec.effectiveReviewPeriod
    let injected = spec.perturbation.flatMap { $0.applies(to: spec) ? $0 : nil }
    var lotScale = 1.0, safetyScale = 1.0, offset = 0
    switch injected {
    case let .lotSizeScale(f): lotScale = f
    case let .safetyStockScale(f): safetyScale = f
    case let .levelOffset(units): offset = units
    default: break
    }
    /// The level in whole units, with any injected safety-stock error and offset.
    func planned(_ d: PlanningData, reviewPeriod: Int, cycleDemand: Double) -> Int {
      var x = level(spec.target, data: d, reviewPeriod: reviewPeriod, cycleDemand: cycleDemand)
      if safetyScale != 1 {
        let mean = d.protectionDemand(reviewPeriod: reviewPeriod).mean
        x = mean + safetyScale * (x - mean)
      }
      let u = units(x)
      return offset == 0 ? u : min(max(u + offset, -StockQuantity.maximum), StockQuantity.maximum)
    }
    var s = [Int](), big = [Int](), q = [Int]()
    for d in data {
      let lot = units(lotSize(spec.lotSizing, data: d) * lotScale)
      switch spec.family {
      case .sQ:
        s.append(planned(d, reviewPeriod: 1, cycleDemand: Double(lot)))
        q.append(lot)
      case .sS:
        let reorder = planned(d, reviewPeriod: review, cycleDemand: Double(lot))
        s.append(reorder)
        big.append(min(reorder + lot, StockQuantity.maximum))
      case .RS, .baseStock, .lp:
        let cycle = d.meanPerDay * Double(review)
        big.append(max(0, planned(d, reviewPeriod: review, cycleDemand: cycle)))
      }
    }
    for o in spec.overrides {
      if let v = o.reorderPoint, o.sku < s.count { s[o.sku] = v }
      if let v = o.orderQuantity, o.sku < q.count { q[o.sku] = v }
      if let v = o.orderUpTo, o.sku < big.count { big[o.sku] = v }
    }
    let executed = injected?.executedReviewPeriod(planned: review) ?? review
    switch spec.family {
    case .sQ: return .reorderPoint(ReorderPointPolicy(name: spec.name, reorderPoint: s, orderQuantity: q))
    case .sS:
      for k in big.indices where big[k] <= s[k] { big[k] = s[k] + 1 }
      return .minMax(MinMaxPolicy(name: spec.name, minimum: s, maximum: big, reviewPeriod: executed))
    case .RS, .baseStock, .lp: return .orderUpTo(OrderUpToPolicy(name: spec.name, level: big, reviewPeriod: executed))
    }
  }

  /// A planned quantity in whole units: rounded up, and saturated at ±`StockQuantity.maximum`
  /// (NaN counts as 0). `audit` reports every plan that would reach the bound.
  public static func units(_ x: Double) -> Int {
    guard x == x else { return 0 }
    let bound = Double(StockQuantity.maximum)
    return Int(min(max(x.rounded(.up), -bound), bound))
  }

  /// The order quantity for a SKU in units (at least 1), before rounding to whole units.
  public static func lotSize(_ rule: LotSizing, data d: PlanningData) -> Double {
    switch rule {
    case let .units(n): return Double(max(1, n))
    case let .daysOfSupply(days): return max(1, (d.meanPerDay * days).rounded())
    case .eoq:
      let h = d.costs.holdingCostPerUnitDay
      guard h > 0, d.meanPerDay > 0 else { return max(1, (d.meanPerDay * 30).rounded()) }
      return max(1, (2 * d.costs.orderCost * d.meanPerDay / h).squareRoot().rounded())
    }
  }

  /// The stock level (s, or S for order-up-to) meeting `target` over the protection interval,
  /// before conversion to whole units (`units(_:)`); it may be infinite for absurd inputs.
  ///
  /// - Parameter cycleDemand: Mean demand between orders (Q, or μR), for the fill-rate target.
  public static func level(_ target: StockTarget, data d: PlanningData, reviewPeriod: Int, cycleDemand: Double) -> Double {
    let (mean, variance) = d.protectionDemand(reviewPeriod: reviewPeriod)
    let sd = variance.squareRoot()
    switch target {
    case let .cycleServiceLevel(alpha):
      return quantile(alpha, mean: mean, sd: sd, exactPoisson: d.exactPoisson)
    case .costOptimal:
      return quantile(criticalRatio(d), mean: mean, sd: sd, exactPoisson: d.exactPoisson)
    case let .fillRate(beta):
      let allowed = (1 - beta) * max(cycleDemand, 1e-9)
      return smallestLevel(withExpectedShortageAtMost: allowed, mean: mean, sd: sd, exactPoisson: d.exactPoisson)
    }
  }

  /// The newsvendor ratio b/(b + h) of a SKU, kept inside (0, 1); 0.5 when both costs are 0.
  static func criticalRatio(_ d: PlanningData) -> Double {
    let h = d.costs.holdingCostPerUnitDay
    let b = shortageCost(d)
    let ratio = b + h > 0 ? b / (b + h) : 0.5
    return min(max(ratio, 1e-9), 1 - 1e-9)
  }

  /// The cost of a unit short: per day when backordered, once when lost.
  static func shortageCost(_ d: PlanningData) -> Double {
    d.unmetDemand == .backorder ? d.costs.backorderCostPerUnitDay : d.costs.lostSalePenaltyPerUnit
  }

  /// The smallest integer level with P(D ≤ level) ≥ p.
  ///
  /// - Complexity: O(log mean) CDF evaluations for exact Poisson demand; O(1) otherwise.
  static func quantile(_ p: Double, mean: Double, sd: Double, exactPoisson: Bool) -> Double {
    if mean <= 0 { return 0 }
    if exactPoisson, mean <= Poisson.maximumMean { return Double(Poisson(mean: mean).quantile(p)) }
    if sd <= 0 { return mean.rounded(.up) }
    return (mean + sd * Normal(mean: 0, standardDeviation: 1).quantile(p)).rounded(.up)
  }

  /// The smallest level s ≥ 0 with E[(D − s)⁺] ≤ allowed.
  ///
  /// For Poisson demand E[(D − s)⁺] = (λ − s)·P(D ≥ s) + s·P(D = s), which costs one incomplete
  /// gamma function per level, so the bisection takes O(log λ) evaluations whatever the mean.
  static func smallestLevel(withExpectedShortageAtMost allowed: Double, mean: Double, sd: Double, exactPoisson: Bool) -> Double {
    if mean <= 0 { return 0 }
    let shortage: (Double) -> Double
    if exactPoisson, mean <= Poisson.maximumMean {
      let poisson = Poisson(mean: mean)
      shortage = { s in
        if s <= 0 { return mean }
        let atLeast = SpecialFunctions.regularizedGammaP(s, mean)  // P(D ≥ s) = P(s, λ)
        return max(0, (mean - s) * atLeast + s * poisson.probability(Int(s)))
      }
    } else if sd > 0 {
      let standard = Normal(mean: 0, standardDeviation: 1)
      shortage = { s in
        let z = (s - mean) / sd
        return sd * (standard.density(z) - z * (1 - standard.cdf(z)))
      }
    } else {
      shortage = { s in max(0, mean - s) }
    }
    if shortage(0) <= allowed { return 0 }
    var lo = 0.0, hi = (mean + 12 * max(sd, 1)).rounded(.up) + 1
    guard hi.isFinite, hi < 0x1p62 else { return .infinity }
    while hi - lo > 1 {
      let mid = (lo + (hi - lo) / 2).rounded(.down)
      if shortage(mid) <= allowed { hi = mid } else { lo = mid }
    }
    return hi
  }
}
