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
  ///   - now: Per policy, the new runs' values of each KPI, one per replication (KPIs it lacks
  ///     are skipped).
  ///   - baseline: The recorded runs; it must have every policy of `now`.
  ///   - paired: Pair replication r with the baseline's replication r (equal counts needed).
  ///   - rules: The rules.
  ///   - intervals: Give each sign-flip verdict its confidence interval (for reports); the
  ///     outcomes do not depend on it, so a study that only counts failures leaves it out.
  /// - Returns: The verdicts in policy and `KPIs.names` order, and the size of the statistical family.
  public static func judge(_ now: [BaselinePolicy], against baseline: Baseline, paired: Bool, rules: RuleSet,
                           intervals: Bool = true) -> (verdicts: [KPIVerdict], statistical: Int) {
    var verdicts: [KPIVerdict] = []
    var family: [(index: Int, differences: [Double])] = []
    for policy in now {
      let recorded = baseline.policy(named: policy.name)!
      for kpi in KPIs.names {
        guard let values = policy.values(of: kpi) else { continue }
        let rule = rules.rule(policy: policy.name, kpi: kpi)
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
          verdict.outcome = rule.exceedsThreshold(change: change.change, baselineMean: baselineMean) ? .fail : .pass
        case .statistical:
          verdict.pValue = change.pValue(direction: rule.direction)
          let differences = paired ? ChangeInterval.roundedDifferences(baseline: before, now: values) : []
          let sign = rule.direction == .noDecrease ? -1.0 : 1.0
          if paired {
            verdict.replicationCounts = KPIVerdict.ReplicationCounts(worse: differences.filter { $0 * sign > 0 }.count, better: differences.filter { $0 * sign < 0 }.count,
                                                                  same: differences.filter { $0 == 0 }.count)
          }
          family.append((verdicts.count, differences))
        }
        verdicts.append(verdict)
      }
    }
    let tested = family.filter { verdicts[$0.index].pValue != nil }
    let m = tested.count
    let replications = tested.first?.differences.count ?? 0
    let alpha = tested.map { 1 - verdicts[$0.index].rule.level }.min() ?? 0.05
    if paired, rules.multipleComparisons == .westfallYoung, m > 0,
       (SignFlipTest.minimumReplications(alpha: alpha)...SignFlipTest.maximumReplications).contains(replications) {
      let (raw, adjusted) = SignFlipTest.pValues(tested.map(\.differences), directions: tested.map { verdicts[$0.index].rule.direction })
      for (k, member) in tested.enumerated() {
        verdicts[member.index].pValue = raw[k]
        verdicts[member.index].adjustedPValue = adjusted[k]
        verdicts[member.index].test = "sign flips, Westfall–Young over \(m)"
        guard intervals else { continue }
        verdicts[member.index].signFlipInterval = SignFlipTest.interval(member.differences, direction: verdicts[member.index].rule.direction, level: verdicts[member.index].rule.level)
      }
    } else {
      let method: RuleSet.MultipleComparisons = rules.multipleComparisons == .westfallYoung ? .holm : rules.multipleComparisons
      let adjusted = adjustedPValues(tested.map { verdicts[$0.index].pValue! }, method: method)
      let name = paired ? "paired t" : "Welch t"
      let correction = switch method {
      case .holm, .westfallYoung: m > 1 ? ", Holm over \(m)" : ""
      case .bonferroni: m > 1 ? ", Bonferroni over \(m)" : ""
      case .none: ""
      }
      for (k, member) in tested.enumerated() {
        verdicts[member.index].adjustedPValue = adjusted[k]
        verdicts[member.index].test = name + correction
      }
    }
    for member in family {
      let v = verdicts[member.index]
      verdicts[member.index].outcome = v.rule.isRegression(change: v.change!.change, adjustedPValue: v.adjustedPValue, baselineMean: v.baselineMean!) ? .fail : .pass
    }
    return (verdicts, family.count)
  }

  /// p-values adjusted for a family: `none` leaves them, `bonferroni` multiplies by m, `holm`
  /// (and `westfallYoung` when it falls back to it) takes the running maximum of (m − i)·p₍ᵢ₎
  /// over the p-values in increasing order (i from 0); all are capped at 1.
  ///
  /// Why Holm keeps the family-wise error at most α under any dependence between the KPIs: let
  /// m₀ of the m hypotheses be true (no regression). Sorted ascending, the first true one sits at
  /// some position i ≤ m − m₀ (from 0), and nothing true is rejected unless it is, i.e. unless
  /// its p-value is at most α/(m − i) ≤ α/m₀. So a false alarm needs min over the true ones of
  /// p ≤ α/m₀, whose probability is at most m₀ · α/m₀ = α by the union bound alone, which holds
  /// whatever the joint distribution of the p-values (Holm 1979, Theorem 1).
  ///
  /// A comparison fails when its adjusted p-value is at most its α = 1 − level; with unequal
  /// levels the family-wise error stays at most the largest α, since the first true null
  /// hypothesis reached has an adjusted p-value of at least m₀ times its own.
  ///
  /// - SeeAlso: S. Holm (1979), Scand. J. Statist. 6(2), 65–70.
  public static func adjustedPValues(_ p: [Double], method: RuleSet.MultipleComparisons) -> [Double] {
    let m = Double(p.count)
    switch method {
    case .none: return p
    case .bonferroni: return p.map { min(1, $0 * m) }
    case .holm, .westfallYoung:
      let order = p.indices.sorted { p[$0] != p[$1] ? p[$0] < p[$1] : $0 < $1 }
      var out = p
      var running = 0.0
      for (i, k) in order.enumerated() {
        running = max(running, min(1, (m - Double(i)) * p[k]))
        out[k] = running
      }
      return out
    }
  }
}
