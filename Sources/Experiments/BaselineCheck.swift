import SupplyModel

/// Compares a new experiment with a scenario's baseline under a rule set.
///
/// Runs with the baseline's seed and replication count are paired replication by replication
/// (common random numbers: unchanged code reproduces every value, so every change is exactly 0);
/// other runs are compared with Welch intervals. Every statistical rule gets the p-value of its
/// KPI's change in the bad direction (`ChangeInterval.pValue`); the m p-values of a scenario are
/// then judged together under the rule set's multiple-comparison correction (Holm by default),
/// so that noise alone fails a scenario with probability at most 1 − level.
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
    for outcome in result.outcomes where baseline.policy(named: outcome.name) == nil {
      let known = baseline.policies.map(\.name).joined(separator: ", ")
      throw CheckInputError(file: baselineFile, path: "policies", problem: "has no policy '\(outcome.name)' (it has \(known)); regenerate it: supplysim baseline \(result.scenario.file)")
    }
    let now = result.outcomes.map { outcome in
      BaselinePolicy(name: outcome.name, kpis: KPIs.names.map { kpi in (kpi, outcome.totals.map { $0.value(named: kpi)! }) })
    }
    let paired = seed == baseline.seed && result.replications == baseline.replications
    let (verdicts, statistical) = judge(now, against: baseline, paired: paired, rules: rules)
    return CheckResult(
      scenario: result.scenario.spec.name, scenarioFile: result.scenario.file, baselineFile: baselineFile,
      seed: seed, baselineSeed: baseline.seed, replications: result.replications, baselineReplications: baseline.replications,
      method: paired ? .paired : .welch, multipleComparisons: rules.multipleComparisons, statisticalComparisons: statistical,
      baselineVersion: baseline.supplysimVersion, verdicts: verdicts)
  }

  /// The verdict on every KPI of every policy in `now`, and the number of statistical comparisons.
  ///
  /// - Parameters:
  ///   - now: Per policy, the new runs' values of every KPI, one per replication.
  ///   - baseline: The recorded runs; it must have every policy of `now`.
  ///   - paired: Pair replication r with the baseline's replication r (equal counts needed).
  ///   - rules: The rules.
  static func judge(_ now: [BaselinePolicy], against baseline: Baseline, paired: Bool, rules: RuleSet) -> (verdicts: [KPIVerdict], statistical: Int) {
    var verdicts: [KPIVerdict] = []
    var family: [(index: Int, p: Double?, alpha: Double)] = []
    for policy in now {
      let recorded = baseline.policy(named: policy.name)!
      for kpi in KPIs.names {
        let rule = rules.rule(policy: policy.name, kpi: kpi)
        let values = policy.values(of: kpi)!
        let nowMean = values.reduce(0, +) / Double(values.count)
        guard let before = recorded.values(of: kpi) else {
          verdicts.append(KPIVerdict(policy: policy.name, kpi: kpi, baselineMean: nil, mean: nowMean, change: nil, rule: rule, threshold: 0, outcome: .new))
          continue
        }
        let change = ChangeInterval(baseline: before, now: values, paired: paired, level: rule.level)
        let baselineMean = before.reduce(0, +) / Double(before.count)
        var verdict = KPIVerdict(policy: policy.name, kpi: kpi, baselineMean: baselineMean, mean: nowMean, change: change, rule: rule,
                                 threshold: rule.threshold(baselineMean: baselineMean), outcome: .pass)
        switch rule.test {
        case .ignore: verdict.outcome = .ignored
        case .tolerance:
          verdict.outcome = rule.isRegression(change: change.change, pValue: nil, significance: 0, baselineMean: baselineMean) ? .fail : .pass
        case .statistical:
          verdict.pValue = change.pValue(direction: rule.direction)
          family.append((verdicts.count, verdict.pValue, 1 - rule.level))
        }
        verdicts.append(verdict)
      }
    }
    for (index, significance) in significanceLevels(family.map { ($0.p, $0.alpha) }, method: rules.multipleComparisons).enumerated() {
      let i = family[index].index
      let v = verdicts[i]
      verdicts[i].significance = significance
      let regression = v.rule.isRegression(change: v.change!.change, pValue: v.pValue, significance: significance, baselineMean: v.baselineMean!)
      verdicts[i].outcome = regression ? .fail : .pass
    }
    return (verdicts, family.count)
  }

  /// The level each p-value of a family is compared with.
  ///
  /// - `none`: its own α. `bonferroni`: α/m. `holm`: tests are taken in increasing order of
  ///   p/α; the i-th (from 0) is compared with α/(m − i) while every earlier one was
  ///   significant, and every later one, once one is not, with 0 (it cannot be significant).
  ///   With equal α this is Holm's procedure; with unequal α the family-wise error is still at
  ///   most the largest α, since the first true null hypothesis tested faces at most α/m₀.
  ///   A missing p-value (one replication: no test) does not count towards m.
  ///
  /// - Parameters:
  ///   - family: Per comparison its p-value (or nil) and α = 1 − level.
  ///   - method: The correction.
  /// - Returns: One level per comparison, in `family` order.
  public static func significanceLevels(_ family: [(p: Double?, alpha: Double)], method: RuleSet.MultipleComparisons) -> [Double] {
    let m = family.filter { $0.p != nil }.count
    switch method {
    case .none: return family.map(\.alpha)
    case .bonferroni: return family.map { $0.alpha / Double(max(m, 1)) }
    case .holm:
      var levels = family.map { $0.alpha / Double(max(m, 1)) }
      let order = family.indices.filter { family[$0].p != nil }.sorted {
        let a = family[$0].p! / family[$0].alpha, b = family[$1].p! / family[$1].alpha
        return a != b ? a < b : $0 < $1
      }
      var open = true
      for (step, i) in order.enumerated() {
        let level = open ? family[i].alpha / Double(m - step) : 0
        levels[i] = level
        if family[i].p! > level { open = false }
      }
      return levels
    }
  }
}
