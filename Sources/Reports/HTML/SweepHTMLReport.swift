import Experiments
import Scenarios
import SupplyModel

/// `sweep.html`: one self-contained page that answers first (which policy is cheapest at the
/// required fill rate, by how much, how sure), then shows the charts: when exactly two parameters
/// vary, heatmaps per policy of total cost and fill rate on one colour scale per quantity and of
/// their paired change from the reference point on a diverging scale; a tornado chart per policy;
/// then the cheapest policy per grid point, the grid, the full table (collapsed), the method and
/// the definitions.
///
/// Like `report.html` it is XHTML-compatible, uses the Okabe–Ito palette and prints numbers
/// without locale, so the same result renders to the same bytes.
public struct SweepHTMLReport: Sendable {
  /// The sweep's result.
  public var result: SweepResult
  /// The SupplySim version written into the page.
  public var version: String

  /// Creates a page.
  public init(result: SweepResult, version: String) {
    self.result = result
    self.version = version
  }

  func esc(_ s: String) -> String { HTMLPage.esc(s) }

  /// The page.
  public func render() -> String {
    var links = [("answer", "Answer")]
    if result.grid.axes.count == 2 { links.append(("heatmaps", "Heatmaps")) }
    links += [("tornado", "Sensitivity"), ("ranking", "Cheapest per point"), ("grid", "Grid"), ("results", "All results"),
              ("method", "Method"), ("definitions", "Definitions")]
    let body = answerSection() + (result.grid.axes.count == 2 ? heatmapSection() : "") + tornadoSection() + rankingSection()
      + gridSection() + resultsSection() + methodSection() + HTMLPage.definitionsSection(keys: SweepReport.tableColumns.map(\.0))
    return HTMLPage.render(kicker: "SupplySim sweep", title: result.scenario.spec.name, lede: result.scenario.spec.description,
                           links: links, body: body, file: result.scenario.file, version: version)
  }

  func answerSection() -> String {
    "<section id=\"answer\">\n<h2>Answer</h2>\n" + HTMLPage.answerBox(SweepReport(result: result, version: version).answer()) + "</section>\n"
  }

