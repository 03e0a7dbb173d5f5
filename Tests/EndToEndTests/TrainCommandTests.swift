import Foundation
import Testing
@testable import SupplySimCLI
import InventoryOptimization
import Scenarios
import _TestSupport

/// `supplysim train` from the command line: a tiny model is written, `run` loads it, the same
/// seed at 1 and 2 threads writes the same bytes, and bad inputs are refused with one sentence.
@Suite(.serialized) struct TrainCommandTests {
  static func scenario(_ dir: String, lead: Int = 2) -> String {
    let path = dir + "/tiny.json"
    let json = """
      {"name": "tiny", "seed": 5, "horizonDays": 600, "warmUpDays": 50, "unmetDemand": "lostSales",
       "warehouse": {"id": "dc"}, "suppliers": [{"id": "s", "leadTime": {"distribution": "deterministic", "mean": \(lead)}}],
       "skus": [{"id": "T", "supplier": "s", "demand": {"distribution": "poisson", "mean": 2}, "unitCost": 0, "holdingCostPerUnitDay": 1, "lostSalePenaltyPerUnit": 4, "orderCost": 0}],
       "policies": [{"name": "nn", "type": "learned", "model": "tiny-model.json"}, {"name": "bs", "type": "baseStock", "target": "costOptimal"}]}
      """
    FileManager.default.createFile(atPath: path, contents: Data(json.utf8))
    return path
  }

  static let tinySettings = ["--iterations", "1", "--states", "60", "--paths", "8", "--budget", "0", "--horizon", "8", "--hidden", "6", "--seed", "7"]

  @Test func trainWritesAModelThatRunLoadsTheSameAtAnyThreadCount() throws {
    let dir = temporaryDirectory("train")
    let scenario = Self.scenario(dir)
    let one = runCLI(["train", scenario, "--policy", "nn", "--threads", "1"] + Self.tinySettings)
    #expect(one.code == 0, "\(one.err)")
    #expect(one.err.contains("iteration 1/1: exact cost") && one.out.contains("wrote \(dir)/tiny-model.json"), "\(one.out) \(one.err)")
    let two = runCLI(["train", scenario, "--policy", "nn", "--threads", "2", "--out", dir + "/two.json", "--quiet"] + Self.tinySettings)
    #expect(two.code == 0 && two.out.isEmpty && two.err.isEmpty, "\(two.err)")
    let bytes = try #require(read(dir + "/tiny-model.json"))
    #expect(bytes == read(dir + "/two.json"))
    let model = try JSONDecoder().decode(LearnedLostSalesPolicy.self, from: bytes)
    #expect(model.defect == nil && model.sku == "T" && model.leadDays == 2 && model.network.hidden == [6] && model.seed == 7)
    let run = runCLI(["run", scenario, "--out", dir + "/report", "--no-daily", "--quiet", "--replications", "2"])
    #expect(run.code == 0, "\(run.err)")
    let kpis = String(decoding: read(dir + "/report/kpis.csv") ?? Data(), as: UTF8.self)
    #expect(kpis.contains("nn,T") && kpis.contains("\(model.costPerDay)"), "\(kpis.prefix(600))")
  }

  @Test func badInputsAreRefusedWithOneSentence() {
    let dir = temporaryDirectory("train-bad")
    let scenario = Self.scenario(dir)
    func refused(_ arguments: [String], _ phrase: String) {
      let r = runCLI(["train"] + arguments)
      let lines = r.err.split(separator: "\n")
      #expect(r.code != 0 && lines.count == 1 && r.err.contains(phrase) && !FileManager.default.fileExists(atPath: dir + "/tiny-model.json"),
              "\(arguments): \(r.err)")
    }
    refused([scenario], "--policy")
    refused([scenario, "--policy", "bs"], "not of type \"learned\"")
    refused([scenario, "--policy", "none"], "has no policy \"none\"")
    refused([scenario, "--policy", "nn", "--states", "1e400"], "--states must be a whole number")
    refused([scenario, "--policy", "nn", "--iterations", "0"], "--iterations must be a whole number")
    refused([scenario, "--policy", "nn", "--significance", "nan"], "--significance")
    refused([scenario, "--policy", "nn", "--hidden", "8,0"], "--hidden")
    refused([scenario, "--policy", "nn", "--hidden", "99999999999999999999"], "--hidden")
    refused([scenario, "--policy", "nn", "--seed", "-1"], "--seed")
    refused([scenario, "--policy", "nn", "--sku", "X"], "--sku X")
    refused([dir + "/missing.json", "--policy", "nn"], "missing.json")
    FileManager.default.createFile(atPath: dir + "/broken.json", contents: Data("{\"policies\": [".utf8))
    refused([dir + "/broken.json", "--policy", "nn"], "broken.json")
  }
}
