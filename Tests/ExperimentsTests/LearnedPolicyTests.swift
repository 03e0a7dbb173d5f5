import Experiments
import Foundation
import InventoryOptimization
import Replenishment
import Scenarios
import Stochastics
import SupplyModel
import Testing
import _TestSupport

/// The `learned` policy type: a trained model file loads, simulates at its exact cost, and a
/// missing, corrupt or mismatched file is refused with a sentence.
@Suite struct LearnedPolicyTests {
  static func temporaryDirectory(_ label: String) -> String {
    let path = NSTemporaryDirectory() + "supplysim-\(label)-\(UUID().uuidString)"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  static let sku = #"{"id": "Z", "supplier": "s", "demand": {"distribution": "poisson", "mean": 3}, "unitCost": 0, "holdingCostPerUnitDay": 1, "lostSalePenaltyPerUnit": 4, "orderCost": 0, "unmetDemand": "lostSales"}"#

  static func scenario(_ folder: String, model: String, lead: Int = 2, horizon: Int = 400) throws -> Scenario {
    try Scenario.load(json: """
      {"name": "learned", "seed": 11, "horizonDays": \(horizon), "warmUpDays": 100, "replications": 4,
       "warehouse": {"id": "dc"}, "suppliers": [{"id": "s", "leadTime": {"distribution": "deterministic", "mean": \(lead)}}],
       "skus": [\(sku)], "policies": [{"name": "nn", "type": "learned", "model": "\(model)"}]}
      """, file: folder + "/learned.json")
  }

  static func trainedModel() throws -> LearnedLostSalesPolicy {
    let problem = try OptimalPolicyMDP(dailyDemand: try DemandPMF(Poisson(mean: 3)), leadDays: 2, holding: 1, shortage: .lostSales(penalty: 4))
    var options = PolicyIteration.Options()
    options.iterations = 1
    options.states = 60
    options.paths = 8
    options.pathBudget = 0
    options.horizon = 10
    options.hidden = [8]
    options.minimumSteps = 200
    return try PolicyIteration.train(problem, sku: "Z", options: options)
  }

  @Test func aTrainedModelSimulatesAtItsExactCost() throws {
    let folder = Self.temporaryDirectory("learned")
    let model = try Self.trainedModel()
    try JSONEncoder().encode(model).write(to: URL(fileURLWithPath: folder + "/m.json"))
    let scenario = try Self.scenario(folder, model: "m.json", horizon: 20_000)
    let outcome = try Experiment(scenario: scenario, replications: 4, threads: 2).run().outcomes[0]
    let days = Double(scenario.network.measuredDays.count)
    let summary = outcome.summary(of: "totalCost", level: 0.99)
    let half = ((summary.interval?.upper ?? summary.mean) - summary.mean) / days
    #expect(abs(summary.mean / days - model.costPerDay) <= max(half, 0.02), "simulated \(summary.mean / days), exact \(model.costPerDay)")
    #expect(outcome.parameters.value("learnedTrainingCostPerDay", ofSKU: 0) == model.costPerDay)
  }

  /// The shipped single-instance scenario loads its model (the p = 4, lead time 3 days one).
  @Test func shippedScenarioLoadsItsModel() throws {
    let scenario = try Scenario.load(path: SourceTree.root() + "/scenarios/models/lost-sales-learned.json")
    let model = try #require(scenario.policies.first { $0.name == "learned" }?.model as? LearnedPolicyModel).model
    #expect(model.sku == "Z-L2-p4" && model.leadDays == 3 && model.penalty == 4 && model.costPerDay < 4.3953 * 1.005)
  }

  /// Zipkin's instances (his lead times 1 to 3 = 2 to 4 days, p = 4, 9, 19) as
  /// `OptimalPolicyMDP.solve` (relative value iteration) finds them; the first is solved again
  /// in `shippedZipkinModelsAreWithinOnePercentOfOptimal`.
  static let zipkinOptima: [String: Double] = [
    "Z-L1-p4": 4.040711169705206, "Z-L1-p9": 5.4382194099225165, "Z-L1-p19": 6.675743998951344,
    "Z-L2-p4": 4.395295132927869, "Z-L2-p9": 6.093642385874727, "Z-L2-p19": 7.664416430854301,
    "Z-L3-p4": 4.598718740103607, "Z-L3-p9": 6.531371099213381, "Z-L3-p19": 8.362510338280881,
  ]

  /// The best plain base-stock level and its exact cost per day on the same instances.
  static let bestBaseStock: [String: (Int, Double)] = [
    "Z-L1-p4": (12, 4.1628027748478225),
    "Z-L1-p9": (13, 5.547471521367468),
    "Z-L1-p19": (15, 6.727785241520311),
    "Z-L2-p4": (16, 4.638644112072846),
    "Z-L2-p9": (19, 6.316261155120054),
    "Z-L2-p19": (21, 7.842174215628094),
    "Z-L3-p4": (20, 4.9749961219185375),
    "Z-L3-p9": (23, 6.8640270613115995),
    "Z-L3-p19": (26, 8.604488631079903),
  ]

  /// Every shipped model of scenarios/models/zipkin-learned.json, evaluated exactly here again
  /// (the Markov chain its decisions induce, not a simulation, not the cost in the file): within
  /// 1% of the optimum, and cheaper than the best plain base-stock policy.
  @Test func shippedZipkinModelsAreWithinOnePercentOfOptimal() throws {
    let scenario = try Scenario.load(path: SourceTree.root() + "/scenarios/models/zipkin-learned.json")
    let learned = try #require(scenario.policies.first { $0.name == "learned" }?.model as? LearnedPolicyModel)
    #expect(scenario.network.skus.count == 9)
    for (k, sku) in scenario.network.skus.enumerated() {
      let model = try #require(learned.skuModels[sku.id]?.model)
      let optimum = try #require(Self.zipkinOptima[sku.id])
      let problem = try LearnedPolicyModel.trainingProblem(scenario.network, sku: k)
      #expect(model.sku == sku.id && model.leadDays == problem.leadDays && model.penalty == (sku.id.hasSuffix("p19") ? 19 : sku.id.hasSuffix("p9") ? 9 : 4))
      let exact = try LostSalesHeuristics.cost(of: problem) { x, a in model.order(onHand: x, inTransit: a) }
      #expect(abs(exact - model.costPerDay) < 1e-9 * optimum, "\(sku.id): \(exact) against \(model.costPerDay) in the file")
      // (At the optimum within value iteration's tolerance: two of them are optimal.)
      #expect(exact >= optimum * (1 - 1e-7) && exact <= optimum * 1.01, "\(sku.id): \(exact), optimum \(optimum)")
      // The best plain base stock (level, exact cost), from an independent evaluation of its
      // chain (scipy: the stationary distribution by a sparse solve or power iteration);
      // checked here again for his lead time 1, where the chains are small.
      let (S, here) = try #require(Self.bestBaseStock[sku.id])
      if problem.leadDays == 2 {
        func baseStock(_ S: Int) throws -> Double { try LostSalesHeuristics.cost(of: problem) { x, a in max(0, S - x - a.reduce(0, +)) } }
        let (below, at, above) = (try baseStock(S - 1), try baseStock(S), try baseStock(S + 1))
        #expect(abs(at - here) < 1e-8 && below > here && above > here, "\(sku.id): base stock \(below), \(at), \(above)")
      }
      #expect(exact < here, "\(sku.id): learned \(exact), best base stock \(here) at S = \(S)")
    }
    let first = try LearnedPolicyModel.trainingProblem(scenario.network, sku: 0)
    #expect(abs(try first.solve().costPerDay - Self.zipkinOptima["Z-L1-p4"]!) < 1e-9)
  }

  @Test func badModelFilesAreRefusedWithASentence() throws {
    let folder = Self.temporaryDirectory("learned-bad")
    #expect { try Self.scenario(folder, model: "none.json") } throws: { "\($0)".contains("policies[0].model") && "\($0)".contains("does not exist") }
    try Data("{\"format\": 3}".utf8).write(to: URL(fileURLWithPath: folder + "/bad.json"))
    #expect { try Self.scenario(folder, model: "bad.json") } throws: { "\($0)".contains("not a learned-policy model file") }
    var model = try Self.trainedModel()
    try JSONEncoder().encode(model).write(to: URL(fileURLWithPath: folder + "/m.json"))
    #expect { try Self.scenario(folder, model: "m.json", lead: 3) } throws: { "\($0)".contains("trained for 2") }
    model.network.weights.removeLast()
    try JSONEncoder().encode(model).write(to: URL(fileURLWithPath: folder + "/edited.json"))
    #expect { try Self.scenario(folder, model: "edited.json") } throws: { "\($0)".contains("do not agree") }
  }
}