  func rankingSection() -> String {
    let report = SweepReport(result: result, version: version)
    let table = report.rankingTable()
    let axes = result.grid.axes.count
    var h = "<section id=\"ranking\">\n<h2>Cheapest policy per grid point</h2>\n"
    h += "<p>At each grid point, the policies with \(esc(report.requirementText)) ranked by mean total cost (± the 95% interval of the mean). <em>Next − cheapest</em> is the paired difference to the next policy (same random numbers) with its 95% interval; <em>significant</em> means the cheapest beats every other such policy by a paired interval that excludes 0.</p>\n"
    h += "<div class=\"table-wrap\">\n<table class=\"sweep-ranking\">\n<thead><tr>"
    for (i, title) in table.header.enumerated() {
      h += "<th scope=\"col\"\(i == axes + 1 || i == axes + 3 || i == axes + 5 ? " class=\"left\"" : "")>" + (i >= 1 && i <= axes ? "<code>\(esc(title))</code>" : esc(title)) + "</th>"
    }
    h += "</tr></thead>\n<tbody>\n"
    for row in table.rows {
      h += "<tr>"
      for (i, cell) in row.enumerated() {
        let cls = i == axes + 1 || i == axes + 3 ? "left" : (i == axes + 5 ? (cell == "significant" ? "left significant" : "left wrap") : nil)
        let attributes = cls.map { " class=\"\($0)\"" } ?? ""
        h += HTMLPage.cell(cell, attributes: attributes, splitsInterval: i == axes + 4)
      }
      h += "</tr>\n"
    }
    h += "</tbody>\n</table>\n</div>\n</section>\n"
    return h
  }

  func gridSection() -> String {
    let s = result.scenario, n = s.network, grid = result.grid
    var h = "<section id=\"grid\">\n<h2>Grid</h2>\n"
    h += HTMLPage.facts([
      ("Scenario", s.spec.name), ("File", s.file), ("Seed", "\(n.seed) at every point"),
      ("Grid points", String(grid.count)), ("Policies", String(result.policies.count)),
      ("Replications", "\(result.replications) per point and policy"),
      ("Runs", String(grid.count * result.policies.count * result.replications)),
      ("Horizon", "\(n.horizonDays) days, \(n.warmUpDays) warm-up"), ("SupplySim", version),
    ])
    h += "<div class=\"table-wrap single\">\n<table class=\"sweep-axes\">\n<thead><tr><th scope=\"col\">Parameter</th><th scope=\"col\">Values</th><th scope=\"col\">Scenario value</th><th scope=\"col\">Reference</th></tr></thead>\n<tbody>\n"
    for (a, axis) in grid.axes.enumerated() {
      h += "<tr><th scope=\"row\"><code>\(esc(axis.path.description))</code></th><td>\(esc(axis.values.map(\.label).joined(separator: ", ")))</td>"
      h += "<td>\(esc(result.scenarioValues[a]?.label ?? "–"))</td><td>\(esc(axis.values[result.reference[a]].label))</td></tr>\n"
    }
    h += "</tbody>\n</table>\n</div>\n</section>\n"
    return h
  }

  func resultsSection() -> String {
    let grid = result.grid
    var h = "<section id=\"results\">\n<h2>All results</h2>\n"
    h += "<details class=\"long\">\n<summary>Every grid point and policy (\(grid.count * result.policies.count) rows)</summary>\n"
    h += result.replications > 1
      ? "<p>Means over \(result.replications) replications; the smaller line is the half-width of the 95% confidence interval.</p>\n"
      : "<p>Values of the single replication; — marks the missing 95% confidence interval, which needs at least 2 replications.</p>\n"
    h += "<div class=\"table-wrap\">\n<table class=\"sweep-results\">\n<thead><tr><th scope=\"col\">#</th>"
    for axis in grid.axes { h += "<th scope=\"col\"><code>\(esc(axis.path.description))</code></th>" }
    h += "<th scope=\"col\" class=\"left\">Policy</th>"
    for (_, title, _) in SweepReport.tableColumns { h += "<th scope=\"col\">\(esc(title))</th>" }
    h += "</tr></thead>\n<tbody>\n"
    for p in 0..<grid.count {
      let values = grid.values(of: p)
      for (q, name) in result.policies.enumerated() {
        h += "<tr\(q == 0 && p > 0 ? " class=\"group-start\"" : "")><td>\(p + 1)</td>" + values.map { "<td>\(esc($0.label))</td>" }.joined() + "<th scope=\"row\" class=\"left\">\(esc(name))</th>"
        for (key, _, format) in SweepReport.tableColumns {
          let s = result.summary(point: p, policy: q, kpi: key)
          h += HTMLPage.meanCell(format(s.mean), halfWidth: s.interval.map { format($0.halfWidth) })
        }
        h += "</tr>\n"
      }
    }
    h += "</tbody>\n</table>\n</div>\n</details>\n</section>\n"
    return h
  }

  func heatmapSection() -> String {
    let grid = result.grid
    let rowsAxis = grid.axes[0], columnsAxis = grid.axes[1]
    let own = result.scenarioIndices
    let outlined: (row: Int, column: Int)? = own[0].flatMap { r in own[1].map { (r, $0) } }
    let reference = (row: result.reference[0], column: result.reference[1])
    let replications = HTMLReport.plural(result.replications, "replication")
    var h = "<section id=\"heatmaps\">\n<h2>Heatmaps</h2>\n"
    h += "<p>Rows: <code>\(esc(rowsAxis.path.description))</code>; columns: <code>\(esc(columnsAxis.path.description))</code>. Every cell prints its mean over \(replications). "
    h += "All heatmaps of one quantity share one colour scale, drawn once above them, so a colour means the same value for every policy."
    h += outlined == nil ? "</p>\n" : " The outlined cell of the levels is the scenario as written.</p>\n"
    for (k, chart) in SweepReport.chartedKPIs.enumerated() {
      let means = result.policies.indices.map { q in
        rowsAxis.values.indices.map { r in
          columnsAxis.values.indices.map { c in result.summary(point: grid.point(at: [r, c]), policy: q, kpi: chart.key).mean }
        }
      }
      let changes = means.map { m in m.map { row in row.map { $0 - m[reference.row][reference.column] } } }
      h += heatmapGroup(id: "heatmap-\(k)", kpi: chart, values: means, outlined: outlined, outlineLabel: "scenario as written",
                        title: chart.title, note: "Mean \(chart.title.lowercased()) over \(replications); darker is higher.",
                        change: false)
      h += heatmapGroup(id: "heatmap-change-\(k)", kpi: chart, values: changes, outlined: reference, outlineLabel: "reference point",
                        title: "\(chart.title): change from the reference point",
                        note: "Each cell: the policy's mean \(chart.title.lowercased()) there minus at the reference point (outlined), the mean of the paired per-replication differences (same random numbers). Blue is better, vermillion worse, grey no change; the scale is centred on 0.",
                        change: true)
    }
    h += "</section>\n"
    return h
  }

  /// One quantity's small multiples: a heading, a note, the shared colour scale and one heatmap per policy.
  func heatmapGroup(id: String, kpi chart: (key: String, title: String, format: TickFormat), values: [[[Double]]],
                    outlined: (row: Int, column: Int)?, outlineLabel: String, title: String, note: String, change: Bool) -> String {
    let grid = result.grid
    let rowsAxis = grid.axes[0], columnsAxis = grid.axes[1]
    let finite = values.flatMap { $0.flatMap { $0 } }.filter(\.isFinite)
    let domain: ClosedRange<Double>
    let ramp: ColorRamp
    if change {
      let m = max(finite.map(abs).max() ?? 0, chart.format == .percent ? 1e-6 : 1e-9)
      domain = -m...m
      ramp = ColorRamp.change(higherIsWorse: !ExperimentResult.higherIsBetter.contains(chart.key))
    } else {
      domain = (finite.min() ?? 0)...(finite.max() ?? 1)
      ramp = ColorRamp(to: chart.key == "fillRate" ? ChartPalette.bluishGreen : ChartPalette.blue)
    }
    let unit = chart.format == .percent ? (change ? "percentage points" : "% of demand met from stock") : "currency units"
    let legend = ColorScaleLegend(id: id + "-scale", title: "\(title) (\(unit)), every policy", domain: domain, ramp: ramp, format: chart.format,
                                  endLabels: change ? (chart.key == "fillRate" ? ("worse", "better") : ("better", "worse")) : ("lower", "higher"))
    var h = "<h3>\(esc(title))</h3>\n<p class=\"note\">\(esc(note))</p>\n" + legend.render() + "<div class=\"grid three\">\n"
    for (q, name) in result.policies.enumerated() {
      let text = rowsAxis.values.enumerated().map { r, v in
        "\(rowsAxis.path) = \(v.label): " + columnsAxis.values.enumerated().map { c, w in
          "\(w.label) → \(label(values[q][r][c], chart.format, signed: change))"
        }.joined(separator: ", ")
      }.joined(separator: "; ")
      let heatmap = HeatmapChart(
        id: "\(id)-\(q)", title: "\(name)", subtitle: title,
        description: "Heatmap of \(title.lowercased()) of \(name) by \(rowsAxis.path) (rows) and \(columnsAxis.path) (columns). \(text).",
        columns: columnsAxis.values.map(\.label), rows: rowsAxis.values.map(\.label),
        xTitle: columnsAxis.path.description, yTitle: rowsAxis.path.description, values: values[q],
        format: chart.format, decimals: chart.format == .percent ? 2 : 0, ramp: ramp, legendTitle: title,
        outlined: outlined, outlineLabel: outlineLabel, width: 460, domain: domain, showsLegend: false, signedLabels: change)
      h += "<div class=\"panel\">\n" + heatmap.render() + "</div>\n"
    }
    return h + "</div>\n"
  }

  func label(_ v: Double, _ format: TickFormat, signed: Bool = false) -> String {
    let text = format == .percent ? NumberFormat.percent(v, 2) : NumberFormat.grouped(v, 0)
    return signed && v > 0 ? "+" + text : text
  }

  func tornadoSection() -> String {
    let report = SweepReport(result: result, version: version)
    var h = "<section id=\"tornado\">\n<h2>Sensitivity</h2>\n<p>\(esc(report.referenceNote)) "
    h += "The bar spans the lowest to the highest mean over the parameter's values; the circle is the mean at its lowest value and the diamond at its highest; the dashed line is the reference point. Widest effect on top. The charts of one KPI share one axis across policies.</p>\n"
    // One axis per KPI across the policies' panels, so a bar's length means the same in each.
    let domains: [ClosedRange<Double>?] = SweepReport.chartedKPIs.map { chart in
      var values: [Double] = []
      for q in result.policies.indices {
        for t in result.tornado(policy: q, kpi: chart.key) { values += [t.minimum, t.maximum] }
        values.append(result.summary(point: result.referencePoint, policy: q, kpi: chart.key).mean)
      }
      let finite = values.filter(\.isFinite)
      guard let lo = finite.min(), let hi = finite.max() else { return nil }
      return lo...hi
    }
    for (q, name) in result.policies.enumerated() {
      h += "<h3>\(esc(name))</h3>\n<div class=\"grid two\">\n"
      for (k, chart) in SweepReport.chartedKPIs.enumerated() {
        let sensitivities = result.tornado(policy: q, kpi: chart.key)
        let bars = sensitivities.map { t in
          TornadoBar(label: t.path.description, atLow: t.atLow, atHigh: t.atHigh, minimum: t.minimum, maximum: t.maximum,
                     lowValue: t.values[t.lowIndex].label, highValue: t.values[t.highIndex].label)
        }
        let center = result.summary(point: result.referencePoint, policy: q, kpi: chart.key).mean
        let text = sensitivities.map { t in
          "\(t.path) from \(t.values[t.lowIndex].label) to \(t.values[t.highIndex].label): \(label(t.atLow, chart.format)) to \(label(t.atHigh, chart.format)) (range \(label(t.minimum, chart.format)) to \(label(t.maximum, chart.format)))"
        }.joined(separator: "; ")
        let tornado = TornadoChart(
          id: "tornado-\(q)-\(k)", title: "\(chart.title): \(name)",
          subtitle: "Reference point: \(label(center, chart.format))",
          description: "Tornado chart of \(chart.title.lowercased()) of \(name). \(text).",
          bars: bars, center: center,
          valueAxis: Axis(title: chart.key == "fillRate" ? "Fill rate (% of demand met from stock)" : "Total cost (currency units)",
                          format: chart.format, limits: chart.key == "fillRate" ? 0...1 : nil),
          width: 600, domain: domains[k])
        h += "<div class=\"panel\">\n" + tornado.render() + "</div>\n"
      }
      h += "</div>\n"
    }
    h += "</section>\n"
    return h
  }

  func methodSection() -> String {
    var h = "<section id=\"method\">\n<h2>Method</h2>\n"
    h += "<p>Every grid point is the scenario with the values above set at their JSON paths, checked like a scenario file before anything runs. All points keep the scenario's seed: replication r of every point and every policy draws the same random numbers wherever the varied parameters leave them alone (common random numbers), so the differences between points are far less noisy than the intervals of each point suggest (those describe each point alone). The grid is the Cartesian product of the parameters' values, the first parameter varying slowest.</p>\n"
    h += "<p>Policies are ranked at each grid point by mean total cost among those with \(esc(SweepReport(result: result, version: version).requirementText)) (<code>--min-fill-rate</code>). \(esc(result.ranking(point: result.answerPoint).testDescription))</p>\n"
    h += "<p>KPIs cover the days after warm-up; they are defined under <a href=\"#definitions\">Definitions</a>.</p>\n"
    h += "</section>\n"
    return h
  }
}
