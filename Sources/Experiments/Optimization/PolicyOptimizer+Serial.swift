import Replenishment
import Scenarios
import SupplyModel

extension PolicyOptimizer {
  /// Optimises an echelon base-stock policy of a serial network: every SKU gets the optimal
  /// echelon level at every node of its chain (`SerialEchelonOptimum`, Clark and Scarf's model by
  /// Chen and Zheng's recursion), pinned as per-node overrides, and is confirmed against the
  /// policy as planned on fresh replications like any optimised policy.
  ///
  /// - Throws: `Refusal` unless the policy is `baseStock` reviewed daily with `"stock":
  ///   "echelon"`, the same at every node, without a fill-rate constraint, and every SKU meets the
  ///   model's conditions (the refusal names the first SKU that does not, and why).
  static func optimizeSerial(_ scenario: Scenario, definition: PolicyDefinition, spec: PolicySpecification, options: Options) throws(Refusal) -> Result {
    let name = definition.name
    let needs = "in a multi-echelon network optimize computes the optimal echelon base-stock levels of serial chains; it needs a baseStock policy reviewed daily with \"stock\": \"echelon\""
    guard spec.family == .baseStock, spec.effectiveReviewPeriod == 1, definition.echelonStock else {
      throw Refusal(policy: name, reason: "(type \(definition.type)\(definition.echelonStock ? "" : ", installation stock")) cannot be optimised here: \(needs)")
    }
    guard definition.nodeModels.values.allSatisfy({ ($0 as? PolicySpecification).map { $0.family == .baseStock && $0.effectiveReviewPeriod == 1 } ?? false }) else {
      throw Refusal(policy: name, reason: "changes its type or review period at some node: \(needs) at every node")
    }
    guard options.fillRate == nil else {
      throw Refusal(policy: name, reason: "is in a network: the fill-rate constraint applies to single-warehouse scenarios; leave out --fill-rate")
    }
    let network = scenario.network
    var perNode: [Int: [PolicyOverride]] = [:]
    var nodeLevels: [Int: [TunedLevels]] = [:]
    for k in network.skus.indices {
      let optimum: SerialEchelonOptimum
      do {
        optimum = try SerialEchelonOptimum(network, sku: k)
      } catch {
        throw Refusal(policy: name, reason: "cannot get exact echelon levels for SKU \(network.skus[k].id): \(error)")
      }
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
