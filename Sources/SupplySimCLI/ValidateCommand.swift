import Scenarios

/// `supplysim validate`: check scenario files without running them.
struct ValidateCommand: CLICommand {
  static let name = "validate"
  static let summary = "Check scenario files and list every problem with its JSON path."
  static let operands = "SCENARIO..."
  static let details = "SCENARIO - reads a scenario from standard input. Exit code 0 when every file is valid, 1 otherwise."
  static let options: [OptionSpec] = []
  /// Problems listed per file; a file with more gets one closing line with their count (a
  /// mangled file can have one problem per array element, and 100,000 lines help nobody).
  static let listedProblems = 200

  static func run(_ args: ParsedArguments, console: Console) throws -> Int32 {
    guard !args.positionals.isEmpty else { throw UsageError("validate: expected at least one scenario file (usage: \(usageLine))") }
    guard args.positionals.filter(InputFile.isStandardInput).count <= 1 else {
      throw UsageError("validate: '-' (standard input) may be named once")
    }
    var failed = false
    for path in args.positionals {
      do {
        let s = try InputFile.scenario(path, console: console)
        let t = s.network.topology
        let nodes = s.network.hasSeveralNodes ? ", \(t.nodes.count) nodes in \(t.echelonCount) echelons, \(t.lanes.count) lanes" : ""
        console.out("ok: \(InputFile.displayName(path)): \(s.network.skus.count) SKUs, \(s.network.suppliers.count) supplier(s)\(nodes), \(s.policies.count) policies, \(s.network.horizonDays) days\n")
      } catch let error as ScenarioErrors {
        failed = true
        for e in error.errors.prefix(listedProblems) { console.problem("\(e)") }
        if error.errors.count > listedProblems {
          let more = error.errors.count - listedProblems
          console.problem("\(error.errors[0].file): \(more) more problem\(more == 1 ? "" : "s") not listed (the first \(listedProblems) are above; fix those and validate again)")
        }
      } catch {
        failed = true
        console.problem(ErrorText.line(for: error))
      }
    }
    return failed ? 1 : 0
  }
}
