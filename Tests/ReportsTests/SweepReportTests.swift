import Foundation
import Testing
import Experiments
import Scenarios
import SupplyModel
@testable import Reports

/// Small sweeps and stress suites for the report tests (a policy name with XML metacharacters).
enum SweepReportFixture {
  static let json = """
  {"name": "sweepy", "description": "Sweep <fixture> & \\"friends\\".", "seed": 3, "horizonDays": 90, "warmUpDays": 5,
   "suppliers": [{"id": "s", "leadTime": {"distribution": "deterministic", "mean": 3}}],
   "skus": [{"id": "A", "supplier": "s", "demand": {"distribution": "poisson", "mean": 6}, "unitCost": 2, "holdingCostPerUnitDay": 0.02, "backorderCostPerUnitDay": 0.4, "orderCost": 10}],
   "policies": [{"name": "a<b & \\"c\\"", "type": "sS", "fillRate": 0.9}, {"name": "base", "type": "baseStock", "serviceLevel": 0.9}],
   "stressTests": [{"name": "late & <slow>", "set": {"suppliers[0].leadTime.mean": 6}}, {"name": "down", "set": {"suppliers[0].outages": [{"start": 30, "end": 40}]}}]}
  """

  static let template = try! ScenarioTemplate.load(json: json, file: "sweepy.json")

  static func sweep(_ axes: [String], replications: Int = 2) -> SweepResult {
    let grid = SweepGrid(axes: axes.map { try! SweepAxis(parsing: $0) })
    return try! Sweep(template: template, grid: grid, replications: replications, threads: 2).run()
  }

  static let twoAxes = sweep(["policies[0].fillRate=0.8,0.9,0.95", "suppliers[0].leadTime.mean=2,3"])
  static let oneAxis = sweep(["skus[0].demand.mean=4..8:3"], replications: 1)
  static let stress = try! StressSuite(template: template, tests: template.stressTests(), replications: 3, threads: 2).run()
}

@Suite struct SweepChartTests {
  @Test func heatmapDrawsOneLabelledCellPerPairAndALegend() throws {
    let chart = HeatmapChart(id: "h", title: "Cost <&>", description: "d", columns: ["1", "2", "3"], rows: ["x", "y"],
                             xTitle: "b", yTitle: "a", values: [[1, 2, 3], [4, .nan, 6]], ramp: ColorRamp(to: ChartPalette.blue),
                             legendTitle: "Total cost", outlined: (1, 2), outlineLabel: "scenario as written")
    let outline = try #require(XMLOutline.parse(chart.render()))
    let cells = outline.elements("rect").filter { $0.ancestors.contains { $0.className == "cells" } && $0.attributes["class"] == nil }
    #expect(cells.count == 6)
    #expect(outline.elements("text", class: "cell-label").map(\.text) == ["1", "2", "3", "4", "6"])
    #expect(outline.elements("rect", class: "outlined").count == 1)
    #expect(!outline.elements("g", class: "color-legend").isEmpty)
    #expect(outline.elements("title").first?.text == "Cost <&>")
    // Darkest at the highest value, lightest at the lowest.
    let fills = cells.compactMap { $0.attributes["fill"] }
    #expect(fills.first == ColorRamp(to: ChartPalette.blue).low && fills.last == ChartPalette.blue)
  }

  @Test func tornadoDrawsARangeAndTwoMarkersPerBar() throws {
    let bars = [TornadoBar(label: "a", atLow: 10, atHigh: 30, minimum: 10, maximum: 30, lowValue: "1", highValue: "3"),
                TornadoBar(label: "b<c", atLow: 22, atHigh: 18, minimum: 17, maximum: 22, lowValue: "x", highValue: "y")]
    let chart = TornadoChart(id: "t", title: "Total cost", description: "d", bars: bars, center: 20, valueAxis: Axis(title: "Cost"))
    let svg = chart.render()
    let outline = try #require(XMLOutline.parse(svg))
    let ranges = outline.elements("rect").filter { $0.ancestors.contains { $0.className == "bars" } }
    #expect(ranges.count == 2)
    #expect(outline.elements("circle").filter { $0.ancestors.contains { $0.className == "bars" } }.count == 2)
    #expect(outline.elements("line", class: "reference").count == 1)
    #expect(outline.elements("text", class: "value-label").map(\.text) == ["1", "3", "x", "y"])
    #expect(svg == chart.render())
  }

