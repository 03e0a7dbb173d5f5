import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs fuzz cases through the CLI and classifies them.
///
/// Every case runs in one folder, `<dir>/last-case/`, which is the working directory during the
/// campaign: the fixtures and the mutated inputs are written there and every command line uses
/// relative paths (`--out out`), so nothing reaches the repository whatever a mutation does to
/// an output option. Before a case runs, `REPRODUCE.txt` there says how to run it again, so the
/// folder is the reproducer when a trap kills the process. A failed case's folder is copied to
/// `<dir>/failures/case-<index>/`; `<dir>/summary.txt` holds the counts and failure classes.
final class FuzzCampaign {
  struct Configuration {
    var seed: UInt64 = 20_261_205
    var firstCase = 0
    var cases = 2_000
    /// A case using more CPU time than this on its thread (or 10 times as long on the wall clock) is a hang.
    var caseSeconds = 20.0
    /// When set, each command runs as this executable in a subprocess (survives traps).
    var binary: String?
    /// One folder per test process unless `SUPPLYSIM_FUZZ_DIR` names one: several checkouts on
    /// one machine may run `swift test` at once.
    var directory = NSTemporaryDirectory() + "supplysim-fuzz-\(ProcessInfo.processInfo.processIdentifier)"
    /// False for the per-process default folder, which a run without failures removes.
    var keepsDirectory = false
    /// The largest work estimate that is run (`FuzzWork`).
    var budget = FuzzWork.budget

    /// Reads `SUPPLYSIM_FUZZ_SEED`, `_FROM`, `_CASES`, `_CASE_SECONDS`, `_BINARY`, `_DIR` and `_BUDGET`.
    static func fromEnvironment() -> Configuration {
      let env = ProcessInfo.processInfo.environment
      var c = Configuration()
      if let s = env["SUPPLYSIM_FUZZ_SEED"].flatMap({ UInt64($0) }) { c.seed = s }
      if let s = env["SUPPLYSIM_FUZZ_FROM"].flatMap({ Int($0) }) { c.firstCase = s }
      if let s = env["SUPPLYSIM_FUZZ_CASES"].flatMap({ Int($0) }) { c.cases = s }
      if let s = env["SUPPLYSIM_FUZZ_CASE_SECONDS"].flatMap({ Double($0) }) { c.caseSeconds = s }
      if let s = env["SUPPLYSIM_FUZZ_BINARY"], !s.isEmpty { c.binary = s }
      if let s = env["SUPPLYSIM_FUZZ_DIR"], !s.isEmpty { c.directory = s; c.keepsDirectory = true }
      if let s = env["SUPPLYSIM_FUZZ_BUDGET"].flatMap({ Double($0) }) { c.budget = s }
      return c
    }
  }

  struct Counts: Codable {
    var cases = 0, cleanErrors = 0, accepted = 0, acceptedNotRun = 0, notRun = 0, crashes = 0, hangs = 0, badErrors = 0
    var seconds = 0.0

    mutating func add(_ outcome: FuzzOutcome) {
      cases += 1
      switch outcome {
      case .cleanError: cleanErrors += 1
      case .accepted: accepted += 1
      case .acceptedNotRun: acceptedNotRun += 1
      case .notRun: notRun += 1
      case .crash: crashes += 1
      case .hang: hangs += 1
      case .badError: badErrors += 1
      }
    }

    var line: String {
      "\(cases) cases: \(cleanErrors) clean errors, \(accepted) accepted, \(acceptedNotRun) accepted but too large to run, \(notRun) command lines too large to run, \(crashes) crashes, \(hangs) hangs, \(badErrors) bad errors"
    }
  }

  struct Failure {
    var index: Int
    var outcome: FuzzOutcome
    var signature: String
    var reproducer: String
    var folder: String
  }

