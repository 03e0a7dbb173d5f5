import InventoryOptimization
import SupplyModel

/// The `learned` policy: a neural lost-sales policy trained by `supplysim train`
/// (`PolicyIteration`), loaded from its model file and applied to every SKU, or one model file
/// per SKU (`"models"`).
///
/// Every SKU must be a lost-sales SKU with the fixed lead time its model was trained for (and
/// what `OptimalPolicyModel` requires: stationary whole-unit demand, reliable supply); the
/// features are scaled by the model's own mean demand.
public struct LearnedPolicyModel: PolicyModel {
  /// The trained policy (with per-SKU models, the first SKU's).
  public let model: LearnedLostSalesPolicy
  /// The model file, as the scenario names it (for reports).
  public let file: String
  /// Per SKU id, its own model and file, when the scenario gives one model per SKU.
  public let skuModels: [String: (model: LearnedLostSalesPolicy, file: String)]
  /// The scenario's SKU ids in order (for `audit`, whose data come in that order).
  let skuIDs: [String]

  /// Creates the model that runs every SKU.
  public init(model: LearnedLostSalesPolicy, file: String) {
    self.model = model
    self.file = file
    skuModels = [:]
    skuIDs = []
  }

  /// Creates the model with one trained policy for each of `skuIDs` (the scenario's, in order).
  public init(skuModels: [String: (model: LearnedLostSalesPolicy, file: String)], skuIDs: [String]) {
    self.skuModels = skuModels
    self.skuIDs = skuIDs
    model = skuModels[skuIDs[0]]!.model
    file = skuModels[skuIDs[0]]!.file
  }

  /// The model and file of SKU `id`.
  func entry(_ id: String) -> (model: LearnedLostSalesPolicy, file: String) { skuModels[id] ?? (model, file) }

  /// One sentence for reports.
  public var summary: String {
    if skuModels.count > 1 {
      return "learned: one neural policy per SKU (\(skuModels.count) model files, such as \(file), each trained by approximate policy iteration)"
    }
    return "learned: a neural policy from \(file) (trained for SKU \(model.sku), lead time \(model.leadDays) days, \(model.iterations) iterations of approximate policy iteration)"
  }

  /// Errors for SKUs the model does not fit: not lost sales, another lead time, no exact problem;
  /// a warning when the SKU's costs or mean demand differ from the training problem's.
  public func audit(_ data: [PlanningData]) -> [PlanningFinding] {
    var findings: [PlanningFinding] = []
    for (k, d) in data.enumerated() {
      let (model, file) = skuIDs.count == data.count ? entry(skuIDs[k]) : (model, file)
      do throws(OptimizationError) {
        let problem = try Self.problem(d)
        if problem.leadDays != model.leadDays {
          findings.append(PlanningFinding(severity: .error, sku: k, subject: .sku(key: "leadTime"), kind: "learnedModel",
                                          message: "the lead time is \(problem.leadDays) days but the learned model \(file) was trained for \(model.leadDays); train a model for this lead time or use the SKU it was trained on"))
        } else if case let .lostSales(penalty) = problem.shortage,
                  !(Self.close(penalty, model.penalty) && Self.close(problem.holding, model.holding) && Self.close(problem.dailyDemand.mean, model.meanDemand)) {
          findings.append(PlanningFinding(severity: .warning, sku: k, subject: .policy(key: "model"), kind: "learnedModel",
                                          message: "the learned model \(file) was trained for mean demand \(model.meanDemand), holding \(model.holding) and penalty \(model.penalty), not this SKU's; its decisions may be far from the best here"))
        }
      } catch {
        findings.append(PlanningFinding(severity: .error, sku: k, subject: .policy(key: "model"), kind: "learnedModel",
                                        message: "the learned policy cannot run this SKU: \(error)"))
      }
    }
    return findings
  }

  /// Equal within a relative 1e-6.
  static func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-6 * max(abs(a), abs(b), 1) }

  /// The runnable policy.
  public func makePolicy(named name: String, for network: SupplyNetwork) -> any ReplenishmentPolicy {
    LearnedPolicy(name: name, models: network.skus.map { entry($0.id).model })
  }

  /// The exact lost-sales problem of one SKU (what the learned policy is trained and evaluated on).
  public static func problem(_ d: PlanningData) throws(OptimizationError) -> OptimalPolicyMDP { try LostSalesHeuristicModel.problem(d) }

  /// The training problem of SKU `k` of a single-warehouse network.
  public static func trainingProblem(_ network: SupplyNetwork, sku k: Int) throws(OptimizationError) -> OptimalPolicyMDP {
    try problem(PlanningData.fromModel(network)[k])
  }
}

/// The runnable learned policy: each SKU's network's order, read from the simulator's pipeline,
/// remembered per state (`LostSalesStateTable`).
public struct LearnedPolicy: SeparableReplenishmentPolicy {
  /// The policy's name.
  public var name: String
  /// The trained policy of each SKU.
  public let models: [LearnedLostSalesPolicy]
  /// Orders already computed, per SKU and state.
  var table: LostSalesStateTable

  /// Creates the policy running `models[k]` for SKU k.
  public init(name: String, models: [LearnedLostSalesPolicy]) {
    self.name = name
    self.models = models
    table = LostSalesStateTable(skuCount: models.count)
  }

  /// Reads the pipeline.
  public var observesPipeline: Bool { true }

  /// Orders what the network says for each SKU.
  public mutating func decide(_ state: InventoryState, day: Int, orders: inout [Int]) {
    for k in 0..<state.skuCount {
      let model = models[k]
      orders[k] = table.order(sku: k, leadDays: model.leadDays, state: state, day: day) { model.order(onHand: $0, inTransit: $1) }
    }
  }

  /// Each model's exact cost per day on its training problem.
  public var parameters: PolicyParameters {
    PolicyParameters([.init(name: "learnedTrainingCostPerDay", values: models.map { Optional($0.costPerDay) })])
  }

  /// The SKUs in `range`.
  public func restricted(to range: Range<Int>) -> LearnedPolicy { LearnedPolicy(name: name, models: Array(models[range])) }
}