  /// Small multiples share a scale: two policies' tornadoes of one KPI given one domain print
  /// the same axis whatever their own bars span.
  @Test func tornadoesOfOneKPIShareTheirAxis() throws {
    func ticks(_ bars: [TornadoBar], center: Double, domain: ClosedRange<Double>?) throws -> [String] {
      let svg = TornadoChart(id: "t", title: "Total cost", description: "d", bars: bars, center: center, valueAxis: Axis(title: "Cost"), domain: domain).render()
      return try #require(XMLOutline.parse(svg)).elements("text").filter { $0.ancestors.contains { $0.className == "axes" } }.map(\.text)
    }
    let narrow = [TornadoBar(label: "a", atLow: 100, atHigh: 110, minimum: 100, maximum: 110, lowValue: "1", highValue: "3")]
    let wide = [TornadoBar(label: "a", atLow: 50, atHigh: 400, minimum: 50, maximum: 400, lowValue: "1", highValue: "3")]
    #expect(try ticks(narrow, center: 105, domain: nil) != ticks(wide, center: 200, domain: nil))
    #expect(try ticks(narrow, center: 105, domain: 50...400) == ticks(wide, center: 200, domain: 50...400))
  }

  @Test func groupedDotsParseAndDrawOneDotPerSeriesAndGroup() throws {
    let chart = GroupedDotChart(id: "g", title: "Fill", description: "d", groups: ["base", "a & b"],
                                series: [DotSeries(name: "p", color: ChartPalette.blue, values: [0.9, 0.8], intervals: [0.85...0.95, nil]),
                                         DotSeries(name: "q", color: ChartPalette.orange, values: [0.95, 0.7])],
                                valueAxis: Axis(title: "Fill rate", format: .percent, limits: 0...1))
    let outline = try #require(XMLOutline.parse(chart.render()))
    #expect(outline.elements("circle").filter { $0.ancestors.contains { $0.className == "dots" } }.count == 4)
  }
}

@Suite struct SweepReportTests {
  @Test func sweepPageParsesAndHasHeatmapsAndTornadosPerPolicy() throws {
    let page = SweepHTMLReport(result: SweepReportFixture.twoAxes, version: "test").render()
    let outline = try #require(XMLOutline.parse(page))
    #expect(!page.contains("<script"))
    // Per KPI (total cost, fill rate): the levels and the change from the reference point, one heatmap per policy each.
    #expect(outline.elements("svg", class: "chart-heatmap").count == 8)
    #expect(outline.elements("svg", class: "chart-color-scale").count == 4)
    #expect(outline.elements("svg", class: "chart-tornado").count == 4)
    let rows = outline.elements("tr").filter { $0.ancestors.contains { $0.className == "sweep-results" } && $0.ancestors.contains { $0.name == "tbody" } }
    #expect(rows.count == 6 * 2)
    let one = try #require(XMLOutline.parse(SweepHTMLReport(result: SweepReportFixture.oneAxis, version: "test").render()))
    #expect(one.elements("svg", class: "chart-heatmap").isEmpty)
    #expect(one.elements("svg", class: "chart-tornado").count == 4)
  }

  /// The `<svg>` element with id `id` in `page`, parsed.
  static func svg(_ id: String, in page: String) throws -> XMLOutline {
    let at = try #require(page.range(of: "id=\"\(id)\""))
    let start = try #require(page[..<at.lowerBound].range(of: "<svg", options: .backwards))
    let end = try #require(page[at.upperBound...].range(of: "</svg>"))
    return try #require(XMLOutline.parse(String(page[start.lowerBound..<end.upperBound])))
  }

  /// The fills of a heatmap's cells, row by row.
  static func cellFills(_ svg: XMLOutline) -> [String] {
    svg.elements("rect").filter { $0.ancestors.contains { $0.className == "cells" } && $0.attributes["class"] == nil }.compactMap { $0.attributes["fill"] }
  }

