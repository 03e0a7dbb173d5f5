import SupplyModel

/// Compares a new experiment with a scenario's baseline under a rule set.
///
/// Runs with the baseline's seed and replication count are paired replication by replication
/// (common random numbers: unchanged code reproduces every value, so every change is exactly 0);
/// other runs are compared with Welch intervals. Under `bonferroni`, each of the m statistical
/// comparisons uses level 1 − (1 − level)/m.
public enum BaselineCheck {
  /// Checks every KPI of every policy of `result`.
  ///
  /// - Parameters:
  ///   - result: The new runs.
  ///   - baseline: The recorded runs.
  ///   - baselineFile: The baseline's file name, for messages.
  ///   - rules: The rules.
  /// - Throws: `CheckInputError` when the baseline lacks a policy of the scenario.
  public static func compare(_ result: ExperimentResult, with baseline: Baseline, baselineFile: String, rules: RuleSet) throws(CheckInputError) -> CheckResult {
    let seed = result.scenario.network.seed
    let paired = seed == baseline.seed && result.replications == baseline.replications
    var plan: [(outcome: PolicyOutcome, recorded: BaselinePolicy)] = []
    for outcome in result.outcomes {
      guard let recorded = baseline.policy(named: outcome.name) else {
        let known = baseline.policies.map(\.name).joined(separator: ", ")
        throw CheckInputError(file: baselineFile, path: "policies", problem: "has no policy '\(outcome.name)' (it has \(known)); regenerate it: supplysim baseline \(result.scenario.file)")
      }
      plan.append((outcome, recorded))
    }
    var statistical = 0
    for (outcome, recorded) in plan {
      for kpi in KPIs.names where recorded.values(of: kpi) != nil && rules.rule(policy: outcome.name, kpi: kpi).test == .statistical {
        statistical += 1
      }
    }
    var verdicts: [KPIVerdict] = []
    for (outcome, recorded) in plan {
      for kpi in KPIs.names {
        let rule = rules.rule(policy: outcome.name, kpi: kpi)
        let now = outcome.totals.map { $0.value(named: kpi)! }
        let nowMean = now.reduce(0, +) / Double(now.count)
        guard let before = recorded.values(of: kpi) else {
          verdicts.append(KPIVerdict(policy: outcome.name, kpi: kpi, baselineMean: nil, mean: nowMean, change: nil, rule: rule, threshold: 0, outcome: .new))
          continue
        }
        var level = rule.level
        if rule.test == .statistical, rules.multipleComparisons == .bonferroni, statistical > 1 {
          level = 1 - (1 - rule.level) / Double(statistical)
        }
        let change = ChangeInterval(baseline: before, now: now, paired: paired, level: level)
        let baselineMean = before.reduce(0, +) / Double(before.count)
        let outcomeKind: KPIVerdict.Outcome
        if rule.test == .ignore {
          outcomeKind = .ignored
        } else {
          outcomeKind = rule.isRegression(change: change.change, interval: change.interval, baselineMean: baselineMean) ? .fail : .pass
        }
        verdicts.append(KPIVerdict(policy: outcome.name, kpi: kpi, baselineMean: baselineMean, mean: nowMean, change: change, rule: rule, threshold: rule.threshold(baselineMean: baselineMean), outcome: outcomeKind))
      }
    }
    return CheckResult(
      scenario: result.scenario.spec.name, scenarioFile: result.scenario.file, baselineFile: baselineFile,
      seed: seed, baselineSeed: baseline.seed, replications: result.replications, baselineReplications: baseline.replications,
      method: paired ? .paired : .welch, multipleComparisons: rules.multipleComparisons, statisticalComparisons: statistical,
      baselineVersion: baseline.supplysimVersion, verdicts: verdicts)
  }
}
