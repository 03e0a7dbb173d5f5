import Foundation
import Testing
import Scenarios
import SupplyModel
@testable import Experiments
import _TestSupport

/// Where the external-policy tests find their programs.
enum ExternalPrograms {
  /// True when `python3` is on `PATH`.
  static let hasPython: Bool = {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
    return path.split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/python3") }
  }()

  /// The shipped example, scenarios/external/base_stock.py.
  static let baseStock = SourceTree.root() + "/scenarios/external/base_stock.py"

  /// A new folder holding `files` (name to contents), removed by the caller.
  static func folder(_ files: [String: String]) throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("supplysim-external-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    for (name, text) in files { try text.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8) }
    return dir
  }
}

/// Three SKUs at one warehouse, or (with `network`) a DC and two stores.
func externalScenarioJSON(policies: String, horizon: Int = 120, network: Bool = false) -> String {
  let place = network ? """
    "nodes": [{"id": "DC", "kind": "distributionCenter"}, {"id": "north", "kind": "store"}, {"id": "south", "kind": "store", "demandFactor": 0.6}],
    "lanes": [{"from": "s", "to": "DC"}, {"from": "DC", "to": "north", "leadTime": {"distribution": "deterministic", "mean": 1}},
              {"from": "DC", "to": "south", "leadTime": {"distribution": "uniform", "min": 1, "max": 3}}],
    """ : #""warehouse": {"id": "dc"},"#
  return """
  {"name": "ext", "seed": 11, "horizonDays": \(horizon), "warmUpDays": 10, \(place)
   "suppliers": [{"id": "s", "leadTime": {"distribution": "gamma", "mean": 4, "sd": 1.5}}],
   "skus": [
     {"id": "A", "supplier": "s", "demand": {"distribution": "poisson", "mean": 2}, "unitCost": 5, "holdingCostPerUnitDay": 0.01, "backorderCostPerUnitDay": 0.5, "orderCost": 10},
     {"id": "B", "supplier": "s", "demand": {"distribution": "negativeBinomial", "mean": 6, "dispersion": 3}, "unitCost": 3, "holdingCostPerUnitDay": 0.01, "backorderCostPerUnitDay": 0.5, "orderCost": 10},
     {"id": "C", "supplier": "s", "demand": {"distribution": "poisson", "mean": 0.5}, "unitCost": 9, "holdingCostPerUnitDay": 0.02, "backorderCostPerUnitDay": 0.9, "orderCost": 10}],
   "policies": [\(policies)]}
  """
}

@Suite struct ExternalPolicyTests {
  /// The external base-stock program and the built-in baseStock with the same levels.
  static let pair = """
    {"name": "python", "type": "external", "command": ["python3", "\(ExternalPrograms.baseStock)"], "parameters": {"levels": {"A": 14, "B": 45, "C": 5}}},
    {"name": "built-in", "type": "baseStock", "overrides": [{"sku": "A", "S": 14}, {"sku": "B", "S": 45}, {"sku": "C", "S": 5}]}
    """

  @Test("an external base-stock program in Python gives the built-in baseStock's KPIs, whatever the thread count",
        .enabled(if: ExternalPrograms.hasPython, "python3 is not on PATH; the external base-stock test needs it"))
  func pythonBaseStockMatchesTheBuiltIn() throws {
    let scenario = try Scenario.load(json: externalScenarioJSON(policies: Self.pair), file: "ext.json")
    let one = try Experiment(scenario: scenario, replications: 4, threads: 1).run()
    let python = one.outcomes[0], builtIn = one.outcomes[1]
    #expect(python.totals.count == 4)
    #expect(python.totals == builtIn.totals)
    #expect(python.perSKU == builtIn.perSKU)
    #expect(python.totals[0] != python.totals[1], "replications differ")
    let two = try Experiment(scenario: scenario, replications: 4, threads: 3).run()
    #expect(two.outcomes[0].totals == python.totals)
  }

  @Test("in a network, one program per node gives the built-in baseStock's KPIs at every node",
        .enabled(if: ExternalPrograms.hasPython, "python3 is not on PATH; the external base-stock test needs it"))
  func pythonBaseStockMatchesTheBuiltInInANetwork() throws {
    let scenario = try Scenario.load(json: externalScenarioJSON(policies: Self.pair, network: true), file: "ext.json")
    let result = try Experiment(scenario: scenario, replications: 2, threads: 2).run()
    let python = result.outcomes[0], builtIn = result.outcomes[1]
    #expect(python.totals == builtIn.totals)
    #expect(python.perNode == builtIn.perNode)
    #expect(python.perSKU == builtIn.perSKU)
  }

