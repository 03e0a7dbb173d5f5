#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Scenarios

/// Files named on the command line; `-` is standard input, called `<stdin>` in messages.
enum InputFile {
  /// The name messages use for standard input.
  static let standardInputName = "<stdin>"

  /// True when `path` names standard input.
  static func isStandardInput(_ path: String) -> Bool { path == "-" }

  /// The name to show for `path`.
  static func displayName(_ path: String) -> String { isStandardInput(path) ? standardInputName : path }

  /// Reads a file (or standard input for `-`) as UTF-8 text.
  ///
  /// - Throws: `CLIError` naming the file: no such file, a folder, unreadable, not UTF-8.
  static func text(_ path: String, console: Console) throws -> String {
    let bytes: [UInt8]
    if isStandardInput(path) {
      bytes = console.readInput()
    } else {
      guard let data = FileManager.default.contents(atPath: path) else {
        let problem = switch OutputPath.isDirectory(path) {
        case nil: "no such file"
        case true?: "is a folder, not a file"
        case false?: "cannot be read (check permissions)"
        }
        throw CLIError(subject: path, problem: problem)
      }
      bytes = Array(data)
    }
    guard let text = String(validating: bytes, as: UTF8.self) else {
      throw CLIError(subject: displayName(path), problem: "is not UTF-8 text")
    }
    return text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
  }

  /// Loads a scenario from a file or standard input.
  ///
  /// Its warnings (degenerate plans) go to standard error, one line each.
  static func scenario(_ path: String, console: Console) throws -> Scenario {
    let scenario = isStandardInput(path)
      ? try Scenario.load(json: text(path, console: console), file: standardInputName)
      : try Scenario.load(path: path)
    for warning in scenario.warnings { console.problem("warning: \(warning)") }
    return scenario
  }

  /// Loads a scenario template (for sweeps and stress tests) from a file or standard input.
  static func template(_ path: String, console: Console) throws -> ScenarioTemplate {
    guard isStandardInput(path) else { return try ScenarioTemplate.load(path: path) }
    return try ScenarioTemplate.load(json: text(path, console: console), file: standardInputName)
  }
}
