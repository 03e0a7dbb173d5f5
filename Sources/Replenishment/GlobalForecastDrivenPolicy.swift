import SupplyModel

/// A forecast-driven policy whose forecaster trains one model across all SKUs
/// (`ForecastSettings.global`). It behaves exactly as `ForecastDrivenPolicy`, but it is not
/// separable: every SKU's forecast depends on every SKU's demand, so the simulator runs all SKUs
/// of a node together, and results do not depend on the thread or shard count.
public struct GlobalForecastDrivenPolicy: ReplenishmentPolicy {
  /// The policy it runs whole.
  public private(set) var policy: ForecastDrivenPolicy

  /// Wraps `policy` (its settings should have `global` set).
  public init(_ policy: ForecastDrivenPolicy) { self.policy = policy }

  /// The wrapped policy's label.
  public var name: String { policy.name }

  /// Records the day's demand.
  public mutating func observe(demand: [Int], day: Int) { policy.observe(demand: demand, day: day) }

  /// Refits on schedule (one global model for all SKUs), then orders.
  public mutating func decide(_ state: InventoryState, day: Int, orders: inout [Int]) {
    policy.decide(state, day: day, orders: &orders)
  }

  /// The forecast errors so far.
  public var forecastErrors: ForecastErrorTotals? { policy.forecastErrors }

  /// The wrapped policy's parameters.
  public var parameters: PolicyParameters { policy.parameters }
}
