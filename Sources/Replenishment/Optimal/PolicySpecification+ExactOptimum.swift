import InventoryOptimization
import SupplyModel

/// The best levels of one SKU for a reorder-point-family policy, with how they were found.
public struct TunedLevels: Sendable, Equatable {
  /// The levels, as an override of the policy's plan.
  public var levels: PolicyOverride
  /// The expected cost per day at these levels when computed exactly (holding, shortage,
  /// ordering and purchase); nil when found by simulation.
  public var exactCostPerDay: Double?

  /// Creates levels.
  public init(levels: PolicyOverride, exactCostPerDay: Double?) {
    self.levels = levels
    self.exactCostPerDay = exactCostPerDay
  }
}

extension PolicySpecification {
  /// The levels this policy lets an optimiser set: s and Q for (s,Q), s and S for (s,S), S for
  /// base-stock and (R,S); none for LP policies or policies that follow a forecaster (their
  /// levels move with the forecasts).
  public var tunableLevels: [String] {
    guard forecast == nil else { return [] }
    switch family {
    case .sQ: return [PolicyParameters.reorderPoint, PolicyParameters.orderQuantity]
    case .sS: return [PolicyParameters.reorderPoint, PolicyParameters.orderUpTo]
    case .RS, .baseStock: return [PolicyParameters.orderUpTo]
    case .lp: return []
    }
  }

  /// The exact cost-optimal levels of SKU `sku` with planning data `d`, when theory gives them:
  /// stationary whole-unit demand, a fixed lead time, reliable supply and backorders, for
  /// (s,Q) (the optimal (s, nQ)), (s,S) reviewed daily (Zheng–Federgruen), base stock (the
  /// newsvendor level) and (R,S) (the periodic order-up-to level). Nil otherwise: the optimiser
  /// then searches by simulation.
  public func exactOptimum(sku: Int, _ d: PlanningData) -> TunedLevels? {
    guard !tunableLevels.isEmpty, d.unmetDemand == .backorder, let (pmf, days) = try? d.exactInputs() else { return nil }
    let c = d.costs
    guard let problem = try? StationaryProblem(dailyDemand: pmf, leadDays: days, holding: c.holdingCostPerUnitDay,
                                               backorder: c.backorderCostPerUnitDay, orderCost: c.orderCost) else { return nil }
    let purchase = c.unitCost * d.meanPerDay
    do throws(OptimizationError) {
      switch self.family {
      case .sQ:
        let best = try BaseStockAndLotSize.reorderPointLotSize(problem)
        return TunedLevels(levels: PolicyOverride(sku: sku, reorderPoint: best.reorderPoint, orderQuantity: best.orderQuantity), exactCostPerDay: best.costPerDay + purchase)
      case .sS:
        guard effectiveReviewPeriod == 1 else { return nil }
        let best = try ZhengFedergruen.optimize(problem)
        return TunedLevels(levels: PolicyOverride(sku: sku, reorderPoint: best.reorderPoint, orderUpTo: best.orderUpTo), exactCostPerDay: best.costPerDay + purchase)
      case .baseStock, .RS:
        let best = try BaseStockAndLotSize.periodicOrderUpTo(problem, reviewPeriod: effectiveReviewPeriod)
        return TunedLevels(levels: PolicyOverride(sku: sku, orderUpTo: best.orderUpTo), exactCostPerDay: best.costPerDay + purchase)
      case .lp:
        return nil
      }
    } catch {
      return nil
    }
  }

  /// The levels the plan sets for every SKU (before overrides take effect they are the plan's;
  /// with overrides, the overridden values), as overrides.
  public func plannedLevels(_ data: [PlanningData]) -> [PolicyOverride] {
    let parameters = PolicyPlanner.plan(self, data: data).parameters
    return data.indices.map { k in
      func level(_ name: String) -> Int? { parameters.value(name, ofSKU: k).map { Int($0) } }
      let tunable = tunableLevels
      return PolicyOverride(sku: k,
                            reorderPoint: tunable.contains(PolicyParameters.reorderPoint) ? level(PolicyParameters.reorderPoint) : nil,
                            orderUpTo: tunable.contains(PolicyParameters.orderUpTo) ? level(PolicyParameters.orderUpTo) : nil,
                            orderQuantity: tunable.contains(PolicyParameters.orderQuantity) ? level(PolicyParameters.orderQuantity) : nil)
    }
  }
}
