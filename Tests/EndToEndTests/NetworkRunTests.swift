import Foundation
import Testing
@testable import SupplySimCLI

/// One DC supplying two stores: two SKUs, 120 days, two policies.
let tinyNetwork = """
  {"name": "tiny-net", "seed": 3, "horizonDays": 120, "warmUpDays": 14, "replications": 2,
   "suppliers": [{"id": "maker", "leadTime": {"distribution": "gamma", "mean": 6, "sd": 1.5}}],
   "nodes": [{"id": "DC", "kind": "distributionCenter", "allocation": "priority", "holdingCostFactor": 0.6},
             {"id": "store-1", "kind": "store", "demandFactor": 1.2, "priority": 1},
             {"id": "store-2", "kind": "store", "demandFactor": 0.8, "priority": 2}],
   "lanes": [{"from": "maker", "to": "DC", "transportCostPerUnit": 0.2, "capacityPerDay": 200},
             {"from": "DC", "to": "store-1", "leadTime": {"distribution": "deterministic", "mean": 1}, "transportCostPerUnit": 0.1},
             {"from": "DC", "to": "store-2", "leadTime": {"distribution": "deterministic", "mean": 2}, "transportCostPerUnit": 0.1}],
   "skus": [{"id": "A", "supplier": "maker", "demand": {"distribution": "poisson", "mean": 12}, "unitCost": 5, "holdingCostPerUnitDay": 0.01, "backorderCostPerUnitDay": 0.5, "orderCost": 20},
            {"id": "B", "supplier": "maker", "demand": {"distribution": "poisson", "mean": 3}, "unitCost": 9, "holdingCostPerUnitDay": 0.02, "backorderCostPerUnitDay": 0.8, "orderCost": 20}],
   "policies": [{"name": "base", "type": "baseStock", "serviceLevel": 0.95, "nodes": {"DC": {"serviceLevel": 0.9}}},
                {"name": "sS-echelon", "type": "sS", "fillRate": 0.97, "stock": "echelon"}]}
  """

@Suite(.serialized) struct NetworkRunTests {
  static let run: (dir: String, code: Int32, err: String) = {
    let dir = temporaryDirectory("net")
    let scenario = write(tinyNetwork, dir, "tiny-net.json")
    let r = runCLI(["run", scenario, "--out", dir + "/out", "--quiet"])
    return (dir + "/out", r.code, r.err)
  }()

  func lines(_ name: String) -> [[String]] {
    text(Self.run.dir + "/" + name).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
  }

  @Test func runWritesEveryFileIncludingNodesCSV() {
    #expect(Self.run.code == 0, "\(Self.run.err)")
    for name in ["summary.json", "kpis.csv", "daily.csv", "nodes.csv", "report.md", "report.html"] {
      #expect(FileManager.default.fileExists(atPath: Self.run.dir + "/" + name), "\(name) missing")
    }
  }

  @Test func dailyCSVHasOneRowPerStockingPointPerDayAndPolicy() {
    let rows = lines("daily.csv")
    #expect(rows[0] == ["policy", "day", "node", "sku", "demand", "shipped", "onHand", "onOrder", "backordered", "ordered", "received"])
    #expect(rows.count == 1 + 2 * 120 * 3 * 2)
    // Every (policy, day) holds the nodes × SKUs in scenario order.
    let points = ["DC", "store-1", "store-2"].flatMap { node in ["A", "B"].map { [node, $0] } }
    for (policy, offset) in [("base", 0), ("sS-echelon", 120 * 6)] {
      for day in [0, 57, 119] {
        let block = rows[(1 + offset + day * 6)..<(1 + offset + (day + 1) * 6)]
        #expect(block.allSatisfy { $0[0] == policy && $0[1] == String(day) })
        #expect(block.map { Array($0[2...3]) } == points)
      }
    }
    // The stores' demand is customer demand, the DC's the stores' orders of the same day.
    let base = rows[1...(120 * 6)]
    for day in 20..<120 {
      let today = base.filter { $0[1] == String(day) }
      for k in 0..<2 {
        #expect(Int(today[k][4])! == Int(today[2 + k][9])! + Int(today[4 + k][9])!, "day \(day) SKU \(k)")
      }
    }
  }

