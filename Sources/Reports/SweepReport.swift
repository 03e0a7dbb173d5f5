#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Experiments
import Scenarios
import SupplyModel

/// The files of a parameter sweep's report.
///
/// - `sweep.csv`: one row per grid point and policy: the point's number, the varied values, the
///   policy, then the mean and the 95% CI half-width of every KPI.
/// - `sweep.json`: the grid, every point's KPI summaries, and the sensitivities behind the tornado charts.
/// - `sweep.md`: the grid, the table, heatmap tables for two parameters, and the sensitivities.
/// - `sweep.html`: the same as one self-contained page with heatmaps and tornado charts (`SweepHTMLReport`).
public struct SweepReport: Sendable {
  /// The sweep's result.
  public var result: SweepResult
  /// The SupplySim version written into outputs.
  public var version: String

  /// Creates a report.
  public init(result: SweepResult, version: String) {
    self.result = result
    self.version = version
  }

  /// The KPIs shown in the sweep tables: the run report's columns for these keys.
  static let tableColumns = RunReport.tableColumns.filter {
    ["totalCost", "fillRate", "cycleServiceLevel", "stockoutDays", "averageOnHand", "ordersPlaced"].contains($0.0)
  }

  /// The two KPIs the heatmaps and tornado charts show: (key, title, axis format).
  static let chartedKPIs: [(key: String, title: String, format: TickFormat)] = [
    ("totalCost", "Total cost", .number), ("fillRate", "Fill rate", .percent),
  ]

  /// One row per grid point and policy: the varied values, then KPI means (± CI half-widths of
  /// total cost and fill rate with several replications).
  public func table() -> TextTable {
    let grid = result.grid
    let header = ["#"] + grid.axes.map(\.path.description) + ["Policy"] + Self.tableColumns.map(\.1)
    var table = TextTable(header: header, rightAligned: header.indices.map { $0 != grid.axes.count + 1 })
    for p in 0..<grid.count {
      let values = grid.values(of: p).map(\.label)
      for (q, name) in result.policies.enumerated() {
        var row = ["\(p + 1)"] + values + [name]
        for (key, _, format) in Self.tableColumns {
          let s = result.summary(point: p, policy: q, kpi: key)
          var cell = format(s.mean)
          if let ci = s.interval, key == "totalCost" || key == "fillRate" {
            cell += " ± " + (key == "fillRate" ? NumberFormat.percent(ci.halfWidth, 2) : NumberFormat.grouped(ci.halfWidth, 0))
          }
          row.append(cell)
        }
        table.rows.append(row)
      }
    }
    return table
  }

  /// The requirement in words: "a mean fill rate of at least 95.0%".
  var requirementText: String { "a mean fill rate of at least \(NumberFormat.percent(result.requiredFillRate, 1))" }

  /// The ranking's statement for grid point `point`.
  func statement(point: Int) -> String {
    result.ranking(point: point).statement(noun: ("policy", "policies"), kpiName: "total cost", format: { NumberFormat.grouped($0, 0) },
                                           requirementText: requirementText)
  }

  /// The first-screen answer, one sentence per item: the question; the answer at the scenario's
  /// own grid point (or the reference point); how often each policy is cheapest over the grid and
  /// how often significantly; the test.
  public func answer() -> [String] {
    let grid = result.grid, p = result.answerPoint
    let own = result.scenarioIndices.allSatisfy { $0 != nil }
    var lines = ["Question: which policy has the lowest total cost at \(requirementText), and does that hold over the grid?"]
    lines.append("At \(own ? "the scenario as written" : "the reference point") (\(grid.label(of: p))): " + statement(point: p))
    var cheapest = Array(repeating: 0, count: result.policies.count), significant = cheapest
    var none = 0
    for point in 0..<grid.count {
      let r = result.ranking(point: point)
      guard let best = r.best else { none += 1; continue }
      cheapest[best.index] += 1
      if r.bestIsSignificant { significant[best.index] += 1 }
    }
    let counts = result.policies.indices.filter { cheapest[$0] > 0 }.sorted { (cheapest[$0], -$0) > (cheapest[$1], -$1) }.map { q in
      "\(result.policies[q]) at \(cheapest[q]) (significantly at \(significant[q]))"
    }
    var over = "Over all \(grid.count) grid point\(grid.count == 1 ? "" : "s"), the cheapest policy at \(requirementText) is "
    over += counts.isEmpty ? "never found" : PairedRanking.list(counts)
    if none > 0 { over += "; at \(none) no policy reaches it" }
    lines.append(over + ".")
    lines.append(result.ranking(point: p).testDescription)
    return lines
  }

