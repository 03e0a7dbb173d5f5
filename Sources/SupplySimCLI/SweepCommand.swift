import Experiments
import Parallelism
import Reports
import Scenarios

/// `supplysim sweep`: run a scenario over a grid of parameter values and report KPIs per point.
struct SweepCommand: ShardedCommand {
  static let name = "sweep"
  static let summary = "Run a scenario over a grid of parameter values (set by JSON path) and report KPIs per grid point."
  static let operands = "SCENARIO"
  static let details = """
    Each --vary sets a value at a JSON path of the scenario file, e.g.
      --vary 'skus[0].demand.promotions[0].uplift=1.5..3.0:4'   (4 values from 1.5 to 3.0)
      --vary 'suppliers[0].leadTime.mean=3,7,14'                (a list; numbers or bare strings)
    Several --vary make the full grid (the first varies slowest). Without --vary the scenario's
    "sweep" section is used. Every grid point is checked like a scenario file and keeps the
    scenario's seed, so all points and policies share common random numbers.

    Prints a table per grid point and policy, then which policy is cheapest at the required
    fill rate (--min-fill-rate) with the paired difference to the next, and writes sweep.csv, sweep.json, sweep.md and
    sweep.html (heatmaps for two parameters, tornado charts) into DIR (default:
    reports/<scenario name>-sweep/), each atomically. Replications: --replications, else the
    sweep section's, else the scenario's, else 1.

    On a cluster: --shard K/N runs slice K of N (one unit = one grid point in one
    replication) and writes DIR/partial.json; 'supplysim merge' combines the N folders into the
    files above, byte-identical. --emit slurm or --emit kubernetes prints a job that does both.
    """
  static let options: [OptionSpec] = [
    .repeatable("vary", "PATH=VALUES", "a parameter and its values: PATH=FROM..TO:COUNT or PATH=V1,V2,..."),
    .value("replications", "N", "replications per grid point and policy"),
    .value("min-fill-rate", "F", "mean fill rate a policy must reach to be ranked on cost, in (0, 1] or percent (default 0.95)"),
    .value("threads", "N", "worker threads (default: all cores); results do not depend on it"),
    .value("out", "DIR", "where to write the report (default reports/<scenario name>-sweep/)"),
    .flag("quiet", "print nothing but errors"),
  ] + Sharding.options

  /// The checked sweep.
  struct Plan {
    var template: ScenarioTemplate
    var grid: SweepGrid
    var replications: Int
    var requiredFillRate: Double
    var sweep: Sweep
  }

  static let progressLabel = "sweeping"
  static let unitName = "grid point"

  static func run(_ args: ParsedArguments, console: Console) throws -> Int32 {
    try Sharding.run(Self.self, args, console: console)
  }

  static func plan(_ args: ParsedArguments, template: ScenarioTemplate) throws -> Plan {
    var cliAxes: [SweepAxis] = []
    for text in args.values["vary"] ?? [] {
      let axis: SweepAxis
      do { axis = try SweepAxis(parsing: text) } catch {
        throw UsageError("sweep: --vary '\(text)': \(error.problem)")
      }
      if cliAxes.contains(where: { $0.path == axis.path }) { throw UsageError("sweep: --vary names \(axis.path) twice") }
      cliAxes.append(axis)
    }
    let required = try args.fraction("min-fill-rate", includesOne: true, command: name) ?? 0.95
    let threads = try args.integer("threads", default: Parallel.defaultThreadCount, range: 1...1024, command: name)
    let replicationsOption = args.value("replications") == nil ? nil : try args.integer("replications", default: 1, range: 1...100_000, command: name)
    let spec = template.base.spec
    let axes = cliAxes.isEmpty ? try template.sweepAxes() : cliAxes
    guard !axes.isEmpty else {
      throw UsageError("sweep: nothing to vary in \(template.file): give --vary PATH=FROM..TO:COUNT or PATH=V1,V2,..., or add a \"sweep\" section to the scenario")
    }
    let grid = SweepGrid(axes: axes)
    guard grid.count <= SweepGrid.maximumPoints else {
      throw UsageError("sweep: the grid has \(grid.count) points, more than \(SweepGrid.maximumPoints); vary fewer values")
    }
    let replications = replicationsOption ?? spec.sweep?.replications ?? spec.replications ?? 1
    let sweep = Sweep(template: template, grid: grid, replications: replications, threads: threads)
    return Plan(template: template, grid: grid, replications: replications, requiredFillRate: required, sweep: sweep)
  }

  static func batch(_ plan: Plan, scenarios: Range<Int>) throws -> ExperimentBatch {
    try plan.sweep.batch(points: scenarios)
  }

  static func shape(_ plan: Plan) -> (scenarios: Int, replications: Int) { (plan.grid.count, plan.replications) }

  static func defaultDirectory(_ plan: Plan) -> String { "reports/\(plan.template.base.spec.name)-sweep" }

  static func finish(_ plan: Plan, totals: [[PolicyTotals]], directory: String, quiet: Bool, console: Console) throws {
    var result = plan.sweep.result(totals)
    result.requiredFillRate = plan.requiredFillRate
    let report = SweepReport(result: result, version: SupplySimCommand.version)
    let written = try report.write(to: directory)
    if !quiet {
      let n = plan.template.base.network
      let grid = plan.grid, replications = plan.replications
      console.out("\(plan.template.base.spec.name): \(grid.count) grid point\(grid.count == 1 ? "" : "s") x \(result.policies.count) policies x \(replications) replication\(replications == 1 ? "" : "s"), seed \(n.seed) at every point (common random numbers)\n\n")
      console.out(report.table().plain())
      console.out("\n" + report.answer().dropFirst().joined(separator: "\n") + "\n")
      console.out("\nwrote \(written.joined(separator: ", "))\n")
    }
  }
}
