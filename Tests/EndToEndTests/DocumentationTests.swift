import Foundation
import Testing
@testable import SupplySimCLI
import _TestSupport

// Keeps every command and output shown in the documentation true. The conventions, also stated
// in scenarios/README.md ("How the examples here are checked"):
//
// - A ```console block is a transcript. Each `$ supplysim …` line (or `$ swift run -c release
//   supplysim …`) is run in-process; the lines up to the next `$ ` must be what it prints,
//   standard error first, then standard output. It must exit 0 unless the line ends in
//   `# exit N`. Trailing spaces are ignored, a line `...` stands for any number of lines, and a
//   duration (`0.0001 s`) matches any duration. `<<'EOF'` … `EOF` is standard input.
// - Each command of a ```sh block is run and must exit 0 (or `# exit N`); its output is not
//   compared. Commands that are not run are in `DocumentedCommand.notRun`, each with its reason.
// - A ```json block must say how it is checked: `scenario` (it loads as a scenario), `scenario
//   base=FILE` (its keys replace FILE's top-level keys, and the result loads), `policy
//   base=FILE` (it loads as FILE's only policy), `excerpt=FILE` (every key and value it shows is
//   in FILE).
// - No other block may hold a `$ supplysim` or `supplysim …` command line: every command shown
//   is checked.
//
// Commands run with the source tree's files as input and write into a temporary folder, never
// into reports/: `--out` is added where a command writes by default, and paths are shown back
// as typed. The suite takes about 15 s in a debug build on 2 cores, `compare` (7 s) the longest.

/// The Markdown files whose examples are checked.
let documentationFiles = ["README.md", "scenarios/README.md", "reports/README.md"]

/// A fenced code block of a Markdown file.
struct FencedBlock {
  var file: String
  /// The line number of the opening fence (1-based).
  var line: Int
  /// The words after the opening fence: the language, then attributes.
  var info: [String]
  var lines: [String]

  var language: String { info.first ?? "" }
  /// The value of an attribute `key=value` of the info string.
  func attribute(_ key: String) -> String? {
    info.dropFirst().first { $0.hasPrefix(key + "=") }.map { String($0.dropFirst(key.count + 1)) }
  }

  /// Every fenced block of a Markdown file under the source tree.
  static func all(in file: String) -> [FencedBlock] {
    let text = (try? String(contentsOfFile: SourceTree.root() + "/" + file, encoding: .utf8)) ?? ""
    var blocks: [FencedBlock] = []
    var open: FencedBlock?
    for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      if line.hasPrefix("```") {
        if let block = open {
          blocks.append(block)
          open = nil
        } else {
          let info = line.dropFirst(3).split(separator: " ").map(String.init)
          open = FencedBlock(file: file, line: index + 1, info: info, lines: [])
        }
      } else {
        open?.lines.append(String(line))
      }
    }
    return blocks
  }
}

/// One command shown in the documentation, with what it must do.
struct DocumentedCommand: CustomTestStringConvertible, Sendable {
  var file: String
  var line: Int
  /// The command as typed, without a trailing comment.
  var text: String
  var words: [String]
  var standardInput: String?
  var expectedStatus: Int32
  /// The documented output (console transcripts), or nil when output is not compared (sh blocks).
  var expectedOutput: [String]?
  /// The words of the commands before this one in its console block: a `merge` first runs the
  /// `--shard` commands among them, in its own workspace, to have the shards it names.
  var earlier: [[String]] = []

  var testDescription: String { "\(file):\(line): \(text)" }

  /// Commands shown but not run here, and why: exactly these words, or (`bench`) any command
  /// that starts with them.
  static let notRun: [(words: [String], prefix: Bool, reason: String)] = [
    (["swift", "test"], false, "the test suite itself"),
    (["swift", "build", "-c", "release"], false, "the build; these tests run the CLI in-process"),
    (["check", "--baseline", "reports/baselines"], false,
     "re-runs every reference scenario (20 s in a release build, minutes in debug: forecast-lp's LP policies); .ci/run runs it after swift test"),
    (["baseline", "--refresh"], false, "rebuilds every committed baseline: as long as the full check, and it rewrites reports/baselines"),
    (["check", "--baseline", "reports/baselines", "--power"], true,
     "the power study over every reference scenario: about nine checks per seed, hours for forecast-lp's LP policies"),
    (["check", "scenarios/forecast-lp.json", "--baseline", "reports/baselines", "--power"], true,
     "forecast-lp's power study: about eight CPU-minutes a seed in a release build (forecasting and LP policies)"),
    (["check", "scenarios/quickstart.json", "--baseline", "reports/baselines", "--power"], true,
     "the quickstart's power study over 100 seeds: minutes in a release build, more in debug; PowerStudyTests holds its rates over 12 seeds"),
    (["bench"], true, "measures speed: seconds to minutes of work, and it prints timings"),
  ]

