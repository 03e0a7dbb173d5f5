/// One subcommand of `supplysim`.
protocol CLICommand {
  /// The word after `supplysim`.
  static var name: String { get }
  /// One line for the command list.
  static var summary: String { get }
  /// The synopsis, e.g. `supplysim run SCENARIO [options]`.
  static var synopsis: String { get }
  /// Paragraphs shown by `supplysim help NAME` after the synopsis.
  static var details: String { get }
  /// The options it accepts.
  static var options: [OptionSpec] { get }
  /// Runs with parsed arguments; returns the exit code.
  static func run(_ args: ParsedArguments, console: Console) throws -> Int32
}

extension CLICommand {
  /// The full help text.
  static var help: String {
    var out = "usage: \(synopsis)\n\n\(summary)\n"
    if !details.isEmpty { out += "\n\(details)\n" }
    if !options.isEmpty {
      out += "\noptions:\n"
      let labels = options.map { "--\($0.name)" + ($0.valueName.map { " \($0)" } ?? "") }
      let width = labels.map(\.count).max() ?? 0
      for (label, option) in zip(labels, options) {
        out += "  " + label + String(repeating: " ", count: width - label.count + 2) + option.help + "\n"
      }
    }
    return out
  }
}
