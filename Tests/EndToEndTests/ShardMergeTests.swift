import Foundation
import Synchronization
import Testing
@testable import Experiments
@testable import SupplySimCLI
import SupplyModel
import _TestSupport

/// `--shard K/N` and `supplysim merge`: merged shards give the unsharded outputs byte for byte,
/// whatever N (dividing the work or not, larger than it, or 1); the merge refuses incomplete or
/// mixed sets; `--emit` prints jobs that parse.
@Suite(.serialized) struct ShardMergeTests {
  /// The files a command writes.
  static func outputs(_ command: String) -> [String] {
    ["csv", "json", "md", "html"].map { "\(command).\($0)" }
  }

  /// Runs `arguments` unsharded and as N shards plus a merge (in process) and compares every
  /// output file and the printed summary.
  func expectMergeIdentical(_ command: String, _ arguments: [String], shards: [Int]) {
    let whole = temporaryDirectory("whole")
    let plain = runCLI([command] + arguments + ["--out", whole])
    #expect(plain.code == 0, "\(plain.err)")
    for n in shards {
      let root = temporaryDirectory("shards-\(n)")
      for k in 1...n {
        let r = runCLI([command] + arguments + ["--shard", "\(k)/\(n)", "--out", "\(root)/shard-\(k)", "--threads", "\(1 + k % 2)"])
        #expect(r.code == 0, "shard \(k)/\(n): \(r.err)")
      }
      // Shards named in reverse order: the merge sorts them.
      let merged = root + "/merged"
      let m = runCLI(["merge"] + (1...n).reversed().map { "\(root)/shard-\($0)" } + ["--out", merged])
      #expect(m.code == 0, "merge of \(n): \(m.err)")
      #expect(m.out == plain.out.replacingOccurrences(of: whole, with: merged), "printed summary differs for N = \(n)")
      for name in Self.outputs(command) {
        #expect(read(whole + "/" + name) != nil)
        #expect(read(whole + "/" + name) == read(merged + "/" + name), "\(name) differs after merging \(n) shards")
      }
    }
  }

  @Test func mergedSweepShardsAreByteIdenticalForAnyShardCount() {
    // 3 points × 2 replications = 6 units: N = 1, 4 (does not divide 6) and 9 (more shards than units).
    expectMergeIdentical("sweep", [SweepCLIFixture.file(), "--vary", "policies[0].fillRate=0.8..0.95:3", "--replications", "2"], shards: [1, 4, 9])
  }

  @Test func mergedStressShardsAreByteIdentical() {
    // Base + 2 tests = 3 scenarios × 3 replications = 9 units.
    expectMergeIdentical("stress", [SweepCLIFixture.file(), "--replications", "3"], shards: [2, 5])
  }

