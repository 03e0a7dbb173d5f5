import Testing
import Foundation
@testable import Reports
import Experiments
import Scenarios

@Suite struct HTMLReportTests {
  static let page = HTMLReport(result: ReportFixture.fiveReplications, version: "1.0-test").render()

  @Test func pageIsWellFormedXML() throws {
    let outline = try #require(XMLOutline.parse(Self.page))
    #expect(outline.elements.first?.name == "html")
    #expect(outline.elements.first?.attributes["xmlns"] == "http://www.w3.org/1999/xhtml")
  }

  @Test func pageIsSelfContained() {
    #expect(!Self.page.contains("<script"))
    #expect(!Self.page.contains("<link"))
    #expect(!Self.page.contains("src="))
    #expect(!Self.page.contains("url("))
    #expect(!Self.page.contains("@import"))
  }

  @Test("each chart is an inline SVG with a title and description",
        arguments: ["chart-cost-operating", "chart-cost-total", "chart-cost-vs-fill", "chart-stockout-durations", "chart-trajectory-0-0"])
  func chartIsPresent(id: String) throws {
    let outline = try #require(XMLOutline.parse(Self.page))
    let svg = try #require(outline.elements("svg").first { $0.attributes["id"] == id })
    #expect(svg.attributes["role"] == "img")
    #expect(outline.elements("title").contains { $0.attributes["id"] == "\(id)-title" && !$0.text.isEmpty })
    #expect(outline.elements("desc").contains { $0.attributes["id"] == "\(id)-desc" && !$0.text.isEmpty })
  }

  @Test func chartKindsAppearByClass() throws {
    let outline = try #require(XMLOutline.parse(Self.page))
    #expect(outline.elements("svg", class: "chart-cost").count == 2)
    #expect(outline.elements("svg", class: "chart-scatter").count == 1)
    #expect(outline.elements("svg", class: "chart-histogram").count == 1)
    // Three featured SKUs × three policies.
    #expect(outline.elements("svg", class: "chart-trajectory").count == 9)
    #expect(outline.elements("svg", class: "chart-forecast").isEmpty)
  }

