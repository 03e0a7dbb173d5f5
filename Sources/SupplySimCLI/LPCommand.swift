#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import LinearProgramming
import Reports
import Scenarios
import SupplyModel

/// `supplysim lp`: solve a linear or mixed-integer program from a JSON or free-MPS file.
struct LPCommand: CLICommand {
  static let name = "lp"
  static let summary = "Solve an LP or MIP from a JSON problem file or a free-format MPS file."
  static let operands = "FILE"
  static let details = """
    FILE ending in .mps is read as free MPS (ROWS, COLUMNS, RHS, BOUNDS, RANGES, integer markers);
    anything else as the JSON format (FILE - reads standard input: JSON when it starts with '{'):
      {"sense": "min",
       "variables": [{"name": "x", "lower": 0, "upper": 100, "cost": 10, "integer": false}, ...],
       "constraints": [{"name": "c1", "terms": {"x": 1, "y": 1}, "relation": ">=", "rhs": 200}, ...]}
    Numbers must be finite in both formats: a value that overflows (1e400) is an error naming the
    line or JSON path. An infinite bound is written "inf" or "-inf" (a JSON string, or an MPS
    bound value), or as a bound of magnitude 1e30 or more (both formats).
    Prints the status (optimal, infeasible, unbounded, iterationLimit), the objective and the
    nonzero variables; problems with integer variables are solved by branch and bound. Exit code
    0 when a status was reached (infeasible is a result, not an error), 1 for an unreadable file.
    """
  static let options: [OptionSpec] = [
    .flag("all", "print every variable, not only the nonzero ones"),
    .flag("duals", "print row duals and activities (LPs only)"),
    .value("out", "FILE", "write the solution as JSON (missing folders are created)"),
  ]

  static func run(_ args: ParsedArguments, console: Console) throws -> Int32 {
    guard args.positionals.count == 1 else { throw UsageError("lp: expected one problem file (usage: \(usageLine))") }
    let path = InputFile.displayName(args.positionals[0])
    if let out = args.value("out") { try OutputPath.check(out, option: "out", kind: .file, command: name) }
    let text = try InputFile.text(args.positionals[0], console: console)
    let isMPS = InputFile.isStandardInput(args.positionals[0]) ? text.drop(while: { $0.isWhitespace }).first != "{" : path.lowercased().hasSuffix(".mps")
    let program: LinearProgram
    if isMPS {
      do { program = try MPSReader.parse(text) } catch { throw SeriesCSV.Problem(file: path, line: error.line > 0 ? error.line : nil, message: error.problem) }
    } else {
      let file = try JSONDocument.decode(LPProblemFile.self, json: text, file: path)
      do { program = try LinearProgram(file: file) } catch { throw ScenarioError(file: path, path: error.path, problem: error.problem) }
    }
    let start = ContinuousClock.now
    var status: LPStatus, objective: Double?, values: [Double]?, message: String, iterations: Int
    var duals: [Double]?, activities: [Double]?, extra = ""
    if program.hasIntegers {
      let s = program.solveMIP()
      (status, objective, values, message, iterations) = (s.status, s.objective, s.values, s.message, s.iterations)
      extra = ", \(s.nodes) nodes, gap \(NumberFormat.shortest(s.gap))"
    } else {
      let s = program.solve()
      (status, message, iterations) = (s.status, s.message, s.iterations)
      if s.status == .optimal { objective = s.objective; values = s.values; duals = s.duals; activities = s.rowActivities }
    }
    let seconds = ProgressBar.seconds(ContinuousClock.now - start)
    console.out("\(path): \(program.variableCount) variables, \(program.constraintCount) constraints\(program.hasIntegers ? " (mixed-integer)" : "")\n")
    console.out("status: \(status.rawValue)\(message.isEmpty ? "" : " (\(message))")\n")
    if let objective { console.out("objective: \(NumberFormat.shortest(objective))\n") }
    console.out("iterations: \(iterations)\(extra); \(NumberFormat.fixed(seconds, 4)) s\n")
    if let values {
      var table = TextTable(header: ["variable", "value"])
      for (i, v) in program.variables.enumerated() where args.flag("all") || abs(values[i]) > 1e-9 {
        table.rows.append([v.name, NumberFormat.shortest(values[i])])
      }
      console.out("\n" + table.plain())
    }
    if args.flag("duals"), let duals, let activities {
      var table = TextTable(header: ["constraint", "activity", "dual"])
      for (i, c) in program.constraints.enumerated() {
        table.rows.append([c.name, NumberFormat.shortest(activities[i]), NumberFormat.shortest(duals[i])])
      }
      console.out("\n" + table.plain())
    }
    if let out = args.value("out") {
      var members: [(key: String, value: JSONValue)] = [("status", .string(status.rawValue)), ("iterations", JSONWriter.number(iterations))]
      members.append(("objective", objective.map(JSONWriter.number) ?? .null))
      if let values {
        members.append(("values", .object(program.variables.enumerated().map { ($0.element.name, JSONWriter.number(values[$0.offset])) })))
      }
      try OutputPath.write(JSONWriter.render(.object(members)), to: out, option: "out")
      console.out("\nwrote \(out)\n")
    }
    return 0
  }
}
