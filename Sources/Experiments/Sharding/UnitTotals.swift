import SupplyModel

/// The results of one unit of a batch: one scenario (grid point, stress test) in one
/// replication, every policy's total KPIs.
///
/// A unit's figures depend only on its scenario and replication index (the replication keys every
/// random stream), never on which shard or thread computed it, so units from any split put
/// back together give the unsharded results exactly.
public struct UnitTotals: Sendable, Equatable {
  /// The unit's number: `scenario × replications + replication`.
  public var unit: Int
  /// Total KPIs per policy, in scenario order.
  public var policies: [KPIs]

  /// Creates a unit's results.
  public init(unit: Int, policies: [KPIs]) {
    self.unit = unit
    self.policies = policies
  }

  /// Puts every unit of a batch back into `result[scenario][policy]` with replications in order.
  ///
  /// - Parameters:
  ///   - units: Every unit `0..<(names.count × scenarios × replications)`, each once, in unit order.
  ///   - scenarios: The number of scenarios.
  ///   - replications: Replications per scenario.
  ///   - names: The policies' names.
  /// - Precondition: `units` is complete and in order (a merge checks that before).
  public static func assemble(_ units: [UnitTotals], scenarios: Int, replications: Int, names: [String]) -> [[PolicyTotals]] {
    precondition(units.count == scenarios * replications, "\(units.count) units for \(scenarios) × \(replications)")
    return (0..<scenarios).map { s in
      names.indices.map { p in
        PolicyTotals(name: names[p], totals: (0..<replications).map { r in
          let u = units[s * replications + r]
          precondition(u.unit == s * replications + r && u.policies.count == names.count, "unit \(u.unit) out of place")
          return u.policies[p]
        })
      }
    }
  }
}
