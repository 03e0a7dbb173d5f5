import Foundation
import Testing
@testable import SupplySimCLI
import _TestSupport

/// A scenario folder whose external policy is `/bin/sh policy.sh` with `script`, one SKU.
func externalScenarioFolder(script: String, timeoutSeconds: Double = 5) -> String {
  let dir = temporaryDirectory("external")
  let scenario = """
    {"name": "ext", "seed": 3, "horizonDays": 30, "warmUpDays": 0, "replications": 3,
     "suppliers": [{"id": "s", "leadTime": {"distribution": "deterministic", "mean": 2}}],
     "skus": [{"id": "A", "supplier": "s", "demand": {"distribution": "poisson", "mean": 4}, "unitCost": 1, "holdingCostPerUnitDay": 0.1}],
     "policies": [{"name": "mine", "type": "external", "command": ["/bin/sh", "policy.sh"], "timeoutSeconds": \(timeoutSeconds)}]}
    """
  try? scenario.write(toFile: dir + "/ext.json", atomically: true, encoding: .utf8)
  try? script.write(toFile: dir + "/policy.sh", atomically: true, encoding: .utf8)
  return dir
}

/// Answers day d with `{"day": d, "orders": {"A": 5}}` until day `badDay`, then with `bad`.
func shellPolicy(badDay: Int, bad: String) -> String {
  """
  day=0
  while read -r line; do
    case "$line" in
      *'"type":"day"'*)
        if [ $day -eq \(badDay) ]; then \(bad); else echo "{\\"day\\": $day, \\"orders\\": {\\"A\\": 5}}"; fi
        day=$((day + 1));;
      *'"type":"bye"'*) exit 0;;
    esac
  done
  """
}

@Suite struct ExternalPolicyCommandTests {
  @Test("a bad reply stops run with one line naming the policy and the day, exit 1, and no report")
  func runStopsWithoutAReport() throws {
    let dir = externalScenarioFolder(script: shellPolicy(badDay: 7, bad: #"echo "{\"day\": $day, \"orders\": {\"A\": -1}}""#))
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let r = runCLI(["run", dir + "/ext.json", "--out", dir + "/out", "--quiet"])
    #expect(r.code == 1)
    #expect(r.err == #"supplysim run: policy "mine" failed on day 7 (replication 0): its order of SKU "A" is -1: orders must be whole numbers >= 0"# + "\n")
    #expect(r.out.isEmpty)
    #expect(!FileManager.default.fileExists(atPath: dir + "/out"))
  }

  @Test("a good program runs from a scenario file, from the scenario's folder, and baseline and check accept it")
  func goodProgramRunsAndBaselines() throws {
    let dir = externalScenarioFolder(script: shellPolicy(badDay: -1, bad: "true"))
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let r = runCLI(["run", dir + "/ext.json", "--out", dir + "/out", "--quiet", "--no-daily"])
    #expect(r.code == 0, "\(r.err)")
    #expect(FileManager.default.fileExists(atPath: dir + "/out/summary.json"))
    let b = runCLI(["baseline", dir + "/ext.json", "--out", dir + "/baselines", "--quiet"])
    #expect(b.code == 0, "\(b.err)")
  }

  @Test("a timeout stops baseline with one line, and writes no baseline")
  func baselineStopsOnTimeout() throws {
    let dir = externalScenarioFolder(script: shellPolicy(badDay: 2, bad: "sleep 20"), timeoutSeconds: 0.2)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let r = runCLI(["baseline", dir + "/ext.json", "--out", dir + "/baselines", "--quiet"])
    #expect(r.code == 1)
    #expect(r.err == #"supplysim baseline: policy "mine" failed on day 2 (replication 0): no reply for day 2 within 0.2 s"# + "\n")
    let written = (try? FileManager.default.contentsOfDirectory(atPath: dir + "/baselines")) ?? []
    #expect(written.isEmpty)
  }
}

@Suite struct ExternalPolicyDocumentationTests {
  @Test("the Python program shown in full in scenarios/README.md is the shipped scenarios/external/base_stock.py")
  func documentedProgramIsTheShippedOne() throws {
    let root = SourceTree.root()
    let shipped = try String(contentsOfFile: root + "/scenarios/external/base_stock.py", encoding: .utf8)
    // The program's block is the Python block that opens like the file (the env section has a
    // wrapper of its own).
    let opening = shipped.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? ""
    let blocks = FencedBlock.all(in: "scenarios/README.md").filter { $0.language == "python" && $0.lines.first == opening }
    #expect(blocks.count == 1)
    #expect(blocks.first.map { $0.lines.joined(separator: "\n") + "\n" } == shipped)
  }
}
