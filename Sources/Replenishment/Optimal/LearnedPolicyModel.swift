import InventoryOptimization
import SupplyModel

/// The `learned` policy: a neural lost-sales policy trained by `supplysim train`
/// (`PolicyIteration`), loaded from its model file and applied to every SKU.
///
/// Every SKU must be a lost-sales SKU with the fixed lead time the model was trained for (and
/// what `OptimalPolicyModel` requires: stationary whole-unit demand, reliable supply); the
/// features are scaled by the model's own mean demand.
public struct LearnedPolicyModel: PolicyModel {
  /// The trained policy.
  public let model: LearnedLostSalesPolicy
  /// The model file, as the scenario names it (for reports).
  public let file: String

  /// Creates the model.
  public init(model: LearnedLostSalesPolicy, file: String) {
    self.model = model
    self.file = file
  }

  /// One sentence for reports.
  public var summary: String {
    "learned: a neural policy from \(file) (trained for SKU \(model.sku), lead time \(model.leadDays) days, \(model.iterations) iterations of approximate policy iteration)"
  }

  /// Errors for SKUs the model does not fit: not lost sales, another lead time, no exact problem.
  public func audit(_ data: [PlanningData]) -> [PlanningFinding] {
    var findings: [PlanningFinding] = []
    for (k, d) in data.enumerated() {
      do throws(OptimizationError) {
        let problem = try Self.problem(d)
        if problem.leadDays != model.leadDays {
          findings.append(PlanningFinding(severity: .error, sku: k, subject: .sku(key: "leadTime"), kind: "learnedModel",
                                          message: "the lead time is \(problem.leadDays) days but the learned model \(file) was trained for \(model.leadDays); train a model for this lead time or use the SKU it was trained on"))
        }
      } catch {
        findings.append(PlanningFinding(severity: .error, sku: k, subject: .policy(key: "model"), kind: "learnedModel",
                                        message: "the learned policy cannot run this SKU: \(error)"))
      }
    }
    return findings
  }

  /// The runnable policy.
  public func makePolicy(named name: String, for network: SupplyNetwork) -> any ReplenishmentPolicy {
    LearnedPolicy(name: name, model: model, skuCount: network.skus.count)
  }

  /// The exact lost-sales problem of one SKU (what the learned policy is trained and evaluated on).
  public static func problem(_ d: PlanningData) throws(OptimizationError) -> OptimalPolicyMDP { try LostSalesHeuristicModel.problem(d) }

  /// The training problem of SKU `k` of a single-warehouse network.
  public static func trainingProblem(_ network: SupplyNetwork, sku k: Int) throws(OptimizationError) -> OptimalPolicyMDP {
    try problem(PlanningData.fromModel(network)[k])
  }
}

/// The runnable learned policy: the network's order per SKU, read from the simulator's pipeline,
/// remembered per state (`LostSalesStateTable`).
public struct LearnedPolicy: SeparableReplenishmentPolicy {
  /// The policy's name.
  public var name: String
  /// The trained policy.
  public let model: LearnedLostSalesPolicy
  /// Orders already computed, per SKU and state.
  var table: LostSalesStateTable
  /// SKUs.
  let skuCount: Int

  /// Creates the policy for `skuCount` SKUs.
  public init(name: String, model: LearnedLostSalesPolicy, skuCount: Int) {
    self.name = name
    self.model = model
    self.skuCount = skuCount
    table = LostSalesStateTable(skuCount: skuCount)
  }

  /// Reads the pipeline.
  public var observesPipeline: Bool { true }

  /// Orders what the network says for each SKU.
  public mutating func decide(_ state: InventoryState, day: Int, orders: inout [Int]) {
    for k in 0..<state.skuCount {
      orders[k] = table.order(sku: k, leadDays: model.leadDays, state: state, day: day) { model.order(onHand: $0, inTransit: $1) }
    }
  }

  /// The model's exact cost per day on its training problem, for every SKU.
  public var parameters: PolicyParameters {
    PolicyParameters([.init(name: "learnedTrainingCostPerDay", values: Array(repeating: Optional(model.costPerDay), count: skuCount))])
  }

  /// The SKUs in `range`.
  public func restricted(to range: Range<Int>) -> LearnedPolicy { LearnedPolicy(name: name, model: model, skuCount: range.count) }
}
