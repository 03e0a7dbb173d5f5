import Experiments
import Scenarios
import SupplyModel

/// `stress.html`: one self-contained page that answers first (which policy is cheapest at the
/// required fill rate in the base scenario and under each test, by how much, how sure), then
/// ranks the policies per scenario with paired intervals, charts each policy's paired change from
/// the base scenario per test (dots with 95% intervals around a line at 0, and heatmaps on a
/// diverging scale centred on 0), and gives per test what it sets and a table of each policy's
/// levels and changes; then the method and the definitions.
public struct StressHTMLReport: Sendable {
  /// The suite's result.
  public var result: StressResult
  /// The SupplySim version written into the page.
  public var version: String

  /// Creates a page.
  public init(result: StressResult, version: String) {
    self.result = result
    self.version = version
  }

  func esc(_ s: String) -> String { HTMLPage.esc(s) }

  var report: StressReport { StressReport(result: result, version: version) }

  /// The page.
  public func render() -> String {
    let links = [("answer", "Answer"), ("ranking", "Ranking"), ("changes", "Changes from base"), ("tests", "Tests"), ("scenario", "Scenario"),
                 ("method", "Method"), ("definitions", "Definitions")]
    let body = answerSection() + rankingSection() + changeSection() + testsSection() + factsSection() + methodSection()
      + HTMLPage.definitionsSection(keys: ["totalCost", "fillRate"])
    return HTMLPage.render(kicker: "SupplySim stress tests", title: result.scenario.spec.name, lede: result.scenario.spec.description,
                           links: links, body: body, file: result.scenario.file, version: version)
  }

  func answerSection() -> String {
    "<section id=\"answer\">\n<h2>Answer</h2>\n" + HTMLPage.answerBox(report.answer()) + "</section>\n"
  }