  let configuration: Configuration
  var seeds: FuzzSeeds
  let runner: (([String]) -> FuzzStepResult)
  var counts = Counts()
  /// The same counts per kind of seed.
  var countsByKind: [String: Counts] = [:]
  var failures: [Failure] = []
  var setupProblems: [String] = []
  let caseFolder: String
  let watchdog = FuzzWatchdog()
  var budget: Double { configuration.budget }

  /// - Parameter inProcess: runs one command line in process (`SupplySimCommand.main` with a recording console).
  init(configuration: Configuration, root: String, inProcess: @escaping ([String]) -> FuzzStepResult) throws {
    self.configuration = configuration
    seeds = try FuzzSeeds(root: root)
    caseFolder = configuration.directory + "/last-case"
    if let binary = configuration.binary {
      let folder = caseFolder, limit = configuration.caseSeconds, scratch = configuration.directory
      runner = { FuzzSubprocess.run(binary: binary, arguments: $0, folder: folder, scratch: scratch, seconds: limit) }
    } else {
      runner = inProcess
    }
  }

  // MARK: Running

  /// Runs the configured range of cases; returns when done (in process, a trap or hang ends the process instead).
  func run(log: (String) -> Void) throws {
    let fm = FileManager.default
    try? fm.removeItem(atPath: configuration.directory + "/failures")
    try fm.createDirectory(atPath: caseFolder, withIntermediateDirectories: true)
    let previous = fm.currentDirectoryPath
    guard fm.changeCurrentDirectoryPath(caseFolder) else { throw CocoaError(.fileNoSuchFile) }
    defer { _ = fm.changeCurrentDirectoryPath(previous) }
    if configuration.binary == nil {   // '-' (standard input) must not wait for a terminal
      let null = open("/dev/null", O_RDONLY)
      if null >= 0 { dup2(null, 0); close(null) }
    }
    log("fuzz: seed \(configuration.seed), cases \(configuration.firstCase)..<\(configuration.firstCase + configuration.cases); reproducer of the running case: \(caseFolder)/REPRODUCE.txt\n")
    try prepareFixtures()
    // In process the watchdog is the time limit; with a subprocess it only backs up the subprocess's own.
    let limit = configuration.binary == nil ? configuration.caseSeconds : 2 * configuration.caseSeconds + 10
    watchdog.start(limit: limit, directory: configuration.directory)
    let start = Date()
    for index in configuration.firstCase..<(configuration.firstCase + configuration.cases) {
      let c = FuzzCase.make(index: index, campaignSeed: configuration.seed, seeds: seeds)
      let caseStart = Date()
      let (outcome, step) = try runCase(c)
      record(outcome, step: step, case: c)
      countsByKind[c.kind]?.seconds += Date().timeIntervalSince(caseStart)
    }
    watchdog.stop()
    counts.seconds = Date().timeIntervalSince(start)
    try writeSummary()
    if failures.isEmpty && setupProblems.isEmpty && !configuration.keepsDirectory {
      _ = fm.changeCurrentDirectoryPath(previous)
      try? fm.removeItem(atPath: configuration.directory)
    }
  }

  /// Writes the shrunk seeds into the case folder, checks that each scenario validates, and makes
  /// baselines of two of them (2 replications) for `check`.
  func prepareFixtures() throws {
    try clearCaseFolder()
    try write(seeds.fixtures)
    for seed in seeds.seeds where seed.kind == .scenario {
      let r = runner(["validate", seed.name])
      if r.code != 0 { setupProblems.append("shrunk seed \(seed.name) does not validate: \(r.errors)") }
    }
    let r = runner(["baseline", "quickstart.json", "two-echelon.json", "--out", "baselines", "--replications", "2", "--threads", "1", "--quiet"])
    if r.code != 0 { setupProblems.append("baselines of the shrunk seeds: \(r.errors)") }
    var made: [String: String] = [:]
    for name in (try? FileManager.default.contentsOfDirectory(atPath: "baselines")) ?? [] {
      made[name] = FileManager.default.contents(atPath: "baselines/" + name).map { String(decoding: $0, as: UTF8.self) }
    }
    seeds.addFreshBaselines(made)
  }

