import Replenishment
import Scenarios
import SupplyModel

/// Finds the best levels of a reorder-point-family policy for every SKU of a single-warehouse
/// scenario: exactly where theory gives them (`PolicySpecification.exactOptimum`), otherwise by
/// a simulation search under common random numbers; then confirms the result against the
/// policy as planned on fresh replications.
///
/// **Search.** Every SKU starts at its exact optimum or its planned levels. In each round every
/// tunable level (s, S or Q) of every still-searching SKU is moved by its step, up and then down,
/// in one simulation of all SKUs; a SKU keeps a move when its paired mean cost over the search
/// replications falls (replication r of both runs saw the same demand and lead times) and its
/// service constraint still holds, or when it is infeasible and its fill rate rises. A SKU whose
/// moves all fail halves its step and stops once a step of 1 fails. Steps start near the
/// standard deviation of lead-time demand.
///
/// **Selection.** The tuned and the planned policy run together on `selectionReplications`
/// replications the search never saw; the paired interval of the change in total cost at
/// `confidence` states whether the tuned levels are better. They are adopted when the mean
/// cost falls (and the fill-rate constraint, if any, holds on average); otherwise the planned
/// levels stay, and the result says so.
public enum PolicyOptimizer {
  /// How to search.
  public struct Options: Sendable {
    /// Replications the search compares candidates on.
    public var replications: Int
    /// Fresh replications of the final comparison.
    public var selectionReplications: Int
    /// Threads.
    public var threads: Int
    /// Each SKU's mean fill rate must reach this (nil: no constraint). With a constraint every
    /// SKU is searched by simulation (exact optima start the search).
    public var fillRate: Double?
    /// The level of the final paired interval.
    public var confidence: Double
    /// The most search rounds.
    public var maximumRounds: Int
    /// Use exact optima where theory gives them (default); false searches every SKU by
    /// simulation from its planned levels (to check the search against the exact optimum).
    public var exactWhereKnown: Bool = true

    /// Creates options.
    public init(replications: Int = 10, selectionReplications: Int = 20, threads: Int = 1, fillRate: Double? = nil, confidence: Double = 0.95, maximumRounds: Int = 40) {
      self.replications = replications
      self.selectionReplications = selectionReplications
      self.threads = threads
      self.fillRate = fillRate
      self.confidence = confidence
      self.maximumRounds = maximumRounds
    }
  }

  /// Why a policy cannot be optimised, as a sentence.
  public struct Refusal: Error, Sendable, Equatable, CustomStringConvertible {
    /// The policy.
    public var policy: String
    /// The reason.
    public var reason: String
    /// "policy NAME: REASON".
    public var description: String { "policy \"\(policy)\" \(reason)" }
  }

  /// One policy's optimisation.
  public struct Result: Sendable {
    /// The policy's name.
    public var policy: String
    /// The levels found, one per SKU (exact cost per day where computed exactly).
    public var levels: [TunedLevels]
    /// SKUs whose levels were computed exactly.
    public var exactSKUs: Int
    /// SKUs searched by simulation.
    public var searchedSKUs: Int
    /// Simulations the search ran.
    public var searchRuns: Int
    /// The planned policy's total cost and fill rate on the selection replications.
    public var before: (cost: KPISummary, fillRate: KPISummary)
    /// The tuned policy's, on the same replications.
    public var after: (cost: KPISummary, fillRate: KPISummary)
    /// Tuned − planned total cost, paired by replication.
    public var costChange: ChangeInterval
    /// Tuned − planned fill rate, paired by replication.
    public var fillRateChange: ChangeInterval
    /// True when the tuned levels are adopted (see the type's notes).
    public var adopted: Bool
    /// In a network, the levels found at each node (index in the topology), one per SKU the
    /// node stocks on its chain; empty for a single warehouse, whose levels are `levels`.
    public var nodeLevels: [Int: [TunedLevels]] = [:]
  }

