import Experiments
import Scenarios
import SupplyModel

/// `stress.html`: one self-contained page with the verdict per stress test, grouped dot charts
/// of fill rate and total cost per test and policy with 95% intervals, and per test a table of
/// each policy's fill rate and cost with its paired change from the base scenario.
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

  /// The page.
  public func render() -> String {
    let links = [("verdicts", "Verdicts"), ("charts", "Charts"), ("tests", "Tests"), ("method", "Method")]
    let body = factsSection() + verdictSection() + chartSection() + testsSection() + methodSection()
    return HTMLPage.render(kicker: "SupplySim stress tests", title: result.scenario.spec.name, lede: result.scenario.spec.description,
                           links: links, body: body, file: result.scenario.file, version: version)
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

  func verdictSection() -> String {
    var h = "<section id=\"verdicts\">\n<h2>Which policy keeps service best</h2>\n"
    h += "<p>Per test, the policy with the highest mean fill rate (equal fill rates: the lower mean total cost).</p>\n"
    h += "<div class=\"table-wrap single\">\n<table class=\"stress-verdicts\">\n<thead><tr><th scope=\"col\">Test</th><th scope=\"col\" class=\"left\">Keeps service best</th><th scope=\"col\">Fill rate</th><th scope=\"col\">Total cost</th></tr></thead>\n<tbody>\n"
    let rows = [(StressReport.baseLabel, result.baseVerdict)] + result.tests.indices.map { (result.tests[$0].name, result.verdict(test: $0)) }
    for (name, v) in rows {
      h += "<tr><th scope=\"row\">\(esc(name))</th><td class=\"left\">\(esc(v.name))</td><td>\(esc(NumberFormat.percent(v.fillRate, 2)))</td><td>\(esc(NumberFormat.grouped(v.totalCost, 0)))</td></tr>\n"
    }
    h += "</tbody>\n</table>\n</div>\n</section>\n"
    return h
  }

  func chartSection() -> String {
    let groups = [StressReport.baseLabel] + result.tests.map(\.name)
    let intervals = result.replications > 1
    var h = "<section id=\"charts\">\n<h2>Fill rate and cost per test</h2>\n"
    h += "<p>One row of dots per test, one dot per policy" + (intervals ? ", whiskers: 95% confidence intervals of each mean across \(result.replications) replications (the paired changes in the tables below are sharper)." : ".") + "</p>\n"
    for (key, title, format) in [("fillRate", "Fill rate", TickFormat.percent), ("totalCost", "Total cost", TickFormat.number)] {
      let series = result.policies.enumerated().map { q, name in
        let all = [result.base[q]] + result.outcomes.map { $0[q] }
        let summaries = all.map { $0.summary(of: key) }
        return DotSeries(name: name, color: ChartPalette.color(q), values: summaries.map(\.mean),
                         intervals: summaries.map { s in intervals ? s.interval.map { $0.lower...$0.upper } : nil })
      }
      let text = groups.enumerated().map { g, group in
        group + ": " + series.map { "\($0.name) \(format == .percent ? NumberFormat.percent($0.values[g], 2) : NumberFormat.grouped($0.values[g], 0))" }.joined(separator: ", ")
      }.joined(separator: "; ")
      let chart = GroupedDotChart(
        id: "stress-\(key)", title: "\(title) per stress test and policy",
        subtitle: "Mean over \(HTMLReport.plural(result.replications, "replication"))",
        description: "Dot chart of mean \(title.lowercased()) per stress test and policy. \(text).",
        groups: groups, series: series,
        valueAxis: Axis(title: key == "fillRate" ? "Fill rate (% of demand met from stock)" : "Total cost (currency units)",
                        format: format, limits: key == "fillRate" ? 0...1 : nil),
        width: 820)
      h += HTMLPage.figure(chart.render(), caption: "\(title): base scenario first, then each stress test in file order.", className: "single")
    }
    h += "</section>\n"
    return h
  }

  func testsSection() -> String {
    var h = "<section id=\"tests\">\n<h2>Tests</h2>\n"
    h += "<p>Changes are paired: the mean of the per-replication differences test − base of the same policy, ± the half-width of their 95% interval; fill-rate changes are in percentage points (pp).</p>\n"
    h += table(test: nil, title: StressReport.baseLabel, verdict: result.baseVerdict)
    for (i, test) in result.tests.enumerated() {
      h += table(test: i, title: test.name, verdict: result.verdict(test: i), test: test)
    }
    h += "</section>\n"
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
      let best = q == verdict.policy
      h += "<tr><th scope=\"row\">\(esc(name))</th>"
      h += HTMLPage.meanCell(NumberFormat.percent(fill.mean, 2), halfWidth: fill.interval.map { NumberFormat.percent($0.halfWidth, 2) }, className: best ? "best" : nil)
      h += "<td>\(esc(index.map { StressReport.change(result.change(test: $0, policy: q, kpi: "fillRate"), percent: true) } ?? "–"))</td>"
      h += HTMLPage.meanCell(NumberFormat.grouped(cost.mean, 0), halfWidth: cost.interval.map { NumberFormat.grouped($0.halfWidth, 0) })
      h += "<td>\(esc(index.map { StressReport.change(result.change(test: $0, policy: q, kpi: "totalCost"), percent: false) } ?? "–"))</td></tr>\n"
    }
    h += "</tbody>\n</table>\n</div>\n<p><strong>\(esc(StressReport.verdictLine(verdict)))</strong></p>\n"
    return h
  }

  func methodSection() -> String {
    "<section id=\"method\">\n<h2>Method</h2>\n<p>Each stress test is the scenario with the values it lists set at their JSON paths, checked like a scenario file before anything runs. The base scenario and every test keep the scenario's seed, so replication r of each draws the same demand and lead times wherever the test leaves them alone (common random numbers), and the change of a policy's KPI is a paired comparison with the base. KPIs cover the days after warm-up and are defined as in <code>report.html</code>.</p>\n</section>\n"
  }
}
