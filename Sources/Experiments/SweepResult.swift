import Scenarios

/// A sweep's KPIs: for every grid point and policy, the totals of every replication.
public struct SweepResult: Sendable {
  /// The scenario as written.
  public var scenario: Scenario
  /// The grid swept.
  public var grid: SweepGrid
  /// Replications per point and policy.
  public var replications: Int
  /// The policies' names, in scenario order (the same at every point).
  public var policies: [String]
  /// `points[point][policy]`.
  public var points: [[PolicyTotals]]
  /// The value index each axis is held at while another moves (see `SweepGrid.referenceIndices(in:)`).
  public var reference: [Int]
  /// The value the scenario as written has at each axis's path (nil where the path adds a key).
  public var scenarioValues: [JSONValue?]
  /// The mean fill rate a policy must reach to be ranked on cost (`--min-fill-rate`, default 0.95).
  public var requiredFillRate = 0.95

  /// Creates a result.
  public init(scenario: Scenario, grid: SweepGrid, replications: Int, policies: [String], points: [[PolicyTotals]], reference: [Int],
              scenarioValues: [JSONValue?]) {
    precondition(points.count == grid.count, "\(points.count) results for \(grid.count) grid points")
    precondition(reference.count == grid.axes.count, "\(reference.count) reference indices for \(grid.axes.count) axes")
    self.scenario = scenario
    self.grid = grid
    self.replications = replications
    self.policies = policies
    self.points = points
    self.reference = reference
    self.scenarioValues = scenarioValues
  }

  /// For each axis, the position of the scenario's own value among the axis's values, or nil
  /// when the scenario's value is not on the grid.
  public var scenarioIndices: [Int?] {
    zip(grid.axes, scenarioValues).map { axis, own in
      own.flatMap { v in axis.values.firstIndex { SweepGrid.same($0, v) } }
    }
  }

  /// The summary of `kpi` for policy `policy` at grid point `point`.
  public func summary(point: Int, policy: Int, kpi: String) -> KPISummary {
    points[point][policy].summary(of: kpi)
  }

  /// The policies at grid point `point` ranked by mean total cost among those whose mean fill
  /// rate reaches `requiredFillRate`, with paired differences to the cheapest.
  public func ranking(point: Int) -> PairedRanking {
    PairedRanking(points[point], kpi: "totalCost", requirement: .init(kpi: "fillRate", minimum: requiredFillRate))
  }

  /// The grid point of the scenario as written when every axis has its value on the grid, else
  /// the reference point.
  public var answerPoint: Int {
    let own = scenarioIndices
    return own.allSatisfy { $0 != nil } ? grid.point(at: own.map { $0! }) : referencePoint
  }

  /// The grid point where every axis is at its reference value.
  public var referencePoint: Int { grid.point(at: reference) }

  /// How `kpi` of policy `policy` moves as axis `axis` runs through its values while every other
  /// axis stays at its reference value: the data of one tornado bar.
  public func sensitivity(policy: Int, axis: Int, kpi: String) -> SweepSensitivity {
    let values = grid.axes[axis].values
    let means = values.indices.map { i -> Double in
      var at = reference
      at[axis] = i
      return summary(point: grid.point(at: at), policy: policy, kpi: kpi).mean
    }
    return SweepSensitivity(path: grid.axes[axis].path, kpi: kpi, policy: policies[policy], values: values, means: means,
                            center: summary(point: referencePoint, policy: policy, kpi: kpi).mean)
  }

  /// Every axis's sensitivity for one policy and KPI, widest range first (ties in axis order):
  /// the bars of a tornado chart from top to bottom.
  public func tornado(policy: Int, kpi: String) -> [SweepSensitivity] {
    let all = grid.axes.indices.map { sensitivity(policy: policy, axis: $0, kpi: kpi) }
    return all.indices.sorted { (all[$0].range, -$0) > (all[$1].range, -$1) }.map { all[$0] }
  }
}