  @Test func shardUnitsCoverEveryUnitOnceInBlocksThatDifferByAtMostOne() {
    for total in [0, 1, 5, 6, 60, 1001] {
      for n in [1, 2, 3, 7, 64] {
        let blocks = (1...n).map { Shard(index: $0, count: n).units(of: total) }
        #expect(blocks.first?.lowerBound == 0 && blocks.last?.upperBound == total)
        for i in 1..<blocks.count { #expect(blocks[i - 1].upperBound == blocks[i].lowerBound) }
        let sizes = blocks.map(\.count)
        #expect(sizes.max()! - sizes.min()! <= 1, "total \(total), n \(n): \(sizes)")
      }
    }
    #expect(Shard(index: 2, count: 3).units(of: 10) == 3..<6)
  }

  @Test func badShardValuesAreUsageErrors() {
    let file = SweepCLIFixture.file()
    for (value, phrase) in [("3", "takes K/N"), ("0/3", "shard number must be in 1...3"), ("4/3", "shard number must be in 1...3"),
                            ("1/0", "number of shards must be in"), ("1/99999999999999999999", "takes K/N"), ("a/b", "takes K/N")] {
      let r = runCLI(["sweep", file, "--shard", value])
      #expect(r.code == 64, "\(value)")
      #expect(r.err.contains(phrase), "\(value): \(r.err)")
    }
    #expect(runCLI(["sweep", file, "--shard", "1/2", "--emit", "slurm"]).err.contains("give --shards N, not --shard"))
    #expect(runCLI(["sweep", file, "--partition", "x"]).err.contains("--partition goes with --emit"))
    #expect(runCLI(["sweep", file, "--progress", "loud"]).err.contains("--progress must be one of bar, json, none"))
  }

  /// One fixture file for the refusal tests, so their shards differ only where a test says.
  static let fixture = SweepCLIFixture.file()

  /// Writes the shards of the fixture sweep and returns their folders.
  func shardFolders(_ n: Int, extra: [String] = [], file: String = Self.fixture) -> [String] {
    let root = temporaryDirectory("refuse")
    return (1...n).map { k in
      let dir = "\(root)/shard-\(k)"
      let r = runCLI(["sweep", file, "--shard", "\(k)/\(n)", "--out", dir] + extra)
      #expect(r.code == 0, "\(r.err)")
      return dir
    }
  }

  @Test func mergeRefusesMissingDuplicateAndMixedShards() throws {
    let three = shardFolders(3)
    let out = temporaryDirectory("refused")
    func refuses(_ folders: [String], _ phrase: String, code: Int32 = 1) {
      let r = runCLI(["merge"] + folders + ["--out", out])
      #expect(r.code == code, "\(folders): \(r.out)")
      #expect(r.err.contains(phrase), "expected '\(phrase)', got \(r.err)")
      #expect(!FileManager.default.fileExists(atPath: out + "/sweep.json"), "a refused merge wrote output")
    }
    refuses([three[0], three[2]], "shard 2 of 3 is missing")
    refuses([three[0]], "shards 2, 3 of 3 are missing")
    refuses(three + [three[1] + "/"], "is named twice", code: 64)
    let copy = temporaryDirectory("copy")
    try FileManager.default.copyItem(atPath: three[1] + "/partial.json", toPath: copy + "/partial.json")
    refuses(three + [copy], "is shard 2/3 again")
    refuses([three[0], three[1], shardFolders(4)[2]], "merge the shards of one split (same N)")
    refuses([three[0], three[1], shardFolders(3, extra: ["--replications", "3"])[2]], "the arguments")
    let other = SweepCLIFixture.json.replacingOccurrences(of: "\"seed\": 17", with: "\"seed\": 18")
    refuses([three[0], three[1], shardFolders(3, file: SweepCLIFixture.file(other))[2]], "the scenario")
    refuses(three + [temporaryDirectory("empty")], "has no partial.json")
    refuses([three[0], "/nonexistent/shard"], "no such folder")
    refuses([], "name the shards' folders", code: 64)
    // A different version, a truncated file, a shard with a unit missing.
    let text = try String(contentsOfFile: three[2] + "/partial.json", encoding: .utf8)
    let edited = temporaryDirectory("edited")
    func write(_ t: String) { FileManager.default.createFile(atPath: edited + "/partial.json", contents: Data(t.utf8)) }
    write(text.replacingOccurrences(of: "\"supplysimVersion\": \"\(SupplySimCommand.version)\"", with: "\"supplysimVersion\": \"0.0.9\""))
    refuses([three[0], three[1], edited], "was written by SupplySim 0.0.9")
    write(String(text.prefix(text.count / 2)))
    refuses([three[0], three[1], edited], "malformed JSON")
    write(text.replacingOccurrences(of: "\"results\": [\n{", with: "\"results\": [\n{\"unit\": 99, \"values\": []},\n{"))
    refuses([three[0], three[1], edited], "results")
    // Policies renamed consistently in every shard: the replayed scenario's policies disagree.
    var renamed: [String] = []
    for folder in three {
      let copy = temporaryDirectory("renamed")
      let t = try String(contentsOfFile: folder + "/partial.json", encoding: .utf8)
      FileManager.default.createFile(atPath: copy + "/partial.json", contents: Data(t.replacingOccurrences(of: "\"policies\": [\"sS\", \"bs\"]", with: "\"policies\": [\"sS\", \"xx\"]").utf8))
      renamed.append(copy)
    }
    refuses(renamed, "the recorded scenario's policies are sS, bs")
  }

  @Test func partialResultsRoundTripEveryDoubleExactly() throws {
    let values: [Double] = [0, -0.0, 1e-310, .pi, -1.0 / 3, 1e300, .nan, .infinity, -.infinity, 123456789.123456789,
                            0.1, 5e-324, 17, 1, 2, 3, 4]
    let unit = UnitTotals(unit: 0, policies: [KPIs(values: values)])
    let partial = PartialResult(version: "v", command: "sweep", arguments: ["a b", "--x=\"q\""], scenarioFile: "f.json", scenarioText: "{\n\"é\": 1}",
                                fingerprint: "sha256:0", shard: Shard(index: 1, count: 1), totalUnits: 1, policies: ["p"], results: [unit])
    let back = try PartialResult.parse(partial.render(), file: "t")
    #expect(back.arguments == partial.arguments && back.scenarioText == partial.scenarioText)
    let got = back.results[0].policies[0].values
    #expect(got.map(\.bitPattern) == values.map(\.bitPattern))
  }

  @Test func progressJSONLinesNameTheCommandShardAndCounts() {
    let line = ProgressBar.jsonLine(command: "sweep", shard: "2/8", done: 40, total: 120, elapsed: 12.345, eta: 24.69)
    #expect(line == "{\"command\": \"sweep\", \"shard\": \"2/8\", \"done\": 40, \"total\": 120, \"elapsed\": 12.35, \"eta\": 24.69}\n")
    let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
    #expect(object?["total"] as? Int == 120)
    #expect(ProgressBar.jsonLine(command: "stress", shard: nil, done: 0, total: 3, elapsed: 0, eta: nil).contains("\"shard\": null, \"done\": 0, \"total\": 3, \"elapsed\": 0.00, \"eta\": null"))
  }

  @Test func emittedSlurmScriptParsesAndRunsEveryShardThenTheMerge() throws {
    let r = runCLI(["sweep", SweepCLIFixture.file(), "--emit", "slurm", "--shards", "5", "--out", "out/x", "--partition", "short",
                    "--time", "2-00:00:00", "--cpus", "4", "--memory", "8G"])
    #expect(r.code == 0, "\(r.err)")
    let script = r.out
    for line in ["#SBATCH --array=0-4", "#SBATCH --partition=short", "#SBATCH --time=2-00:00:00", "#SBATCH --cpus-per-task=4", "#SBATCH --mem=8G",
                 "K=$((SLURM_ARRAY_TASK_ID + 1))", "--shard \"$K/5\" --out \"out/x/shard-$K\"", "--dependency=afterok:\"$shards\"",
                 "supplysim merge out/x/shard-{1..5} --out out/x", "sbatch --parsable"] {
      #expect(script.contains(line), "missing \(line)")
    }
    let path = temporaryDirectory("slurm") + "/job.sh"
    FileManager.default.createFile(atPath: path, contents: Data(script.utf8))
    #expect(try Self.shell(["bash", "-n", path]).status == 0, "bash -n rejects the script")
    // Each shard's command line parses as the sweep's arguments.
    let shardLine = script.split(separator: "\n").first { $0.hasPrefix("exec ") && $0.contains("--shard") }!
    #expect(shardLine.contains("--threads \"${SLURM_CPUS_PER_TASK:-1}\""))
    #expect(runCLI(["sweep", SweepCLIFixture.file(), "--emit", "slurm", "--memory", "lots"]).err.contains("--memory takes a size"))
    #expect(runCLI(["sweep", SweepCLIFixture.file(), "--emit", "slurm", "--time", "soon"]).err.contains("--time takes a Slurm time limit"))
    #expect(runCLI(["sweep", SweepCLIFixture.file(), "--emit", "slurm", "--out", "a b"]).err.contains("without spaces"))
  }

  @Test func emittedKubernetesManifestIsAnIndexedJobAndAMergeJob() throws {
    let r = runCLI(["stress", SweepCLIFixture.file(), "--emit", "kubernetes", "--shards", "6", "--out", "out/k", "--image", "registry.example/supplysim:1"])
    #expect(r.code == 0, "\(r.err)")
    let yaml = r.out
    let documents = yaml.components(separatedBy: "\n---\n")
    #expect(documents.count == 2)
    for line in ["completionMode: Indexed", "completions: 6", "parallelism: 6", "JOB_COMPLETION_INDEX", "supplysim-stage: shards",
                 "claimName: \"supplysim-data\"", "image: \"registry.example/supplysim:1\"", "mountPath: /data"] {
      #expect(documents[0].contains(line), "shards job lacks \(line)")
    }
    #expect(documents[1].contains("supplysim-stage: merge") && documents[1].contains("merge out/k/shard-{1..6} --out out/k"))
    #expect(!documents[1].contains("completionMode"))
    // Structure: parsed by a YAML parser where one is installed (PyYAML), else indentation checked.
    if let (status, output) = try? Self.shell(["python3", "-c", Self.yamlCheck], input: yaml), !output.contains("No module named") {
      #expect(status == 0, "YAML check failed: \(output)")
    }
    for line in yaml.split(separator: "\n") where !line.hasPrefix("#") {
      let indent = line.prefix { $0 == " " }.count
      #expect(indent % 2 == 0, "odd indentation: \(line)")
      #expect(!line.contains("\t"))
    }
  }

  /// Loads both documents and checks the Indexed Job's shape.
  static let yamlCheck = """
    import sys, yaml
    docs = [d for d in yaml.safe_load_all(sys.stdin) if d]
    assert len(docs) == 2, len(docs)
    shards, merge = docs
    assert shards["kind"] == "Job" and shards["spec"]["completionMode"] == "Indexed", shards
    assert shards["spec"]["completions"] == 6 and shards["spec"]["parallelism"] == 6
    c = shards["spec"]["template"]["spec"]["containers"][0]
    assert "JOB_COMPLETION_INDEX" in c["command"][2] and c["workingDir"] == "/data"
    assert merge["kind"] == "Job" and "merge" in merge["spec"]["template"]["spec"]["containers"][0]["command"][2]
    assert merge["metadata"]["labels"]["supplysim-stage"] == "merge"
    """

  /// Runs a program, returning its status and combined output (through files, not pipes, so no
  /// read is interrupted by a signal).
  @discardableResult
  static func shell(_ arguments: [String], input: String? = nil, directory: String? = nil) throws -> (status: Int32, output: String) {
    let scratch = temporaryDirectory("shell")
    let outPath = scratch + "/out", inPath = scratch + "/in"
    FileManager.default.createFile(atPath: outPath, contents: nil)
    FileManager.default.createFile(atPath: inPath, contents: Data((input ?? "").utf8))
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    let out = FileHandle(forWritingAtPath: outPath)!, stdin = FileHandle(forReadingAtPath: inPath)!
    process.standardOutput = out
    process.standardError = out
    process.standardInput = stdin
    try process.run()
    process.waitUntilExit()
    try? out.close()
    try? stdin.close()
    return (process.terminationStatus, String(decoding: FileManager.default.contents(atPath: outPath) ?? Data(), as: UTF8.self))
  }
}

/// Shards and merge as separate processes of the built `supplysim` (as a cluster runs them), and
/// the emitted Slurm script on a real Slurm where one answers.
@Suite(.serialized) struct ShardProcessTests {
  /// The built `supplysim` beside the test bundle, or in the package's `.build/debug`.
  static var binary: String? {
    var candidates: [String] = []
    if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
      var dir = URL(fileURLWithPath: exe).deletingLastPathComponent()
      // Inside an .xctest bundle on some platforms: walk up to the build folder.
      for _ in 0..<4 {
        candidates.append(dir.appendingPathComponent("supplysim").path)
        dir = dir.deletingLastPathComponent()
      }
    }
    candidates.append(SourceTree.root() + "/.build/debug/supplysim")
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
  }

