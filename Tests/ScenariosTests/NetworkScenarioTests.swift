import Testing
@testable import Replenishment
@testable import Scenarios
@testable import SupplyModel

@Suite struct NetworkScenarioTests {
  static let network = """
  {
    "name": "net", "seed": 1, "horizonDays": 60,
    "suppliers": [{"id": "acme", "leadTime": {"distribution": "deterministic", "mean": 4}}],
    "nodes": [
      {"id": "DC", "kind": "distributionCenter", "allocation": "fairShare", "holdingCostFactor": 0.5},
      {"id": "s1", "kind": "store", "demandFactor": 2, "priority": 1},
      {"id": "s2", "kind": "store"}
    ],
    "lanes": [
      {"from": "acme", "to": "DC", "transportCostPerUnit": 0.5},
      {"from": "DC", "to": "s1", "leadTime": {"distribution": "deterministic", "mean": 1}},
      {"from": "DC", "to": "s2", "leadTime": {"distribution": "deterministic", "mean": 2}, "capacityPerDay": 50}
    ],
    "skus": [
      {"id": "A", "supplier": "acme", "demand": {"distribution": "poisson", "mean": 3}, "unitCost": 2, "holdingCostPerUnitDay": 0.01},
      {"id": "B", "supplier": "acme", "demand": {"distribution": "poisson", "mean": 1}, "unitCost": 2, "holdingCostPerUnitDay": 0.01}
    ],
    "policies": [
      {"name": "p", "type": "baseStock", "serviceLevel": 0.9, "nodes": {"DC": {"serviceLevel": 0.8}}},
      {"name": "e", "type": "baseStock", "serviceLevel": 0.9, "stock": "echelon"}
    ]
  }
  """

  static func variant(_ old: String, _ new: String) -> String {
    precondition(network.contains(old), "fixture lacks \(old)")
    return network.replacingOccurrences(of: old, with: new)
  }

  static func errors(_ json: String) -> [String] {
    do {
      _ = try Scenario.load(json: json, file: "net.json")
      return []
    } catch {
      return error.errors.map { "\($0.path): \($0.problem)" }
    }
  }

  @Test func aNetworkScenarioBuildsItsTopologyPoliciesAndStock() throws {
    let scenario = try Scenario.load(json: Self.network, file: "net.json")
    let topology = try #require(scenario.network.topology)
    #expect(topology.nodes.map(\.id) == ["DC", "s1", "s2"])
    #expect(topology.echelon == [2, 1, 1])
    #expect(topology.downstreamFirst == [1, 2, 0])
    #expect(topology.parent(ofNode: 1, sku: 0) == 0 && topology.parent(ofNode: 0, sku: 0) == nil)
    #expect(topology.demandMultiple(ofNode: 0, sku: 1) == 3)
    // Day-0 stock: mean demand × (inbound lead + 14 days): DC A = 3 × 3 × 18, s2 B = 1 × 16.
    #expect(scenario.network.initialStock[0][0] == 162 && scenario.network.initialStock[2][1] == 16)
    #expect((scenario.policies[0].nodeModels[0] as? PolicySpecification)?.target == .cycleServiceLevel(0.8))
    #expect(scenario.policies[1].echelonStock)
    #expect(scenario.network.costs(ofNode: 0, sku: 0).transportCostPerUnit == 0.5)
    #expect(scenario.network.costs(ofNode: 1, sku: 0).unitCost == 0)
    #expect(!scenario.network.skusAreIndependent)
    // The DC plans on its customers' total demand; echelon planning adds the longest transit below.
    let view = scenario.network.planningView(ofNode: 0, echelon: true)
    #expect(view.skus[0].demand.profile.base == 9)
    #expect(view.skus[0].leadTimeOverride == .deterministic(days: 6))
  }

