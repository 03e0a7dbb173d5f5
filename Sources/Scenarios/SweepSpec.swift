/// `sweep`: the parameters `supplysim sweep` varies when no `--vary` is given.
///
/// ```json
/// "sweep": {"vary": [{"path": "policies[1].fillRate", "from": 0.9, "to": 0.99, "count": 4},
///                    {"path": "suppliers[0].leadTime.mean", "values": [3, 7, 14]}],
///           "replications": 5}
/// ```
public struct SweepSpec: Decodable, Sendable, Equatable {
  /// The varied parameters; the grid is their Cartesian product, the first varying slowest.
  public var vary: [SweepAxisSpec]
  /// Replications per grid point and policy (default: the scenario's `replications`, else 1).
  public var replications: Int?
}
