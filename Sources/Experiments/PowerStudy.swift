import Parallelism
import Replenishment
import Scenarios
import SupplyModel

/// Measures the power of the CI gate on one scenario: how often `supplysim check`, under a rule
/// set, fails when a bug changes the policies, and how often it fails when nothing that matters
/// changed.
///
/// For each seed it runs the scenario with 2n replications (n = `replications`) and records the
/// first n as the baseline. It then checks, paired by replication as CI does:
/// - every regression of `PlanningPerturbation.standardRegressions` injected into the real
///   planners of every built-in policy it applies to, or of `policy` only (the detection rate);
/// - unchanged code, run again (false alarms: exactly 0 under common random numbers);
/// - a behaviour-neutral change that redraws the random numbers: replications n…2n−1 of the same
///   code, compared paired with the baseline's 0…n−1 and, separately, unpaired by Welch's test
///   (the false-alarm rate the statistics promise to keep at most 1 − level).
public struct PowerStudy: Sendable {
  /// The scenario; its policies are the ones perturbed.
  public var scenario: Scenario
  /// Replications per run, as in the scenario's baseline.
  public var replications: Int
  /// The seeds; each gives one baseline and one check per row.
  public var seeds: [UInt64]
  /// The rules the gate applies.
  public var rules: RuleSet
  /// Worker threads per experiment.
  public var threads: Int
  /// Inject into this policy only (a bug in one policy's planner), or nil for every policy a
  /// regression applies to.
  public var policy: String?

  /// Creates a study.
  public init(scenario: Scenario, replications: Int, seeds: [UInt64], rules: RuleSet = RuleSet(), threads: Int = Parallel.defaultThreadCount,
              policy: String? = nil) {
    precondition(replications >= 1, "replications must be >= 1, got \(replications)")
    precondition(!seeds.isEmpty, "a power study needs at least one seed")
    self.scenario = scenario
    self.replications = replications
    self.seeds = seeds
    self.rules = rules
    self.threads = threads
    self.policy = policy
  }

  /// The labels of the injected regressions, in row order.
  public static var regressionLabels: [String] { PlanningPerturbation.standardRegressions.map(\.label) }

  /// Runs the study.
  ///
  /// - Parameter progress: Called after each seed with (seeds done, seeds).
  /// - Throws: `PolicyFailure` when a policy fails in any run (a user's policy type, say).
  /// - Complexity: per seed, one experiment of 2n replications, one of n, and one of n per
  ///   applicable regression (on the policies it perturbs only).
  public func run(progress: ((Int, Int) -> Void)? = nil) throws(PolicyFailure) -> PowerStudyResult {
    let injections = PlanningPerturbation.standardRegressions.map { entry in
      (label: entry.label, perturbation: entry.perturbation,
       policies: scenario.policies.filter { (policy == nil || $0.name == policy) && Self.applies(entry.perturbation, to: $0) }.map(\.name))
    }
    var rows = injections.map { PowerStudyResult.Row(label: $0.label, policies: $0.policies, seeds: 0, detections: 0, policyDetections: $0.policies.map { _ in 0 }) }
    var unchanged = 0, neutralPaired = 0, neutralWelch = 0
    for (done, seed) in seeds.enumerated() {
      var seeded = scenario
      seeded.network.seed = seed
      seeded.spec.seed = seed
      let double = try Experiment(scenario: seeded, replications: 2 * replications, threads: threads).run()
      let base = Self.values(double, replications: 0..<replications)
      let baseline = Baseline(supplysimVersion: "", scenarioName: seeded.spec.name, scenarioFile: seeded.file, scenarioHash: "",
                              seed: seed, replications: replications, policies: base)
      let redrawn = Self.values(double, replications: replications..<(2 * replications))
      if !BaselineCheck.judge(redrawn, against: baseline, paired: true, rules: rules, intervals: false).verdicts.allSatisfy({ $0.outcome != .fail }) { neutralPaired += 1 }
      if !BaselineCheck.judge(redrawn, against: baseline, paired: false, rules: rules, intervals: false).verdicts.allSatisfy({ $0.outcome != .fail }) { neutralWelch += 1 }
      let again = Self.values(try Experiment(scenario: seeded, replications: replications, threads: threads).run(), replications: 0..<replications)
      if BaselineCheck.judge(again, against: baseline, paired: true, rules: rules, intervals: false).verdicts.contains(where: { $0.outcome == .fail }) { unchanged += 1 }
      for (i, injection) in injections.enumerated() where !injection.policies.isEmpty {
        var injected = seeded
        // Only the perturbed policies: the others would reproduce the baseline exactly.
        injected.policies = seeded.policies.filter { injection.policies.contains($0.name) }.map { Self.perturbed($0, by: injection.perturbation) }
        let run = Self.values(try Experiment(scenario: injected, replications: replications, threads: threads).run(), replications: 0..<replications)
        let verdicts = BaselineCheck.judge(run, against: baseline, paired: true, rules: rules, intervals: false).verdicts
        rows[i].seeds += 1
        if verdicts.contains(where: { $0.outcome == .fail }) { rows[i].detections += 1 }
        for (j, name) in injection.policies.enumerated() where verdicts.contains(where: { $0.policy == name && $0.outcome == .fail }) {
          rows[i].policyDetections[j] += 1
        }
      }
      progress?(done + 1, seeds.count)
    }
    return PowerStudyResult(scenario: scenario.spec.name, replications: replications, policyCount: scenario.policies.count, seeds: seeds.count, rows: rows,
                            unchangedFalseAlarms: unchanged, neutralPairedFalseAlarms: neutralPaired, neutralWelchFalseAlarms: neutralWelch)
  }