  @Test func nodesCSVHasOneRowPerPolicyAndNode() {
    let rows = lines("nodes.csv")
    #expect(rows[0].prefix(6) == ["policy", "node", "kind", "echelon", "totalCost", "totalCostHalfWidth95"])
    #expect(rows[0].contains("transportCost") && rows[0].contains("bullwhip"))
    #expect(rows.count == 1 + 2 * 3)
    #expect(rows.dropFirst().map { Array($0[0...3]) } == [
      ["base", "DC", "distributionCenter", "2"], ["base", "store-1", "store", "1"], ["base", "store-2", "store", "1"],
      ["sS-echelon", "DC", "distributionCenter", "2"], ["sS-echelon", "store-1", "store", "1"], ["sS-echelon", "store-2", "store", "1"],
    ])
    #expect(rows.dropFirst().allSatisfy { $0.count == rows[0].count && !$0[5].isEmpty })
  }

  @Test func summaryJSONHasTheNetworkObject() throws {
    let object = try JSONSerialization.jsonObject(with: read(Self.run.dir + "/summary.json")!) as! [String: Any]
    let network = try #require(object["network"] as? [String: Any])
    #expect(Set(network.keys) == ["echelons", "nodes", "policies"])
    #expect(network["echelons"] as? Int == 2)
    let nodes = network["nodes"] as! [[String: Any]]
    #expect(nodes.map { $0["id"] as! String } == ["DC", "store-1", "store-2"])
    #expect(nodes.map { $0["echelon"] as! Int } == [2, 1, 1])
    #expect(nodes[0]["allocation"] as? String == "priority")
    #expect(nodes[1]["demandFactor"] as? Double == 1.2)
    let dcSource = (nodes[0]["sources"] as! [[String: Any]])[0]
    #expect(dcSource["from"] as? String == "maker" && dcSource["fromKind"] as? String == "supplier")
    #expect(dcSource["capacityPerDay"] as? Int == 200 && abs((dcSource["meanLeadTimeDays"] as? Double ?? 0) - 6) < 1e-9)  // gamma: + P(draw rounds to 0), raised to 1 day
    let storeSource = (nodes[2]["sources"] as! [[String: Any]])[0]
    #expect(storeSource["from"] as? String == "DC" && storeSource["lane"] as? Int == 2 && storeSource["meanLeadTimeDays"] as? Double == 2)
    let policies = network["policies"] as! [[String: Any]]
    #expect(policies.map { $0["name"] as! String } == ["base", "sS-echelon"])
    #expect(policies.map { $0["stock"] as! String } == ["installation", "echelon"])
    let perNode = policies[1]["nodes"] as! [[String: Any]]
    #expect(perNode.count == 3)
    let kpis = perNode[1]["kpis"] as! [String: [String: Any]]
    #expect(kpis["fillRate"]?["mean"] is Double && kpis["transportCost"]?["ci95Lower"] is Double)
    #expect((perNode[1]["bullwhip"] as? [String: Any])?["mean"] is Double)
    let echelons = policies[1]["echelons"] as! [[String: Any]]
    #expect(echelons.map { $0["echelon"] as! Int } == [1, 2])
  }

  @Test func reportMarkdownHasTheNetworkSection() {
    let md = text(Self.run.dir + "/report.md")
    #expect(md.contains("## Network\n"))
    #expect(md.contains("| DC | distribution centre | 2 | maker (6 d, 0.2/unit, ≤ 200 units/day) | priority | – |"))
    #expect(md.contains("### base: per node") && md.contains("### sS-echelon: per node"))
    #expect(md.contains("| Node | Echelon | Total cost | Holding | Shortage | Ordering | Purchase | Transport | Fill rate | Avg on hand | Bullwhip |"))
    #expect(md.contains("### Bullwhip ratio by echelon"))
  }

  @Test func reportHTMLParsesAndHoldsTheDiagramAndBullwhipChart() throws {
    let elements = try #require(XMLElements.parse(Self.run.dir + "/report.html"))
    let svgs = elements.all.filter { $0.name == "svg" }.compactMap { $0.attributes["id"] }
    #expect(svgs.contains("network-diagram"))
    #expect(svgs.contains("chart-bullwhip-echelon"))
    #expect(elements.all.contains { $0.name == "section" && $0.attributes["id"] == "network" })
    #expect(!text(Self.run.dir + "/report.html").contains("<script"))
  }

  @Test func singleWarehouseOutputHasNoNodesFileAndTheOldDailyHeader() throws {
    let dir = temporaryDirectory("single")
    // A network run's nodes.csv left in the folder must not survive a single-warehouse run.
    try "stale".write(toFile: dir + "/nodes.csv", atomically: true, encoding: .utf8)
    let r = runCLI(["run", quickstart, "--out", dir, "--quiet"])
    #expect(r.code == 0, "\(r.err)")
    #expect(!FileManager.default.fileExists(atPath: dir + "/nodes.csv"))
    #expect(text(dir + "/daily.csv").hasPrefix("policy,day,sku,demand,shipped,onHand,onOrder,backordered,ordered,received\nsQ-csl95,0,SKU-01,"))
    let object = try JSONSerialization.jsonObject(with: read(dir + "/summary.json")!) as! [String: Any]
    #expect(object["network"] == nil)
    #expect(!text(dir + "/report.md").contains("## Network"))
  }
}