  func runCase(_ c: FuzzCase) throws -> (FuzzOutcome, FuzzStepResult) {
    try clearCaseFolder()
    var files = seeds.fixtures
    for (k, v) in c.files { files[k] = v }
    try write(files)
    let reproducer = reproducerText(c)
    try reproducer.write(toFile: caseFolder + "/REPRODUCE.txt", atomically: false, encoding: .utf8)
    watchdog.begin(reproducer)
    defer { watchdog.end() }
    let lines = c.commandLines
    if case .command = c.plan, c.work > budget { return (.notRun, FuzzStepResult(arguments: lines[0], code: 0, output: "", errors: "", seconds: 0)) }
    let first = runner(lines[0])
    if let outcome = classifyAbnormal(first) { return (outcome, first) }
    if first.code != 0 {
      if case .command(let args) = c.plan, args.first == "check", first.code == 1, first.errors.isEmpty { return (.accepted, first) }
      if let why = FuzzOutcome.cleanErrorProblem(first) { return (.badError(why), first) }
      return (.cleanError, first)
    }
    guard c.work <= budget else { return (.acceptedNotRun, first) }
    guard lines.count > 1 else { return (.accepted, first) }
    let second = runner(lines[1])
    if let outcome = classifyAbnormal(second) { return (outcome, second) }
    if second.code != 0 {
      let why = FuzzOutcome.cleanErrorProblem(second).map { "; and \($0)" } ?? ""
      return (.badError("validate accepted, run failed\(why)"), second)
    }
    return (.accepted, second)
  }

  func classifyAbnormal(_ r: FuzzStepResult) -> FuzzOutcome? {
    if r.timedOut { return .hang }
    if let s = r.signal { return .crash("signal \(s)") }
    return nil
  }

  func record(_ outcome: FuzzOutcome, step: FuzzStepResult, case c: FuzzCase) {
    counts.add(outcome)
    countsByKind[c.kind, default: Counts()].add(outcome)
    guard outcome.isFailure else { return }
    let folder = configuration.directory + "/failures/case-\(c.index)"
    let fm = FileManager.default
    try? fm.createDirectory(atPath: configuration.directory + "/failures", withIntermediateDirectories: true)
    try? fm.removeItem(atPath: folder)
    try? fm.createDirectory(atPath: folder, withIntermediateDirectories: true)
    for name in c.files.keys.sorted() {
      let target = folder + "/" + name
      try? fm.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
      try? fm.copyItem(atPath: caseFolder + "/" + name, toPath: target)
    }
    let detail = "\(reproducerText(c))\nexit code: \(step.code)\(step.signal.map { ", signal \($0)" } ?? "")\ncommand: \(step.arguments.map(FuzzCampaign.quoted).joined(separator: " "))\nstderr:\n\(step.errors.prefix(8000))\n"
    try? detail.write(toFile: folder + "/REPRODUCE.txt", atomically: false, encoding: .utf8)
    failures.append(Failure(index: c.index, outcome: outcome, signature: FuzzOutcome.signature(outcome, step: step),
                            reproducer: "case \(c.index) [\(c.seed)] \(c.mutations.joined(separator: "; ")) -> \(step.arguments.map(FuzzCampaign.quoted).joined(separator: " ")): \(step.errors.split(separator: "\n").first ?? "")", folder: folder))
  }

  // MARK: Files

  func clearCaseFolder() throws {
    let fm = FileManager.default
    for name in try fm.contentsOfDirectory(atPath: caseFolder) {
      try fm.removeItem(atPath: caseFolder + "/" + name)
    }
  }

