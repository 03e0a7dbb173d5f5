import Foundation
import Testing
@testable import Scenarios
@testable import SupplyModel

/// `"skus": {"file": …, "defaults": …}`: the same scenario as the array form, and errors by line and column.
@Suite struct CatalogueTableTests {
  static let arrayForm = """
  {"name": "t", "seed": 9, "horizonDays": 60,
   "suppliers": [{"id": "s", "leadTime": {"distribution": "gamma", "mean": 4, "sd": 1}}],
   "skus": [
     {"id": "007", "supplier": "s", "demand": {"distribution": "poisson", "mean": 4.5, "weekly": [1, 1, 1, 1, 1.2, 1.3, 0.5]},
      "unitCost": 2, "holdingCostPerUnitDay": 0.01, "backorderCostPerUnitDay": 0.5, "orderCost": 20},
     {"id": "B", "supplier": "s", "leadTime": {"distribution": "deterministic", "mean": 3}, "demand": {"distribution": "negativeBinomial", "mean": 8, "dispersion": 2},
      "unitCost": 3.25, "holdingCostPerUnitDay": 0.02, "backorderCostPerUnitDay": 0.5, "orderCost": 20, "initialOnHand": 50}
   ],
   "policies": [{"name": "p", "type": "sS", "fillRate": 0.95}]}
  """

  static let tableForm = """
  {"name": "t", "seed": 9, "horizonDays": 60,
   "suppliers": [{"id": "s", "leadTime": {"distribution": "gamma", "mean": 4, "sd": 1}}],
   "skus": {"file": "skus.csv", "defaults": {"supplier": "s", "backorderCostPerUnitDay": 0.5, "orderCost": 20, "demand": {"distribution": "poisson"}}},
   "policies": [{"name": "p", "type": "sS", "fillRate": 0.95}]}
  """

  static let csv = """
  id,demand.distribution,demand.mean,demand.dispersion,demand.weekly,unitCost,holdingCostPerUnitDay,leadTime.distribution,leadTime.mean,initialOnHand
  007,,4.5,,"[1, 1, 1, 1, 1.2, 1.3, 0.5]",2,0.01,,,
  B,negativeBinomial,8,2,,3.25,0.02,deterministic,3,50
  """

  static func load(_ json: String, csv: String) throws(ScenarioErrors) -> Scenario {
    let folder = ScratchFolder("table")
    defer { folder.remove() }
    folder.write("skus.csv", csv)
    return try Scenario.load(json: json, file: folder.path + "t.json")
  }

  @Test func tableBuildsTheSameScenarioAsTheArray() throws {
    let fromTable = try Self.load(Self.tableForm, csv: Self.csv)
    let fromArray = try Scenario.load(json: Self.arrayForm, file: "t.json")
    #expect(fromTable.spec.skus == fromArray.spec.skus)
    #expect(fromTable.network == fromArray.network)
    #expect(Simulation.demandPaths(fromTable.network) == Simulation.demandPaths(fromArray.network))
  }

  @Test("locates problems at the row and column", arguments: [
    ("id,unitCost,holdingCostPerUnitDay,demand.mean\nA,abc,0.01,3\n", "skus.csv:2:2 'unitCost': expected a number"),
    ("id,unitCost,holdingCostPerUnitDay,demand.mean\nA,1,0.01,3\nB,1e400,0.01,3\n", "skus.csv:3:2 'unitCost':"),
    ("id,unitCost,holdingCostPerUnitDay,demand.mean\nA,1,0.01,nan\n", "skus.csv:2:4 'demand.mean': expected a number"),
    ("id,unitCost,holdingCostPerUnitDay,demand.mean\nA,1,-0.5,3\n", "skus.csv:2:3 'holdingCostPerUnitDay': must be >= 0, got -0.5"),
    ("id,unitCost,holdingCostPerUnitDay,demand.mean,initialOnHand\nA,1,0.1,3,99999999999999999999\n", "skus.csv:2:5 'initialOnHand':"),
    ("id,unitCost,holdingCostPerUnitDay,demand.mean\nA,1,0.1,3\nA,1,0.1,3\n", "skus.csv:3:1 'id': duplicate SKU id \"A\""),
    ("id,unitCost,holdingCostPerUnitDay,demand.mean,demand.weekly\nA,1,0.1,3,\"[1,2\"\n", "skus.csv:2:5 'demand.weekly': malformed JSON in the cell"),
    ("id,unitCost,holdingCostPerUnitDay\nA,1,0.1\n", "skus.csv:2 'demand.mean': is required"),
    ("id,unitCots,holdingCostPerUnitDay,demand.mean\nA,1,0.1,3\n", "skus.csv:2:2 'unitCots': "),
  ])
  func errors(_ csv: String, _ fragment: String) {
    let json = Self.tableForm
    do {
      _ = try Self.load(json, csv: csv)
      Issue.record("accepted \(csv)")
    } catch {
      #expect(error.errors[0].description.hasPrefix(fragment) || error.errors[0].description.contains(fragment), "\(error.errors[0])")
    }
  }

  @Test func tableKeysAreChecked() {
    let bad = Self.tableForm.replacingOccurrences(of: #""file": "skus.csv""#, with: #""path": "skus.csv""#)
    do { _ = try Self.load(bad, csv: Self.csv); Issue.record("accepted") } catch {
      #expect(error.errors[0].description.hasSuffix("skus.path: unknown key; a table has \"file\" and \"defaults\""))
    }
  }
}

/// Nodes and lanes of a network from tables: the shipped two-echelon scenario, rewritten.
@Suite struct NetworkTableTests {
  @Test func twoEchelonNodesAndLanesFromTables() throws {
    let folder = ScratchFolder("network")
    defer { folder.remove() }
    folder.write("nodes.csv", """
    id,kind,allocation,holdingCostFactor,demandFactor
    DC,distributionCenter,fairShare,0.6,
    store-1,store,,,1.4
    store-2,store,,,1.2
    store-3,store,,,1.0
    store-4,store,,,0.8
    store-5,store,,,0.6
    """)
    folder.write("lanes.csv", """
    from,to,transportCostPerUnit,leadTime.distribution,leadTime.mean,leadTime.min,leadTime.max
    maker,DC,0.2,,,,
    DC,store-1,0.1,deterministic,1,,
    DC,store-2,0.1,deterministic,1,,
    DC,store-3,0.12,uniform,,1,2
    DC,store-4,0.15,uniform,,1,3
    DC,store-5,0.15,deterministic,2,,
    """)
    let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../scenarios/two-echelon.json").path
    let original = try String(contentsOfFile: path, encoding: .utf8)
    guard case var .object(members) = try JSONParser.parse(original) else { Issue.record("not an object"); return }
    for i in members.indices where members[i].key == "nodes" || members[i].key == "lanes" {
      members[i].value = .object([("file", .string("\(members[i].key).csv"))])
    }
    let text = JSONValue.object(members).jsonText
    let fromTables = try Scenario.load(json: text, file: folder.path + "two.json")
    let fromArrays = try Scenario.load(json: original, file: path)
    #expect(fromTables.spec.nodes == fromArrays.spec.nodes)
    #expect(fromTables.spec.lanes == fromArrays.spec.lanes)
    #expect(fromTables.network == fromArrays.network)
  }
}
