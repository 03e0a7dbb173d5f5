import Replenishment
import Scenarios
import SupplyModel

extension PolicyOptimizer {
  /// Optimises a reorder-point-family policy in a network by simulation: the levels of every SKU
  /// at every node whose policy has levels to tune (s, S or Q of sQ, sS, RS and baseStock, in
  /// installation or echelon stock) start at the node's plan and move by the coordinate search
  /// of `search`, judged on each SKU's cost over the whole network (a store's level changes
  /// what its distribution centre holds, and the other way round), under the fill-rate
  /// constraint on each SKU's customer-facing fill rate if one is given. The result is
  /// confirmed against the policy as planned on fresh replications.
  ///
  /// - Throws: `Refusal` when no node's policy has levels to tune.
  static func optimizeNetwork(_ scenario: Scenario, definition: PolicyDefinition, options: Options,
                              progress: (@Sendable (_ runs: Int) -> Void)?) throws(Refusal) -> Result {
    let name = definition.name
    let network = scenario.network
    let topology = network.topology
    var specs: [Int: PolicySpecification] = [:]
    for node in topology.nodes.indices {
      if let spec = definition.model(forNode: node) as? PolicySpecification, !spec.tunableLevels.isEmpty { specs[node] = spec }
    }
    guard !specs.isEmpty else {
      throw Refusal(policy: name, reason: "(type \(definition.type)) has no levels to tune at any node: optimize tunes sQ, sS, RS and baseStock policies without a forecast section")
    }
    var points: [SearchPoint] = []
    for node in specs.keys.sorted() {
      let spec = specs[node]!
      let data = PlanningData.fromModel(network.planningView(ofNode: node, echelon: definition.echelonStock))
      let planned = spec.plannedLevels(data)
      for k in network.skus.indices where topology.demandMultiple(ofNode: node, sku: k) > 0 {
        points.append(SearchPoint(node: node, sku: k, levels: planned[k], step: initialStep(data[k], reviewPeriod: spec.effectiveReviewPeriod), searching: true))
      }
    }
    // The policy with every node's points pinned as that node's overrides.
    func pinned(_ points: [SearchPoint], named: String) -> PolicyDefinition {
      var tuned = definition
      tuned.name = named
      for (node, spec) in specs {
        var nodeSpec = spec
        nodeSpec.overrides = points.filter { $0.node == node }.map(\.levels)
        tuned.nodeModels[node] = nodeSpec
      }
      return tuned
    }
    var runs = 0
    try search(&points, rules: specs.mapValues { ($0.family, $0.tunableLevels) }, options: options) { (candidate: [SearchPoint]) throws(Refusal) -> PolicyOutcome in
      var copy = scenario
      copy.policies = [pinned(candidate, named: name)]
      runs += 1
      progress?(runs)
      return try simulate(copy, policy: name, options: options)
    }
    let selection = try confirm(scenario, planned: definition, tuned: pinned(points, named: name + " (optimised)"), options: options)
    var result = Result(policy: name, levels: [], exactSKUs: 0, searchedSKUs: network.skus.count, searchRuns: runs,
                        before: selection.before, after: selection.after, costChange: selection.costChange,
                        fillRateChange: selection.fillRateChange, adopted: selection.adopted)
    for point in points { result.nodeLevels[point.node, default: []].append(TunedLevels(levels: point.levels, exactCostPerDay: nil)) }
    return result
  }
}