  @Test("the day message carries the state, recent demand and forecasts; the hello the protocol and SKUs",
        .enabled(if: ExternalPrograms.hasPython, "python3 is not on PATH; this test's program is in Python"))
  func messagesCarryTheDocumentedFields() throws {
    // The program checks the messages and fails the run (exit 3) on the first surprise.
    let dir = try ExternalPrograms.folder(["check.py": """
      import json, sys
      def bad(why):
          sys.stderr.write(why + "\\n"); sys.exit(3)
      hello = json.loads(sys.stdin.readline())
      if hello["protocol"] != "supplysim.policy/1" or [s["id"] for s in hello["skus"]] != ["A", "B", "C"]: bad("hello")
      if hello["horizonDays"] != 40 or hello["recentDemandDays"] != 3 or hello["forecastDays"] != 5 or hello["parameters"] != {"x": 1}: bad("hello keys")
      for line in sys.stdin:
          m = json.loads(line)
          if m["type"] == "bye": break
          d = m["day"]
          if len(m["recentDemand"]) != 3 or len(m["recentDemand"][0]) != min(d + 1, 3): bad("recent %d" % d)
          if [r[-1] for r in m["recentDemand"]] != m["demand"]: bad("demand %d" % d)
          if len(m["forecast"]) != 3 or len(m["forecast"][0]) != 5: bad("forecast %d" % d)
          if len(m["onHand"]) != 3 or len(m["onOrder"]) != 3 or len(m["backordered"]) != 3: bad("state %d" % d)
          if len(m["inTransit"]) != 3: bad("in transit %d" % d)
          for k, pipe in enumerate(m["inTransit"]):
              days = [r[0] for r in pipe]
              if days != sorted(set(days)) or any(a <= d for a in days): bad("arrival days %d" % d)
              # Shipments that would arrive after the horizon stay on order but are not scheduled.
              total = sum(r[1] for r in pipe)
              if total > m["onOrder"][k] or (d < 20 and total != m["onOrder"][k]): bad("in transit %d: %s against %s" % (d, pipe, m["onOrder"][k]))
          print(json.dumps({"day": d, "orders": {"A": 1} if d % 5 == 0 else {}}), flush=True)
      """])
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let json = externalScenarioJSON(policies: """
      {"name": "checker", "type": "external", "command": ["python3", "check.py"], "recentDemandDays": 3, "forecastDays": 5,
       "forecast": {"model": "naive", "retrainEvery": 7}, "parameters": {"x": 1}}
      """, horizon: 40)
    try json.write(toFile: dir + "/ext.json", atomically: true, encoding: .utf8)
    let result = try Experiment(scenario: try Scenario.load(path: dir + "/ext.json"), replications: 1, threads: 1).run()
    #expect(result.outcomes[0].totals[0].ordersPlaced > 0)
    #expect(result.outcomes[0].forecastAccuracy != nil)
  }