  func write(_ files: [String: String]) throws {
    let fm = FileManager.default
    for (name, text) in files {
      let path = caseFolder + "/" + name
      if name.contains("/") { try fm.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true) }
      guard fm.createFile(atPath: path, contents: Data(text.utf8)) else { throw CocoaError(.fileWriteUnknown) }
    }
  }

  static func quoted(_ a: String) -> String {
    if !a.isEmpty, a.allSatisfy({ $0.isLetter || $0.isNumber || "-_./=,:[]".contains($0) }), a.unicodeScalars.allSatisfy(\.isASCII) { return a }
    return "'" + a.replacingOccurrences(of: "'", with: "'\\''") + "'"
  }

  func reproducerText(_ c: FuzzCase) -> String {
    let lines = c.commandLines.map { "  supplysim " + $0.map(FuzzCampaign.quoted).joined(separator: " ") }
    let when = lines.count > 1 ? "\n(the second only when the first exits 0 and the work is within budget)" : ""
    return """
      SupplySim fuzz case \(c.index) of campaign seed \(configuration.seed)
      seed input: \(c.seed)
      mutations: \(c.mutations.isEmpty ? "none" : c.mutations.joined(separator: "; "))
      work estimate: \(c.work) (budget \(budget))
      mutated files: \(c.files.keys.sorted().joined(separator: ", "))
      in \(caseFolder), run:
      \(lines.joined(separator: "\n"))\(when)
      or again in the test suite:
        SUPPLYSIM_FUZZ_SEED=\(configuration.seed) SUPPLYSIM_FUZZ_FROM=\(c.index) SUPPLYSIM_FUZZ_CASES=1 swift test --filter MutationFuzzTests

      """
  }

  // MARK: Reporting

  /// The counts line the README reports.
  var countsLine: String {
    let c = counts
    return "\(c.line) in \(String(format: "%.1f", c.seconds)) s"
  }

  /// Failures grouped by signature, largest group first, each with up to three reproducers.
  var failureClasses: [(signature: String, failures: [Failure])] {
    Dictionary(grouping: failures, by: \.signature).map { ($0.key, $0.value) }
      .sorted { $0.1.count != $1.1.count ? $0.1.count > $1.1.count : $0.0 < $1.0 }
  }

  func writeSummary() throws {
    var text = "seed \(configuration.seed), cases \(configuration.firstCase)..<\(configuration.firstCase + configuration.cases)\n\(countsLine)\n"
    for (kind, c) in countsByKind.sorted(by: { $0.key < $1.key }) { text += "  \(kind): \(c.line) in \(String(format: "%.1f", c.seconds)) s\n" }
    for p in setupProblems { text += "setup: \(p)\n" }
    for (signature, group) in failureClasses {
      text += "\n\(group.count)x \(signature)\n"
      for f in group.prefix(3) { text += "  \(f.reproducer)\n    \(f.folder)\n" }
    }
    try text.write(toFile: configuration.directory + "/summary.txt", atomically: true, encoding: .utf8)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
    try encoder.encode(counts).write(to: URL(fileURLWithPath: configuration.directory + "/counts.json"))
  }
}

/// Ends the process when a case runs past its time limit, after printing its reproducer: a hang
/// must fail the suite, not stall it.
///
/// The limit is on the CPU time of the thread running the case, so a busy machine (the suite's
/// other tests, other builds) does not turn a slow case into a hang; a case that waits instead of
/// computing (a deadlock) is caught by a wall-clock backstop of `wallFactor` times the limit.
final class FuzzWatchdog: @unchecked Sendable {
  /// The wall-clock backstop, as a multiple of the CPU-time limit.
  static let wallFactor = 10.0
  private let lock = NSLock()
  private var deadline: Date?
  private var caseClock: clockid_t?
  private var caseCPUStart = 0.0
  private var reproducer = ""
  private var running = false
  private var limit = 30.0
  private var directory = ""

  /// CPU seconds consumed so far by the thread whose CPU clock is `clock`.
  private static func cpuSeconds(_ clock: clockid_t) -> Double {
    var t = timespec()
    guard clock_gettime(clock, &t) == 0 else { return 0 }
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
  }

