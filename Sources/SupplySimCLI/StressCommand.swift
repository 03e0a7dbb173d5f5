import Experiments
import Parallelism
import Reports
import Scenarios

/// `supplysim stress`: run a scenario's stress tests against the scenario as written and report
/// which policy keeps service best in each, and at what cost.
struct StressCommand: CLICommand {
  static let name = "stress"
  static let summary = "Run the scenario's named stress tests and report which policy keeps service best in each, and at what cost."
  static let operands = "SCENARIO"
  static let details = """
    The tests come from the scenario's "stressTests" section: each has a name and sets values by
    JSON path, e.g. {"name": "supplier down 14 days in peak season",
    "set": {"suppliers[0].outages": [{"start": 300, "end": 313}]}}. The base scenario and every
    test run with the scenario's seed (common random numbers), so each policy's change from the
    base is a paired comparison.

    Prints each policy's fill rate and total cost per test with 95% CIs and changes from the base,
    and per test "keeps service best: POLICY (fill rate X, cost Y)": the highest mean fill rate,
    ties to the lower cost. Writes stress.csv, stress.json, stress.md and stress.html into DIR
    (default: reports/<scenario name>-stress/), each atomically.
    """
  static let options: [OptionSpec] = [
    .value("replications", "N", "replications per test and policy (default: the scenario's, else 1)"),
    .value("threads", "N", "worker threads (default: all cores); results do not depend on it"),
    .value("out", "DIR", "where to write the report (default reports/<scenario name>-stress/)"),
    .flag("quiet", "print nothing but errors"),
  ]

  static func run(_ args: ParsedArguments, console: Console) throws -> Int32 {
    guard args.positionals.count == 1 else {
      throw UsageError("stress: expected one scenario file, got \(args.positionals.count) (usage: \(usageLine))")
    }
    let threads = try args.integer("threads", default: Parallel.defaultThreadCount, range: 1...1024, command: name)
    let replicationsOption = args.value("replications") == nil ? nil : try args.integer("replications", default: 1, range: 1...100_000, command: name)
    let template = try InputFile.template(args.positionals[0], console: console)
    let tests = try template.stressTests()
    guard !tests.isEmpty else {
      throw ScenarioError(file: template.file, path: "stressTests", problem: "is missing; 'stress' runs the scenario's named stress tests, e.g. \"stressTests\": [{\"name\": \"supplier down\", \"set\": {\"suppliers[0].outages\": [{\"start\": 300, \"end\": 313}]}}]")
    }
    let spec = template.base.spec
    let replications = replicationsOption ?? spec.replications ?? 1
    let directory = args.value("out") ?? "reports/\(spec.name)-stress"
    try OutputPath.check(directory, option: "out", kind: .folder, command: name)
    let suite = StressSuite(template: template, tests: tests, replications: replications, threads: threads)
    let bar = ProgressBar(console: console, label: "stress-testing", enabled: !args.flag("quiet"))
    let result = try bar.showing { try suite.run(progress: bar.update) }
    let report = StressReport(result: result, version: SupplySimCommand.version)
    let written = try report.write(to: directory)
    if !args.flag("quiet") {
      console.out("\(spec.name): \(tests.count) stress test\(tests.count == 1 ? "" : "s") x \(result.policies.count) policies x \(replications) replication\(replications == 1 ? "" : "s"), seed \(template.base.network.seed) (common random numbers; changes are paired with the base scenario)\n\n")
      console.out(report.table().plain())
      console.out("\n" + report.verdicts().joined(separator: "\n") + "\n")
      console.out("\nwrote \(written.joined(separator: ", "))\n")
    }
    return 0
  }
}
