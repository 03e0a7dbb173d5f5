import SupplyModel

/// A reorder-point-family policy with its levels set: dispatches once per day to the concrete
/// policy, which loops over SKUs in specialised code.
public enum PlannedPolicy: SeparableReplenishmentPolicy {
  /// (s, Q).
  case reorderPoint(ReorderPointPolicy)
  /// (s, S) with review period R.
  case minMax(MinMaxPolicy)
  /// (R, S) and base-stock.
  case orderUpTo(OrderUpToPolicy)

  /// The wrapped policy's label.
  public var name: String {
    switch self {
    case let .reorderPoint(p): p.name
    case let .minMax(p): p.name
    case let .orderUpTo(p): p.name
    }
  }

  /// Delegates to the wrapped policy.
  public mutating func decide(_ state: InventoryState, day: Int, orders: inout [Int]) {
    switch self {
    case var .reorderPoint(p): p.decide(state, day: day, orders: &orders); self = .reorderPoint(p)
    case var .minMax(p): p.decide(state, day: day, orders: &orders); self = .minMax(p)
    case var .orderUpTo(p): p.decide(state, day: day, orders: &orders); self = .orderUpTo(p)
    }
  }

  /// The same policy for the SKUs in `range` only.
  public func restricted(to range: Range<Int>) -> PlannedPolicy {
    switch self {
    case let .reorderPoint(p): .reorderPoint(p.restricted(to: range))
    case let .minMax(p): .minMax(p.restricted(to: range))
    case let .orderUpTo(p): .orderUpTo(p.restricted(to: range))
    }
  }

  /// The wrapped policy's levels.
  public var parameters: PolicyParameters {
    switch self {
    case let .reorderPoint(p): p.parameters
    case let .minMax(p): p.parameters
    case let .orderUpTo(p): p.parameters
    }
  }
}
