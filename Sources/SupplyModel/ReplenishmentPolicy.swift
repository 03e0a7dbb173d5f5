/// A replenishment policy: on each day it looks at a node's inventory and decides what to order.
///
/// One call decides a whole node-day for every SKU, so dispatch happens once a day, not once per
/// SKU. Policies are value types; the ones that learn (forecast-driven, LP) keep their state in
/// themselves, which is why `decide` and `observe` are `mutating`.
public protocol ReplenishmentPolicy: Sendable {
  /// A short label for reports, e.g. `"(s,S) 95%"`.
  var name: String { get }
  /// Decides today's orders.
  ///
  /// - Parameters:
  ///   - state: The node's inventory after today's receipts and demand.
  ///   - day: The simulated day, from 0.
  ///   - orders: One slot per SKU, zero on entry; set the units to order.
  mutating func decide(_ state: InventoryState, day: Int, orders: inout [Int])
  /// Sees the day's demand (requested units per SKU) before `decide`; the default ignores it.
  mutating func observe(demand: [Int], day: Int)
  /// The policy's forecast errors so far, for policies that forecast; nil otherwise.
  var forecastErrors: ForecastErrorTotals? { get }
  /// The policy's named parameters per SKU (levels, lot sizes), recorded with the run's results
  /// for reports; the default has none.
  var parameters: PolicyParameters { get }
  /// Prepares for one run, before day 0; the default does nothing. A policy that works with
  /// something outside the simulation (an external process) sets it up here, once per run.
  ///
  /// - Parameter replication: The run's replication number (`SimulationOptions.replication`).
  mutating func start(replication: UInt64)
  /// Ends one run, after the last day; the default does nothing. A policy that started something
  /// outside the simulation in `start(replication:)` stops it here.
  mutating func finish()
  /// Why the policy stopped deciding, once it has (it then orders nothing); nil while it works,
  /// the default. The simulator records it in `SimulationResult.failure`.
  var failure: PolicyFailure? { get }
  /// True when `decide` reads `InventoryState.inTransit` (shipments by arrival day); the
  /// simulators then fill it before each review, which costs a pass over what is in transit.
  /// Default false.
  var observesPipeline: Bool { get }
}

/// A policy whose SKUs decide independently of each other, so the simulator may split the SKUs
/// of a run across threads. A policy that plans SKUs jointly (shared capacity or budget) does not
/// adopt it and runs whole.
public protocol SeparableReplenishmentPolicy: ReplenishmentPolicy {
  /// The same policy for the SKUs in `range` only (SKU `range.lowerBound` becomes SKU 0).
  func restricted(to range: Range<Int>) -> Self
}

extension ReplenishmentPolicy {
  /// Ignores demand: policies with fixed parameters do not learn.
  public mutating func observe(demand: [Int], day: Int) {}
  /// No forecasts, no errors.
  public var forecastErrors: ForecastErrorTotals? { nil }
  /// No named parameters.
  public var parameters: PolicyParameters { PolicyParameters() }
  /// Nothing to prepare.
  public mutating func start(replication: UInt64) {}
  /// Nothing to end.
  public mutating func finish() {}
  /// Never fails.
  public var failure: PolicyFailure? { nil }
  /// Reads no pipeline.
  public var observesPipeline: Bool { false }
}