  /// Optimises the policy named `name` of `scenario`.
  ///
  /// - Throws: `Refusal` for an unknown policy, a policy with no tunable levels (LP,
  ///   forecast-driven, or not of the reorder-point family), or a network policy other than
  ///   echelon base stock in a serial chain (see `optimizeSerial`).
  public static func optimize(_ scenario: Scenario, policy name: String, options: Options,
                              progress: (@Sendable (_ runs: Int) -> Void)? = nil) throws(Refusal) -> Result {
    guard let index = scenario.policies.firstIndex(where: { $0.name == name }) else {
      throw Refusal(policy: name, reason: "is not in the scenario (it has \(scenario.policies.map(\.name).joined(separator: ", ")))")
    }
    let definition = scenario.policies[index]
    guard let spec = definition.model as? PolicySpecification, !spec.tunableLevels.isEmpty else {
      throw Refusal(policy: name, reason: "(type \(definition.type)) has no levels to tune: optimize tunes sQ, sS, RS and baseStock policies without a forecast section")
    }
    if scenario.network.hasSeveralNodes {
      if let serial = try optimizeSerial(scenario, definition: definition, spec: spec, options: options) { return serial }
      return try optimizeNetwork(scenario, definition: definition, options: options, progress: progress)
    }
    let network = scenario.network
    let data = PlanningData.fromModel(network)
    var levels = spec.plannedLevels(data)
    var exact = Array(repeating: Double?.none, count: data.count)
    for k in data.indices where options.exactWhereKnown {
      if let best = spec.exactOptimum(sku: k, data[k]) {
        levels[k] = best.levels
        exact[k] = best.exactCostPerDay
      }
    }
    var points = data.indices.map { k in
      SearchPoint(node: 0, sku: k, levels: levels[k], step: initialStep(data[k], reviewPeriod: spec.effectiveReviewPeriod),
                  searching: exact[k] == nil || options.fillRate != nil)
    }
    var runs = 0
    // One simulation of the policy with every SKU pinned to its point's levels.
    try search(&points, rules: [0: (spec.family, spec.tunableLevels)], options: options) { (candidate: [SearchPoint]) throws(Refusal) -> PolicyOutcome in
      var pinned = spec
      pinned.overrides = candidate.map(\.levels)
      var copy = scenario
      copy.policies = [PolicyDefinition(name: name, type: definition.type, model: pinned)]
      runs += 1
      progress?(runs)
      return try simulate(copy, policy: name, options: options)
    }
    levels = points.map(\.levels)

    // Selection on fresh replications: planned and tuned together, paired by replication.
    var pinned = spec
    pinned.overrides = levels
    let selection = try confirm(scenario, planned: definition, tuned: PolicyDefinition(name: name + " (optimised)", type: definition.type, model: pinned), options: options)
    let tuned = data.indices.map { TunedLevels(levels: levels[$0], exactCostPerDay: exact[$0]) }
    let exactCount = data.indices.filter { exact[$0] != nil }.count
    return Result(policy: name, levels: tuned, exactSKUs: options.fillRate == nil ? exactCount : 0,
                  searchedSKUs: data.count - (options.fillRate == nil ? exactCount : 0), searchRuns: runs,
                  before: selection.before, after: selection.after, costChange: selection.costChange,
                  fillRateChange: selection.fillRateChange, adopted: selection.adopted)
  }

  /// One search simulation of `scenario` (holding the one policy `policy`) on the search
  /// replications.
  static func simulate(_ scenario: Scenario, policy: String, options: Options) throws(Refusal) -> PolicyOutcome {
    let experiment = Experiment(scenario: scenario, replications: options.replications, threads: options.threads)
    do throws(PolicyFailure) {
      return try experiment.run().outcomes[0]
    } catch {
      throw Refusal(policy: policy, reason: "failed while it was tuned: \(error)")
    }
  }

  /// The planned and the tuned policy run together on `selectionReplications` fresh
  /// replications, paired by replication; the tuned one is adopted when its mean cost is lower
  /// (and the fill-rate constraint, if any, holds on average).
  static func confirm(_ scenario: Scenario, planned: PolicyDefinition, tuned: PolicyDefinition, options: Options)
    throws(Refusal) -> (before: (cost: KPISummary, fillRate: KPISummary), after: (cost: KPISummary, fillRate: KPISummary),
                        costChange: ChangeInterval, fillRateChange: ChangeInterval, adopted: Bool) {
    var both = scenario
    both.policies = [planned, tuned]
    var confirm = Experiment(scenario: both, replications: options.selectionReplications, threads: options.threads)
    confirm.firstReplication = 1_000_000
    let outcomes: [PolicyOutcome]
    do throws(PolicyFailure) {
      outcomes = try confirm.run().outcomes
    } catch {
      throw Refusal(policy: planned.name, reason: "failed in the final comparison: \(error)")
    }
    let level = options.confidence
    let before = (outcomes[0].summary(of: "totalCost", level: level), outcomes[0].summary(of: "fillRate", level: level))
    let after = (outcomes[1].summary(of: "totalCost", level: level), outcomes[1].summary(of: "fillRate", level: level))
    let costChange = ChangeInterval(baseline: outcomes[0].totals.map(\.totalCost), now: outcomes[1].totals.map(\.totalCost), paired: true, level: level)
    let fillChange = ChangeInterval(baseline: outcomes[0].totals.map(\.fillRate), now: outcomes[1].totals.map(\.fillRate), paired: true, level: level)
    let meetsService = options.fillRate.map { after.1.mean >= $0 } ?? true
    return (before, after, costChange, fillChange, costChange.change < 0 && meetsService)
  }

  /// `levels` with one tunable level moved by `delta`, or nil when the move leaves the valid
  /// range (Q ≥ 1; S > s for (s,S); order-up-to levels ≥ 0).
  static func moved(_ levels: PolicyOverride, level: String, by delta: Int, family: PolicyFamily) -> PolicyOverride? {
    var next = levels
    switch level {
    case PolicyParameters.reorderPoint:
      guard let s = levels.reorderPoint else { return nil }
      next.reorderPoint = s + delta
    case PolicyParameters.orderUpTo:
      guard let S = levels.orderUpTo else { return nil }
      next.orderUpTo = S + delta
      if family != .sS && S + delta < 0 { return nil }
    case PolicyParameters.orderQuantity:
      guard let q = levels.orderQuantity, q + delta >= 1 else { return nil }
      next.orderQuantity = q + delta
    default:
      return nil
    }
    if family == .sS, let s = next.reorderPoint, let S = next.orderUpTo, S <= s { return nil }
    guard [next.reorderPoint, next.orderUpTo, next.orderQuantity].allSatisfy({ ($0 ?? 0).magnitude <= UInt(StockQuantity.maximum) }) else { return nil }
    return next
  }
}
