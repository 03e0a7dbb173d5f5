import InventoryOptimization
import SupplyModel

/// The lost-sales heuristics researchers compare against: capped base stock (order
/// min(cap, S − position)), constant order (the same quantity every day) and myopic (the order
/// that minimises the expected cost of the day it arrives, `MyopicLostSales`).
///
/// Levels come from the scenario, or, when it gives none, from the exact optimum of the
/// heuristic for each SKU (`LostSalesHeuristics`), which needs what `OptimalPolicyModel` needs:
/// stationary whole-unit demand, a fixed lead time, reliable supply; and lost sales.
public struct LostSalesHeuristicModel: PolicyModel {
  /// Which heuristic, with its levels if the scenario fixed them.
  public enum Kind: Sendable, Equatable {
    /// Capped base stock.
    case cappedBaseStock(orderUpTo: Int?, cap: Int?)
    /// Constant order.
    case constantOrder(units: Int?)
    /// Myopic: no levels, computed from each SKU's demand, lead time and costs.
    case myopic
  }

  /// The heuristic.
  public var kind: Kind

  /// Creates the model.
  public init(_ kind: Kind) { self.kind = kind }

  /// True when the levels are optimised per SKU.
  var optimises: Bool {
    switch kind {
    case let .cappedBaseStock(S, cap): S == nil && cap == nil
    case let .constantOrder(units): units == nil
    case .myopic: true
    }
  }

  /// One sentence for reports.
  public var summary: String {
    switch kind {
    case let .cappedBaseStock(S?, cap?): "capped base stock: order min(\(cap), S − position) daily, S = \(S)"
    case .cappedBaseStock: "capped base stock: order min(cap, S − position) daily; S and cap optimal per SKU (exact evaluation)"
    case let .constantOrder(units?): "constant order: \(units) units every day"
    case .constantOrder: "constant order every day; the best quantity per SKU (exact evaluation)"
    case .myopic: "myopic: order what minimises the expected cost of the day the order arrives (Zipkin 2008)"
    }
  }

  /// Errors for SKUs whose optimum cannot be computed, when the levels are to be optimised.
  public func audit(_ data: [PlanningData]) -> [PlanningFinding] {
    guard optimises else { return [] }
    return OptimalPolicyModel.exactnessErrors(data, kind: "heuristicOptimum",
                                              message: { "the heuristic's levels cannot be optimised exactly: \($0); give them in the policy" }) { d throws(OptimizationError) in
      _ = try Self.problem(d)
    }
  }

  /// The runnable policy with each SKU's levels.
  public func makePolicy(named name: String, for network: SupplyNetwork) -> any ReplenishmentPolicy {
    let data = PlanningData.fromModel(network)
    switch kind {
    case let .cappedBaseStock(S, cap):
      var levels: [Int] = [], caps: [Int] = []
      for d in data {
        if optimises, let problem = try? Self.problem(d), let best = try? LostSalesHeuristics.bestCappedBaseStock(problem) {
          levels.append(best.orderUpTo); caps.append(best.cap)
        } else {
          levels.append(S ?? 0); caps.append(cap ?? 0)
        }
      }
      return CappedBaseStockPolicy(name: name, orderUpTo: levels, cap: caps)
    case let .constantOrder(units):
      let quantities = data.map { d -> Int in
        guard optimises, let problem = try? Self.problem(d), let best = try? LostSalesHeuristics.bestConstantOrder(problem) else { return units ?? 0 }
        return best.order
      }
      return ConstantOrderPolicy(name: name, units: quantities)
    case .myopic:
      return MyopicPolicy(name: name, rules: data.map { d in (try? Self.problem(d)).flatMap { try? MyopicLostSales($0) } })
    }
  }

  /// The exact lost-sales problem of one SKU.
  static func problem(_ d: PlanningData) throws(OptimizationError) -> OptimalPolicyMDP {
    guard d.unmetDemand == .lostSales else { throw .searchDiverged("the SKU backorders; the heuristics are optimised for lost sales (set unmetDemand to lostSales, or give the levels)") }
    let (pmf, days) = try d.exactInputs()
    let c = d.costs
    return try OptimalPolicyMDP(dailyDemand: pmf, leadDays: days, holding: c.holdingCostPerUnitDay, shortage: .lostSales(penalty: c.lostSalePenaltyPerUnit),
                                orderCost: c.orderCost, unitCost: c.unitCost)
  }
}

