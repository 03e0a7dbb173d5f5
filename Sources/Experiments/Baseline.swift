import SupplyModel

/// The recorded KPIs of one scenario that later checks compare against: per policy and KPI the
/// value of every replication, with the seed, replication count and scenario fingerprint needed
/// to pair new runs with them replication by replication.
///
/// Written by `supplysim baseline` as `<scenario name>.baseline.json` (format
/// `supplysim.baseline/1`, rendered by `BaselineFile` in Reports) and read back by
/// `decode(json:file:)`.
public struct Baseline: Sendable, Equatable {
  /// The format tag.
  public static let format = "supplysim.baseline/1"

  /// The SupplySim version that made it.
  public var supplysimVersion: String
  /// The scenario's `name`.
  public var scenarioName: String
  /// The scenario file as given on the command line.
  public var scenarioFile: String
  /// `ScenarioFingerprint` of the scenario file.
  public var scenarioHash: String
  /// The seed the runs used.
  public var seed: UInt64
  /// Replications per policy.
  public var replications: Int
  /// One entry per policy, in scenario order.
  public var policies: [BaselinePolicy]

  /// Creates a baseline.
  public init(supplysimVersion: String, scenarioName: String, scenarioFile: String, scenarioHash: String, seed: UInt64, replications: Int, policies: [BaselinePolicy]) {
    self.supplysimVersion = supplysimVersion
    self.scenarioName = scenarioName
    self.scenarioFile = scenarioFile
    self.scenarioHash = scenarioHash
    self.seed = seed
    self.replications = replications
    self.policies = policies
  }

  /// Records an experiment's result.
  ///
  /// - Parameters:
  ///   - result: The runs; every KPI of `KPIs.names` is kept for every replication.
  ///   - scenarioHash: `ScenarioFingerprint.of(json:)` of the scenario file.
  ///   - version: The SupplySim version.
  public init(result: ExperimentResult, scenarioHash: String, version: String) {
    let s = result.scenario
    self.init(
      supplysimVersion: version, scenarioName: s.spec.name, scenarioFile: s.file, scenarioHash: scenarioHash,
      seed: s.network.seed, replications: result.replications,
      policies: result.outcomes.map { outcome in
        BaselinePolicy(name: outcome.name, kpis: KPIs.names.map { name in (name, outcome.totals.map { $0.value(named: name)! }) })
      })
  }

  /// The policy named `name`, if recorded.
  public func policy(named name: String) -> BaselinePolicy? { policies.first { $0.name == name } }

  /// The file name a scenario's baseline has in a baseline folder.
  public static func fileName(scenario name: String) -> String { "\(name).baseline.json" }
}
