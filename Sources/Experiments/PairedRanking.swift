/// Candidates (policies, or policy × forecaster combinations) ranked on one KPI, each with its
/// mean and confidence interval and its paired difference to the best, and a verdict only where
/// a paired interval excludes zero.
///
/// Every candidate must come from the same experiment: replication r of each saw the same
/// random numbers (common random numbers), so the difference of two candidates is judged on the
/// per-replication differences d_r = candidate_r − best_r (paired t). The best is the candidate
/// with the best mean among those that meet the requirement (e.g. a mean fill rate of at least
/// 95%); it is **significantly** best only when its paired interval with every other such
/// candidate excludes zero. A tie (equal values in every replication) gives the interval [0, 0]
/// and so no verdict; one replication gives no interval and no verdict. Each comparison is at
/// `level` on its own, not adjusted for multiple comparisons.
///
/// `compare`, `sweep` (per grid point) and `stress` (per scenario) rank with this one type.
///
/// - SeeAlso: A. Law (2015), *Simulation Modeling and Analysis*, 5th ed., §10.2 (paired-t) and
///   §10.4 (selecting the best).
public struct PairedRanking: Sendable, Equatable {
  /// A service requirement a candidate's mean must reach to be ranked, e.g. fill rate ≥ 0.95.
  public struct Requirement: Sendable, Equatable {
    /// The KPI, e.g. `fillRate`.
    public var kpi: String
    /// The smallest acceptable mean.
    public var minimum: Double

    /// Creates a requirement.
    public init(kpi: String, minimum: Double) {
      self.kpi = kpi
      self.minimum = minimum
    }
  }

  /// One candidate's place in the ranking.
  public struct Entry: Sendable, Equatable {
    /// The candidate's position in the input.
    public var index: Int
    /// Its name.
    public var name: String
    /// Mean, standard deviation and interval of the ranked KPI.
    public var summary: KPISummary
    /// The mean of the requirement's KPI; nil without a requirement.
    public var requirementMean: Double?
    /// True when there is no requirement or the candidate's mean reaches it.
    public var meetsRequirement: Bool
    /// 1, 2, … among the candidates that meet the requirement, best first; nil for the others.
    public var rank: Int?
    /// The paired difference candidate − best of the ranked KPI; nil for the best itself and
    /// when no candidate meets the requirement.
    public var differenceToBest: KPISummary?

    /// True when the paired interval of the difference to the best excludes zero (needs at
    /// least two replications).
    public var distinguishableFromBest: Bool {
      guard let ci = differenceToBest?.interval else { return false }
      return ci.lower > 0 || ci.upper < 0
    }
  }

  /// The KPI ranked, e.g. `totalCost`.
  public var kpi: String
  /// True when a higher value ranks first (fill rate), false for costs.
  public var higherIsBetter: Bool
  /// The intervals' confidence level.
  public var level: Double
  /// Replications per candidate.
  public var replications: Int
  /// The requirement, if any.
  public var requirement: Requirement?
  /// Every candidate: those meeting the requirement by rank, then the others, each group in
  /// order of its mean (ties in input order).
  public var entries: [Entry]

  /// Ranks `candidates` on `kpi`.
  ///
  /// - Parameters:
  ///   - candidates: Totals of one experiment (same replications, common random numbers).
  ///   - kpi: The KPI to rank on.
  ///   - higherIsBetter: Rank the highest mean first (default: lower is better, as for costs).
  ///   - requirement: Rank only candidates whose mean of a KPI reaches a minimum.
  ///   - tieBreak: A KPI (lower is better) that orders candidates with equal means, before input order.
  ///   - level: The confidence level of every interval.
  /// - Precondition: every candidate has the same number of replications.
  public init(_ candidates: [PolicyTotals], kpi: String, higherIsBetter: Bool = false, requirement: Requirement? = nil,
              tieBreak: String? = nil, level: Double = 0.95) {
    let replications = candidates.first?.totals.count ?? 0
    precondition(candidates.allSatisfy { $0.totals.count == replications }, "a paired ranking needs equal replications, got \(candidates.map(\.totals.count))")
    self.kpi = kpi
    self.higherIsBetter = higherIsBetter
    self.level = level
    self.replications = replications
    self.requirement = requirement
    let summaries = candidates.map { $0.summary(of: kpi, level: level) }
    let required = requirement.map { r in candidates.map { $0.summary(of: r.kpi).mean } }
    let ties = tieBreak.map { t in candidates.map { $0.summary(of: t).mean } }
    func meets(_ i: Int) -> Bool {
      guard let requirement, let required else { return true }
      return required[i] >= requirement.minimum
    }
    // Order: meeting the requirement first; then by mean (non-finite last); then tie-break; then input order.
    func key(_ v: Double) -> Double { v.isNaN ? .infinity : (higherIsBetter ? -v : v) }
    let order = candidates.indices.sorted { a, b in
      if meets(a) != meets(b) { return meets(a) }
      let ka = key(summaries[a].mean), kb = key(summaries[b].mean)
      if ka != kb { return ka < kb }
      if let ties {
        let ta = ties[a].isNaN ? Double.infinity : ties[a], tb = ties[b].isNaN ? Double.infinity : ties[b]
        if ta != tb { return ta < tb }
      }
      return a < b
    }
    let best = order.first.flatMap { meets($0) ? $0 : nil }
    var rank = 0
    entries = order.map { i in
      let ok = meets(i)
      if ok { rank += 1 }
      var difference: KPISummary?
      if let best, i != best { difference = candidates[i].change(of: kpi, from: candidates[best], level: level) }
      return Entry(index: i, name: candidates[i].name, summary: summaries[i], requirementMean: required?[i], meetsRequirement: ok,
                   rank: ok ? rank : nil, differenceToBest: difference)
    }
  }

