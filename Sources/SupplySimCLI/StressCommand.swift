import Experiments
import Parallelism
import Reports
import Scenarios

/// `supplysim stress`: run a scenario's stress tests against the scenario as written and report
/// which policy keeps service best in each, and at what cost.
struct StressCommand: ShardedCommand {
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
    and per test "keeps service best: POLICY (fill rate X, cost Y)" when the highest mean fill
    rate leads every other policy by a paired 95% interval that excludes 0 (else "highest fill
    rate: ..., not distinguishable from ..."), then the cheapest policy at the required fill rate
    (--min-fill-rate) in the base scenario and under the tests. Writes stress.csv, stress.json, stress.md and stress.html into DIR
    (default: reports/<scenario name>-stress/), each atomically.

    On a cluster: --shard K/N runs slice K of N (one unit = one scenario (the base or a test) in one
    replication) and writes DIR/partial.json; 'supplysim merge' combines the N folders into the
    files above, byte-identical. --emit slurm or --emit kubernetes prints a job that does both.
    """
  static let options: [OptionSpec] = [
    .value("replications", "N", "replications per test and policy (default: the scenario's, else 1)"),
    .value("min-fill-rate", "F", "mean fill rate a policy must reach to be ranked on cost, in (0, 1] or percent (default 0.95)"),
    .value("threads", "N", "worker threads (default: all cores); results do not depend on it"),
    .value("out", "DIR", "where to write the report (default reports/<scenario name>-stress/)"),
    .flag("quiet", "print nothing but errors"),
  ] + Sharding.options

  /// The checked suite.
  struct Plan {
    var template: ScenarioTemplate
    var tests: [StressTest]
    var replications: Int
    var requiredFillRate: Double
    var suite: StressSuite
  }

  static let progressLabel = "stress-testing"

  static func run(_ args: ParsedArguments, console: Console) throws -> Int32 {
    try Sharding.run(Self.self, args, console: console)
  }

  static func plan(_ args: ParsedArguments, template: ScenarioTemplate) throws -> Plan {
    let required = try args.fraction("min-fill-rate", includesOne: true, command: name) ?? 0.95
    let threads = try args.integer("threads", default: Parallel.defaultThreadCount, range: 1...1024, command: name)
    let replicationsOption = args.value("replications") == nil ? nil : try args.integer("replications", default: 1, range: 1...100_000, command: name)
    let tests = try template.stressTests()
    guard !tests.isEmpty else {
      throw ScenarioError(file: template.file, path: "stressTests", problem: "is missing; 'stress' runs the scenario's named stress tests, e.g. \"stressTests\": [{\"name\": \"supplier down\", \"set\": {\"suppliers[0].outages\": [{\"start\": 300, \"end\": 313}]}}]")
    }
    let replications = replicationsOption ?? template.base.spec.replications ?? 1
    let suite = StressSuite(template: template, tests: tests, replications: replications, threads: threads)
    return Plan(template: template, tests: tests, replications: replications, requiredFillRate: required, suite: suite)
  }

  static func batch(_ plan: Plan, scenarios: Range<Int>) throws -> ExperimentBatch { try plan.suite.batch(scenarios: scenarios) }

  static func shape(_ plan: Plan) -> (scenarios: Int, replications: Int) { (plan.tests.count + 1, plan.replications) }

  static func defaultDirectory(_ plan: Plan) -> String { "reports/\(plan.template.base.spec.name)-stress" }

  static func finish(_ plan: Plan, totals: [[PolicyTotals]], directory: String, quiet: Bool, console: Console) throws {
    var result = plan.suite.result(totals)
    result.requiredFillRate = plan.requiredFillRate
    let report = StressReport(result: result, version: SupplySimCommand.version)
    let written = try report.write(to: directory)
    if !quiet {
      let tests = plan.tests, replications = plan.replications
      console.out("\(plan.template.base.spec.name): \(tests.count) stress test\(tests.count == 1 ? "" : "s") x \(result.policies.count) policies x \(replications) replication\(replications == 1 ? "" : "s"), seed \(plan.template.base.network.seed) (common random numbers; changes are paired with the base scenario)\n\n")
      console.out(report.table().plain())
      console.out("\n" + report.verdicts().joined(separator: "\n") + "\n")
      console.out("\n" + report.answer().dropFirst().joined(separator: "\n") + "\n")
      console.out("\nwrote \(written.joined(separator: ", "))\n")
    }
  }
}
