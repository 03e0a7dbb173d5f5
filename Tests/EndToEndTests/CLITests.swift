import Foundation
import Testing
@testable import SupplySimCLI
import _TestSupport

/// Runs the CLI in-process with a recording console.
func runCLI(_ arguments: [String]) -> (code: Int32, out: String, err: String) {
  let console = Console.recording()
  let code = SupplySimCommand.main(arguments, console: console)
  return (code, console.output, console.errors)
}

/// A fresh temporary directory.
func temporaryDirectory(_ label: String) -> String {
  let path = NSTemporaryDirectory() + "supplysim-\(label)-\(UUID().uuidString)"
  try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  return path
}

func read(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }

let quickstart = SourceTree.root() + "/scenarios/quickstart.json"

@Suite(.serialized) struct RunCommandTests {
  @Test func runWritesEveryReportFileAndPrintsTheTable() throws {
    let dir = temporaryDirectory("run")
    let r = runCLI(["run", quickstart, "--out", dir])
    #expect(r.code == 0, "\(r.err)")
    for name in ["summary.json", "kpis.csv", "daily.csv", "report.md"] {
      #expect(FileManager.default.fileExists(atPath: dir + "/" + name), "\(name) missing")
    }
    #expect(r.out.contains("sQ-csl95") && r.out.contains("Fill rate"))
    let daily = String(decoding: read(dir + "/daily.csv")!, as: UTF8.self)
    #expect(daily.split(separator: "\n").count == 1 + 3 * 365 * 20)
  }

  @Test func sameSeedGivesByteIdenticalOutputsWhateverTheThreadCount() {
    let a = temporaryDirectory("a"), b = temporaryDirectory("b"), c = temporaryDirectory("c")
    #expect(runCLI(["run", quickstart, "--out", a, "--threads", "1"]).code == 0)
    #expect(runCLI(["run", quickstart, "--out", b, "--threads", "2"]).code == 0)
    #expect(runCLI(["run", quickstart, "--out", c, "--seed", "7"]).code == 0)
    for name in ["summary.json", "kpis.csv", "daily.csv", "report.md"] {
      #expect(read(a + "/" + name) == read(b + "/" + name), "\(name) differs between 1 and 2 threads")
    }
    #expect(read(a + "/daily.csv") != read(c + "/daily.csv"))
    #expect(read(a + "/summary.json") != read(c + "/summary.json"))
  }

  @Test func summaryJSONHasTheDocumentedKeys() throws {
    let dir = temporaryDirectory("keys")
    #expect(runCLI(["run", quickstart, "--out", dir, "--no-daily"]).code == 0)
    let object = try JSONSerialization.jsonObject(with: read(dir + "/summary.json")!) as! [String: Any]
    #expect(Set(object.keys) == ["format", "supplysimVersion", "scenario", "policies", "pairedComparisons", "definitions"])
    let policies = object["policies"] as! [[String: Any]]
    #expect(policies.map { $0["name"] as! String } == ["sQ-csl95", "sS-fill98", "RS-weekly"])
    let kpis = policies[0]["kpis"] as! [String: [String: Any]]
    #expect(kpis["fillRate"]?["mean"] is Double)
    #expect(!FileManager.default.fileExists(atPath: dir + "/daily.csv"))
  }
}

@Suite struct BadInputTests {
  func scenarioFile(_ text: String) -> String {
    let dir = temporaryDirectory("bad")
    let path = dir + "/bad.json"
    FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
    return path
  }

  @Test func negativeLeadTimeExitsOneWithThePath() throws {
    var text = String(decoding: read(quickstart)!, as: UTF8.self)
    text = text.replacingOccurrences(of: "\"mean\": 5,", with: "\"mean\": -2,")
    let path = scenarioFile(text)
    let out = temporaryDirectory("noreport")
    let r = runCLI(["run", path, "--out", out])
    #expect(r.code == 1)
    #expect(r.err.contains("bad.json: suppliers[0].leadTime.mean: must be >= 0, got -2"), "\(r.err)")
    #expect((try? FileManager.default.contentsOfDirectory(atPath: out))?.isEmpty == true, "no report may be written")
  }

  @Test func malformedJSONAndMissingFilesExitOne() {
    #expect(runCLI(["run", scenarioFile("{\"name\": ")]).code == 1)
    let missing = runCLI(["validate", "/nonexistent/x.json"])
    #expect(missing.code == 1 && missing.err.contains("no such file"))
  }

  @Test func badUsageExits64WithASuggestion() {
    let r = runCLI(["run", quickstart, "--sed", "3"])
    #expect(r.code == 64)
    #expect(r.err.contains("did you mean '--seed'"))
    #expect(runCLI(["rnu"]).err.contains("did you mean 'run'"))
    #expect(runCLI([]).code == 64)
    #expect(runCLI(["run", quickstart, "--threads", "zero"]).code == 64)
  }

  @Test func helpAndValidateSucceed() {
    #expect(runCLI(["--help"]).code == 0)
    let help = runCLI(["help", "run"])
    #expect(help.code == 0 && help.out.contains("--replications"))
    let v = runCLI(["validate", quickstart])
    #expect(v.code == 0 && v.out.hasPrefix("ok: "))
  }
}