  func start(limit: Double, directory: String) {
    lock.withLock { self.limit = limit; self.directory = directory; running = true }
    let thread = Thread { [self] in
      while lock.withLock({ running }) {
        Thread.sleep(forTimeInterval: 0.25)
        let expired: (String, String)? = lock.withLock {
          guard let d = deadline else { return nil }
          if let clock = caseClock, Self.cpuSeconds(clock) - caseCPUStart > limit {
            return (reproducer, "used more than \(limit) s of CPU time")
          }
          return Date() > d ? (reproducer, "ran longer than \(limit * Self.wallFactor) s") : nil
        }
        if let (text, what) = expired {
          let message = "\nFUZZ HANG: a case \(what); the process is stopped.\n\(text)"
          try? message.write(toFile: directory + "/hang.txt", atomically: true, encoding: .utf8)
          FileHandle.standardError.write(Data(message.utf8))
          exit(70)
        }
      }
    }
    thread.start()
  }

  /// Starts the clock of a case; called on the thread that runs it.
  func begin(_ reproducer: String) {
    var clock = clockid_t()
    let ownClock: clockid_t? = pthread_getcpuclockid(pthread_self(), &clock) == 0 ? clock : nil
    let cpuStart = ownClock.map(Self.cpuSeconds) ?? 0
    lock.withLock {
      self.reproducer = reproducer
      caseClock = ownClock
      caseCPUStart = cpuStart
      deadline = Date().addingTimeInterval(limit * Self.wallFactor)
    }
  }

  func end() { lock.withLock { deadline = nil; caseClock = nil } }

  func stop() { lock.withLock { running = false; deadline = nil; caseClock = nil } }
}

/// Runs the `supplysim` executable per command (exploration and long campaigns: a trap ends
/// only that command).
enum FuzzSubprocess {
  static func run(binary: String, arguments: [String], folder: String, scratch: String, seconds: Double) -> FuzzStepResult {
    let start = Date()
    let p = Process()
    p.executableURL = URL(fileURLWithPath: binary)
    p.arguments = arguments
    p.currentDirectoryURL = URL(fileURLWithPath: folder)
    let outPath = scratch + "/stdout.txt", errPath = scratch + "/stderr.txt"
    _ = FileManager.default.createFile(atPath: outPath, contents: nil)
    _ = FileManager.default.createFile(atPath: errPath, contents: nil)
    p.standardOutput = FileHandle(forWritingAtPath: outPath)
    p.standardError = FileHandle(forWritingAtPath: errPath)
    p.standardInput = FileHandle.nullDevice
    var env = ProcessInfo.processInfo.environment
    env["SWIFT_BACKTRACE"] = "enable=yes,interactive=no,color=no,limit=40,top=0,registers=none,images=none,sanitize=no"
    p.environment = env
    let done = DispatchSemaphore(value: 0)
    p.terminationHandler = { _ in done.signal() }
    do { try p.run() } catch {
      return FuzzStepResult(arguments: arguments, code: 127, output: "", errors: "cannot start \(binary): \(error)", seconds: 0)
    }
    var timedOut = false
    if done.wait(timeout: .now() + seconds) == .timedOut {
      timedOut = true
      kill(p.processIdentifier, SIGKILL)
      done.wait()
    }
    let out = FileManager.default.contents(atPath: outPath).map { String(decoding: $0, as: UTF8.self) } ?? ""
    let err = FileManager.default.contents(atPath: errPath).map { String(decoding: $0, as: UTF8.self) } ?? ""
    let signal: Int32? = !timedOut && p.terminationReason == .uncaughtSignal ? p.terminationStatus : nil
    return FuzzStepResult(arguments: arguments, code: p.terminationStatus, output: String(out.prefix(4000)), errors: err, signal: signal,
                          timedOut: timedOut, seconds: Date().timeIntervalSince(start))
  }
}