  /// Runs a /bin/sh program that answers every day message with `reply` (where `$day` is the
  /// day) from day `from` on, and correctly (no orders) before; returns the failure.
  func failure(reply: String, from: Int = 0, timeout: Double = 5, command: [String]? = nil) throws -> PolicyFailure? {
    let dir = try ExternalPrograms.folder(["policy.sh": """
      day=0
      while read -r line; do
        case "$line" in
          *'"type":"day"'*)
            if [ $day -ge \(from) ]; then \(reply); else echo "{\\"day\\": $day, \\"orders\\": {}}"; fi
            day=$((day + 1));;
          *'"type":"bye"'*) exit 0;;
        esac
      done
      """])
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let words = (command ?? ["/bin/sh", "policy.sh"]).map { "\"\($0)\"" }.joined(separator: ", ")
    let json = externalScenarioJSON(policies: #"{"name": "mine", "type": "external", "command": [\#(words)], "timeoutSeconds": \#(timeout)}"#, horizon: 20)
    try json.write(toFile: dir + "/ext.json", atomically: true, encoding: .utf8)
    let scenario = try Scenario.load(path: dir + "/ext.json")
    do {
      _ = try Experiment(scenario: scenario, replications: 2, threads: 2).run()
      return nil
    } catch {
      return error
    }
  }

  @Test("each kind of bad reply stops the run with one sentence naming the policy, the day and the problem", arguments: [
    (#"echo "{not json""#, "its reply is not valid JSON"),
    (#"echo "{\"day\": $day, \"orders\": {\"A\": -3}}""#, #"its order of SKU "A" is -3: orders must be whole numbers >= 0"#),
    (#"echo "{\"day\": $day, \"orders\": {\"A\": 2.5}}""#, #"its order of SKU "A" is 2.5: not a whole number of units"#),
    (#"echo "{\"day\": $day, \"orders\": {\"A\": \"7\"}}""#, #"its order of SKU "A" is "7": orders must be whole numbers >= 0, not a string"#),
    (#"echo "{\"day\": $day, \"orders\": {\"A\": NaN}}""#, "its reply holds NaN, which is not a number in JSON"),
    (#"echo "{\"day\": $day, \"orders\": {\"A\": 1e30}}""#, #"its order of SKU "A" is 1e30: more than the largest quantity"#),
    (#"echo "{\"day\": $day, \"orders\": {\"A\": 99999999999999999999}}""#, "more than the largest quantity"),
    (#"echo "{\"day\": $day, \"orders\": {\"Z\": 1}}""#, #"its reply orders SKU "Z", which the scenario does not have"#),
    (#"echo "{\"orders\": {}}""#, #"its reply has no "day""#),
    (#"echo "{\"day\": $((day + 1)), \"orders\": {}}""#, "its reply is for day 4; expected day 3"),
    (#"echo "{\"day\": $day}""#, #"its reply has no "orders""#),
    (#"echo "{\"day\": $day, \"orders\": {}, \"note\": 1}""#, #"its reply has the unknown key "note""#),
    (#"echo "[1, 2]""#, "its reply is an array, not an object"),
    ("exit 4", "the program exited with status 4 before sending its reply for day 3"),
    ("kill -9 $$", "the program was killed by signal 9 (SIGKILL) before sending its reply for day 3"),
  ])
  func badReply(reply: String, problem: String) throws {
    let failure = try #require(try failure(reply: reply, from: 3))
    #expect(failure.policy == "mine")
    #expect(failure.day == 3)
    #expect(failure.replication == 0, "the first failure in replication order")
    #expect(failure.description.hasPrefix(#"policy "mine" failed on day 3 (replication 0): "#))
    #expect(failure.description.contains(problem), "\(failure.description)")
    #expect(!failure.description.contains("\n"))
  }

  @Test("a program that does not answer in time stops the run within the timeout")
  func timeout() throws {
    let start = ContinuousClock.now
    let failure = try #require(try failure(reply: "sleep 30", from: 1, timeout: 0.3))
    #expect(ContinuousClock.now - start < .seconds(10))
    #expect(failure.description == #"policy "mine" failed on day 1 (replication 0): no reply for day 1 within 0.3 s"#)
  }

  @Test("a program that cannot start stops the run before day 0")
  func cannotStart() throws {
    let failure = try #require(try failure(reply: "", command: ["./no-such-program"]))
    #expect(failure.day == nil)
    #expect(failure.description == #"policy "mine" failed before day 0 (replication 0): cannot start ./no-such-program: no such file or directory"#)
  }

  @Test("a program that exits at once fails on day 0")
  func exitsAtOnce() throws {
    let failure = try #require(try failure(reply: "", command: ["/bin/sh", "-c", "exit 2"]))
    #expect(failure.description == #"policy "mine" failed on day 0 (replication 0): the program exited with status 2 before sending its reply for day 0"#)
  }

  @Test("in a network, a failure names the node")
  func networkFailureNamesTheNode() throws {
    let json = externalScenarioJSON(policies: #"{"name": "mine", "type": "external", "command": ["/bin/sh", "-c", "exit 4"]}"#, network: true)
    let scenario = try Scenario.load(json: json, file: "ext.json")
    do {
      _ = try Experiment(scenario: scenario, replications: 1, threads: 1).run()
      Issue.record("a failing program ran")
    } catch {
      #expect(error.node != nil)
      #expect(error.description.hasPrefix(#"policy "mine" at node "#))
      #expect(error.description.hasSuffix("failed on day 0 (replication 0): the program exited with status 4 before sending its reply for day 0"))
    }
  }

  @Test("a good program runs; its orders count")
  func goodShellProgram() throws {
    #expect(try failure(reply: #"echo "{\"day\": $day, \"orders\": {\"B\": 3.0}}""#) == nil)
  }
}
