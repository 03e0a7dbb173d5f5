/// Why a policy stopped deciding during a run: an external policy's process gave a bad reply,
/// timed out or exited. The run's results are then void; `Experiment.run` throws it instead.
///
/// Its description is the one sentence the CLI prints, naming the policy, the day and the problem:
/// `policy "mine" failed on day 12 (replication 0): its order of SKU "A" is -3: orders must be
/// whole numbers >= 0`.
public struct PolicyFailure: Error, Sendable, Equatable, CustomStringConvertible {
  /// The policy's name in the scenario.
  public var policy: String
  /// The stocking node whose policy failed, in a multi-echelon network; nil for a single warehouse.
  public var node: String?
  /// The replication being run.
  public var replication: UInt64
  /// The day whose decision failed; nil when the policy failed before day 0 (starting up).
  public var day: Int?
  /// What went wrong, as a clause: `"no reply within 2 s"`.
  public var problem: String

  /// Creates a failure.
  ///
  /// - Parameters:
  ///   - policy: The policy's name in the scenario.
  ///   - node: The stocking node, in a multi-echelon network; nil at a single warehouse.
  ///   - replication: The replication being run.
  ///   - day: The day whose decision failed, or nil before day 0.
  ///   - problem: What went wrong, as a clause.
  public init(policy: String, node: String? = nil, replication: UInt64, day: Int?, problem: String) {
    self.policy = policy
    self.node = node
    self.replication = replication
    self.day = day
    self.problem = problem
  }

  /// `policy "NAME" [at node N] failed on day D (replication R): PROBLEM`.
  public var description: String {
    let place = node.map { " at node \($0)" } ?? ""
    let when = day.map { "on day \($0)" } ?? "before day 0"
    return "policy \"\(policy)\"\(place) failed \(when) (replication \(replication)): \(problem)"
  }
}