  /// The best candidate meeting the requirement, or nil when none does.
  public var best: Entry? { entries.first.flatMap { $0.rank == 1 ? $0 : nil } }

  /// The second-ranked candidate, or nil.
  public var runnerUp: Entry? { entries.first { $0.rank == 2 } }

  /// The ranked candidates (meeting the requirement) other than the best whose paired interval
  /// with the best includes zero: they are not distinguishable from it.
  public var indistinguishableFromBest: [Entry] {
    entries.filter { $0.rank != nil && $0.rank != 1 && !$0.distinguishableFromBest }
  }

  /// True when a best candidate exists, at least one other meets the requirement, and the
  /// best's paired interval with every one of them excludes zero: the only case that earns a
  /// star or a verdict.
  public var bestIsSignificant: Bool {
    best != nil && runnerUp != nil && indistinguishableFromBest.isEmpty
  }

  /// The test the verdicts use, in one sentence.
  public var testDescription: String {
    let percent = NumberFormatting.level(level)
    return "Paired t-test: each candidate's per-replication difference from the best under common random numbers; a difference is significant when its \(percent) Student-t interval excludes 0 (each comparison at \(percent), not adjusted for multiple comparisons)."
  }

  /// A plain statement of the result: which candidate is best, by how much and how sure, or
  /// which candidates cannot be told apart.
  ///
  /// - Parameters:
  ///   - noun: What a candidate is, singular and plural, e.g. ("policy", "policies").
  ///   - kpiName: The ranked KPI in words, e.g. "total cost".
  ///   - format: Prints a value (and a difference) of the ranked KPI.
  ///   - requirementText: The requirement in words, e.g. "a mean fill rate of at least 95.0%".
  public func statement(noun: (String, String), kpiName: String, format: (Double) -> String, requirementText: String? = nil) -> String {
    let at = requirementText.map { " at \($0)" } ?? ""
    let percent = NumberFormatting.level(level)
    let reps = "\(replications) replication\(replications == 1 ? "" : "s")"
    let superlative = higherIsBetter ? "the highest" : "the lowest"
    guard let best else {
      return "No \(noun.0) reaches \(requirementText ?? "the requirement")."
    }
    guard let runnerUp else {
      return requirementText == nil ? "\(best.name) is the only \(noun.0)." : "\(best.name) is the only \(noun.0) with \(requirementText!)."
    }
    guard replications > 1 else {
      return "\(best.name) has \(superlative) mean \(kpiName)\(at), but with 1 replication no difference can be tested (at least 2 are needed)."
    }
    func interval(_ d: KPISummary) -> String {
      guard let ci = d.interval else { return "" }
      return "paired \(percent) interval \(format(ci.lower)) to \(format(ci.upper))"
    }
    let lead = runnerUp.differenceToBest.map { d in
      "\(format(abs(d.mean))) \(higherIsBetter ? "above" : "below") \(runnerUp.name), the next (\(runnerUp.name) − \(best.name): \(interval(d)))"
    } ?? ""
    if bestIsSignificant {
      return "\(best.name) has \(superlative) \(kpiName)\(at): \(lead); its lead over every other \(noun.0) is significant (paired t, \(percent), \(reps))."
    }
    let tied = [best.name] + indistinguishableFromBest.map(\.name)
    return "\(best.name) has \(superlative) mean \(kpiName)\(at), but \(Self.list(tied)) are not distinguishable at \(percent) over \(reps) (their paired intervals with \(best.name) include 0)."
  }

  /// Names as a list in prose: "a", "a and b", "a, b and c".
  public static func list(_ names: [String]) -> String {
    names.count <= 2 ? names.joined(separator: " and ") : names.dropLast().joined(separator: ", ") + " and " + names.last!
  }
}

/// Small text helpers for statements.
enum NumberFormatting {
  /// A confidence level as a percentage without trailing zeros: 0.95 → "95%", 0.995 → "99.5%".
  static func level(_ level: Double) -> String {
    let p = (level * 1000).rounded() / 10
    return p == p.rounded() ? "\(Int(p))%" : "\(p)%"
  }
}
