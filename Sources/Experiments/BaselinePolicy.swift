/// One policy's recorded KPIs in a baseline.
public struct BaselinePolicy: Sendable, Equatable {
  /// The policy's name.
  public var name: String
  /// Per KPI, in `KPIs.names` order when made by SupplySim: the value of every replication.
  public var kpis: [(name: String, values: [Double])]

  /// Creates an entry.
  public init(name: String, kpis: [(name: String, values: [Double])]) {
    self.name = name
    self.kpis = kpis
  }

  /// The per-replication values of a KPI, if recorded.
  public func values(of kpi: String) -> [Double]? { kpis.first { $0.name == kpi }?.values }

  /// Equality by name and values.
  public static func == (a: BaselinePolicy, b: BaselinePolicy) -> Bool {
    a.name == b.name && a.kpis.count == b.kpis.count && zip(a.kpis, b.kpis).allSatisfy { $0.name == $1.name && $0.values == $1.values }
  }
}
