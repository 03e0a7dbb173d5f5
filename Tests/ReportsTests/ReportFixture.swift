import Experiments
import Scenarios
import SupplyModel

/// Small experiments shared by the report tests (policy names include XML metacharacters).
enum ReportFixture {
  /// The mini scenario with its SKUs cycled to `skus` (ids suffixed; several kernel chunks above
  /// 512) over `days` days, with `warmUpDays` when given.
  static func cycledScenario(skus: Int, days: Int, warmUpDays: Int? = nil) throws -> Scenario {
    var scenario = try Scenario.load(json: ReportFixture.scenarioJSON(), file: "mini.json")
    var network = scenario.network
    let base = network.skus, stock = network.initialStock
    network.skus = (0..<skus).map { k in
      var sku = base[k % base.count]
      sku.id += "-\(k)"
      return sku
    }
    network.initialStock = stock.map { row in (0..<skus).map { row[$0 % base.count] } }
    network.topology = NetworkTopology(nodes: network.topology.nodes, lanes: network.topology.lanes, skuSuppliers: network.skus.map(\.supplierIndex))
    network.horizonDays = days
    if let warmUpDays { network.warmUpDays = warmUpDays }
    scenario.network = network
    return scenario
  }

  static let awkwardName = "a<b & \"c\""

  static func scenarioJSON(name: String = "mini") -> String {
    """
    {
      "name": \(quoted(name)), "description": "Tiny scenario with <markup> & \\"quotes\\".", "seed": 7, "horizonDays": 120, "warmUpDays": 10,
      "suppliers": [{"id": "acme", "leadTime": {"distribution": "gamma", "mean": 4, "sd": 1}}],
      "skus": [
        {"id": "FAST", "supplier": "acme", "demand": {"distribution": "poisson", "mean": 20}, "unitCost": 5, "holdingCostPerUnitDay": 0.01, "backorderCostPerUnitDay": 0.5, "orderCost": 30},
        {"id": "MID", "supplier": "acme", "demand": {"distribution": "negativeBinomial", "mean": 5, "dispersion": 2}, "unitCost": 8, "holdingCostPerUnitDay": 0.01, "backorderCostPerUnitDay": 0.5, "orderCost": 30},
        {"id": "SLOW", "supplier": "acme", "demand": {"distribution": "poisson", "mean": 0.5}, "unitCost": 3, "holdingCostPerUnitDay": 0.01, "backorderCostPerUnitDay": 0.5, "orderCost": 30},
        {"id": "LOST", "supplier": "acme", "unmetDemand": "lostSales", "demand": {"distribution": "poisson", "mean": 8}, "unitCost": 3, "holdingCostPerUnitDay": 0.01, "lostSalePenaltyPerUnit": 2, "orderCost": 30}
      ],
      "policies": [
        {"name": "sQ-csl80", "type": "sQ", "serviceLevel": 0.8},
        {"name": "sS-fill98", "type": "sS", "fillRate": 0.98},
        {"name": "RS-weekly", "type": "RS", "serviceLevel": 0.9, "reviewPeriod": 7}
      ]
    }
    """
  }

  static func quoted(_ s: String) -> String {
    "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
  }

  static func run(replications: Int, trace: Bool = true) -> ExperimentResult {
    var scenario = try! Scenario.load(json: scenarioJSON(), file: "mini<&>.json")
    // Scenario files only allow plain names; reports must still cope with any text.
    scenario.spec.name = "mini & <test>"
    var result = try! Experiment(scenario: scenario, replications: replications, threads: 1, recordTrace: trace).run()
    result.outcomes[0].name = awkwardName
    return result
  }

  /// One DC supplying two stores: three SKUs, 120 days, installation, (s,S) and forecast-driven
  /// policies at the stores (the DC runs base stock) and echelon base stock.
  static let networkJSON = """
    {
      "name": "mini-net", "seed": 5, "horizonDays": 120, "warmUpDays": 14, "replications": 2,
      "suppliers": [{"id": "acme", "leadTime": {"distribution": "deterministic", "mean": 5}}],
      "nodes": [
        {"id": "DC", "kind": "distributionCenter", "allocation": "fairShare", "holdingCostFactor": 0.5},
        {"id": "store-1", "kind": "store", "demandFactor": 1.5},
        {"id": "store-2", "kind": "store"}
      ],
      "lanes": [
        {"from": "acme", "to": "DC", "transportCostPerUnit": 0.2},
        {"from": "DC", "to": "store-1", "leadTime": {"distribution": "deterministic", "mean": 1}, "transportCostPerUnit": 0.1},
        {"from": "DC", "to": "store-2", "leadTime": {"distribution": "uniform", "min": 1, "max": 3}, "transportCostPerUnit": 0.1}
      ],
      "skus": [
        {"id": "FAST", "supplier": "acme", "demand": {"distribution": "poisson", "mean": 20}, "unitCost": 5, "holdingCostPerUnitDay": 0.01, "backorderCostPerUnitDay": 0.5, "orderCost": 30},
        {"id": "MID", "supplier": "acme", "demand": {"distribution": "negativeBinomial", "mean": 5, "dispersion": 2}, "unitCost": 8, "holdingCostPerUnitDay": 0.01, "backorderCostPerUnitDay": 0.5, "orderCost": 30},
        {"id": "SLOW", "supplier": "acme", "demand": {"distribution": "poisson", "mean": 0.5}, "unitCost": 3, "holdingCostPerUnitDay": 0.01, "backorderCostPerUnitDay": 0.5, "orderCost": 30}
      ],
      "policies": [
        {"name": "base", "type": "baseStock", "serviceLevel": 0.95, "nodes": {"DC": {"serviceLevel": 0.9}}},
        {"name": "sS-stores", "type": "sS", "fillRate": 0.97, "orderQuantityDays": 7, "nodes": {"DC": {"type": "baseStock", "serviceLevel": 0.9}}},
        {"name": "sS-ses", "type": "sS", "fillRate": 0.97, "forecast": {"model": "ses", "retrainEvery": 14}},
        {"name": "echelon", "type": "baseStock", "serviceLevel": 0.95, "stock": "echelon"}
      ]
    }
    """

  /// The network fixture over two replications, with the trace.
  static let network: ExperimentResult = {
    let scenario = try! Scenario.load(json: networkJSON, file: "mini-net.json")
    return try! Experiment(scenario: scenario, replications: 2, threads: 1, recordTrace: true).run()
  }()

  static let fiveReplications = run(replications: 5)
  static let oneReplication = run(replications: 1)
}
