import Scenarios

/// A command-line option: `--name VALUE`, `--name=VALUE`, or a flag `--name`.
public struct OptionSpec: Sendable {
  /// The long name without dashes.
  public var name: String
  /// The value's placeholder in help, or nil for a flag.
  public var valueName: String?
  /// One line of help.
  public var help: String
  /// Whether the option may be given more than once (each value is kept, in order).
  public var isRepeatable = false
  /// Whether the synopsis shows the option without brackets (the command checks it).
  public var isRequired = false

  /// Creates an option that takes a value; giving it twice is bad usage.
  public static func value(_ name: String, _ valueName: String, _ help: String, required: Bool = false) -> OptionSpec {
    OptionSpec(name: name, valueName: valueName, help: help, isRequired: required)
  }

  /// Creates an option that takes a value and may be given several times.
  public static func repeatable(_ name: String, _ valueName: String, _ help: String) -> OptionSpec {
    OptionSpec(name: name, valueName: valueName, help: help + " (repeatable)", isRepeatable: true)
  }

  /// Creates a flag.
  public static func flag(_ name: String, _ help: String) -> OptionSpec {
    OptionSpec(name: name, valueName: nil, help: help)
  }

  /// `[--name VALUE]`, `--name VALUE`, or `[--name VALUE]...` for the synopsis.
  var synopsis: String {
    let text = "--\(name)" + (valueName.map { " \($0)" } ?? "")
    return isRequired ? text : "[\(text)]" + (isRepeatable ? "..." : "")
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
  /// What the command line asks for instead of running the command.
  public enum Request: Sendable, Equatable {
    /// `-h` or `--help`: print the command's help.
    case help
    /// `--version`: print the version.
    case version
  }

  /// Arguments that are not options, in order.
  public var positionals: [String] = []
  /// Option values by name; repeatable options keep every value in order.
  public var values: [String: [String]] = [:]
  /// Flags present.
  public var flags: Set<String> = []
  /// Set when `-h`, `--help` or `--version` was given.
  public var request: Request?

  /// The value of an option (the last one for a repeatable option).
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

  /// A share given as a fraction or a percentage (`0.98` or `98`), or nil when absent.
  ///
  /// - Parameter includesOne: Whether 1 (100%) is allowed; 0 never is.
  /// - Throws: `UsageError` for a value that is not a finite number or is out of range.
  public func fraction(_ name: String, includesOne: Bool, command: String) throws(UsageError) -> Double? {
    guard let text = value(name) else { return nil }
    guard var v = Double(text), v.isFinite else { throw UsageError("\(command): --\(name) takes a number, got '\(text)'") }
    if v > 1 { v /= 100 }
    guard v > 0 && (includesOne ? v <= 1 : v < 1) else {
      throw UsageError("\(command): --\(name) must be in \(includesOne ? "(0, 1]" : "(0, 1) or a percentage below 100"), got '\(text)'")
    }
    return v
  }

  /// A comma-separated list option (`--models a,b,c`), or nil when absent.
  ///
  /// - Throws: `UsageError` for an empty list, an empty item (`a,,b`) or an item given twice.
  public func list(_ name: String, command: String) throws(UsageError) -> [String]? {
    guard let text = value(name) else { return nil }
    let items = text.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmed }
    if items.allSatisfy(\.isEmpty) {
      throw UsageError("\(command): --\(name): needs at least one name, e.g. --\(name) naive,ses")
    }
    if items.contains(where: \.isEmpty) {
      throw UsageError("\(command): --\(name) '\(text)': has an empty item; separate names by single commas")
    }
    for (i, item) in items.enumerated() where items[..<i].contains(item) {
      throw UsageError("\(command): --\(name) '\(text)': names '\(item)' twice")
    }
    return items
  }
}

/// Parses arguments against a command's options; rejects unknown options with a suggestion.
public enum ArgumentParser {
  /// Parses `arguments` for `command`.
  ///
  /// `-h`, `--help` and `--version` stop parsing and set `request`. A lone `-` is a positional
  /// (standard input); `--` ends the options.
  ///
  /// An option's value is the next argument unless that starts with `--` (then the value is
  /// missing: write `--name=--value` for such a value).
  ///
  /// - Throws: `UsageError` for unknown options (and `--=...`), missing or empty values, values
  ///   given to flags, an option given twice that is not repeatable, and an empty argument.
  public static func parse(_ arguments: [String], options: [OptionSpec], command: String) throws(UsageError) -> ParsedArguments {
    var result = ParsedArguments()
    var i = 0
    var onlyPositionals = false
    while i < arguments.count {
      let arg = arguments[i]
      i += 1
      if !onlyPositionals && (arg == "-h" || arg == "--help") {
        result.request = .help
        return result
      }
      if !onlyPositionals && arg == "--version" {
        result.request = .version
        return result
      }
      if onlyPositionals || !arg.hasPrefix("--") || arg == "-" {
        if !onlyPositionals && arg.hasPrefix("-") && arg.count > 1 && Double(arg) == nil {
          throw UsageError("\(command): unknown option '\(arg)'; options start with '--' (see 'supplysim help \(command)')")
        }
        if arg.trimmed.isEmpty {
          throw UsageError("\(command): argument \(i) is empty ('\(arg)'); name a file, or '-' for standard input (see 'supplysim help \(command)')")
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
      if name.isEmpty {
        throw UsageError("\(command): '\(arg)' is not an option: write --NAME or --NAME=VALUE (see 'supplysim help \(command)')")
      }
      guard let spec = options.first(where: { $0.name == name }) else {
        let names = options.map(\.name) + ["help", "version"]
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
          // `--model --horizon 3` forgot the model: an option (or `--`) is not taken as a value.
          // A value that starts with "--" is written inline: --name=--value.
          if value.hasPrefix("--") {
            let got = value == "--" ? "'--'" : "the option '\(value)'"
            throw UsageError("\(command): --\(name) needs a value (\(spec.valueName!)), got \(got); to give a value that starts with '--', write --\(name)=VALUE")
          }
          i += 1
        }
        if value.trimmed.isEmpty {
          throw UsageError("\(command): --\(name): needs a value (\(spec.valueName!)), got an empty string")
        }
        if let previous = result.values[name]?.first, !spec.isRepeatable {
          throw UsageError("\(command): --\(name) is given twice ('\(previous)' and '\(value)'); give it once")
        }
        result.values[name, default: []].append(value)
      }
    }
    return result
  }

  static func distance(_ a: String, _ b: String) -> Int { NearestName.editDistance(a, b) }
}