  /// Per grid point: the cheapest policy at the required fill rate, its cost, the next policy,
  /// the paired difference to it with its interval, and the verdict.
  public func rankingTable() -> TextTable {
    let grid = result.grid
    let header = ["#"] + grid.axes.map(\.path.description) + ["Cheapest at ≥ \(NumberFormat.percent(result.requiredFillRate, 1))", "Total cost", "Next", "Next − cheapest", "Verdict"]
    var table = TextTable(header: header, rightAligned: header.indices.map { $0 == 0 || (1...grid.axes.count).contains($0) || $0 == grid.axes.count + 2 || $0 == grid.axes.count + 4 })
    for p in 0..<grid.count {
      let r = result.ranking(point: p)
      var row = ["\(p + 1)"] + grid.values(of: p).map(\.label)
      guard let best = r.best else {
        table.rows.append(row + ["none", "", "", "", "no policy reaches \(NumberFormat.percent(result.requiredFillRate, 1))"])
        continue
      }
      row += [best.name, Self.withInterval(best.summary)]
      if let next = r.runnerUp, let d = next.differenceToBest {
        row += [next.name, Self.change(d), Self.verdict(r)]
      } else {
        row += ["–", "–", "only policy reaching it"]
      }
      table.rows.append(row)
    }
    return table
  }

  /// A mean cost with its 95% half-width when there is one.
  static func withInterval(_ s: KPISummary) -> String {
    NumberFormat.grouped(s.mean, 0) + (s.interval.map { " ± " + NumberFormat.grouped($0.halfWidth, 0) } ?? "")
  }

  /// A paired cost difference: "+1,234 (95% CI +800 to +1,668)", or without an interval.
  static func change(_ d: KPISummary) -> String {
    func signed(_ x: Double) -> String { (x > 0 ? "+" : "") + NumberFormat.grouped(x, 0) }
    return signed(d.mean) + (d.interval.map { " (\(signed($0.lower)) to \(signed($0.upper)))" } ?? "")
  }

  /// "significant", "not distinguishable" or "untested (1 replication)".
  static func verdict(_ r: PairedRanking) -> String {
    if r.replications < 2 { return "untested (1 replication)" }
    return r.bestIsSignificant ? "significant" : "not distinguishable"
  }

  /// `sweep.csv`.
  public func csv() -> String {
    let grid = result.grid
    var header = ["point"] + grid.axes.map(\.path.description) + ["policy"]
    for name in KPIs.names { header += [name + "_mean", name + "_ci95"] }
    var csv = CSVWriter(header: header)
    for p in 0..<grid.count {
      let values = grid.values(of: p).map(\.label)
      for (q, name) in result.policies.enumerated() {
        var row = ["\(p + 1)"] + values + [name]
        for kpi in KPIs.names {
          let s = result.summary(point: p, policy: q, kpi: kpi)
          row += [NumberFormat.shortest(s.mean), s.interval.map { NumberFormat.shortest($0.halfWidth) } ?? ""]
        }
        csv.appendRow(row)
      }
    }
    return csv.text
  }

  /// `sweep.json` (format `supplysim.sweep/1`, keys sorted).
  public func json() -> String {
    let s = result.scenario, grid = result.grid
    let axes: [JSONValue] = grid.axes.enumerated().map { a, axis in
      .object([
        ("path", .string(axis.path.description)),
        ("values", .array(axis.values)),
        ("scenarioValue", result.scenarioValues[a] ?? .null),
        ("referenceValue", axis.values[result.reference[a]]),
      ])
    }
    var points: [JSONValue] = []
    for p in 0..<grid.count {
      let values: [(key: String, value: JSONValue)] = zip(grid.axes, grid.values(of: p)).map { ($0.path.description, $1) }
      let policies: [JSONValue] = result.policies.enumerated().map { q, name in
        .object([("name", .string(name)), ("kpis", Self.kpisJSON(result.points[p][q]))])
      }
      points.append(.object([("point", JSONWriter.number(p + 1)), ("values", .object(values)), ("policies", .array(policies)),
                             ("costRanking", Self.rankingJSON(result.ranking(point: p)))]))
    }
    var sensitivity: [JSONValue] = []
    for q in result.policies.indices {
      for (kpi, _, _) in Self.chartedKPIs {
        for a in grid.axes.indices {
          let t = result.sensitivity(policy: q, axis: a, kpi: kpi)
          sensitivity.append(.object([
            ("policy", .string(t.policy)), ("kpi", .string(kpi)), ("path", .string(t.path.description)),
            ("values", .array(t.values)), ("means", .array(t.means.map(JSONWriter.number))),
            ("atLowest", JSONWriter.number(t.atLow)), ("atHighest", JSONWriter.number(t.atHigh)),
            ("minimum", JSONWriter.number(t.minimum)), ("maximum", JSONWriter.number(t.maximum)),
            ("range", JSONWriter.number(t.range)), ("reference", JSONWriter.number(t.center)),
          ]))
        }
      }
    }
    let doc: JSONValue = .object([
      ("format", .string("supplysim.sweep/1")),
      ("supplysimVersion", .string(version)),
      ("scenario", Self.scenarioJSON(s, replications: result.replications)),
      ("axes", .array(axes)),
      ("policies", .array(result.policies.map { .string($0) })),
      ("points", .array(points)),
      ("sensitivity", .array(sensitivity)),
    ])
    return JSONWriter.render(doc)
  }

