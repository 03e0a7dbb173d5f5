import Experiments
import SupplyModel

/// The answer a run's report gives on its first screen: which policy is best on total cost, by
/// how much against the runner-up (the paired difference with its interval), how sure that is,
/// and at what service.
///
/// Scenarios carry no scenario-wide service target (each policy plans for its own), so the
/// answer ranks by lowest total cost and states each contender's fill rate beside it, with the
/// paired fill-rate difference when the cheaper policy serves significantly less. "How sure"
/// follows `BestPolicyRule`: the cheapest policy is called best only when the paired interval of
/// its cost difference from every other policy excludes zero.
public struct RunAnswer: Sendable, Equatable {
  /// One line of the answer: a short label and its sentence.
  public struct Line: Sendable, Equatable {
    /// "Lowest cost", "By how much", "How sure", "Service".
    public var label: String
    /// The sentence.
    public var text: String
  }

  /// The lines, in reading order.
  public var lines: [Line]
  /// The index of the policy with the lowest mean total cost.
  public var cheapest: Int
  /// The policy that is best on total cost by `BestPolicyRule`, or nil.
  public var significantlyCheapest: Int?

  /// Builds the answer for `result`.
  public init(result: ExperimentResult, rule: BestPolicyRule = BestPolicyRule()) {
    let outcomes = result.outcomes
    precondition(!outcomes.isEmpty, "a run has at least one policy")
    let days = result.scenario.network.measuredDays.count
    let costs = outcomes.map { $0.summary(of: "totalCost").mean }
    let fills = outcomes.map { $0.summary(of: "fillRate").mean }
    // Ties in the mean keep scenario order.
    let order = outcomes.indices.sorted { costs[$0] != costs[$1] ? costs[$0] < costs[$1] : $0 < $1 }
    let top = order[0], best = outcomes[top]
    let significant = rule.best(in: result, kpi: "totalCost")
    cheapest = top
    significantlyCheapest = significant
    func cost(_ x: Double) -> String { NumberFormat.grouped(x, 0) }
    func fill(_ x: Double) -> String { NumberFormat.percent(x, 2) }
    var lines = [Line(label: "Lowest cost", text: outcomes.count == 1
      ? "\(best.name), the only policy: total cost \(cost(costs[top])) over the \(NumberFormat.grouped(Double(days), 0)) measured days at a fill rate of \(fill(fills[top]))."
      : "\(best.name): total cost \(cost(costs[top])) over the \(NumberFormat.grouped(Double(days), 0)) measured days at a fill rate of \(fill(fills[top])). The scenario sets no common service target, so policies are ranked by total cost; each plans for its own target (see Scenario).")]
    guard outcomes.count > 1 else {
      self.lines = lines
      return
    }
    let second = order[1]
    let runnerUp = outcomes[second]
    let costDifference = PairedComparison(runnerUp, best, kpi: "totalCost", level: rule.level).difference
    let share = costs[second] != 0 ? abs(costDifference.mean / costs[second]) : 0
    guard zip(runnerUp.totals, best.totals).contains(where: { $0.totalCost != $1.totalCost }) else {
      lines.append(Line(label: "By how much", text: "The same total cost as the runner-up \(runnerUp.name) in every replication: a tie."))
      lines.append(Line(label: "How sure", text: "No policy is best on cost: \(best.name) and \(runnerUp.name) tie."))
      self.lines = lines
      return
    }
    var by = "\(cost(costDifference.mean)) less than the runner-up \(runnerUp.name) (\(NumberFormat.percent(share, share < 0.001 ? 3 : 2)) of its cost"
    if let ci = costDifference.interval {
      by += "; paired \(BestPolicyRule.percent(rule.level)) interval \(cost(ci.lower)) to \(cost(ci.upper)))."
    } else {
      by += ")."
    }
    lines.append(Line(label: "By how much", text: by))
    let sure: String
    if result.replications < 2 {
      sure = "Not at all yet: one replication gives no interval, so this ranking may be noise. Run with --replications 10 or more."
    } else if significant == top {
      sure = "Significant: the paired \(BestPolicyRule.percent(rule.level)) interval of the cost difference excludes 0 against every other policy (\(result.replications) replications, same random numbers)."
    } else {
      let tied = order.dropFirst().filter { other in
        guard let ci = rule.differenceInterval(outcomes[top].totals.map(\.totalCost), outcomes[other].totals.map(\.totalCost)) else { return true }
        return !(ci.upper < 0)
      }.map { outcomes[$0].name }
      sure = "Not significant: the paired \(BestPolicyRule.percent(rule.level)) interval against \(tied.joined(separator: ", ")) includes 0 (\(result.replications) replications), so \(best.name) is not shown to be cheaper than \(tied.count == 1 ? "it" : "them")."
    }
    lines.append(Line(label: "How sure", text: sure))
    let fillDifference = PairedComparison(best, runnerUp, kpi: "fillRate", level: rule.level)
    var service = "\(best.name) fills \(fill(fills[top])) of demand from stock, \(runnerUp.name) \(fill(fills[second]))"
    if let ci = fillDifference.difference.interval {
      let pp = { (x: Double) in NumberFormat.fixed(x * 100, 2) }
      if fillDifference.isSignificant {
        service += fillDifference.difference.mean < 0
          ? ": the cheaper policy serves significantly less (\(pp(fillDifference.difference.mean)) pp, interval \(pp(ci.lower)) to \(pp(ci.upper)) pp); weigh the saving against that."
          : ": the cheaper policy also serves significantly more (+\(pp(fillDifference.difference.mean)) pp, interval \(pp(ci.lower)) to \(pp(ci.upper)) pp)."
      } else {
        service += ": no significant difference in fill rate (interval \(pp(ci.lower)) to \(pp(ci.upper)) pp)."
      }
    } else {
      service += "."
    }
    lines.append(Line(label: "Service", text: service))
    self.lines = lines
  }
}
