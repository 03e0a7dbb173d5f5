import SupplyModel

/// One policy's total KPIs in every replication: what sweeps and stress tests keep of a run.
public struct PolicyTotals: Sendable, Equatable {
  /// The policy's name.
  public var name: String
  /// Total KPIs per replication, in replication order.
  public var totals: [KPIs]

  /// Creates totals.
  public init(name: String, totals: [KPIs]) {
    self.name = name
    self.totals = totals
  }

  /// Mean, standard deviation and 95% interval of `kpi` across replications.
  ///
  /// - Precondition: `kpi` is one of `KPIs.names`.
  public func summary(of kpi: String, level: Double = 0.95) -> KPISummary {
    KPISummary(values: values(of: kpi), level: level)
  }

  /// The values of `kpi`, one per replication.
  public func values(of kpi: String) -> [Double] {
    totals.map { t in
      guard let v = t.value(named: kpi) else { preconditionFailure("unknown KPI \(kpi); known: \(KPIs.names)") }
      return v
    }
  }

  /// The paired change of `kpi` from `base` to these totals: d_r = self_r − base_r per replication.
  ///
  /// Replication r of both used the same random numbers (same seed and replication index), so the
  /// differences cancel the noise they share.
  ///
  /// - Precondition: both have the same number of replications.
  public func change(of kpi: String, from base: PolicyTotals, level: Double = 0.95) -> KPISummary {
    precondition(totals.count == base.totals.count, "a paired change needs equal replications, got \(totals.count) and \(base.totals.count)")
    return KPISummary(values: zip(values(of: kpi), base.values(of: kpi)).map { $0 - $1 }, level: level)
  }
}