  @Test func smallMultiplesShareOneColourScale() throws {
    let result = SweepReportFixture.twoAxes
    let page = SweepHTMLReport(result: result, version: "test").render()
    let grid = result.grid
    for (k, kpi) in SweepReport.chartedKPIs.enumerated() {
      let means = result.policies.indices.map { q in (0..<grid.count).map { result.summary(point: $0, policy: q, kpi: kpi.key).mean } }
      let all = means.flatMap { $0 }
      let lo = all.min()!, hi = all.max()!
      let ramp = ColorRamp(to: kpi.key == "fillRate" ? ChartPalette.bluishGreen : ChartPalette.blue)
      var colourOf: [Double: String] = [:]
      for q in result.policies.indices {
        let fills = try Self.cellFills(Self.svg("heatmap-\(k)-\(q)", in: page))
        #expect(fills.count == grid.count)
        for (p, fill) in fills.enumerated() {
          // One scale over every policy's values: the colour is fixed by the value, whichever heatmap shows it.
          #expect(fill == ramp.color(at: (means[q][p] - lo) / (hi - lo)), "\(kpi.key) policy \(q) point \(p)")
          if let seen = colourOf[means[q][p]] { #expect(seen == fill) }
          colourOf[means[q][p]] = fill
        }
      }
      // The darkest colour appears only where the highest value is, not once per heatmap.
      let darkest = try result.policies.indices.map { q in try Self.cellFills(Self.svg("heatmap-\(k)-\(q)", in: page)).filter { $0 == ramp.high }.count }
      #expect(darkest.reduce(0, +) == all.filter { $0 == hi }.count)
      // Changes: a diverging scale centred on 0, so the reference cell (change 0) is the neutral middle in every heatmap.
      let reference = grid.point(at: result.reference)
      for q in result.policies.indices {
        let fills = try Self.cellFills(Self.svg("heatmap-change-\(k)-\(q)", in: page))
        #expect(fills[reference] == "#F2F2F2")
      }
    }
  }

  @Test func sweepPagePutsTheAnswerFirstAndTheLongTableLastCollapsed() throws {
    let page = SweepHTMLReport(result: SweepReportFixture.twoAxes, version: "test").render()
    let answer = try #require(page.range(of: "<section id=\"answer\">"))
    let heatmaps = try #require(page.range(of: "<section id=\"heatmaps\">"))
    let results = try #require(page.range(of: "<section id=\"results\">"))
    #expect(answer.lowerBound < heatmaps.lowerBound && heatmaps.lowerBound < results.lowerBound)
    #expect(page[results.lowerBound...].hasPrefix("<section id=\"results\">\n<h2>All results</h2>\n<details"))
  }

  @Test func aServiceLeadIsCalledBestOnlyWhenItsPairedIntervalExcludesZero() {
    // Fill rates per replication: a leads b by 0.01 in every replication (significant); c and d swap the lead (not).
    func policy(_ name: String, _ fills: [Double]) -> PolicyTotals {
      PolicyTotals(name: name, totals: fills.map { f in
        var v = Array(repeating: 0.0, count: KPIs.names.count)
        v[KPIs.names.firstIndex(of: "fillRate")!] = f
        v[KPIs.names.firstIndex(of: "totalCost")!] = 100
        return KPIs(values: v)
      })
    }
    let clear = StressVerdict.keepsServiceBest([policy("b", [0.90, 0.94, 0.97]), policy("a", [0.91, 0.95, 0.98])])
    #expect(clear.name == "a" && clear.significant)
    #expect(StressReport.verdictLine(clear, replications: 3).hasPrefix("keeps service best: a "))
    let noisy = StressVerdict.keepsServiceBest([policy("c", [0.90, 0.96, 0.93]), policy("d", [0.92, 0.94, 0.935])])
    #expect(!noisy.significant && noisy.name == "d" && noisy.indistinguishable == ["c"])
    let line = StressReport.verdictLine(noisy, replications: 3)
    #expect(line.hasPrefix("highest fill rate: ") && line.contains("not distinguishable from") && !line.contains("keeps service best"))
    // A tie: no lead at all.
    let tie = StressVerdict.keepsServiceBest([policy("x", [0.9, 0.95]), policy("y", [0.9, 0.95])])
    #expect(!tie.significant && StressReport.verdictLine(tie, replications: 2).hasPrefix("highest fill rate: x"))
  }

  @Test func sweepCSVHasOneRowPerPointAndPolicyWithMeansAndHalfWidths() throws {
    let report = SweepReport(result: SweepReportFixture.twoAxes, version: "test")
    let lines = report.csv().split(separator: "\n")
    #expect(lines.count == 1 + 6 * 2)
    #expect(lines[0].hasPrefix("point,policies[0].fillRate,suppliers[0].leadTime.mean,policy,totalCost_mean,totalCost_ci95,"))
    #expect(lines[1].hasPrefix("1,0.8,2,\"a<b & \"\"c\"\"\","))
    let oneReplication = SweepReport(result: SweepReportFixture.oneAxis, version: "test").csv().split(separator: "\n", omittingEmptySubsequences: false)
    #expect(oneReplication[1].split(separator: ",", omittingEmptySubsequences: false)[4] == "")
  }

  @Test func sweepJSONHasTheDocumentedKeys() throws {
    let data = Data(SweepReport(result: SweepReportFixture.twoAxes, version: "test").json().utf8)
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(Set(object.keys) == ["format", "supplysimVersion", "scenario", "axes", "policies", "points", "sensitivity"])
    #expect(object["format"] as? String == "supplysim.sweep/1")
    let points = try #require(object["points"] as? [[String: Any]])
    #expect(points.count == 6)
    #expect((points[0]["values"] as? [String: Any])?["suppliers[0].leadTime.mean"] as? Int == 2)
    let axes = try #require(object["axes"] as? [[String: Any]])
    #expect(axes[1]["scenarioValue"] as? Int == 3)
    #expect((object["sensitivity"] as? [Any])?.count == 2 * 2 * 2)
    // Each point carries its cost ranking, consistent with the ranking type.
    let ranking = try #require(points[0]["costRanking"] as? [String: Any])
    let expected = SweepReportFixture.twoAxes.ranking(point: 0)
    #expect(ranking["best"] as? String == expected.best?.name)
    #expect(ranking["bestIsSignificant"] as? Bool == expected.bestIsSignificant)
    let entries = try #require(ranking["entries"] as? [[String: Any]])
    #expect(entries.map { $0["name"] as? String } == expected.entries.map(\.name))
  }

  @Test func stressReportsStateTheVerdictPerTest() throws {
    let report = StressReport(result: SweepReportFixture.stress, version: "test")
    #expect(report.verdicts().count == 3)
    let verdict = SweepReportFixture.stress.verdict(test: 0)
    #expect(report.verdicts()[1].hasPrefix(verdict.significant ? "late & <slow>: keeps service best: " : "late & <slow>: highest fill rate: "))
    let page = StressHTMLReport(result: SweepReportFixture.stress, version: "test").render()
    let outline = try #require(XMLOutline.parse(page))
    // Paired changes from the base: a dot chart and a diverging heatmap per KPI, over the tests only.
    #expect(outline.elements("svg", class: "chart-dots").count == 2)
    #expect(outline.elements("svg", class: "chart-heatmap").count == 2)
    #expect(outline.elements("line", class: "reference").count >= 2)
    let answer = try #require(page.range(of: "<section id=\"answer\">"))
    let changes = try #require(page.range(of: "<section id=\"changes\">"))
    let tests = try #require(page.range(of: "<section id=\"tests\">"))
    #expect(answer.lowerBound < changes.lowerBound && changes.lowerBound < tests.lowerBound)
    #expect(outline.elements("table", class: "stress-test").count == 3)
    let md = report.markdown()
    #expect(md.contains("## down") && md.contains("Sets: `suppliers[0].outages = [{\"start\":30,\"end\":40}]`"))
    #expect(report.csv().split(separator: "\n").count == 1 + 3 * 2)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(report.json().utf8)) as? [String: Any])
    #expect(Set(object.keys) == ["format", "supplysimVersion", "scenario", "policies", "base", "tests"])
  }
}