  /// The reason `words` (after the program name, or the whole command) is not run, if it is not.
  static func reasonNotRun(_ words: [String]) -> String? {
    notRun.first { $0.prefix ? words.starts(with: $0.words) : words == $0.words }?.reason
  }

  /// The words after the program name, or nil for a command other than SupplySim's.
  var arguments: [String]? {
    for program in [["swift", "run", "-c", "release", "supplysim"], [".build/release/supplysim"], ["supplysim"]]
    where words.starts(with: program) {
      return Array(words.dropFirst(program.count))
    }
    return nil
  }

  /// The commands of every console and sh block of the documentation.
  static let all: [DocumentedCommand] = documentationFiles.flatMap { file in
    FencedBlock.all(in: file).flatMap { block -> [DocumentedCommand] in
      switch block.language {
      case "console": transcript(block)
      case "sh": shellCommands(block)
      default: []
      }
    }
  }

  /// The commands shown in a sh block: one per line, output not compared.
  static func shellCommands(_ block: FencedBlock) -> [DocumentedCommand] {
    block.lines.enumerated().compactMap { offset, line in
      let (words, comment) = ShellWords.split(line)
      guard !words.isEmpty else { return nil }
      return DocumentedCommand(
        file: block.file, line: block.line + 1 + offset, text: ShellWords.withoutComment(line), words: words,
        standardInput: nil, expectedStatus: exitStatus(comment), expectedOutput: nil)
    }
  }

  /// The commands of a console transcript, each with the output that follows it.
  static func transcript(_ block: FencedBlock) -> [DocumentedCommand] {
    var commands: [DocumentedCommand] = []
    var index = 0
    while index < block.lines.count {
      let line = block.lines[index]
      guard line.hasPrefix("$ ") else {
        // Output before any command: recorded as a command that cannot run, so the test fails.
        commands.append(DocumentedCommand(file: block.file, line: block.line + 1 + index, text: line, words: [],
                                          standardInput: nil, expectedStatus: 0, expectedOutput: []))
        index += 1
        continue
      }
      let start = index
      let typed = String(line.dropFirst(2))
      let (words, comment) = ShellWords.split(typed)
      var arguments = words
      var input: String?
      index += 1
      if let here = arguments.firstIndex(of: "<<EOF") {
        arguments.remove(at: here)
        var lines: [String] = []
        while index < block.lines.count && block.lines[index] != "EOF" {
          lines.append(block.lines[index])
          index += 1
        }
        index += 1
        input = lines.joined(separator: "\n") + "\n"
      }
      var output: [String] = []
      while index < block.lines.count && !block.lines[index].hasPrefix("$ ") {
        output.append(block.lines[index])
        index += 1
      }
      commands.append(DocumentedCommand(
        file: block.file, line: block.line + 1 + start, text: ShellWords.withoutComment(typed), words: arguments,
        standardInput: input, expectedStatus: exitStatus(comment), expectedOutput: output,
        earlier: commands.map(\.words)))
    }
    return commands
  }

  /// The status a trailing `# exit N` comment documents, else 0.
  static func exitStatus(_ comment: String?) -> Int32 {
    guard let comment, comment.hasPrefix("exit ") else { return 0 }
    return Int32(comment.dropFirst(5).trimmingCharacters(in: .whitespaces)) ?? -1
  }
}

