import SupplyModel

/// Any runnable policy, of any registered type, as the one type the simulators run: the daily
/// call goes through the wrapped existential once per node and day, and the wrapped policy loops
/// over its SKUs in its own specialised code.
public struct ScenarioPolicy: ReplenishmentPolicy {
  /// The wrapped policy.
  public private(set) var base: any ReplenishmentPolicy

  /// Wraps `policy`.
  public init(_ policy: any ReplenishmentPolicy) { base = policy }

  /// The runnable policy `model` makes for `network`, named `name`.
  public static func make(_ model: any PolicyModel, named name: String, for network: SupplyNetwork) -> ScenarioPolicy {
    ScenarioPolicy(model.makePolicy(named: name, for: network))
  }

  /// The runnable policy `spec` describes for `network`, under the specification's name.
  public static func make(_ spec: PolicySpecification, for network: SupplyNetwork) -> ScenarioPolicy {
    make(spec, named: spec.name, for: network)
  }

  /// The wrapped policy's label.
  public var name: String { base.name }

  /// True when the wrapped policy decides each SKU on its own data
  /// (`SeparableReplenishmentPolicy`), so SKUs may be split across threads.
  public var isSeparable: Bool { base is any SeparableReplenishmentPolicy }

  /// Delegates to the wrapped policy.
  public mutating func decide(_ state: InventoryState, day: Int, orders: inout [Int]) {
    base.decide(state, day: day, orders: &orders)
  }

  /// Delegates to the wrapped policy.
  public mutating func observe(demand: [Int], day: Int) {
    base.observe(demand: demand, day: day)
  }

  /// The wrapped policy's forecast errors.
  public var forecastErrors: ForecastErrorTotals? { base.forecastErrors }

  /// The wrapped policy's parameters.
  public var parameters: PolicyParameters { base.parameters }

  /// Delegates to the wrapped policy.
  public mutating func start(replication: UInt64) { base.start(replication: replication) }

  /// Delegates to the wrapped policy.
  public mutating func finish() { base.finish() }

  /// The wrapped policy's failure.
  public var failure: PolicyFailure? { base.failure }

  /// Whether the wrapped policy reads the pipeline.
  public var observesPipeline: Bool { base.observesPipeline }

  /// The same policy for the SKUs in `range` only.
  ///
  /// - Precondition: `isSeparable`, or `range` covers every SKU.
  public func restricted(to range: Range<Int>) -> ScenarioPolicy {
    guard let separable = base as? any SeparableReplenishmentPolicy else {
      preconditionFailure("policy \(name) plans all SKUs together and cannot be split; check isSeparable")
    }
    return ScenarioPolicy(separable.restricted(to: range))
  }
}