  /// Every KPI's `{mean, sd, ci95Lower, ci95Upper}` (bounds null with one replication).
  /// A ranking as JSON: `kpi`, `requirement` (`{kpi, minimum}` or null), `best` (a name or
  /// null), `bestIsSignificant`, and `entries[]` in rank order, each `{name, rank, meetsRequirement,
  /// mean, ci95Lower, ci95Upper, differenceToBest}` with `differenceToBest` =
  /// `{meanDifference, ci95Lower, ci95Upper, significant}` (null for the best).
  static func rankingJSON(_ r: PairedRanking) -> JSONValue {
    func bound(_ v: Double?) -> JSONValue { v.map { JSONWriter.number($0) } ?? .null }
    let entries: [JSONValue] = r.entries.map { e in
      let difference: JSONValue = e.differenceToBest.map { d in
        .object([("meanDifference", JSONWriter.number(d.mean)), ("ci95Lower", bound(d.interval?.lower)),
                 ("ci95Upper", bound(d.interval?.upper)), ("significant", .bool(e.distinguishableFromBest))])
      } ?? .null
      return .object([("name", .string(e.name)), ("rank", e.rank.map { JSONWriter.number($0) } ?? .null),
                      ("meetsRequirement", .bool(e.meetsRequirement)), ("mean", JSONWriter.number(e.summary.mean)),
                      ("ci95Lower", bound(e.summary.interval?.lower)), ("ci95Upper", bound(e.summary.interval?.upper)),
                      ("differenceToBest", difference)])
    }
    return .object([
      ("kpi", .string(r.kpi)),
      ("requirement", r.requirement.map { .object([("kpi", .string($0.kpi)), ("minimum", JSONWriter.number($0.minimum))]) } ?? .null),
      ("best", r.best.map { .string($0.name) } ?? .null),
      ("bestIsSignificant", .bool(r.bestIsSignificant)),
      ("entries", .array(entries)),
    ])
  }

  static func kpisJSON(_ totals: PolicyTotals) -> JSONValue {
    .object(KPIs.names.map { name in
      let sum = totals.summary(of: name)
      return (name, .object([
        ("mean", JSONWriter.number(sum.mean)),
        ("sd", JSONWriter.number(sum.standardDeviation)),
        ("ci95Lower", sum.interval.map { JSONWriter.number($0.lower) } ?? .null),
        ("ci95Upper", sum.interval.map { JSONWriter.number($0.upper) } ?? .null),
      ]))
    })
  }

  /// The scenario's identity, as in `summary.json`.
  static func scenarioJSON(_ s: Scenario, replications: Int) -> JSONValue {
    .object(scenarioFields(s, replications: replications))
  }

  /// The scenario's identity as members: name, file, seed, horizon, warm-up, SKUs,
  /// replications, and the start date when the scenario sets one.
  static func scenarioFields(_ s: Scenario, replications: Int) -> [(key: String, value: JSONValue)] {
    var fields: [(key: String, value: JSONValue)] = [
      ("name", .string(s.spec.name)),
      ("file", .string(s.file)),
      ("seed", .number(String(s.network.seed))),
      ("horizonDays", JSONWriter.number(s.network.horizonDays)),
      ("warmUpDays", JSONWriter.number(s.network.warmUpDays)),
      ("skus", JSONWriter.number(s.network.skus.count)),
      ("replications", JSONWriter.number(replications)),
    ]
    if let date = s.spec.startDate { fields.append(("startDate", .string(date))) }
    return fields
  }

  /// How the reference values of the tornado charts are chosen, in one paragraph.
  var referenceNote: String {
    let grid = result.grid
    let held = grid.axes.enumerated().map { a, axis in "\(axis.path) = \(axis.values[result.reference[a]].label)" }.joined(separator: ", ")
    return "Each bar moves one parameter through all its values while every other parameter is held at its reference value: the middle value of an axis with an odd number of values; with an even number, the scenario's own value if it is on the axis, else the lower of the two middle values. Reference point: \(held)."
  }