  /// Per policy, the values of every KPI in `replications` of `result`.
  static func values(_ result: ExperimentResult, replications: Range<Int>) -> [BaselinePolicy] {
    result.outcomes.map { outcome in
      BaselinePolicy(name: outcome.name, kpis: KPIs.names.map { kpi in (kpi, outcome.totals[replications].map { $0.value(named: kpi)! }) })
    }
  }

  /// True when `perturbation` changes a model of `definition` (its own or a node's).
  package static func applies(_ perturbation: PlanningPerturbation, to definition: PolicyDefinition) -> Bool {
    ([definition.model] + Array(definition.nodeModels.values)).contains { model in
      (model as? PolicySpecification).map(perturbation.applies) ?? false
    }
  }

  /// `definition` with `perturbation` injected into every built-in model it applies to; other
  /// models (a user's own policy types) are left as they are.
  package static func perturbed(_ definition: PolicyDefinition, by perturbation: PlanningPerturbation) -> PolicyDefinition {
    func inject(_ model: any PolicyModel) -> any PolicyModel {
      guard var spec = model as? PolicySpecification, perturbation.applies(to: spec) else { return model }
      spec.perturbation = perturbation
      return spec
    }
    var out = definition
    out.model = inject(definition.model)
    out.nodeModels = definition.nodeModels.mapValues(inject)
    return out
  }
}

/// What a `PowerStudy` measured on one scenario.
public struct PowerStudyResult: Sendable, Equatable {
  /// One injected regression.
  public struct Row: Sendable, Equatable {
    /// The regression, e.g. `s/S −1 unit`.
    public var label: String
    /// The policies it was injected into (empty: it applies to none, and was not run).
    public var policies: [String]
    /// Seeds run (0 when it applies to no policy).
    public var seeds: Int
    /// Seeds on which the gate failed.
    public var detections: Int
    /// Per policy of `policies`, seeds on which that policy had a failing KPI.
    public var policyDetections: [Int]

    /// Creates a row.
    public init(label: String, policies: [String], seeds: Int, detections: Int, policyDetections: [Int]) {
      self.label = label
      self.policies = policies
      self.seeds = seeds
      self.detections = detections
      self.policyDetections = policyDetections
    }

    /// The share of seeds on which the gate failed, or nil when not run.
    public var detectionRate: Double? { seeds == 0 ? nil : Double(detections) / Double(seeds) }

    /// The policy whose regression was caught least often, with its share of seeds.
    public var weakestPolicy: (name: String, rate: Double)? {
      guard seeds > 0, let i = policyDetections.indices.min(by: { policyDetections[$0] < policyDetections[$1] }) else { return nil }
      return (policies[i], Double(policyDetections[i]) / Double(seeds))
    }
  }

  /// The scenario's name.
  public var scenario: String
  /// Replications per run.
  public var replications: Int
  /// The scenario's number of policies.
  public var policyCount: Int
  /// Seeds run.
  public var seeds: Int
  /// One row per injected regression, in `PowerStudy.regressionLabels` order.
  public var rows: [Row]
  /// Seeds on which unchanged code failed the gate (paired); 0 unless something is nondeterministic.
  public var unchangedFalseAlarms: Int
  /// Seeds on which redrawn random numbers (replications n…2n−1) failed the paired gate.
  public var neutralPairedFalseAlarms: Int
  /// Seeds on which redrawn random numbers failed the unpaired (Welch) gate.
  public var neutralWelchFalseAlarms: Int

  /// Creates a result.
  public init(scenario: String, replications: Int, policyCount: Int, seeds: Int, rows: [Row], unchangedFalseAlarms: Int, neutralPairedFalseAlarms: Int, neutralWelchFalseAlarms: Int) {
    self.scenario = scenario
    self.replications = replications
    self.policyCount = policyCount
    self.seeds = seeds
    self.rows = rows
    self.unchangedFalseAlarms = unchangedFalseAlarms
    self.neutralPairedFalseAlarms = neutralPairedFalseAlarms
    self.neutralWelchFalseAlarms = neutralWelchFalseAlarms
  }
}
