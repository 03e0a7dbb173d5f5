/// The result of checking one scenario against its baseline.
public struct CheckResult: Sendable, Equatable {
  /// The scenario's name.
  public var scenario: String
  /// The scenario file as given.
  public var scenarioFile: String
  /// The baseline file as given.
  public var baselineFile: String
  /// The seed of the new run.
  public var seed: UInt64
  /// The seed of the baseline.
  public var baselineSeed: UInt64
  /// Replications of the new run.
  public var replications: Int
  /// Replications of the baseline.
  public var baselineReplications: Int
  /// Paired when seed and replications match the baseline, else Welch.
  public var method: ChangeInterval.Method
  /// The multiple-comparison correction applied to statistical rules.
  public var multipleComparisons: RuleSet.MultipleComparisons
  /// Statistical comparisons made (the family the correction is over).
  public var statisticalComparisons: Int
  /// The SupplySim version that made the baseline.
  public var baselineVersion: String
  /// One verdict per policy and KPI, in scenario and `KPIs.names` order.
  public var verdicts: [KPIVerdict]
  /// True when the scenario file changed since its baseline was made and was compared anyway
  /// (`supplysim check --allow-scenario-change`): the changes are then the effect of the edit.
  public var scenarioChanged = false
  /// The command that repeats this comparison, for failure messages; nil when unknown.
  public var reproduceCommand: String?
  /// The planning bug injected into the run (`supplysim check --inject NAME`), or nil: the
  /// changes are then the effect of that bug, not of the code as built.
  public var injected: InjectedRegression?
  /// `--inject NAME` (and `--inject-policy P`, as typed after `--inject`) was asked for but
  /// applies to no policy of this scenario, which was checked as built.
  public var injectionSkipped: String?

  /// Creates a result.
  public init(scenario: String, scenarioFile: String, baselineFile: String, seed: UInt64, baselineSeed: UInt64, replications: Int, baselineReplications: Int, method: ChangeInterval.Method, multipleComparisons: RuleSet.MultipleComparisons, statisticalComparisons: Int, baselineVersion: String, verdicts: [KPIVerdict]) {
    self.scenario = scenario
    self.scenarioFile = scenarioFile
    self.baselineFile = baselineFile
    self.seed = seed
    self.baselineSeed = baselineSeed
    self.replications = replications
    self.baselineReplications = baselineReplications
    self.method = method
    self.multipleComparisons = multipleComparisons
    self.statisticalComparisons = statisticalComparisons
    self.baselineVersion = baselineVersion
    self.verdicts = verdicts
  }

  /// The policies with at least one failed KPI, in scenario order.
  public var failedPolicies: [String] {
    var names: [String] = []
    for v in verdicts where v.outcome == .fail && !names.contains(v.policy) { names.append(v.policy) }
    return names
  }

  /// The tests and correction in words, from the verdicts: `sign flips, Westfall–Young over 18
  /// statistical comparisons`, or nil when nothing was tested.
  public var correctionDescription: String? {
    guard let test = verdicts.lazy.compactMap(\.test).first else { return nil }
    return test.hasSuffix(" over \(statisticalComparisons)") ? test + " statistical comparisons" : test
  }

  /// The failed verdicts.
  public var failures: [KPIVerdict] { verdicts.filter { $0.outcome == .fail } }

  /// True when no KPI regressed.
  public var passed: Bool { failures.isEmpty }

  /// How the runs were compared, in words: `paired by replication (seed 7, 10 replications)` or
  /// `unpaired Welch intervals: seed 8 differs from the baseline's 7`.
  public var methodDescription: String {
    if method == .paired { return "paired by replication (seed \(seed), \(replications) replication\(replications == 1 ? "" : "s"))" }
    var why: [String] = []
    if seed != baselineSeed { why.append("seed \(seed) differs from the baseline's \(baselineSeed)") }
    if replications != baselineReplications { why.append("\(replications) replications differ from the baseline's \(baselineReplications)") }
    return "unpaired Welch intervals: " + why.joined(separator: ", ")
  }
}