  @Test func comparisonTableHasOneRowPerPolicy() throws {
    let outline = try #require(XMLOutline.parse(Self.page))
    let rows = outline.elements("tr").filter { row in
      row.ancestors.contains { $0.name == "table" && $0.className == "kpi-comparison" } && row.ancestors.contains { $0.name == "tbody" }
    }
    let names = ReportFixture.fiveReplications.outcomes.map(\.name)
    #expect(rows.count == names.count)
    for (row, name) in zip(rows, names) { #expect(row.text.hasPrefix(name)) }
    // Every KPI column of every row has an interval half-width.
    #expect(rows.allSatisfy { $0.text.components(separatedBy: "± ").count - 1 == HTMLReport.kpiColumns.count })
  }

  /// A ★ marks a column's value only where a paired interval shows it beats every other
  /// policy's: exactly the columns `significantlyBest` names, none for ties, none without replications.
  @Test func onlySignificantlyBestValuesAreMarked() throws {
    let result = ReportFixture.fiveReplications
    let outline = try #require(XMLOutline.parse(Self.page))
    // Cells in document order: row by row, column by column.
    let cells = outline.elements("td").filter { cell in cell.ancestors.contains { $0.className == "kpi-comparison" } }
    let columns = HTMLReport.kpiColumns.count
    #expect(cells.count == columns * result.outcomes.count)
    var marked = 0
    for (c, column) in HTMLReport.kpiColumns.enumerated() {
      let winner = result.significantlyBest(of: column.key)
      for p in result.outcomes.indices {
        let isMarked = cells[p * columns + c].attributes["class"] == "best"
        #expect(isMarked == (winner == p), "\(column.key), row \(p)")
        if isMarked { marked += 1 }
      }
      // Equal values in every replication (a tie) are never significantly better.
      let values = result.outcomes.map { $0.totals.map { $0.value(named: column.key)! } }
      if values.dropFirst().allSatisfy({ $0 == values[0] }) { #expect(winner == nil, "\(column.key) is a tie") }
    }
    #expect(marked > 0)
    let single = HTMLReport(result: ReportFixture.oneReplication, version: "t").render()
    #expect(!single.contains("class=\"best\""))
  }

  @Test func namesWithMarkupAreEscaped() throws {
    #expect(Self.page.contains("a&lt;b &amp; &quot;c&quot;"))
    #expect(!Self.page.contains(ReportFixture.awkwardName))
    #expect(Self.page.contains("mini &amp; &lt;test&gt;"))
    let outline = try #require(XMLOutline.parse(Self.page))
    let headers = outline.elements("th").map(\.text)
    #expect(headers.contains(ReportFixture.awkwardName))
  }

  @Test func pairedComparisonsGiveOneSentencePerPair() throws {
    let outline = try #require(XMLOutline.parse(Self.page))
    let findings = outline.elements("li").filter { item in item.ancestors.contains { $0.className == "findings" } }
    #expect(findings.count == 3)
    for item in findings {
      #expect(item.text.contains("(95% CI "))
      #expect(item.text.contains("significant difference"))
      #expect(item.text.contains("percentage points"))
    }
  }

  /// With one replication there are no intervals: no "—" placeholders or interval columns, one
  /// plain sentence saying so, and no ★ with the reason stated.
  @Test func oneReplicationDropsIntervalsAndStars() throws {
    let page = HTMLReport(result: ReportFixture.oneReplication, version: "t").render()
    let outline = try #require(XMLOutline.parse(page))
    #expect(outline.elements("span", class: "ci").isEmpty)
    let cells = outline.elements("td").map(\.text)
    #expect(!cells.contains { $0.contains("—") || $0.contains("needs") })
    #expect(!outline.elements("th").map(\.text).contains { $0.contains("CI") || $0 == "Significant" })
    #expect(page.contains("One replication: no intervals"))
    #expect(page.contains("with one replication a difference between policies cannot be told from noise"))
    #expect(!page.contains("class=\"star\""))
  }

  @Test func idsAreUnique() throws {
    let outline = try #require(XMLOutline.parse(Self.page))
    let ids = outline.elements.compactMap { $0.attributes["id"] }
    #expect(Set(ids).count == ids.count)
  }

  @Test func scatterHasWhiskersOnlyWithReplications() throws {
    func whiskerLines(_ page: String) throws -> Int {
      let outline = try #require(XMLOutline.parse(page))
      return outline.elements("line").filter { line in
        line.ancestors.contains { $0.className.contains("chart-scatter") } && line.ancestors.contains { $0.className == "whiskers" }
      }.count
    }
    #expect(try whiskerLines(Self.page) == 3 * 6)
    #expect(try whiskerLines(HTMLReport(result: ReportFixture.oneReplication, version: "t").render()) == 0)
  }

  @Test func sameInputGivesIdenticalBytes() {
    let again = HTMLReport(result: ReportFixture.fiveReplications, version: "1.0-test").render()
    #expect(again == Self.page)
    let rerun = HTMLReport(result: ReportFixture.run(replications: 5), version: "1.0-test").render()
    #expect(rerun == Self.page)
  }

  @Test func withoutATraceTheTraceChartsAreExplained() throws {
    let page = HTMLReport(result: ReportFixture.run(replications: 2, trace: false), version: "t").render()
    let outline = try #require(XMLOutline.parse(page))
    #expect(outline.elements("svg", class: "chart-trajectory").isEmpty)
    #expect(outline.elements("svg", class: "chart-histogram").isEmpty)
    #expect(page.contains("--no-daily"))
  }

  @Test func forecastSectionAppearsOnlyWithForecasts() throws {
    let forecast = ChartTests.syntheticForecast()
    let page = HTMLReport(result: ReportFixture.oneReplication, version: "t", forecasts: [forecast]).render()
    let outline = try #require(XMLOutline.parse(page))
    #expect(outline.elements("svg", class: "chart-forecast").count == 1)
    #expect(outline.elements("section").contains { $0.attributes["id"] == "forecasts" })
    #expect(!Self.page.contains("id=\"forecasts\""))
  }

  @Test func writeProducesReportHTML() throws {
    let dir = NSTemporaryDirectory() + "supplysim-html-\(UInt32.random(in: 0...UInt32.max))"
    let written = try RunReport(result: ReportFixture.oneReplication, version: "t").write(to: dir)
    #expect(written.contains { $0.hasSuffix("/report.html") })
    let text = try String(contentsOfFile: dir + "/report.html", encoding: .utf8)
    #expect(XMLOutline.parse(text) != nil)
    try? FileManager.default.removeItem(atPath: dir)
  }
}

/// Sentences about the figures say what the figures show: purchase cost is called most of the
/// total only when it is.
@Test func purchaseCostIsDescribedByItsShare() throws {
  func page(unitCost: Double) throws -> String {
    let scenario = try Scenario.load(json: """
      {"name": "p", "seed": 1, "horizonDays": 200, "warmUpDays": 10, "warehouse": {"id": "dc"},
       "suppliers": [{"id": "s", "leadTime": {"distribution": "deterministic", "mean": 2}}],
       "skus": [{"id": "A", "supplier": "s", "demand": {"distribution": "poisson", "mean": 5}, "unitCost": \(unitCost), "holdingCostPerUnitDay": 1, "backorderCostPerUnitDay": 9}],
       "policies": [{"name": "bs", "type": "baseStock"}]}
      """, file: "p.json")
    return HTMLReport(result: try Experiment(scenario: scenario, replications: 2, threads: 1).run(), version: "t").render()
  }
  let free = try page(unitCost: 0), dear = try page(unitCost: 100)
  #expect(!free.contains("Purchase cost is most of the total") && free.contains("(0% of the total here)"))
  #expect(dear.contains("Purchase cost is most of the total ("))
}