  func rankingSection() -> String {
    let table = report.rankingTable()
    var h = "<section id=\"ranking\">\n<h2>Ranking per scenario</h2>\n"
    h += "<p>Cost: the policies with \(esc(report.requirementText)) ranked by mean total cost (± the 95% interval of the mean); <em>Next − cheapest</em> is the paired difference to the next policy (same random numbers) with its 95% interval; <em>significant</em> means the cheapest beats every other such policy by a paired interval that excludes 0. Service: the highest mean fill rate, significant when its paired interval with every other policy excludes 0.</p>\n"
    h += "<div class=\"table-wrap\">\n<table class=\"stress-verdicts\">\n<thead><tr>"
    let left: Set<Int> = [1, 3, 5, 6, 7]
    for (i, title) in table.header.enumerated() {
      h += "<th scope=\"col\"\(left.contains(i) ? " class=\"left\"" : "")>\(esc(title))</th>"
    }
    h += "</tr></thead>\n<tbody>\n"
    for row in table.rows {
      h += "<tr><th scope=\"row\" class=\"wrap\">\(esc(row[0]))</th>"
      for (i, cell) in row.enumerated().dropFirst() {
        var cls = left.contains(i) ? ["left"] : []
        if (i == 5 || i == 7) && cell == "significant" { cls.append("significant") }
        if i == 7 { cls.append("wrap") }
        let attributes = cls.isEmpty ? "" : " class=\"\(cls.joined(separator: " "))\""
        h += HTMLPage.cell(cell, attributes: attributes, splitsInterval: i == 4)
      }
      h += "</tr>\n"
    }
    h += "</tbody>\n</table>\n</div>\n</section>\n"
    return h
  }

  /// Paired changes from the base: a dot chart per KPI (every policy, 95% intervals, a line at
  /// 0), then a heatmap per KPI on a diverging scale centred on 0.
  func changeSection() -> String {
    let groups = result.tests.map(\.name)
    let intervals = result.replications > 1
    var h = "<section id=\"changes\">\n<h2>Change from the base scenario</h2>\n"
    h += "<p>Each dot: a policy's mean change under a test, the mean of its per-replication differences test − base (same random numbers, so the difference is paired)"
    h += intervals ? ", with its paired 95% interval; an interval clear of the dashed line at 0 is a significant change.</p>\n" : "; with 1 replication there are no intervals.</p>\n"
    let kpis: [(key: String, title: String, format: TickFormat, axis: String)] = [
      ("fillRate", "Fill rate", .percent, "Change in fill rate (percentage points)"),
      ("totalCost", "Total cost", .number, "Change in total cost (currency units)"),
    ]
    for kpi in kpis {
      let series = result.policies.enumerated().map { q, name in
        let changes = result.tests.indices.map { result.change(test: $0, policy: q, kpi: kpi.key) }
        let style = HTMLPage.seriesStyle(q)
        return DotSeries(name: name, color: style.color, values: changes.map(\.mean),
                         intervals: changes.map { c in intervals ? c.interval.map { $0.lower...$0.upper } : nil }, shape: style.shape)
      }
      let text = groups.enumerated().map { g, group in
        group + ": " + series.map { "\($0.name) \(label($0.values[g], kpi.format))" }.joined(separator: ", ")
      }.joined(separator: "; ")
      let chart = GroupedDotChart(
        id: "stress-change-\(kpi.key)", title: "\(kpi.title): change from the base scenario",
        subtitle: "Paired mean difference test − base over \(HTMLReport.plural(result.replications, "replication"))" + (intervals ? ", 95% intervals" : ""),
        description: "Dot chart of the paired change of \(kpi.title.lowercased()) from the base scenario per stress test and policy. \(text).",
        groups: groups, series: series, valueAxis: Axis(title: kpi.axis, format: kpi.format), width: 820, reference: 0)
      h += HTMLPage.figure(chart.render(), caption: "\(kpi.title): change per stress test in file order; left of the dashed line is \(kpi.key == "fillRate" ? "a loss of service" : "a saving").", className: "single")
    }
    h += "<h3>The same changes as heatmaps</h3>\n<p class=\"note\">Rows: tests; columns: policies. Diverging colour centred on 0: blue is better than the base, vermillion worse, grey no change; every cell prints its paired mean change.</p>\n"
    for (k, kpi) in kpis.enumerated() {
      let values = result.tests.indices.map { i in result.policies.indices.map { q in result.change(test: i, policy: q, kpi: kpi.key).mean } }
      let m = max(values.flatMap { $0 }.filter(\.isFinite).map(abs).max() ?? 0, 1e-9)
      let text = result.tests.enumerated().map { i, t in
        t.name + ": " + result.policies.enumerated().map { q, p in "\(p) \(label(values[i][q], kpi.format))" }.joined(separator: ", ")
      }.joined(separator: "; ")
      let heatmap = HeatmapChart(
        id: "stress-change-heatmap-\(k)", title: "\(kpi.title): change from the base scenario",
        subtitle: "Paired mean difference test − base" + (kpi.format == .percent ? ", in percentage points" : ", in currency units"),
        description: "Heatmap of the paired change of \(kpi.title.lowercased()) from the base scenario by stress test (rows) and policy (columns). \(text).",
        columns: result.policies, rows: groups, xTitle: "Policy", yTitle: "Stress test", values: values, format: kpi.format,
        decimals: kpi.format == .percent ? 2 : 0, ramp: ColorRamp.change(higherIsWorse: kpi.key != "fillRate"),
        legendTitle: "Change", width: 820, domain: -m...m, signedLabels: true)
      h += HTMLPage.figure(heatmap.render(), caption: "\(kpi.title): paired change from the base scenario, per test and policy.", className: "single")
    }
    h += "</section>\n"
    return h
  }

  func label(_ v: Double, _ format: TickFormat) -> String {
    let text = format == .percent ? NumberFormat.fixed(v * 100, 2) + " pp" : NumberFormat.grouped(v, 0)
    return v > 0 ? "+" + text : text
  }

  func factsSection() -> String {
    let s = result.scenario, n = s.network
    return "<section id=\"scenario\">\n<h2>Scenario</h2>\n" + HTMLPage.facts([
      ("Scenario", s.spec.name), ("File", s.file), ("Seed", "\(n.seed) for every test"),
      ("Stress tests", String(result.tests.count)), ("Policies", String(result.policies.count)),
      ("Replications", "\(result.replications) per test and policy"),
      ("Horizon", "\(n.horizonDays) days, \(n.warmUpDays) warm-up"), ("SupplySim", version),
    ]) + "</section>\n"
  }

  func testsSection() -> String {
    var h = "<section id=\"tests\">\n<h2>Tests</h2>\n"
    h += "<p>Changes are paired: the mean of the per-replication differences test − base of the same policy, ± the half-width of their 95% interval; fill-rate changes are in percentage points (pp).</p>\n"
    h += "<details class=\"long\">\n<summary>Every scenario and policy: levels and paired changes (\(result.tests.count + 1) tables)</summary>\n"
    h += table(test: nil, title: StressReport.baseLabel, verdict: result.baseVerdict)
    for (i, test) in result.tests.enumerated() {
      h += table(test: i, title: test.name, verdict: result.verdict(test: i), test: test)
    }
    h += "</details>\n</section>\n"
    return h
  }

  func table(test index: Int?, title: String, verdict: StressVerdict, test: StressTest? = nil) -> String {
    var h = "<h3>\(esc(title))</h3>\n"
    if let d = test?.description { h += "<p>\(esc(d))</p>\n" }
    if let test { h += "<p class=\"note\">Sets " + StressReport.settings(test).map { "<code>\(esc($0))</code>" }.joined(separator: "; ") + ".</p>\n" }
    h += "<div class=\"table-wrap single\">\n<table class=\"stress-test\">\n<thead><tr><th scope=\"col\">Policy</th><th scope=\"col\">Fill rate</th><th scope=\"col\">Change vs base</th><th scope=\"col\">Total cost</th><th scope=\"col\">Change vs base</th></tr></thead>\n<tbody>\n"
    for (q, name) in result.policies.enumerated() {
      let o = index.map { result.outcomes[$0][q] } ?? result.base[q]
      let fill = o.summary(of: "fillRate"), cost = o.summary(of: "totalCost")
      let best = q == verdict.policy && verdict.significant
      h += "<tr><th scope=\"row\">\(esc(name))</th>"
      h += HTMLPage.meanCell(NumberFormat.percent(fill.mean, 2), halfWidth: fill.interval.map { NumberFormat.percent($0.halfWidth, 2) }, className: best ? "best" : nil)
      h += "<td>\(esc(index.map { StressReport.change(result.change(test: $0, policy: q, kpi: "fillRate"), percent: true) } ?? "–"))</td>"
      h += HTMLPage.meanCell(NumberFormat.grouped(cost.mean, 0), halfWidth: cost.interval.map { NumberFormat.grouped($0.halfWidth, 0) })
      h += "<td>\(esc(index.map { StressReport.change(result.change(test: $0, policy: q, kpi: "totalCost"), percent: false) } ?? "–"))</td></tr>\n"
    }
    h += "</tbody>\n</table>\n</div>\n<p><strong>\(esc(StressReport.verdictLine(verdict, replications: result.replications)))</strong></p>\n"
    return h
  }

  func methodSection() -> String {
    "<section id=\"method\">\n<h2>Method</h2>\n<p>Each stress test is the scenario with the values it lists set at their JSON paths, checked like a scenario file before anything runs. The base scenario and every test keep the scenario's seed, so replication r of each draws the same demand and lead times wherever the test leaves them alone (common random numbers), and the change of a policy's KPI is a paired comparison with the base. KPIs cover the days after warm-up and are defined under <a href=\"#definitions\">Definitions</a>.</p>\n<p>\(esc(result.costRanking(test: nil).testDescription)) The highest fill rate is judged the same way, on the per-replication fill-rate differences.</p>\n</section>\n"
  }
}
