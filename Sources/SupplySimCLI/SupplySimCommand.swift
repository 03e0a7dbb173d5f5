/// The command-line entry point: dispatches to subcommands and maps failures to exit codes.
///
/// Exit codes: 0 success; 1 a failure (bad scenario, failed run, I/O error); 64 bad usage.
public enum SupplySimCommand {
  /// The version written into reports and baselines.
  public static let version = "0.1.0"

  static let commands: [any CLICommand.Type] = [
    RunCommand.self, ValidateCommand.self, CompareCommand.self, SweepCommand.self, StressCommand.self, ForecastCommand.self, BacktestCommand.self, LPCommand.self,
    OptimizeCommand.self, TrainCommand.self, EnvCommand.self, BaselineCommand.self, CheckCommand.self, MergeCommand.self, BenchCommand.self, ImportCommand.self,
  ]

  /// Runs the CLI with `arguments` (without the program name).
  ///
  /// - Returns: The process exit code.
  public static func main(_ arguments: [String], console: Console = .standard()) -> Int32 {
    guard let first = arguments.first else {
      console.err(overview())
      return 64
    }
    if first == "--help" || first == "-h" || first == "help" && arguments.count == 1 {
      console.out(overview())
      return 0
    }
    if first == "--version" || first == "version" {
      console.out("supplysim \(version)\n")
      return 0
    }
    if first == "help" {
      let word = arguments[1]
      if word == "help" || word == "--help" || word == "-h" {
        console.out(overview())
        return 0
      }
      if word == "version" || word == "--version" {
        console.out("usage: supplysim --version\n\nPrints the version (also 'supplysim version', or --version after any command).\n")
        return 0
      }
      guard arguments.count == 2 else {
        console.problem("supplysim help: expected one command name, got \(arguments.count - 1) (usage: supplysim help <command>)")
        return 64
      }
      guard let command = commands.first(where: { $0.name == word }) else {
        console.problem("supplysim help: no command '\(word)'; \(suggest(word))")
        return 64
      }
      console.out(command.help)
      return 0
    }
    guard let command = commands.first(where: { $0.name == first }) else {
      console.problem("supplysim: no command '\(first)'; \(suggest(first))")
      return 64
    }
    let rest = Array(arguments.dropFirst())
    do {
      let parsed = try ArgumentParser.parse(rest, options: command.options, command: command.name)
      switch parsed.request {
      case .help?:
        console.out(command.help)
        return 0
      case .version?:
        console.out("supplysim \(version)\n")
        return 0
      case nil:
        return try command.run(parsed, console: console)
      }
    } catch let error as UsageError {
      console.problem("supplysim \(error.message)")
      return 64
    } catch {
      console.problem("supplysim \(command.name): \(ErrorText.line(for: error))")
      return 1
    }
  }

  /// "did you mean 'X'?" for a close command name, else the list of commands.
  static func suggest(_ word: String) -> String {
    let names = commands.map { $0.name } + ["help", "version"]
    // A suggestion must keep at least one letter of the name: 'help' is not a misspelt 'lp'.
    if let best = names.min(by: { ArgumentParser.distance($0, word) < ArgumentParser.distance($1, word) }),
       ArgumentParser.distance(best, word) <= 2, ArgumentParser.distance(best, word) < best.count {
      return "did you mean '\(best)'? (see 'supplysim --help')"
    }
    return "commands are: \(commands.map { $0.name }.joined(separator: ", "))"
  }

  static func overview() -> String {
    var out = "SupplySim \(version): a discrete-event supply-chain simulator.\n\nusage: supplysim <command> [arguments] [options]\n\ncommands:\n"
    let width = commands.map { $0.name.count }.max() ?? 0
    for c in commands {
      out += "  " + c.name + String(repeating: " ", count: width - c.name.count + 2) + c.summary + "\n"
    }
    out += "\nRun 'supplysim help <command>' (or 'supplysim <command> -h') for a command's arguments and options;\n"
    out += "'supplysim --version' prints the version. A scenario, CSV or LP file named '-' is read from standard input.\n"
    return out
  }
}
