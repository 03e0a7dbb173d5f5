import Experiments
import Replenishment
import Scenarios
import SupplyModel
import Testing

/// `optimize` in a serial network: the exact echelon levels, simulated by the network engine,
/// cost what Clark and Scarf's model says they cost; what the model does not cover is refused.
@Suite struct SerialOptimizerTests {
  /// A three-stage chain (warehouse → DC → store) with fixed lead times, node holding-cost
  /// factors and two SKUs.
  static func scenario(stores: Int = 1, lanes: String? = nil, horizon: Int = 4000, orderCost: Double = 0.5, policy: String = #"{"name": "echelon", "type": "baseStock", "serviceLevel": 0.9, "stock": "echelon"}"#) throws -> Scenario {
    let storeNodes = (1...stores).map { #"{"id": "store-\#($0)", "kind": "store"}"# }.joined(separator: ", ")
    let storeLanes = (1...stores).map { #"{"from": "dc", "to": "store-\#($0)", "leadTime": {"distribution": "deterministic", "mean": 1}}"# }.joined(separator: ", ")
    return try Scenario.load(json: """
      {"name": "serial", "seed": 11, "horizonDays": \(horizon), "warmUpDays": 200, "replications": 2,
       "suppliers": [{"id": "plant", "leadTime": {"distribution": "deterministic", "mean": 4}}],
       "nodes": [{"id": "wh", "kind": "warehouse", "holdingCostFactor": 0.4}, {"id": "dc", "kind": "distributionCenter", "holdingCostFactor": 0.7}, \(storeNodes)],
       "lanes": [{"from": "plant", "to": "wh"}, {"from": "wh", "to": "dc", "leadTime": {"distribution": "deterministic", "mean": 2}\(lanes ?? "")}, \(storeLanes)],
       "skus": [
         {"id": "A", "supplier": "plant", "demand": {"distribution": "poisson", "mean": 4}, "unitCost": 0, "holdingCostPerUnitDay": 1, "backorderCostPerUnitDay": 19, "orderCost": \(orderCost)},
         {"id": "B", "supplier": "plant", "demand": {"distribution": "negativeBinomial", "mean": 2, "dispersion": 3}, "unitCost": 0, "holdingCostPerUnitDay": 0.5, "backorderCostPerUnitDay": 4}],
       "policies": [\(policy)]}
      """, file: "serial.json")
  }

  @Test func theEngineChargesWhatTheModelPredicts() throws {
    let scenario = try Self.scenario()
    let result = try PolicyOptimizer.optimize(scenario, policy: "echelon", options: .init(selectionReplications: 6, threads: 2))
    #expect(result.exactSKUs == 2 && result.nodeLevels.count == 3)
    // The store's entries carry each SKU's chain cost per day.
    let store = scenario.network.topology.nodes.firstIndex { $0.id == "store-1" }!
    let predicted = result.nodeLevels[store]!.compactMap(\.exactCostPerDay).reduce(0, +)
    let simulated = result.after.cost.mean / Double(scenario.network.measuredDays.count)
    #expect(abs(simulated - predicted) < 0.015 * predicted, "simulated \(simulated) per day, Clark–Scarf \(predicted)")
    // Echelon levels grow upstream, and the heuristic plan costs more.
    for k in 0..<2 {
      let levels = [store, 1, 0].map { result.nodeLevels[$0]![k].levels.orderUpTo! }
      #expect(levels == levels.sorted(), "SKU \(k): \(levels)")
    }
    #expect(result.costChange.change < 0 && result.adopted)
  }

  /// Installation base stock in a serial chain can do what echelon base stock does (Axsäter and
  /// Rosling: nondecreasing echelon levels translate into installation levels), so the
  /// simulation search over installation levels must come close to Clark and Scarf's optimum
  /// from above.
  @Test func theNetworkSearchApproachesTheSerialOptimum() throws {
    let installation = try Self.scenario(horizon: 2000, policy: #"{"name": "installation", "type": "baseStock", "serviceLevel": 0.9}"#)
    let options = PolicyOptimizer.Options(replications: 4, selectionReplications: 6, threads: 2)
    let searched = try PolicyOptimizer.optimize(installation, policy: "installation", options: options)
    #expect(searched.exactSKUs == 0 && searched.searchedSKUs == 2 && searched.searchRuns > 6)
    #expect(searched.nodeLevels.count == 3 && searched.nodeLevels.values.allSatisfy { $0.count == 2 })
    let exact = try PolicyOptimizer.optimize(try Self.scenario(horizon: 2000), policy: "echelon", options: options)
    let store = installation.network.topology.nodes.firstIndex { $0.id == "store-1" }!
    let optimum = exact.nodeLevels[store]!.compactMap(\.exactCostPerDay).reduce(0, +)
    let days = Double(installation.network.measuredDays.count)
    let found = searched.after.cost.mean / days
    #expect(found > optimum * 0.985 && found < optimum * 1.03, "searched \(found) per day, Clark–Scarf optimum \(optimum)")
    #expect(searched.adopted)
  }

  /// Where the exact model does not apply (two stores, a capacity-limited lane) the levels are
  /// searched at every node; the search lowers the planned policy's cost, and what it writes
  /// keeps SKUs the nodes do not stock out.
  @Test func otherNetworksAreSearched() throws {
    let options = PolicyOptimizer.Options(replications: 4, selectionReplications: 6, threads: 2)
    let twoStores = try PolicyOptimizer.optimize(try Self.scenario(stores: 2, horizon: 700), policy: "echelon", options: options)
    #expect(twoStores.exactSKUs == 0 && twoStores.nodeLevels.count == 4)
    #expect(twoStores.costChange.change < 0 && twoStores.adopted)
    let capacity = try PolicyOptimizer.optimize(try Self.scenario(lanes: #", "capacityPerDay": 50"#, horizon: 700), policy: "echelon", options: options)
    #expect(capacity.exactSKUs == 0 && capacity.nodeLevels.count == 3)
    // A fill-rate constraint is met on the customer-facing fill rate.
    var constrained = options
    constrained.fillRate = 0.99
    let service = try PolicyOptimizer.optimize(try Self.scenario(stores: 2, horizon: 700), policy: "echelon", options: constrained)
    #expect(service.after.fillRate.mean >= 0.985, "fill rate \(service.after.fillRate.mean)")
  }

  /// The reports' distance to the optimum in a serial chain is measured from Clark and Scarf's
  /// optimum: Σ over SKUs of the chain cost at the optimal levels. It is a lower bound only when
  /// no stage has a fixed order cost, and distribution networks have none.
  @Test func theGapInASerialChainIsMeasuredFromClarkScarf() throws {
    let scenario = try Self.scenario(horizon: 1000)
    let result = try Experiment(scenario: scenario, replications: 3, threads: 2).run()
    let gap = try #require(OptimalityGap.of(result))
    #expect(gap.basis == .serialEchelon(bound: false), "SKU A pays 0.5 an order")
    let perDay = try (0..<2).map { try SerialEchelonOptimum(scenario.network, sku: $0).costPerDay }.reduce(0, +)
    #expect(abs(gap.optimum - perDay * Double(scenario.network.measuredDays.count)) < 1e-9 * gap.optimum)
    // The heuristic plan costs more than the optimum, and its gap is its cost minus the optimum.
    let heuristic = gap.gaps[0].gap
    #expect(heuristic.mean > 0)
    #expect(abs(heuristic.mean + gap.optimum - result.outcomes[0].summary(of: "totalCost").mean) < 1e-6 * gap.optimum)
    let free = try Self.scenario(horizon: 300, orderCost: 0)
    let bound = try #require(OptimalityGap.of(try Experiment(scenario: free, replications: 2, threads: 2).run()))
    #expect(bound.basis == .serialEchelon(bound: true) && bound.explanation.contains("no policy of any form costs less"))
    #expect(OptimalityGap.of(try Experiment(scenario: try Self.scenario(stores: 2, horizon: 300), replications: 2, threads: 2).run()) == nil)
  }
}
