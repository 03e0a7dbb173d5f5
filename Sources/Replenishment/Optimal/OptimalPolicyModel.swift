import InventoryOptimization
import SupplyModel

/// The `optimal` policy type: for every SKU the policy that minimises the long-run cost per day,
/// computed exactly before the run.
///
/// - Backordered SKUs: the (s, S) policy of Zheng and Federgruen's algorithm, optimal among all
///   policies for stationary demand with a fixed lead time and a fixed order cost (Scarf; with no
///   order cost it is a base-stock policy, s = S − 1).
/// - SKUs with lost sales: the decision table of relative value iteration over (on hand, orders in
///   transit) (`OptimalPolicyMDP`), whose size grows as B^L; larger problems are refused with
///   their state count.
///
/// It needs what makes the optimum computable: stationary demand in a discrete family (Poisson,
/// negative binomial, empirical, or a whole-unit deterministic mean), a fixed lead time and a
/// supplier that ships every order whole and at once. `audit` names every SKU that lacks one.
/// The planned optimum cost per day of each SKU is recorded as the parameter
/// `optimalCostPerDay` (holding, shortage, ordering and purchase; purchase is unit cost × mean
/// demand under backorders and unit cost × units sold under lost sales, as `purchaseCost` counts it).
public struct OptimalPolicyModel: PolicyModel {
  /// The relative tolerance of value iteration's cost bounds.
  public var tolerance: Double

  /// Creates the model.
  public init(tolerance: Double = 1e-9) { self.tolerance = tolerance }

  /// One sentence for reports.
  public var summary: String {
    "optimal policy per SKU: (s,S) by Zheng–Federgruen under backorders, a value-iteration decision table over (on hand, in transit) under lost sales"
  }

  /// Errors for every SKU whose optimum cannot be computed exactly, with the reason.
  public func audit(_ data: [PlanningData]) -> [PlanningFinding] {
    Self.exactnessErrors(data, kind: "optimalPolicy", message: { "an optimal policy cannot be computed: \($0)" }) { d throws(OptimizationError) in
      _ = try Self.problem(d)
    }
  }

  /// One error per SKU whose exact problem cannot be set up by `problem`, naming the key to change.
  static func exactnessErrors(_ data: [PlanningData], kind: String, message: (OptimizationError) -> String,
                              problem: (PlanningData) throws(OptimizationError) -> Void) -> [PlanningFinding] {
    var findings: [PlanningFinding] = []
    for (k, d) in data.enumerated() {
      do throws(OptimizationError) {
        try problem(d)
      } catch {
        findings.append(PlanningFinding(severity: .error, sku: k, subject: subject(of: error), kind: kind, message: message(error)))
      }
    }
    return findings
  }

  /// Solves every SKU and returns the policy; a SKU whose problem cannot be solved (only
  /// possible when `audit`'s errors were ignored) orders nothing.
  public func makePolicy(named name: String, for network: SupplyNetwork) -> any ReplenishmentPolicy {
    let data = PlanningData.fromModel(network)
    let plans: [OptimalPolicy.Plan] = data.map { d in
      guard let problem = try? Self.problem(d) else { return .none }
      switch problem {
      case let .backorders(p, unitCost, mean):
        guard let levels = try? ZhengFedergruen.optimize(p), let s = levels.reorderPoint, let S = levels.orderUpTo else { return .none }
        return .levels(reorderPoint: s, orderUpTo: S, costPerDay: levels.costPerDay + unitCost * mean)
      case let .lostSales(mdp):
        guard let table = try? mdp.solve(tolerance: tolerance) else { return .none }
        return .table(table)
      }
    }
    return OptimalPolicy(name: name, plans: plans)
  }

  /// What is solved for one SKU.
  enum Problem {
    case backorders(StationaryProblem, unitCost: Double, meanPerDay: Double)
    case lostSales(OptimalPolicyMDP)
  }

  /// The exact problem of one SKU, or the reason there is none.
  static func problem(_ d: PlanningData) throws(OptimizationError) -> Problem {
    let (pmf, days) = try d.exactInputs()
    let c = d.costs
    switch d.unmetDemand {
    case .backorder:
      return .backorders(try StationaryProblem(dailyDemand: pmf, leadDays: days, holding: c.holdingCostPerUnitDay,
                                               backorder: c.backorderCostPerUnitDay, orderCost: c.orderCost),
                         unitCost: c.unitCost, meanPerDay: d.meanPerDay)
    case .lostSales:
      let mdp = try OptimalPolicyMDP(dailyDemand: pmf, leadDays: days, holding: c.holdingCostPerUnitDay,
                                     shortage: .lostSales(penalty: c.lostSalePenaltyPerUnit), orderCost: c.orderCost, unitCost: c.unitCost)
      let states = mdp.stateCount(bound: try mdp.initialBound())
      guard states <= Double(OptimalPolicyMDP.stateLimit) else { throw .stateSpaceTooLarge(states: states, limit: OptimalPolicyMDP.stateLimit) }
      return .lostSales(mdp)
    }
  }

  /// The SKU key to change for an error.
  static func subject(of error: OptimizationError) -> PlanningFinding.Subject {
    switch error {
    case .invalidCost: .sku(key: "holdingCostPerUnitDay")
    case .invalidPeriod, .stateSpaceTooLarge: .sku(key: "leadTime")
    case .searchDiverged: .sku(key: "leadTime")
    default: .sku(key: "demand")
    }
  }
}

extension PlanningData {
  /// One day's demand as a table and the fixed lead time, when an exact method applies:
  /// stationary whole-unit demand, a fixed lead time and a supplier that ships every order whole.
  ///
  /// - Throws: `OptimizationError` naming what is missing.
  func exactInputs() throws(OptimizationError) -> (demand: DemandPMF, leadDays: Int) {
    guard let family = stationaryDemand else {
      throw .degenerateDemand("changes over time (trend, seasonality, promotions or shocks); exact optima are computed for stationary demand only")
    }
    guard let days = fixedLeadDays else { throw .searchDiverged("the lead time is random; exact methods need a fixed lead time") }
    guard reliableSupply else {
      throw .searchDiverged("the supplier has a capacity, disruptions or yield loss; exact methods need every order delivered whole after the lead time")
    }
    guard let pmf = try family.exactDailyDemand(mean: meanPerDay) else {
      throw .degenerateDemand("is not an independent whole-unit distribution (use poisson, negativeBinomial, empirical, or deterministic with a whole mean)")
    }
    return (pmf, days)
  }
}
