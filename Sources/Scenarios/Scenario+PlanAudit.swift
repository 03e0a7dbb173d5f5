import Replenishment
import SupplyModel

extension Scenario {
  /// Audits every policy's plan at every stocking point (`PolicyModel.audit`; for the built-in
  /// policies `PolicyPlanner.audit`):
  /// errors for levels and lot sizes outside the simulator's exact range, warnings for
  /// degenerate plans. Findings of one kind under one policy are grouped into one message that
  /// names the first SKU and counts the others, so a large catalogue gives a few lines.
  ///
  /// - Returns: Errors (the scenario cannot run) and warnings (it runs, but a plan is degenerate).
  static func auditPlans(network: SupplyNetwork, policies: [PolicyDefinition], file: String) -> (errors: [ScenarioError], warnings: [ScenarioError]) {
    var errors: [ScenarioError] = [], warnings: [ScenarioError] = []
    let nodes = Array(network.topology.nodes.indices)
    var echelonViews: [Bool: [[PlanningData]]] = [:]
    for (p, policy) in policies.enumerated() {
      var groups: [(kind: String, first: PlanningFinding, node: Int, count: Int)] = []
      var groupOf: [String: Int] = [:]
      for node in nodes {
        if echelonViews[policy.echelonStock] == nil {
          echelonViews[policy.echelonStock] = nodes.map { PlanningData.fromModel(network.planningView(ofNode: $0, echelon: policy.echelonStock)) }
        }
        let data = echelonViews[policy.echelonStock]![node]
        for finding in policy.model(forNode: node).audit(data) {
          let key = "\(finding.severity)|\(finding.kind)"
          if let g = groupOf[key] { groups[g].count += 1 } else {
            groupOf[key] = groups.count
            groups.append((finding.kind, finding, node, 1))
          }
        }
      }
      for g in groups {
        let f = g.first
        // Several nodes name the node of a finding; a single warehouse's findings are per SKU.
        let place = network.hasSeveralNodes ? " at node \"\(network.topology.nodes[g.node].id)\"" : ""
        let more = g.count > 1 ? " and \(g.count - 1) more SKU\(network.hasSeveralNodes ? "-node" : "") plan\(g.count == 2 ? "" : "s")" : ""
        let which = " (SKU \"\(network.skus[f.sku].id)\"\(place)\(more))"
        let finding: ScenarioError
        switch f.subject {
        case let .sku(key):
          finding = ScenarioError(file: file, path: "skus[\(f.sku)].\(key)", problem: "under policy \"\(policy.name)\"\(place), \(f.message)\(g.count > 1 ? " (\(more.dropFirst(5)) too)" : "")")
        case let .policy(key):
          finding = ScenarioError(file: file, path: "policies[\(p)].\(key)", problem: f.message + which)
        }
        if f.severity == .error { errors.append(finding) } else { warnings.append(finding) }
      }
    }
    return (errors, warnings)
  }
}
