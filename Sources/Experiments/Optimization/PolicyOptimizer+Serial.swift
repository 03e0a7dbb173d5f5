import Replenishment
import Scenarios
import SupplyModel

extension PolicyOptimizer {
  /// Optimises an echelon base-stock policy of a serial network exactly: every SKU gets the
  /// optimal echelon level at every node of its chain (`SerialEchelonOptimum`, Clark and Scarf's
  /// model by Chen and Zheng's recursion), pinned as per-node overrides, and is confirmed against
  /// the policy as planned on fresh replications like any optimised policy.
  ///
  /// - Returns: Nil when the exact model does not apply (the network searches by simulation
  ///   instead, `optimizeNetwork`): unless the policy is `baseStock` reviewed daily with
  ///   `"stock": "echelon"`, the same at every node, without a fill-rate constraint, and every
  ///   SKU meets the model's conditions (a serial chain, fixed lead times, uncapacitated lanes,
  ///   stationary discrete demand).
  static func optimizeSerial(_ scenario: Scenario, definition: PolicyDefinition, spec: PolicySpecification, options: Options) throws(Refusal) -> Result? {
    let name = definition.name
    guard spec.family == .baseStock, spec.effectiveReviewPeriod == 1, definition.echelonStock, options.fillRate == nil,
          definition.nodeModels.values.allSatisfy({ ($0 as? PolicySpecification).map { $0.family == .baseStock && $0.effectiveReviewPeriod == 1 } ?? false })
    else { return nil }
    let network = scenario.network
    var perNode: [Int: [PolicyOverride]] = [:]
    var nodeLevels: [Int: [TunedLevels]] = [:]
    for k in network.skus.indices {
      guard let optimum = try? SerialEchelonOptimum(network, sku: k) else { return nil }
      for (position, node) in optimum.nodes.enumerated() {
        let levels = PolicyOverride(sku: k, orderUpTo: optimum.levels[position])
        perNode[node, default: []].append(levels)
        nodeLevels[node, default: []].append(TunedLevels(levels: levels, exactCostPerDay: position == 0 ? optimum.costPerDay : nil))
      }
    }
    var tuned = definition
    tuned.name = name + " (optimised)"
    for (node, overrides) in perNode {
      var nodeSpec = (definition.nodeModels[node] as? PolicySpecification) ?? spec
      nodeSpec.overrides = overrides
      tuned.nodeModels[node] = nodeSpec
    }
    let selection = try confirm(scenario, planned: definition, tuned: tuned, options: options)
    var result = Result(policy: name, levels: [], exactSKUs: network.skus.count, searchedSKUs: 0, searchRuns: 0,
                        before: selection.before, after: selection.after, costChange: selection.costChange,
                        fillRateChange: selection.fillRateChange, adopted: selection.adopted)
    result.nodeLevels = nodeLevels
    return result
  }
}