/// Splits a command line into words as a POSIX shell would, for the quoting the docs use.
enum ShellWords {
  /// The words, and the text of a trailing `#` comment (trimmed), if any. A heredoc marker
  /// (`<<'EOF'`) is the word `<<EOF`.
  static func split(_ line: String) -> (words: [String], comment: String?) {
    var words: [String] = []
    var word = ""
    var inWord = false
    var quote: Character?
    var characters = Array(line.replacingOccurrences(of: "<<'EOF'", with: "<<EOF"))[...]
    while let c = characters.popFirst() {
      if let q = quote {
        if c == q {
          quote = nil
        } else if q == "\"" && c == "\\", let next = characters.popFirst() {
          word.append(next)
        } else {
          word.append(c)
        }
      } else if c == "'" || c == "\"" {
        quote = c
        inWord = true
      } else if c == "\\", let next = characters.popFirst() {
        word.append(next)
        inWord = true
      } else if c == " " || c == "\t" {
        if inWord { words.append(word) }
        word = ""
        inWord = false
      } else if c == "#" && !inWord {
        return (words, String(characters).trimmingCharacters(in: .whitespaces))
      } else {
        word.append(c)
        inWord = true
      }
    }
    if inWord { words.append(word) }
    return (words, nil)
  }

  /// The line without a trailing comment and its spaces.
  static func withoutComment(_ line: String) -> String {
    var text = line
    if let range = line.range(of: " #") { text = String(line[..<range.lowerBound]) }
    return text.trimmingCharacters(in: .whitespaces)
  }
}

/// Runs documented commands in-process, reading the source tree and writing into `workspace`.
struct DocumentedRun {
  let root = SourceTree.root()
  let workspace = temporaryDirectory("docs")

  /// Options whose value is a file or folder the command writes (or reads back after writing).
  static let outputOptions: Set = ["--out", "--junit", "--json", "--save-model", "--load-model"]

  /// Runs `arguments` (after the program name) and returns its exit status and its output as
  /// typed paths: standard error, then standard output.
  func run(_ arguments: [String], input: String?) -> (status: Int32, output: String) {
    var mapped: [String] = []
    for (index, word) in arguments.enumerated() {
      if index > 0, Self.outputOptions.contains(arguments[index - 1]) {
        mapped.append(workspace + (word.hasPrefix("/") ? "" : "/") + word)
      } else if arguments.first == "merge", index > 0, !word.hasPrefix("-") {
        // merge reads the shards' folders, which earlier commands wrote into the workspace.
        mapped.append(workspace + (word.hasPrefix("/") ? "" : "/") + word)
      } else if !word.hasPrefix("-"), !word.hasPrefix("/"), word.contains("/"),
                FileManager.default.fileExists(atPath: root + "/" + word) {
        mapped.append(root + "/" + word)
      } else {
        mapped.append(word)
      }
    }
    if !arguments.contains("--out"), !arguments.contains("--refresh"), let folder = defaultFolder(arguments, input: input) {
      mapped += ["--out", workspace + "/" + folder]
    }
    let result = runCLI(mapped, input: input ?? "")
    let output = (result.err + result.out)
      .replacingOccurrences(of: workspace + "/", with: "")
      .replacingOccurrences(of: root + "/", with: "")
    return (result.code, output)
  }

  /// The folder a command writes into when no `--out` is given, if it writes by default.
  func defaultFolder(_ arguments: [String], input: String?) -> String? {
    guard let command = arguments.first else { return nil }
    if command == "baseline" { return BaselineCommand.defaultDirectory }
    let suffix = ["run": "", "sweep": "-sweep", "stress": "-stress"][command]
    guard let suffix, arguments.count > 1 else { return nil }
    let file = arguments[1]
    let data = file == "-" ? Data((input ?? "").utf8) : FileManager.default.contents(atPath: root + "/" + file)
    let object = data.flatMap { try? JSONSerialization.jsonObject(with: $0) } as? [String: Any]
    guard let name = object?["name"] as? String else { return nil }
    return "reports/\(name)\(suffix)"
  }
}