  /// A sweep of the tiny fixture: 3 points × 2 replications = 6 units.
  static func sweepArguments(_ file: String) -> [String] {
    ["sweep", file, "--vary", "policies[0].fillRate=0.8..0.95:3", "--replications", "2"]
  }

  /// The built binary, the fixture and a fresh folder `name` holding the unsharded sweep's
  /// outputs in `whole/`; nil (with the issue recorded) when the binary is missing.
  static func unshardedRun(_ name: String) throws -> (binary: String, file: String, root: String)? {
    guard let binary = Self.binary else {
      Issue.record("the supplysim executable was not found beside the tests or in .build/debug; build it with 'swift build'")
      return nil
    }
    let file = SweepCLIFixture.file()
    let root = temporaryDirectory(name)
    let whole = try ShardMergeTests.shell([binary] + Self.sweepArguments(file) + ["--out", root + "/whole", "--quiet"])
    #expect(whole.status == 0, "\(whole.output)")
    return (binary, file, root)
  }

  @Test func shardsAndMergeAsSeparateProcessesGiveTheUnshardedBytes() throws {
    guard let (binary, file, root) = try Self.unshardedRun("processes") else { return }
    for k in 1...4 {
      let r = try ShardMergeTests.shell([binary] + Self.sweepArguments(file) + ["--shard", "\(k)/4", "--out", "\(root)/shard-\(k)", "--progress", "json"])
      #expect(r.status == 0, "\(r.output)")
      #expect(r.output.contains("{\"command\": \"sweep\", \"shard\": \"\(k)/4\""), "no JSON progress line: \(r.output)")
    }
    let merge = try ShardMergeTests.shell([binary, "merge"] + (1...4).map { "\(root)/shard-\($0)" } + ["--out", root + "/merged", "--quiet"])
    #expect(merge.status == 0, "\(merge.output)")
    for name in ShardMergeTests.outputs("sweep") {
      #expect(read("\(root)/whole/\(name)") != nil)
      #expect(read("\(root)/whole/\(name)") == read("\(root)/merged/\(name)"), "\(name) differs")
    }
  }

