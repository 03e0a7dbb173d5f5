import Foundation

/// What one command did.
struct FuzzStepResult {
  var arguments: [String]
  var code: Int32
  var output: String
  var errors: String
  /// The signal that killed it (subprocess mode only: in process, a trap ends the test run).
  var signal: Int32?
  var timedOut = false
  var seconds: Double
}

/// How a case ended.
enum FuzzOutcome: Equatable {
  /// Non-zero exit with a clean error (see `FuzzOutcome.cleanErrorProblem`).
  case cleanError
  /// Exit 0 (for a scenario: `validate` and `run` both exit 0).
  case accepted
  /// `validate` exit 0, but the work estimate is above the budget, so `run` was skipped.
  case acceptedNotRun
  /// A command line whose work estimate is above the budget: not run.
  case notRun
  /// The process trapped (subprocess mode) — in process, the test run itself dies.
  case crash(String)
  /// The case ran longer than the time limit.
  case hang
  /// Non-zero exit whose stderr is not a clean error, or `run` failing after `validate` accepted.
  case badError(String)

  var isFailure: Bool {
    switch self {
    case .crash, .hang, .badError: true
    default: false
    }
  }

  /// Raw dumps that must never reach a user.
  static let dumpMarkers = [
    "CocoaError", "DecodingError", "EncodingError", "Swift.", "NSCocoaErrorDomain", "Error Domain=", "codingPath",
    "debugDescription", "underlyingError", "UserInfo", "NSError", "Optional(", "Fatal error", "(extension in", "_GenericObjCError",
    "keyNotFound(", "typeMismatch(", "valueNotFound(", "dataCorrupted(", "CodingKeys(",
  ]

  /// Why a failed command's stderr is not a clean error, or nil when it is one.
  ///
  /// A clean error is: exit code 1 or 64 (or 2 from `check`, "could not run"); stderr non-empty,
  /// ending in a newline, with exactly one line — except `validate` and `check`, which list every
  /// problem, one per line; no line holds a raw dump marker (`dumpMarkers`); and every line
  /// names where the problem is: the name of a file on the command line (its last path
  /// component, or any argument followed by a colon or in quotes) or a file named in an input
  /// (a path ending in .json, .csv, .mps, .xml, .md or .html), an option (`--name`), a JSON path with at least one step (`skus[3].demand`,
  /// `lp.horizonDays`, `set["x"]`), `line N`, or, for usage errors, a quoted argument of the
  /// command line (`no command 'rn'`) or the command's usage.
  static func cleanErrorProblem(_ r: FuzzStepResult) -> String? {
    let command = r.arguments.first ?? ""
    if r.arguments.isEmpty && r.code == 64 { return nil }   // no arguments at all: the overview, as usage
    let allowed: Set<Int32> = command == "check" ? [1, 2, 64] : [1, 64]
    guard allowed.contains(r.code) else { return "exit code \(r.code)" }
    guard !r.errors.isEmpty else { return "nothing on stderr" }
    guard r.errors.hasSuffix("\n") else { return "stderr does not end in a newline" }
    let lines = r.errors.dropLast().split(separator: "\n", omittingEmptySubsequences: false)
    if lines.count > 1 && !(command == "validate" || command == "check") { return "\(lines.count) lines on stderr" }
    for line in lines {
      if line.trimmingCharacters(in: .whitespaces).isEmpty { return "an empty line on stderr" }
      if let marker = dumpMarkers.first(where: { line.contains($0) }) { return "raw dump (\(marker))" }
      if !namesALocation(String(line), arguments: r.arguments, usage: r.code == 64) { return "names no file, option, JSON path or line" }
    }
    return nil
  }

