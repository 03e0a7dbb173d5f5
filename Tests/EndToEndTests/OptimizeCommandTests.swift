import Foundation
import Testing
@testable import SupplySimCLI
import Scenarios
import Replenishment
import _TestSupport

/// `supplysim optimize`: writes a scenario whose overrides `run` reproduces, the same for any
/// thread count, and refuses what it cannot tune with one sentence.
@Suite(.serialized) struct OptimizeCommandTests {
  static let lostSales = SourceTree.root() + "/scenarios/lost-sales-optimal.json"

  static func small(_ dir: String) -> String {
    let path = dir + "/small.json"
    let json = """
      {"name": "small", "seed": 3, "horizonDays": 1500, "warmUpDays": 50,
       "warehouse": {"id": "dc"}, "suppliers": [{"id": "s", "leadTime": {"distribution": "deterministic", "mean": 1}}, {"id": "g", "leadTime": {"distribution": "gamma", "mean": 4, "sd": 1}}],
       "skus": [{"id": "ZF", "supplier": "s", "demand": {"distribution": "poisson", "mean": 10}, "unitCost": 2, "holdingCostPerUnitDay": 1, "backorderCostPerUnitDay": 9, "orderCost": 64},
                {"id": "G", "supplier": "g", "demand": {"distribution": "poisson", "mean": 4}, "unitCost": 2, "holdingCostPerUnitDay": 1, "backorderCostPerUnitDay": 9, "orderCost": 30}],
       "policies": [{"name": "minmax", "type": "sS", "serviceLevel": 0.95}, {"name": "bs", "type": "baseStock", "target": "costOptimal"}]}
      """
    FileManager.default.createFile(atPath: path, contents: Data(json.utf8))
    return path
  }

  @Test func optimizeWritesOverridesThatRunReproduces() throws {
    let dir = temporaryDirectory("optimize")
    let scenario = Self.small(dir)
    let one = runCLI(["optimize", scenario, "--out", dir + "/one.json", "--threads", "1", "--replications", "4", "--selection-replications", "6", "--quiet"])
    #expect(one.code == 0, "\(one.err)")
    let two = runCLI(["optimize", scenario, "--out", dir + "/two.json", "--threads", "2", "--replications", "4", "--selection-replications", "6"])
    #expect(two.code == 0, "\(two.err)")
    #expect(read(dir + "/one.json") == read(dir + "/two.json"))
    #expect(two.out.contains("minmax") && two.out.contains("wrote \(dir)/two.json"))
    // Zheng and Federgruen's instance: (6, 40) is written for SKU ZF.
    let optimised = try Scenario.load(path: dir + "/one.json")
    let spec = try #require(optimised.policies[0].model as? PolicySpecification)
    #expect(spec.overrides.contains(PolicyOverride(sku: 0, reorderPoint: 6, orderUpTo: 40)))
    #expect(runCLI(["run", dir + "/one.json", "--out", dir + "/report", "--quiet"]).code == 0)
    let kpis = String(decoding: read(dir + "/report/kpis.csv") ?? Data(), as: UTF8.self)
    #expect(kpis.contains("minmax,ZF,6,40,"))
  }

  /// In a serial chain the levels go to every node's `overrides`, and the written file runs.
  @Test func serialChainLevelsAreWrittenPerNodeAndRun() {
    let dir = temporaryDirectory("optimize-serial")
    let out = dir + "/serial.json"
    let optimized = runCLI(["optimize", SourceTree.root() + "/scenarios/serial-echelon.json", "--out", out, "--quiet", "--selection-replications", "4", "--threads", "2"])
    #expect(optimized.code == 0, "\(optimized.err)")
    let text = String(decoding: read(out) ?? Data(), as: UTF8.self)
    #expect(text.contains("\"regional-dc\"") && text.contains("\"plant-warehouse\"") && text.contains("\"overrides\""))
    let run = runCLI(["run", out, "--out", dir + "/report", "--no-daily", "--quiet", "--replications", "4"])
    #expect(run.code == 0, "\(run.err)")
    // The report measures both policies from Clark and Scarf's optimum (a reference, since the
    // chain pays for orders): the exact levels sit on it, the searched ones close above it.
    let summary = (try? JSONSerialization.jsonObject(with: read(dir + "/report/summary.json") ?? Data())) as? [String: Any]
    let gap = summary?["optimalityGap"] as? [String: Any]
    #expect(gap?["basis"] as? String == "serialEchelonBaseStock")
    let relative = (gap?["policies"] as? [[String: Any]] ?? []).compactMap { $0["relativeGap"] as? Double }
    #expect(relative.count == 2 && relative.allSatisfy { abs($0) < 0.015 }, "\(relative)")
    #expect(String(decoding: read(dir + "/report/report.md") ?? Data(), as: UTF8.self).contains("## Distance to the optimum"))
  }