  /// `sweep.md`.
  public func markdown() -> String {
    let s = result.scenario, grid = result.grid
    var md = "# SupplySim sweep: \(s.spec.name)\n\n"
    if let d = s.spec.description { md += d + "\n\n" }
    md += "- Scenario file: `\(s.file)`; seed \(s.network.seed) at every grid point (common random numbers)\n"
    md += "- \(grid.count) grid point\(grid.count == 1 ? "" : "s") × \(result.policies.count) polic\(result.policies.count == 1 ? "y" : "ies") × \(result.replications) replication\(result.replications == 1 ? "" : "s")\n"
    md += "- SupplySim \(version)\n\n"
    md += "## Answer\n\n" + answer().map { "- " + $0 }.joined(separator: "\n") + "\n\n"
    if grid.axes.count == 2 {
      md += "## Heatmaps\n\nRows: \(grid.axes[0].path); columns: \(grid.axes[1].path).\n\n"
      for (q, name) in result.policies.enumerated() {
        for (kpi, title, format) in Self.chartedKPIs {
          md += "### \(name): \(title.lowercased())\n\n"
          var t = TextTable(header: ["\(grid.axes[0].path) ↓ / \(grid.axes[1].path) →"] + grid.axes[1].values.map(\.label))
          for (r, v) in grid.axes[0].values.enumerated() {
            t.rows.append([v.label] + grid.axes[1].values.indices.map { c in
              let m = result.summary(point: grid.point(at: [r, c]), policy: q, kpi: kpi).mean
              return format == .percent ? NumberFormat.percent(m, 2) : NumberFormat.grouped(m, 0)
            })
          }
          md += t.markdown() + "\n"
        }
      }
    }
    md += "## Sensitivity\n\n" + referenceNote + "\n\n"
    for (q, name) in result.policies.enumerated() {
      md += "### \(name)\n\n"
      var t = TextTable(header: ["Parameter", "KPI", "At lowest value", "At highest value", "Minimum", "Maximum", "Range"],
                        rightAligned: [false, false, true, true, true, true, true])
      for (kpi, title, format) in Self.chartedKPIs {
        for bar in result.tornado(policy: q, kpi: kpi) {
          let f: (Double) -> String = format == .percent ? { NumberFormat.percent($0, 2) } : { NumberFormat.grouped($0, 0) }
          let range = format == .percent ? NumberFormat.fixed(bar.range * 100, 2) + " pp" : NumberFormat.grouped(bar.range, 0)
          t.rows.append([bar.path.description, title,
                         "\(f(bar.atLow)) (\(bar.values[bar.lowIndex].label))", "\(f(bar.atHigh)) (\(bar.values[bar.highIndex].label))",
                         f(bar.minimum), f(bar.maximum), range])
        }
      }
      md += t.markdown() + "\n"
    }
    md += "## Cheapest policy per grid point\n\n"
    md += "Policies ranked by mean total cost among those with \(requirementText); Next − cheapest is the paired difference (same random numbers) with its 95% interval.\n\n"
    md += rankingTable().markdown() + "\n"
    md += "## Grid\n\n"
    var axes = TextTable(header: ["Parameter", "Values", "Scenario value", "Reference"], rightAligned: [false, false, true, true])
    for (a, axis) in grid.axes.enumerated() {
      axes.rows.append([axis.path.description, axis.values.map(\.label).joined(separator: ", "),
                        result.scenarioValues[a]?.label ?? "–", axis.values[result.reference[a]].label])
    }
    md += axes.markdown() + "\n"
    md += "## Results\n\n" + table().markdown() + "\n"
    if result.replications > 1 { md += "Cells with ± show the half-width of the 95% confidence interval across replications.\n\n" }
    md += "## Method\n\n"
    md += "Every grid point is the scenario with the listed values set at their JSON paths, checked like a scenario file, and run with the scenario's seed: replication r of every point and policy draws the same random numbers wherever the varied parameters leave them alone, so the differences between points are far less noisy than the ± intervals of each point suggest (the intervals describe each point alone).\n\n"
    md += "KPIs cover the days after warm-up:\n\n" + HTMLPage.definitions(keys: Self.tableColumns.map(\.0)).map { "- **\($0.term)**: \($0.text)" }.joined(separator: "\n") + "\n"
    return md
  }

  /// Writes `sweep.csv`, `sweep.json`, `sweep.md` and `sweep.html` into `directory` (created if
  /// needed), each atomically.
  ///
  /// - Returns: The paths written.
  @discardableResult
  public func write(to directory: String) throws -> [String] {
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let files = [("sweep.csv", csv()), ("sweep.json", json()), ("sweep.md", markdown()),
                 ("sweep.html", SweepHTMLReport(result: result, version: version).render())]
    var written: [String] = []
    for (name, contents) in files {
      let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
      try AtomicFile.write(contents, to: path)
      written.append(path)
    }
    return written
  }
}
