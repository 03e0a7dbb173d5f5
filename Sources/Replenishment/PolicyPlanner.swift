import Stochastics
import SupplyModel

/// Sets the levels of a reorder-point-family policy for every SKU from planning data.
///
/// Demand over the protection interval is exactly Poisson when `PlanningData.exactPoisson`
/// holds, and otherwise approximated as normal with the mean and variance of
/// `PlanningData.protectionDemand` (random lead times included).
///
/// - SeeAlso: Silver, Pyke & Thomas (2017), ch. 6–7, for the normal loss-function method.
public enum PolicyPlanner {
  /// Plans `spec` for every SKU.
  ///
  /// - Returns: A ready policy covering all SKUs in `data` order.
  public static func plan(_ spec: PolicySpecification, data: [PlanningData]) -> PlannedPolicy {
    let review = spec.effectiveReviewPeriod
    var s = [Int](), big = [Int](), q = [Int]()
    for d in data {
      let lot = lotSize(spec.lotSizing, data: d)
      switch spec.family {
      case .sQ:
        s.append(level(spec.target, data: d, reviewPeriod: 1, cycleDemand: Double(lot)))
        q.append(lot)
      case .sS:
        let reorder = level(spec.target, data: d, reviewPeriod: review, cycleDemand: Double(lot))
        s.append(reorder)
        big.append(reorder + lot)
      case .RS, .baseStock, .lp:
        let cycle = d.meanPerDay * Double(review)
        big.append(max(0, level(spec.target, data: d, reviewPeriod: review, cycleDemand: cycle)))
      }
    }
    for o in spec.overrides {
      if let v = o.reorderPoint, o.sku < s.count { s[o.sku] = v }
      if let v = o.orderQuantity, o.sku < q.count { q[o.sku] = v }
      if let v = o.orderUpTo, o.sku < big.count { big[o.sku] = v }
    }
    switch spec.family {
    case .sQ: return .reorderPoint(ReorderPointPolicy(name: spec.name, reorderPoint: s, orderQuantity: q))
    case .sS:
      for k in big.indices where big[k] <= s[k] { big[k] = s[k] + 1 }
      return .minMax(MinMaxPolicy(name: spec.name, minimum: s, maximum: big, reviewPeriod: review))
    case .RS, .baseStock, .lp: return .orderUpTo(OrderUpToPolicy(name: spec.name, level: big, reviewPeriod: review))
    }
  }

  /// The order quantity for a SKU, at least 1 unit.
  public static func lotSize(_ rule: LotSizing, data d: PlanningData) -> Int {
    switch rule {
    case let .units(n): return max(1, n)
    case let .daysOfSupply(days): return max(1, Int((d.meanPerDay * days).rounded()))
    case .eoq:
      let h = d.costs.holdingCostPerUnitDay
      guard h > 0, d.meanPerDay > 0 else { return max(1, Int((d.meanPerDay * 30).rounded())) }
      return max(1, Int((2 * d.costs.orderCost * d.meanPerDay / h).squareRoot().rounded()))
    }
  }

  /// The stock level (s, or S for order-up-to) meeting `target` over the protection interval.
  ///
  /// - Parameter cycleDemand: Mean demand between orders (Q, or μR), for the fill-rate target.
  public static func level(_ target: StockTarget, data d: PlanningData, reviewPeriod: Int, cycleDemand: Double) -> Int {
    let (mean, variance) = d.protectionDemand(reviewPeriod: reviewPeriod)
    let sd = variance.squareRoot()
    switch target {
    case let .cycleServiceLevel(alpha):
      return quantile(alpha, mean: mean, sd: sd, exactPoisson: d.exactPoisson)
    case .costOptimal:
      let h = d.costs.holdingCostPerUnitDay
      let b = d.unmetDemand == .backorder ? d.costs.backorderCostPerUnitDay : d.costs.lostSalePenaltyPerUnit
      let ratio = b + h > 0 ? b / (b + h) : 0.5
      return quantile(min(max(ratio, 1e-9), 1 - 1e-9), mean: mean, sd: sd, exactPoisson: d.exactPoisson)
    case let .fillRate(beta):
      let allowed = (1 - beta) * max(cycleDemand, 1e-9)
      return smallestLevel(withExpectedShortageAtMost: allowed, mean: mean, sd: sd, exactPoisson: d.exactPoisson)
    }
  }

  /// The smallest integer level with P(D ≤ level) ≥ p.
  static func quantile(_ p: Double, mean: Double, sd: Double, exactPoisson: Bool) -> Int {
    if mean <= 0 { return 0 }
    if exactPoisson { return Poisson(mean: mean).quantile(p) }
    if sd <= 0 { return Int(mean.rounded(.up)) }
    return Int((mean + sd * Normal(mean: 0, standardDeviation: 1).quantile(p)).rounded(.up))
  }

  /// The smallest level s ≥ 0 with E[(D − s)⁺] ≤ allowed.
  static func smallestLevel(withExpectedShortageAtMost allowed: Double, mean: Double, sd: Double, exactPoisson: Bool) -> Int {
    if mean <= 0 { return 0 }
    let shortage: (Int) -> Double
    if exactPoisson {
      let poisson = Poisson(mean: mean)
      shortage = { s in
        // E[(D-s)+] = mean - s + Σ_{d<=s} (s-d) p(d)
        var below = 0.0
        for d in 0...max(s, 0) { below += Double(s - d) * poisson.probability(d) }
        return max(0, mean - Double(s) + below)
      }
    } else if sd > 0 {
      let standard = Normal(mean: 0, standardDeviation: 1)
      shortage = { s in
        let z = (Double(s) - mean) / sd
        return sd * (standard.density(z) - z * (1 - standard.cdf(z)))
      }
    } else {
      shortage = { s in max(0, mean - Double(s)) }
    }
    var lo = 0, hi = Int((mean + 12 * max(sd, 1)).rounded(.up)) + 1
    if shortage(lo) <= allowed { return 0 }
    while hi - lo > 1 {
      let mid = (lo + hi) / 2
      if shortage(mid) <= allowed { hi = mid } else { lo = mid }
    }
    return hi
  }
}