/// Compares documented output with printed output under the documented normalisations.
enum DocumentedOutput {
  static let duration = try! NSRegularExpression(pattern: #"(?<![\w.])\d+(\.\d+)? s\b"#)

  /// `lines` with trailing spaces and trailing empty lines dropped, and durations replaced.
  static func normalised(_ lines: [String]) -> [String] {
    var result = lines.map { line -> String in
      var line = line
      while line.last == " " { line.removeLast() }
      let range = NSRange(line.startIndex..., in: line)
      return duration.stringByReplacingMatches(in: line, range: range, withTemplate: "<duration> s")
    }
    while result.last == "" { result.removeLast() }
    return result
  }

  /// True when `actual` matches `expected`, where a line `...` matches any number of lines.
  static func matches(_ expected: ArraySlice<String>, _ actual: ArraySlice<String>) -> Bool {
    guard let first = expected.first else { return actual.isEmpty }
    if first == "..." {
      return (actual.startIndex...actual.endIndex).contains { matches(expected.dropFirst(), actual[$0...]) }
    }
    guard actual.first == first else { return false }
    return matches(expected.dropFirst(), actual.dropFirst())
  }
}

/// Structural JSON comparisons for `excerpt=` blocks.
enum JSONExcerpt {
  /// True when every key and value of `part` is in `whole`: objects by key; arrays of objects
  /// element by element (each shown element is part of some element of the file); other arrays
  /// and scalars are equal.
  static func isPart(_ part: Any, of whole: Any) -> Bool {
    switch (part, whole) {
    case let (p as [String: Any], w as [String: Any]):
      return p.allSatisfy { key, value in w[key].map { isPart(value, of: $0) } ?? false }
    case let (p as [Any], w as [Any]) where p.allSatisfy({ $0 is [String: Any] }):
      return p.allSatisfy { element in w.contains { isPart(element, of: $0) } }
    case let (p as [Any], w as [Any]):
      return p.count == w.count && zip(p, w).allSatisfy { isPart($0, of: $1) }
    case let (p as String, w as String):
      return p == w
    case (is NSNull, is NSNull):
      return true
    default:
      guard let p = number(part), let w = number(whole) else { return false }
      return p == w
    }
  }

  /// A JSON number as a `Double`, whichever type the parser gave it.
  static func number(_ value: Any) -> Double? {
    switch value {
    case let n as NSNumber: n.doubleValue
    case let n as Int: Double(n)
    case let n as Double: n
    default: nil
    }
  }

  static func object(_ text: String) -> Any? { try? JSONSerialization.jsonObject(with: Data(text.utf8)) }

  static func file(_ path: String) -> Any? {
    FileManager.default.contents(atPath: SourceTree.root() + "/" + path).flatMap { try? JSONSerialization.jsonObject(with: $0) }
  }
}

@Suite struct DocumentationTests {
  @Test("every command shown in the docs runs, exits as documented and prints the documented output",
        arguments: DocumentedCommand.all)
  func documentedCommand(_ command: DocumentedCommand) throws {
    let location = "\(command.file):\(command.line)"
    guard !command.words.isEmpty else {
      Issue.record("\(location): a console block must start with a '$ ' command line, got: \(command.text)")
      return
    }
    let program = command.arguments ?? command.words
    if DocumentedCommand.reasonNotRun(program) != nil { return }
    guard let arguments = command.arguments else {
      Issue.record("\(location): '\(command.text)' is neither a supplysim command nor in DocumentedCommand.notRun")
      return
    }
    let run = DocumentedRun()
    if arguments.first == "merge" {
      for words in command.earlier {
        var shard = command
        shard.words = words
        if let a = shard.arguments, a.contains("--shard") { _ = run.run(a, input: nil) }
      }
    }
    let (status, output) = run.run(arguments, input: command.standardInput)
    #expect(status == command.expectedStatus,
            "\(location): '\(command.text)' exited \(status), the docs say \(command.expectedStatus); it printed:\n\(output)")
    guard let expected = command.expectedOutput else { return }
    let want = DocumentedOutput.normalised(expected)
    let got = DocumentedOutput.normalised(output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
    #expect(DocumentedOutput.matches(want[...], got[...]),
            "\(location): '\(command.text)' prints something else now; it printed:\n\(got.joined(separator: "\n"))")
  }

  @Test("every JSON block in the docs is a valid scenario, policy or excerpt of a shipped file")
  func jsonBlocks() throws {
    let blocks = documentationFiles.flatMap(FencedBlock.all(in:)).filter { $0.language == "json" }
    #expect(blocks.count >= 8)
    for block in blocks {
      let location = "\(block.file):\(block.line)"
      let text = block.lines.joined(separator: "\n")
      var checked = false
      if let source = block.attribute("excerpt") {
        checked = true
        let part = JSONExcerpt.object(text), whole = JSONExcerpt.file(source)
        #expect(part != nil && whole != nil, "\(location): the block or \(source) is not JSON")
        if let part, let whole {
          let isPart = JSONExcerpt.isPart(part, of: whole)
          #expect(isPart, "\(location): shows keys or values that \(source) does not have")
        }
      }
      if block.info.contains("scenario") || block.info.contains("policy") {
        checked = true
        let scenario = try scenarioText(block, text: text)
        let console = Console.recording(input: scenario)
        do {
          _ = try InputFile.scenario("-", console: console)
          #expect(console.errors.isEmpty, "\(location): loads with warnings: \(console.errors)")
        } catch {
          Issue.record("\(location): is not a valid scenario: \(ErrorText.line(for: error))\n\(scenario)")
        }
      }
      #expect(checked, "\(location): a json block must be marked 'scenario', 'policy' or 'excerpt=FILE'")
    }
  }