  /// The emitted Kubernetes manifest's own commands, run as its Jobs would run them: each
  /// container's `command` (read from the YAML) in a shared working folder standing in for the
  /// `/data` volume, the Indexed Job's pods at once, each with its `JOB_COMPLETION_INDEX`, then the
  /// merge Job's. (No container runtime here, so the image and the volume are the parts not run.)
  @Test func emittedKubernetesCommandsRunAsIndexedPodsGiveTheUnshardedBytes() throws {
    guard let (binary, file, root) = try Self.unshardedRun("kubernetes-run") else { return }
    let emitted = try ShardMergeTests.shell([binary] + Self.sweepArguments(file) + ["--emit", "kubernetes", "--shards", "3", "--out", "cluster"])
    #expect(emitted.status == 0, "\(emitted.output)")
    let documents = emitted.output.components(separatedBy: "\n---\n")
    #expect(documents.count == 2)
    guard documents.count == 2 else { return }
    /// The container's command of one Job: the flow-style `command: [...]` array is JSON.
    func command(_ document: String) throws -> [String] {
      let line = try #require(document.split(separator: "\n").first { $0.trimmingCharacters(in: .whitespaces).hasPrefix("command: [") })
      let array = String(line[line.firstIndex(of: "[")!...])
      return try JSONDecoder().decode([String].self, from: Data(array.utf8))
    }
    let shards = try command(documents[0]), merge = try command(documents[1])
    #expect(shards.first == "/bin/bash" && merge.first == "/bin/bash")
    let volume = root + "/data"
    try FileManager.default.createDirectory(atPath: volume, withIntermediateDirectories: true)
    // The image has supplysim on its PATH; here the built binary's folder does.
    let path = URL(fileURLWithPath: binary).deletingLastPathComponent().path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
    let statuses = Mutex<[Int: (Int32, String)]>([:])
    DispatchQueue.concurrentPerform(iterations: 3) { index in
      let r = try? ShardMergeTests.shell(["env", "JOB_COMPLETION_INDEX=\(index)", "PATH=\(path)"] + shards, directory: volume)
      statuses.withLock { $0[index] = r ?? (-1, "could not start") }
    }
    for (index, r) in statuses.withLock({ $0 }).sorted(by: { $0.key < $1.key }) {
      #expect(r.0 == 0, "pod \(index): \(r.1)")
    }
    let merged = try ShardMergeTests.shell(["env", "PATH=\(path)"] + merge, directory: volume)
    #expect(merged.status == 0, "\(merged.output)")
    for name in ShardMergeTests.outputs("sweep") {
      #expect(read("\(root)/whole/\(name)") != nil)
      #expect(read("\(root)/whole/\(name)") == read("\(volume)/cluster/\(name)"), "\(name) differs or is missing after the merge Job's command")
    }
  }