  static let optionPattern = try! NSRegularExpression(pattern: "--[a-z][a-z0-9-]*")
  static let jsonPathPattern = try! NSRegularExpression(pattern: #"[A-Za-z_$][A-Za-z0-9_]*(\[[0-9]+\]|\[\"[^\"]*\"\]|\.[A-Za-z_][A-Za-z0-9_]*)+"#)
  static let filePattern = try! NSRegularExpression(pattern: #"[^\s:'\"(]+\.(json|csv|mps|xml|md|html)\b"#)
  static let linePattern = try! NSRegularExpression(pattern: #"\bline [0-9]+"#)

  static func namesALocation(_ line: String, arguments: [String], usage: Bool) -> Bool {
    let range = NSRange(line.startIndex..., in: line)
    let values = arguments.dropFirst().map { a in
      a.hasPrefix("--") ? a.firstIndex(of: "=").map { String(a[a.index(after: $0)...]) } ?? "" : a
    }
    for a in values where !a.isEmpty {
      let name = (a as NSString).lastPathComponent
      if name.count >= 3, line.contains(name) { return true }
      if line.contains(a + ":") || line.contains("'\(a)'") || line.contains("\"\(a)\"") { return true }
    }
    if arguments.contains("-") && line.contains("<stdin>") { return true }   // standard input's name in messages
    if filePattern.firstMatch(in: line, range: range) != nil { return true }
    if optionPattern.firstMatch(in: line, range: range) != nil { return true }
    if linePattern.firstMatch(in: line, range: range) != nil { return true }
    // A JSON path: a name followed by at least one [n], ["key"] or .key step, that is not a file name.
    for m in jsonPathPattern.matches(in: line, range: range) {
      let text = (line as NSString).substring(with: m.range)
      if !text.hasSuffix(".json") && !text.hasSuffix(".csv") && !text.hasSuffix(".mps") { return true }
    }
    if usage {
      if line.contains("usage") { return true }
      if arguments.contains(where: { line.contains("'\($0)'") }) { return true }
    }
    return false
  }

  /// A crash's trap message and the first frame in SupplySim's sources (which locates a trap
  /// raised in the standard library, e.g. a Double-to-Int conversion).
  static func crashSignature(_ step: FuzzStepResult) -> String {
    let lines = step.errors.split(separator: "\n").map(String.init)
    let fatal: String = lines.first { line in
      line.contains("Fatal error") || line.contains("Precondition failed") || line.contains("runtime failure") || line.contains("error:")
    } ?? lines.first ?? ""
    var frame = ""
    for line in lines {
      guard let r = line.range(of: "/Sources/") else { continue }
      let location = line[r.upperBound...].split(separator: " ").first.map(String.init) ?? ""
      frame = location.replacingOccurrences(of: #":[0-9]+$"#, with: "", options: .regularExpression)
      break
    }
    let message = fatal.replacingOccurrences(of: #"got .*$"#, with: "got …", options: .regularExpression)
    return "crash in '\(step.arguments.first ?? "")': \(message.prefix(150)) [first frame in Sources/: \(frame)]"
  }

  /// A short signature grouping failures of the same kind: the command and the message with
  /// numbers, quoted text and paths masked.
  static func signature(_ outcome: FuzzOutcome, step: FuzzStepResult) -> String {
    var text = step.errors
    if case .crash = outcome { return crashSignature(step) }
    if case .badError(let why) = outcome, why.hasPrefix("raw dump") {
      return "bad error (\(why)) in '\(step.arguments.first ?? "")'"
    }
    text = String(text.prefix(90))
    text = text.replacingOccurrences(of: #"'[^']*'"#, with: "'…'", options: .regularExpression)
    text = text.replacingOccurrences(of: #"[0-9]+(\.[0-9]+)?(e[-+]?[0-9]+)?"#, with: "N", options: .regularExpression)
    text = text.replacingOccurrences(of: #"/[^ :]*"#, with: "/…", options: .regularExpression)
    let kind: String = switch outcome {
    case .crash: "crash"
    case .hang: "hang"
    case .badError(let why): "bad error (\(why.replacingOccurrences(of: #"[0-9]+"#, with: "N", options: .regularExpression)))"
    default: "ok"
    }
    return "\(kind) in '\(step.arguments.first ?? "")': \(text.trimmingCharacters(in: .whitespacesAndNewlines))"
  }
}