/// Order min(cap, max(0, S − position)) every day, per SKU.
public struct CappedBaseStockPolicy: SeparableReplenishmentPolicy {
  /// The policy's name.
  public var name: String
  /// S per SKU.
  public let orderUpTo: [Int]
  /// The cap per SKU.
  public let cap: [Int]

  /// Creates the policy.
  public init(name: String, orderUpTo: [Int], cap: [Int]) {
    self.name = name
    self.orderUpTo = orderUpTo
    self.cap = cap
  }

  /// Orders up to S, at most the cap.
  public mutating func decide(_ state: InventoryState, day: Int, orders: inout [Int]) {
    for k in 0..<state.skuCount {
      let short = orderUpTo[k] - state.position(k)
      if short > 0 { orders[k] = min(short, cap[k]) }
    }
  }

  /// S and the cap per SKU.
  public var parameters: PolicyParameters {
    PolicyParameters([.init(name: PolicyParameters.orderUpTo, units: orderUpTo), .init(name: "cap", units: cap)])
  }

  /// The SKUs in `range`.
  public func restricted(to range: Range<Int>) -> CappedBaseStockPolicy {
    CappedBaseStockPolicy(name: name, orderUpTo: Array(orderUpTo[range]), cap: Array(cap[range]))
  }
}

/// The same order every day, per SKU.
public struct ConstantOrderPolicy: SeparableReplenishmentPolicy {
  /// The policy's name.
  public var name: String
  /// Units per day per SKU.
  public let units: [Int]

  /// Creates the policy.
  public init(name: String, units: [Int]) {
    self.name = name
    self.units = units
  }

  /// Orders the constant quantity.
  public mutating func decide(_ state: InventoryState, day: Int, orders: inout [Int]) {
    for k in 0..<state.skuCount where units[k] > 0 { orders[k] = units[k] }
  }

  /// The daily quantity per SKU.
  public var parameters: PolicyParameters { PolicyParameters([.init(name: "dailyOrder", units: units)]) }

  /// The SKUs in `range`.
  public func restricted(to range: Range<Int>) -> ConstantOrderPolicy { ConstantOrderPolicy(name: name, units: Array(units[range])) }
}

/// The myopic lost-sales policy per SKU (`MyopicLostSales`), reading the orders in transit from
/// the simulator's pipeline. Decisions are remembered per state (`LostSalesStateTable`), so a
/// long run computes each reachable state's order once.
public struct MyopicPolicy: SeparableReplenishmentPolicy {
  /// The policy's name.
  public var name: String
  /// Per SKU: its rule, or nil (never order) when its problem could not be set up (only when
  /// `audit`'s errors were ignored).
  public let rules: [MyopicLostSales?]
  /// Orders already computed, per SKU and state.
  var table: LostSalesStateTable

  /// Creates the policy.
  public init(name: String, rules: [MyopicLostSales?]) {
    self.name = name
    self.rules = rules
    table = LostSalesStateTable(skuCount: rules.count)
  }

  /// Reads the pipeline.
  public var observesPipeline: Bool { true }

  /// Orders each SKU's myopic quantity.
  public mutating func decide(_ state: InventoryState, day: Int, orders: inout [Int]) {
    for k in 0..<state.skuCount {
      guard let rule = rules[k] else { continue }
      orders[k] = table.order(sku: k, leadDays: rule.problem.leadDays, state: state, day: day) { rule.order(onHand: $0, inTransit: $1) }
    }
  }

  /// Each SKU's exact long-run cost per day under the myopic rule, where it can be computed.
  public var parameters: PolicyParameters {
    PolicyParameters([.init(name: "myopicCostPerDay", values: rules.map { rule in rule.flatMap { try? $0.costPerDay() } })])
  }

  /// The SKUs in `range`.
  public func restricted(to range: Range<Int>) -> MyopicPolicy { MyopicPolicy(name: name, rules: Array(rules[range])) }
}