  /// The scenario a `scenario` or `policy` block stands for, with its `base=FILE` if any.
  func scenarioText(_ block: FencedBlock, text: String) throws -> String {
    guard let base = block.attribute("base") else { return text }
    let location = "\(block.file):\(block.line)"
    var document = try #require(JSONExcerpt.file(base) as? [String: Any], "\(location): \(base) is not a JSON object")
    let fragment = text.trimmingCharacters(in: .whitespacesAndNewlines)
    let value = try #require(JSONExcerpt.object(fragment.hasPrefix("{") ? fragment : "{" + fragment + "}"),
                             "\(location): is not JSON (keys of an object, or an object)")
    if block.info.contains("policy") {
      document["policies"] = [value]
    } else {
      let keys = try #require(value as? [String: Any], "\(location): a scenario fragment must be keys of an object")
      document.merge(keys) { _, new in new }
    }
    let data = try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys])
    return String(decoding: data, as: UTF8.self)
  }

  @Test("no command line is shown outside a checked block")
  func everyCommandIsInACheckedBlock() {
    for block in documentationFiles.flatMap(FencedBlock.all(in:)) where !["console", "sh"].contains(block.language) {
      for (offset, line) in block.lines.enumerated() where line.hasPrefix("$ ") || line.hasPrefix("supplysim ") {
        Issue.record("\(block.file):\(block.line + 1 + offset): a command outside a console or sh block is not checked: \(line)")
      }
    }
    #expect(DocumentedCommand.all.count >= 20)
  }

  @Test("the README lists every command that 'supplysim --help' lists")
  func readmeListsEveryCommand() throws {
    let console = Console.recording()
    #expect(SupplySimCommand.main(["--help"], console: console) == 0)
    let names = console.output.split(separator: "\n", omittingEmptySubsequences: false)
      .drop { $0 != "commands:" }.dropFirst()
      .prefix { !$0.isEmpty }
      .compactMap { $0.split(separator: " ").first.map(String.init) }
    #expect(names.count >= 10)
    let readme = try String(contentsOfFile: SourceTree.root() + "/README.md", encoding: .utf8)
    for name in names {
      let listed = readme.contains("| `supplysim \(name)")
      #expect(listed, "README.md: the command table has no row for '\(name)'")
    }
  }

  @Test("every relative link in the docs leads to a file, and to a heading of it")
  func links() throws {
    let root = SourceTree.root()
    let link = try Regex(#"\]\(([^)\s]+)\)"#)
    for file in documentationFiles {
      let text = try String(contentsOfFile: root + "/" + file, encoding: .utf8)
      let folder = (file as NSString).deletingLastPathComponent
      for match in text.matches(of: link) {
        let target = String(match.output[1].substring ?? "")
        guard !target.contains("://") else { continue }
        let parts = target.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let path = parts[0].isEmpty ? file : ((folder as NSString).appendingPathComponent(parts[0]) as NSString).standardizingPath
        #expect(FileManager.default.fileExists(atPath: root + "/" + path), "\(file): link to \(target): no such file")
        if parts.count == 2, path.hasSuffix(".md") {
          let headings = ((try? String(contentsOfFile: root + "/" + path, encoding: .utf8)) ?? "")
            .split(separator: "\n").filter { $0.hasPrefix("#") }.map { Self.anchor(String($0.drop { $0 == "#" })) }
          #expect(headings.contains(parts[1]), "\(file): link to \(target): no such heading in \(path)")
        }
      }
    }
  }

  /// The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens.
  static func anchor(_ heading: String) -> String {
    String(heading.trimmingCharacters(in: .whitespaces).lowercased()
      .filter { $0.isLetter || $0.isNumber || $0 == " " || $0 == "-" || $0 == "_" }
      .map { $0 == " " ? "-" : $0 })
  }
}
