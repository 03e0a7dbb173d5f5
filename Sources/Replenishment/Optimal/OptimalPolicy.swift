import InventoryOptimization
import SupplyModel

/// The runnable `optimal` policy: per SKU an optimal (s, S) rule (backorders) or a decision
/// table over (on hand, orders in transit) (lost sales), reviewed every day.
///
/// The table needs the orders in transit by arrival day. With a fixed lead time L and whole
/// deliveries (which `OptimalPolicyModel` requires) they are exactly this policy's own orders of
/// the last L − 1 days, so the policy keeps them in a ring per SKU.
public struct OptimalPolicy: SeparableReplenishmentPolicy {
  /// One SKU's plan.
  public enum Plan: Sendable {
    /// Order up to S when the position is at or below s.
    case levels(reorderPoint: Int, orderUpTo: Int, costPerDay: Double)
    /// Order what the table says.
    case table(OptimalPolicyTable)
    /// Never order (no plan could be made).
    case none
  }

  /// The policy's name.
  public var name: String
  /// Per SKU.
  public let plans: [Plan]
  /// Orders placed on each of the last L − 1 days, per SKU, as a ring (oldest at `ringStart`).
  var recent: [[Int]]
  var ringStart: [Int]
  /// One SKU's orders in transit, oldest first: scratch reused every day.
  var inTransit: [Int] = []

  /// A policy over `plans`, one per SKU.
  public init(name: String, plans: [Plan]) {
    self.name = name
    self.plans = plans
    recent = plans.map { plan in
      if case let .table(t) = plan { return Array(repeating: 0, count: t.leadDays - 1) }
      return []
    }
    ringStart = Array(repeating: 0, count: plans.count)
  }

  /// Decides every SKU; lost-sales SKUs look up their table with today's closing stock and the
  /// orders still in transit.
  public mutating func decide(_ state: InventoryState, day: Int, orders: inout [Int]) {
    for k in 0..<state.skuCount {
      switch plans[k] {
      case let .levels(s, S, _):
        let position = state.onHand[k] + state.onOrder[k] - state.backordered[k]
        if position <= s { orders[k] = S - position }
      case let .table(table):
        let n = recent[k].count
        inTransit.removeAll(keepingCapacity: true)
        // The oldest recorded order arrives tomorrow.
        for i in 0..<n { inTransit.append(recent[k][(ringStart[k] + i) % n]) }
        let q = table.order(onHand: state.onHand[k] - state.backordered[k], inTransit: inTransit)
        orders[k] = q
        if n > 0 {
          recent[k][ringStart[k]] = q  // today's order replaces the one arriving tomorrow
          ringStart[k] = (ringStart[k] + 1) % n
        }
      case .none:
        break
      }
    }
  }

  /// Levels where the plan has them, and every SKU's optimal cost per day.
  public var parameters: PolicyParameters {
    var s: [Double?] = [], S: [Double?] = [], cost: [Double?] = []
    for plan in plans {
      switch plan {
      case let .levels(rp, up, c): s.append(Double(rp)); S.append(Double(up)); cost.append(c)
      case let .table(t): s.append(nil); S.append(nil); cost.append(t.costPerDay)
      case .none: s.append(nil); S.append(nil); cost.append(nil)
      }
    }
    return PolicyParameters([.init(name: PolicyParameters.reorderPoint, values: s), .init(name: PolicyParameters.orderUpTo, values: S),
                             .init(name: Self.optimalCost, values: cost)])
  }

  /// The parameter holding each SKU's optimal long-run cost per day.
  public static let optimalCost = "optimalCostPerDay"

  /// The same policy for the SKUs in `range`, with fresh rings.
  public func restricted(to range: Range<Int>) -> OptimalPolicy { OptimalPolicy(name: name, plans: Array(plans[range])) }
}
