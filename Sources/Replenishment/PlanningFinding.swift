import SupplyModel

/// A problem or a warning about a planned level, found before any simulation runs: a quantity
/// that would leave the simulator's exact range, or a plan that runs but cannot serve demand.
public struct PlanningFinding: Sendable, Equatable {
  /// Whether the plan can run at all.
  public enum Severity: Sendable, Equatable {
    /// The plan cannot be simulated exactly: the scenario is rejected.
    case error
    /// The plan runs but is degenerate (for example it keeps no stock under positive demand).
    case warning
  }

  /// Which input to change: a key of the SKU's entry (`skus[k].KEY`) or of the policy's.
  public enum Subject: Sendable, Equatable {
    /// `skus[sku].key`.
    case sku(key: String)
    /// `policies[i].key`.
    case policy(key: String)
  }

  /// Error or warning.
  public var severity: Severity
  /// The SKU's index in the network.
  public var sku: Int
  /// The input responsible.
  public var subject: Subject
  /// What kind of finding, the same for every SKU it applies to (used to group warnings).
  public var kind: String
  /// One sentence: the value found and what to change.
  public var message: String
}

extension PolicyPlanner {
  /// Checks every SKU's plan under `spec` before it runs: lot sizes and levels must be finite
  /// and at most `StockQuantity.maximum` units (errors), and a plan that keeps no stock under
  /// positive demand, or a cost-optimal target without a shortage cost, is reported (warnings).
  ///
  /// - Complexity: The same as `plan`: O(SKUs × log mean).
  public static func audit(_ spec: PolicySpecification, data: [PlanningData]) -> [PlanningFinding] {
    var findings: [PlanningFinding] = []
    let review = spec.effectiveReviewPeriod
    let limit = Double(StockQuantity.maximum)
    let overridden = Set(spec.overrides.map(\.sku))
    for (k, d) in data.enumerated() where !overridden.contains(k) {
      func fail(_ subject: PlanningFinding.Subject, _ kind: String, _ message: String) {
        findings.append(PlanningFinding(severity: .error, sku: k, subject: subject, kind: kind, message: message))
      }
      var lot = 0.0
      if spec.family == .sQ || spec.family == .sS {
        lot = lotSize(spec.lotSizing, data: d)
        if !(lot <= limit) {
          switch spec.lotSizing {
          case .eoq:
            fail(.sku(key: "holdingCostPerUnitDay"), "eoq",
                 "gives an EOQ of \(describe(lot)) units (orderCost \(describe(d.costs.orderCost)), mean demand \(describe(d.meanPerDay))/day), more than 10^13; raise the holding cost or set the policy's orderQuantity")
          case .daysOfSupply:
            fail(.policy(key: "orderQuantityDays"), "lot", "gives a lot of \(describe(lot)) units, more than 10^13; use fewer days")
          case .units:
            fail(.policy(key: "orderQuantity"), "lot", "must be at most 10^13 units, got \(describe(lot))")
          }
          continue
        }
      }
      let cycle = spec.family == .sQ || spec.family == .sS ? lot : d.meanPerDay * Double(review)
      let level = level(spec.target, data: d, reviewPeriod: spec.family == .sQ ? 1 : review, cycleDemand: cycle)
      guard abs(level) + lot <= limit else {
        fail(.sku(key: "demand"), "level",
             "plans a level of \(describe(level)) units (mean \(describe(d.meanPerDay))/day over a lead time of \(describe(d.leadTimeMean)) days), more than 10^13; lower the demand or the lead time")
        continue
      }
      guard d.meanPerDay > 0 else { continue }
      if spec.target == .costOptimal, shortageCost(d) == 0 {
        let key = d.unmetDemand == .backorder ? "backorderCostPerUnitDay" : "lostSalePenaltyPerUnit"
        findings.append(PlanningFinding(
          severity: .warning, sku: k, subject: .policy(key: "target"), kind: "no-shortage-cost",
          message: "is cost-optimal but \(key) is 0, so the cheapest plan keeps almost no stock; set \(key) or a serviceLevel or fillRate"))
      } else if (spec.family == .RS || spec.family == .baseStock) && units(level) <= 0 {
        findings.append(PlanningFinding(
          severity: .warning, sku: k, subject: .policy(key: "target"), kind: "zero-level",
          message: "plans an order-up-to level of 0 under positive demand (mean \(describe(d.meanPerDay))/day), so every unit is short; raise the target"))
      }
    }
    return findings
  }

  /// A number for a message: whole numbers without a fraction, others as Swift prints them.
  static func describe(_ x: Double) -> String {
    if x == x.rounded(), abs(x) < 1e15 { return String(Int(x)) }
    return String(x)
  }
}
