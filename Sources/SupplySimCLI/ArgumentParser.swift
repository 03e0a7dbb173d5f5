import Scenarios

/// A command-line option: `--name VALUE`, `--name=VALUE`, or a flag `--name`.
public struct OptionSpec: Sendable {
  /// The long name without dashes.
  public var name: String
  /// The value's placeholder in help, or nil for a flag.
  public var valueName: String?
  /// One line of help.
  public var help: String

  /// Creates an option that takes a value.
  public static func value(_ name: String, _ valueName: String, _ help: String) -> OptionSpec {
    OptionSpec(name: name, valueName: valueName, help: help)
  }

  /// Creates a flag.
  public static func flag(_ name: String, _ help: String) -> OptionSpec {
    OptionSpec(name: name, valueName: nil, help: help)
  }
}

/// Bad usage: the CLI prints the message and exits with 64.
public struct UsageError: Error, Sendable, CustomStringConvertible {
  /// What was wrong and what to type instead.
  public var message: String
  /// Creates an error.
  public init(_ message: String) { self.message = message }
  /// The message.
  public var description: String { message }
}

/// Parsed arguments of one command.
public struct ParsedArguments: Sendable {
  /// Arguments that are not options, in order.
  public var positionals: [String] = []
  /// Option values by name; repeated options keep every value in order.
  public var values: [String: [String]] = [:]
  /// Flags present.
  public var flags: Set<String> = []

  /// The last value of an option.
  public func value(_ name: String) -> String? { values[name]?.last }

  /// True when the flag was given.
  public func flag(_ name: String) -> Bool { flags.contains(name) }

  /// An integer option within bounds, or the default when absent.
  public func integer(_ name: String, default fallback: Int, range: ClosedRange<Int>, command: String) throws(UsageError) -> Int {
    guard let text = value(name) else { return fallback }
    guard let v = Int(text), range.contains(v) else {
      throw UsageError("\(command): --\(name) must be a whole number in \(range.lowerBound)...\(range.upperBound), got '\(text)'")
    }
    return v
  }
}

/// Parses arguments against a command's options; rejects unknown options with a suggestion.
public enum ArgumentParser {
  /// Parses `arguments` for `command`.
  ///
  /// - Throws: `UsageError` for unknown options, missing values, or values given to flags.
  public static func parse(_ arguments: [String], options: [OptionSpec], command: String) throws(UsageError) -> ParsedArguments {
    var result = ParsedArguments()
    var i = 0
    var onlyPositionals = false
    while i < arguments.count {
      let arg = arguments[i]
      i += 1
      if onlyPositionals || !arg.hasPrefix("--") || arg == "-" {
        if !onlyPositionals && arg.hasPrefix("-") && arg.count > 1 && arg != "-" && Double(arg) == nil {
          throw UsageError("\(command): unknown option '\(arg)'; options start with '--' (see 'supplysim help \(command)')")
        }
        result.positionals.append(arg)
        continue
      }
      if arg == "--" { onlyPositionals = true; continue }
      var name = String(arg.dropFirst(2))
      var inline: String?
      if let eq = name.firstIndex(of: "=") {
        inline = String(name[name.index(after: eq)...])
        name = String(name[..<eq])
      }
      guard let spec = options.first(where: { $0.name == name }) else {
        let names = options.map(\.name) + ["help"]
        if name == "help" { throw UsageError("help") }
        let best = names.map { ($0, distance($0, name)) }.min { $0.1 < $1.1 }
        let hint = best.map { $0.1 <= 3 ? "; did you mean '--\($0.0)'?" : "" } ?? ""
        throw UsageError("\(command): unknown option '--\(name)'\(hint) (see 'supplysim help \(command)')")
      }
      if spec.valueName == nil {
        if inline != nil { throw UsageError("\(command): --\(name) is a flag and takes no value") }
        result.flags.insert(name)
      } else {
        let value: String
        if let inline { value = inline } else {
          guard i < arguments.count else { throw UsageError("\(command): --\(name) needs a value (\(spec.valueName!))") }
          value = arguments[i]
          i += 1
        }
        result.values[name, default: []].append(value)
      }
    }
    return result
  }

  static func distance(_ a: String, _ b: String) -> Int { NearestName.editDistance(a, b) }
}