  /// Whether `sbatch` exists and a Slurm controller answers with a node that can take jobs.
  static func slurmAnswers() -> String? {
    guard let which = try? ShardMergeTests.shell(["which", "sbatch"]), which.status == 0 else {
      return "sbatch is not installed (Debian: apt-get install slurm-wlm, then start munged, slurmctld and slurmd)"
    }
    guard let info = try? ShardMergeTests.shell(["timeout", "10", "sinfo", "-h", "-o", "%t"]), info.status == 0 else {
      return "no Slurm controller answers (sinfo failed); start slurmctld and slurmd"
    }
    let states = info.output.split(separator: "\n").map(String.init)
    guard states.contains(where: { ["idle", "mix", "alloc", "plnd"].contains($0) }) else {
      return "no Slurm node takes jobs (sinfo says \(states.joined(separator: ", ")))"
    }
    return nil
  }

  @Test(.enabled(if: ShardProcessTests.slurmAnswers() == nil,
                  "skipped: needs sbatch and a Slurm controller that answers (Debian's slurm-wlm with munged, slurmctld and slurmd running)"))
  func emittedSlurmArrayAndMergeGiveTheUnshardedBytesOnARealSlurm() throws {
    guard let (binary, file, root) = try Self.unshardedRun("slurm-run") else { return }
    let emitted = try ShardMergeTests.shell([binary] + Self.sweepArguments(file) + [
      "--emit", "slurm", "--shards", "3", "--out", "cluster", "--executable", binary, "--cpus", "1", "--memory", "500M", "--time", "00:05:00"],
      directory: root)
    #expect(emitted.status == 0, "\(emitted.output)")
    FileManager.default.createFile(atPath: root + "/job.sh", contents: Data(emitted.output.utf8))
    let submitted = try ShardMergeTests.shell(["bash", root + "/job.sh"], directory: root)
    #expect(submitted.status == 0, "sbatch failed: \(submitted.output)")
    guard submitted.status == 0 else { return }
    let jobs = try String(contentsOfFile: root + "/cluster/logs/jobs", encoding: .utf8).split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
    let deadline = Date().addingTimeInterval(240)
    while Date() < deadline {
      let queue = try ShardMergeTests.shell(["squeue", "-h", "-j", jobs.joined(separator: ",")])
      if queue.output.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { break }
      Thread.sleep(forTimeInterval: 0.5)
    }
    for name in ShardMergeTests.outputs("sweep") {
      #expect(read("\(root)/whole/\(name)") != nil)
      #expect(read("\(root)/whole/\(name)") == read("\(root)/cluster/\(name)"),
              "\(name) differs or is missing after the Slurm merge (logs in \(root)/cluster/logs)")
    }
  }
}
