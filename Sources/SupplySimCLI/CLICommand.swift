/// One subcommand of `supplysim`.
protocol CLICommand {
  /// The word after `supplysim`.
  static var name: String { get }
  /// One line for the command list.
  static var summary: String { get }
  /// The arguments before the options in the synopsis, e.g. `SCENARIO` or `CSV`.
  static var operands: String { get }
  /// Further usage lines after the generated one, e.g. `supplysim forecast --list`.
  static var otherForms: [String] { get }
  /// Paragraphs shown by `supplysim help NAME` after the synopsis.
  static var details: String { get }
  /// The options it accepts.
  static var options: [OptionSpec] { get }
  /// Runs with parsed arguments; returns the exit code.
  static func run(_ args: ParsedArguments, console: Console) throws -> Int32
}

extension CLICommand {
  static var otherForms: [String] { [] }

  /// The synopsis, generated from the options so it lists every one:
  /// `supplysim run SCENARIO [--out DIR] [--seed N] ... [--quiet]`.
  static var synopsis: String {
    let first = (["supplysim", name, operands].filter { !$0.isEmpty } + options.map(\.synopsis)).joined(separator: " ")
    return ([first] + otherForms).joined(separator: "\n       ")
  }

  /// The synopsis's first line, for one-line usage errors.
  static var usageLine: String { String(synopsis.prefix { $0 != "\n" }) }

  /// The full help text.
  static var help: String {
    var out = "usage: \(synopsis)\n\n\(summary)\n"
    if !details.isEmpty { out += "\n\(details)\n" }
    out += "\noptions:\n"
    let labels = options.map { "--\($0.name)" + ($0.valueName.map { " \($0)" } ?? "") } + ["-h, --help"]
    let helps = options.map(\.help) + ["print this help and exit"]
    let width = labels.map(\.count).max() ?? 0
    for (label, help) in zip(labels, helps) {
      out += "  " + label + String(repeating: " ", count: width - label.count + 2) + help + "\n"
    }
    return out
  }
}