  /// Installation stock in a distribution network is searched by simulation at every node,
  /// written as each node's overrides, and the written file runs.
  @Test func networkLevelsAreSearchedWrittenPerNodeAndRun() {
    let dir = temporaryDirectory("optimize-network")
    let scenario = dir + "/network.json"
    try? Data(#"{"name": "n", "seed": 1, "horizonDays": 400, "warmUpDays": 30, "suppliers": [{"id": "s", "leadTime": {"distribution": "deterministic", "mean": 3}}], "nodes": [{"id": "dc", "kind": "distributionCenter", "holdingCostFactor": 0.5}, {"id": "east", "kind": "store"}, {"id": "west", "kind": "store", "demandFactor": 0.5}], "lanes": [{"from": "dc", "to": "east", "leadTime": {"distribution": "deterministic", "mean": 1}}, {"from": "dc", "to": "west", "leadTime": {"distribution": "deterministic", "mean": 2}}], "skus": [{"id": "A", "supplier": "s", "demand": {"distribution": "poisson", "mean": 6}, "unitCost": 1, "holdingCostPerUnitDay": 0.1, "backorderCostPerUnitDay": 2}], "policies": [{"name": "b", "type": "baseStock", "serviceLevel": 0.7}]}"#.utf8).write(to: URL(fileURLWithPath: scenario))
    let out = dir + "/network.optimized.json"
    let optimized = runCLI(["optimize", scenario, "--out", out, "--replications", "4", "--selection-replications", "4", "--threads", "2"])
    #expect(optimized.code == 0, "\(optimized.err)")
    #expect(optimized.out.contains("b ") && optimized.out.contains("written"), "\(optimized.out)")
    let text = String(decoding: read(out) ?? Data(), as: UTF8.self)
    #expect(text.contains("\"east\"") && text.contains("\"west\"") && text.contains("\"dc\"") && text.contains("\"overrides\""), "\(text)")
    let run = runCLI(["run", out, "--out", dir + "/report", "--no-daily", "--quiet", "--replications", "2"])
    #expect(run.code == 0, "\(run.err)")
  }

  @Test func whatCannotBeTunedIsOneSentence() {
    let dir = temporaryDirectory("optimize-bad")
    let scenario = Self.small(dir)
    let unknown = runCLI(["optimize", scenario, "--policy", "nope", "--out", dir + "/x.json"])
    #expect(unknown.code == 1 && unknown.err.contains("has no policy \"nope\""))
    // An LP-only network: nothing to tune at any node.
    let lp = dir + "/lp.json"
    try? Data(#"{"name": "n", "seed": 1, "horizonDays": 60, "suppliers": [{"id": "s", "leadTime": {"distribution": "deterministic", "mean": 2}}], "nodes": [{"id": "dc", "kind": "distributionCenter"}, {"id": "st", "kind": "store"}], "lanes": [{"from": "dc", "to": "st", "leadTime": {"distribution": "deterministic", "mean": 1}}], "skus": [{"id": "A", "supplier": "s", "demand": {"distribution": "poisson", "mean": 2}, "unitCost": 1, "holdingCostPerUnitDay": 0.01, "backorderCostPerUnitDay": 1}], "policies": [{"name": "b", "type": "lp"}]}"#.utf8).write(to: URL(fileURLWithPath: lp))
    let none = runCLI(["optimize", lp, "--out", dir + "/v.json"])
    #expect(none.code == 1 && none.err.contains("no policy with levels to tune"), "\(none.err)")
    let lostSales = runCLI(["optimize", Self.lostSales, "--out", dir + "/z.json", "--policy", "optimal"])
    #expect(lostSales.code == 1 && lostSales.err.contains("has no levels to tune"))
    let fill = runCLI(["optimize", scenario, "--fill-rate", "150", "--out", dir + "/w.json"])
    #expect(fill.code == 64 && fill.err.contains("--fill-rate"))
    #expect(!FileManager.default.fileExists(atPath: dir + "/x.json") && !FileManager.default.fileExists(atPath: dir + "/w.json"))
  }
}
