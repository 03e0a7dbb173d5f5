import SupplyModel

/// A policy as a scenario configures it, before it is planned for a network: what a policy type
/// reads from its entry in `policies` (see `PolicyRegistry` in Scenarios), and everything the
/// experiments and reports need to know about it.
///
/// Adopt it to add a policy. `makePolicy(for:)` is called once per stocking point and
/// replication with the network the point plans on (in a multi-echelon network, the view of
/// one node: its own demand, lead times and costs), and returns the runnable policy. Reports use
/// `summary`, `effectiveReviewPeriod` and the runnable policy's `parameters`, recorded during the run.
public protocol PolicyModel: Sendable {
  /// One sentence for reports on what the policy does, e.g. `"(s,Q), continuous review; s set
  /// for a 95.0% cycle service level; Q = EOQ"`.
  var summary: String { get }
  /// Days between the policy's reviews (1 when it reviews daily); reports show it. Default 1.
  var effectiveReviewPeriod: Int { get }
  /// The forecaster settings when the policy's decisions follow forecasts (reports then show
  /// their accuracy); nil otherwise, the default.
  var forecast: ForecastSettings? { get }
  /// True when the policy can decide on echelon stock (a node's position plus everything
  /// downstream), as `"stock": "echelon"` asks. Default false.
  var supportsEchelonStock: Bool { get }
  /// Checks the plan before anything runs: errors reject the scenario, warnings are shown with
  /// the results. `data` describes each SKU at the stocking point planned (demand, lead time,
  /// costs). Default: no findings.
  func audit(_ data: [PlanningData]) -> [PlanningFinding]
  /// The runnable policy for `network`'s SKUs, named `name`.
  func makePolicy(named name: String, for network: SupplyNetwork) -> any ReplenishmentPolicy
  /// The same policy driven by `forecast` instead of its own forecaster or demand model (for
  /// `compare`'s forecaster variants), or nil when the policy cannot use a forecaster. Default nil.
  func replacingForecast(with forecast: ForecastSettings) -> (any PolicyModel)?
}

extension PolicyModel {
  /// Daily review.
  public var effectiveReviewPeriod: Int { 1 }
  /// No forecaster.
  public var forecast: ForecastSettings? { nil }
  /// Installation stock only.
  public var supportsEchelonStock: Bool { false }
  /// No findings.
  public func audit(_ data: [PlanningData]) -> [PlanningFinding] { [] }
  /// Cannot use a forecaster.
  public func replacingForecast(with forecast: ForecastSettings) -> (any PolicyModel)? { nil }
}
