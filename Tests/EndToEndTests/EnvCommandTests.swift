import Foundation
import Testing
@testable import SupplySimCLI
import _TestSupport

/// `supplysim env` driven from a subprocess, as an outside agent drives it: one request line in,
/// one answer line out.
final class EnvProcess {
  let process = Process()
  let input = Pipe(), output = Pipe()
  var pending = Data()

  init(_ arguments: [String]) throws {
    guard let binary = ShardProcessTests.binary else { throw CocoaError(.fileNoSuchFile) }
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = ["env"] + arguments
    process.standardInput = input
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
  }

  /// Sends one request and returns the answer line.
  func send(_ line: String) -> String {
    input.fileHandleForWriting.write(Data((line + "\n").utf8))
    while true {
      if let i = pending.firstIndex(of: UInt8(ascii: "\n")) {
        let answer = String(decoding: pending[pending.startIndex..<i], as: UTF8.self)
        pending = Data(pending[(i + 1)...])
        return answer
      }
      let chunk = output.fileHandleForReading.availableData
      if chunk.isEmpty { return "" }
      pending.append(chunk)
    }
  }

  /// Sends a request and decodes the answer as a JSON object.
  func request(_ line: String) -> [String: Any] {
    let text = send(line)
    return (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? ["unparsed": text]
  }

  /// Closes the session and waits for the exit status.
  func close() -> Int32 {
    _ = send(#"{"op":"close"}"#)
    try? input.fileHandleForWriting.close()
    process.waitUntilExit()
    return process.terminationStatus
  }
}

@Suite(.serialized) struct EnvCommandTests {
  /// Deterministic demand 3 a day, 4 units on hand at the start, lead time 2, h = 1, p = 5, K = 10, c = 2.
  static let tiny = """
    {"name": "env-tiny", "seed": 5, "horizonDays": 5, "warehouse": {"id": "store"},
     "suppliers": [{"id": "s", "leadTime": {"distribution": "deterministic", "mean": 2}}],
     "skus": [{"id": "A", "supplier": "s", "demand": {"distribution": "deterministic", "mean": 3}, "initialOnHand": 4, "unitCost": 2,
               "holdingCostPerUnitDay": 1, "lostSalePenaltyPerUnit": 5, "orderCost": 10, "unmetDemand": "lostSales"}],
     "policies": [{"name": "b", "type": "baseStock", "serviceLevel": 0.9}]}
    """

  static func file(_ json: String, _ name: String) -> String {
    let path = temporaryDirectory("env") + "/" + name
    FileManager.default.createFile(atPath: path, contents: Data(json.utf8))
    return path
  }

  /// By hand: day 0 closes with 1 on hand (holding 1) and an order of 6 (10 + 2·6): 23. Day 1:
  /// 1 unit for a demand of 3, 2 lost (10), nothing on hand. Day 2: the 6 arrive, 3 sold, 3 left
  /// (holding 3), an order of 3 (10 + 6): 19. Days 3 and 4: the 3 units arrive on day 4; no cost.
  @Test func rewardsAreMinusTheHandComputedDayCosts() throws {
    let env = try EnvProcess([Self.file(Self.tiny, "tiny.json")])
    let reset = env.request(#"{"op":"reset"}"#)
    let first = try #require(reset["observation"] as? [String: Any])
    #expect(first["onHand"] as? [Int] == [1] && first["pipeline"] as? [[Int]] == [[0, 0]] && first["demand"] as? [Int] == [3])
    var rewards: [Double] = []
    var last: [String: Any] = [:]
    for action in ["{\"A\":6}", "[0]", "[3]", "[0]", "[0]"] {
      last = env.request("{\"op\":\"step\",\"action\":\(action)}")
      rewards.append(try #require(last["reward"] as? Double, "\(last)"))
      if rewards.count == 1 {
        let o = try #require(last["observation"] as? [String: Any])
        #expect(o["pipeline"] as? [[Int]] == [[6, 0]] && o["onOrder"] as? [Int] == [6])
      }
      if rewards.count == 2 {
        let info = try #require(last["info"] as? [String: Any])
        #expect(info["lost"] as? [Int] == [2] && info["sales"] as? [Int] == [1])
      }
    }
    #expect(rewards == [-23, -10, -19, 0, 0])
    #expect(last["done"] as? Bool == true)
    // After done, and for bad actions: one JSON error line naming what to fix; the session goes on.
    #expect((env.request(#"{"op":"step","action":[1]}"#)["error"] as? String)?.contains("reset") == true)
    _ = env.request(#"{"op":"reset"}"#)
    for (bad, words) in [(#"[-1]"#, "whole number"), (#"[1e999]"#, "whole number"), (#"[2.5]"#, "whole number"), (#"[1, 2]"#, "1 SKUs"),
                         (#"{"B": 1}"#, "does not have"), (#""x""#, "a string"), (#"[100000000000]"#, "whole number")] {
      let answer = env.request("{\"op\":\"step\",\"action\":\(bad)}")
      #expect((answer["error"] as? String)?.contains(words) == true, "\(bad): \(answer)")
    }
    #expect((env.request("nonsense")["error"] as? String)?.contains("not JSON") == true)
    #expect((env.request(#"{"op":"jump"}"#)["error"] as? String)?.contains("\"reset\", \"step\" or \"close\"") == true)
    #expect((env.request(#"{"op":"reset","seed":-4}"#)["error"] as? String)?.contains("seed") == true)
    // Still on day 0 of the episode: a good step works.
    #expect(env.request(#"{"op":"step","action":[0]}"#)["reward"] as? Double == -1)
    #expect(env.close() == 0)
  }

  /// Two SKUs, Poisson demand, a gamma lead time and backorders on one: a base-stock policy played
  /// through env costs what `supplysim run` reports for the same policy and seed, and a reset with
  /// the same seed replays the same bytes.
  @Test func baseStockThroughEnvCostsWhatRunReports() throws {
    let json = """
      {"name": "env-match", "seed": 41, "horizonDays": 300, "warehouse": {"id": "store"},
       "suppliers": [{"id": "s", "leadTime": {"distribution": "deterministic", "mean": 3}}, {"id": "g", "leadTime": {"distribution": "gamma", "mean": 4, "sd": 1.5}}],
       "skus": [{"id": "L", "supplier": "s", "demand": {"distribution": "poisson", "mean": 5}, "unitCost": 0, "holdingCostPerUnitDay": 1, "lostSalePenaltyPerUnit": 9, "orderCost": 2, "unmetDemand": "lostSales"},
                {"id": "B", "supplier": "g", "demand": {"distribution": "poisson", "mean": 3}, "unitCost": 0, "holdingCostPerUnitDay": 0.5, "backorderCostPerUnitDay": 4, "orderCost": 1}],
       "policies": [{"name": "bs", "type": "cappedBaseStock", "orderUpTo": 19, "cap": 1000000000}]}
      """
    let path = Self.file(json, "match.json")
    let levels = [19, 19]
    func play(_ env: EnvProcess, seed: Int) throws -> (cost: Double, transcript: [String]) {
      var transcript = [env.send("{\"op\":\"reset\",\"seed\":\(seed)}")]
      var cost = 0.0
      for _ in 0..<300 {
        let state = try #require((try JSONSerialization.jsonObject(with: Data(transcript.last!.utf8)) as? [String: Any])?["observation"] as? [String: Any])
        let onHand = state["onHand"] as! [Int], onOrder = state["onOrder"] as! [Int], owed = state["backordered"] as! [Int]
        let orders = (0..<2).map { max(0, levels[$0] - (onHand[$0] + onOrder[$0] - owed[$0])) }
        transcript.append(env.send("{\"op\":\"step\",\"action\":[\(orders[0]),\(orders[1])]}"))
        let answer = try #require(try JSONSerialization.jsonObject(with: Data(transcript.last!.utf8)) as? [String: Any])
        cost -= try #require(answer["reward"] as? Double, "\(answer)")
      }
      #expect(transcript.last!.contains("\"done\":true"))
      return (cost, transcript)
    }
    let env = try EnvProcess([path])
    let first = try play(env, seed: 8)
    let again = try play(env, seed: 8)
    let other = try play(env, seed: 9)
    #expect(env.close() == 0)
    #expect(first.transcript == again.transcript)
    #expect(first.transcript != other.transcript)

    let out = temporaryDirectory("env-run")
    let run = runCLI(["run", path, "--seed", "8", "--replications", "1", "--out", out, "--quiet", "--no-daily"])
    #expect(run.code == 0, "\(run.err)")
    let rows = try String(contentsOfFile: out + "/kpis.csv", encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    let column = try #require(rows[0].firstIndex(of: "totalCost"))
    let total = rows.dropFirst().filter { $0[1] != "TOTAL" }.compactMap { Double($0[column]) }.reduce(0, +)
    #expect(abs(total - first.cost) < 1e-6 * max(1, total), "run \(total), env \(first.cost)")
  }

  @Test func refusesNetworksAndReadsPolicyFreeScenarios() throws {
    let cut = try #require(Self.tiny.range(of: #""policies""#)).lowerBound
    let withoutPolicies = String(Self.tiny[..<cut]).trimmingCharacters(in: .whitespacesAndNewlines).dropLast() + "}"
    let policyFree = Self.file(String(withoutPolicies), "free.json")
    let refused = runCLI(["env", policyFree], input: "")
    #expect(refused.code == 1 && refused.err.contains("policies"), "\(refused.err)")
    let served = runCLI(["env", policyFree, "--policy-free"], input: "{\"op\":\"reset\"}\n{\"op\":\"close\"}\n")
    #expect(served.code == 0, "\(served.err)")
    let twoEchelon = SourceTree.root() + "/scenarios/two-echelon.json"
    let network = runCLI(["env", twoEchelon], input: "")
    #expect(network.code == 1 && network.err.contains("single-warehouse"), "\(network.err)")
  }
}