  @Test("bad networks get errors with JSON paths", arguments: [
    (#"{"from": "DC", "to": "s1", "leadTime": {"distribution": "deterministic", "mean": 1}}"#, #"{"from": "DC", "to": "s9", "leadTime": {"distribution": "deterministic", "mean": 1}}"#,
     "lanes[1].to: no node has id \"s9\"; did you mean 's1'?"),
    (#"{"from": "DC", "to": "s1", "leadTime": {"distribution": "deterministic", "mean": 1}}"#, #"{"from": "DC", "to": "s1"}"#,
     "lanes[1].leadTime: is required on a lane between nodes"),
    (#""allocation": "fairShare""#, #""allocation": "fair""#, "nodes[0].allocation: unknown allocation rule \"fair\"; expected one of: fairShare, fcfs, priority"),
    (#""kind": "store", "demandFactor": 2"#, #""kind": "stor", "demandFactor": 2"#, "nodes[1].kind: unknown node kind \"stor\"; did you mean 'store'?"),
    (#""stock": "echelon""#, #""stock": "echelons""#, "policies[1].stock: unknown stock basis \"echelons\"; did you mean 'echelon'?"),
    (#""nodes": {"DC": {"serviceLevel": 0.8}}"#, #""nodes": {"DX": {"serviceLevel": 0.8}}"#, "policies[0].nodes.DX: no node has id \"DX\"; did you mean 'DC'?"),
    (#""nodes": {"DC": {"serviceLevel": 0.8}}"#, #""nodes": {"DC": {"serviceLevel": 1.8}}"#, "policies[0].nodes.DC.serviceLevel: must be < 1, got 1.8"),
    (#""capacityPerDay": 50"#, #""capacityPerDay": 0"#, "lanes[2].capacityPerDay: must be >= 1, got 0"),
  ])
  func badNetworksNameThePath(old: String, new: String, message: String) {
    let found = Self.errors(Self.variant(old, new))
    #expect(found.contains(message), "\(found)")
  }

  @Test func cyclesAndDoubleSourcesAreRejected() {
    let cycle = Self.variant(#"{"from": "acme", "to": "DC", "transportCostPerUnit": 0.5},"#,
                             #"{"from": "acme", "to": "DC", "transportCostPerUnit": 0.5}, {"from": "s2", "to": "DC", "leadTime": {"distribution": "deterministic", "mean": 1}},"#)
    #expect(Self.errors(cycle).contains { $0.hasPrefix("lanes: the lanes between nodes form a cycle") })
    let twice = Self.variant(#""capacityPerDay": 50}"#, #""capacityPerDay": 50}, {"from": "s1", "to": "s2", "leadTime": {"distribution": "deterministic", "mean": 1}}"#)
    #expect(Self.errors(twice).contains { $0.hasPrefix("lanes[3]: SKU \"A\" already reaches node \"s2\" over lanes[2]") })
  }

  @Test func yieldAndRandomShocksAreCheckedAndBuilt() throws {
    let ok = Self.variant(#""mean": 4}}],"#, #""mean": 4}, "yieldRate": 0.95}], "randomShocks": {"meanDaysBetween": 90, "durationDays": {"distribution": "uniform", "min": 3, "max": 10}, "minFactor": 0.5, "maxFactor": 1.8},"#)
    let scenario = try Scenario.load(json: ok, file: "net.json")
    #expect(scenario.network.suppliers[0].yieldRate == 0.95)
    #expect(scenario.network.randomShocks == RandomDemandShocks(meanDaysBetween: 90, duration: .uniform(min: 3, max: 10), factor: 0.5...1.8))
    let bad = Self.variant(#""mean": 4}}],"#, #""mean": 4}, "yieldRate": 0}], "randomShocks": {"meanDaysBetween": 1, "durationDays": {"distribution": "deterministic", "mean": 3}, "minFactor": 2, "maxFactor": 1},"#)
    let found = Self.errors(bad)
    #expect(found.contains("suppliers[0].yieldRate: must be > 0, got 0"), "\(found)")
    #expect(found.contains("randomShocks.meanDaysBetween: must be > 1, got 1"), "\(found)")
    #expect(found.contains("randomShocks.maxFactor: must be >= 2, got 1"), "\(found)")
  }
}
