import Testing
import Foundation
@testable import Reports
import Experiments
import Scenarios
import SupplyModel
import _TestSupport

/// Large catalogues: the reports summarise them above `CatalogueSummary.perSKUTableLimit` SKUs,
/// list every SKU below, and stay small whatever the SKU count; daily.csv is streamed with the
/// same bytes as the in-memory text.
@Suite struct CatalogueReportTests {
  /// The mini fixture's SKUs cycled to `skus` (ids suffixed), over `days` days without warm-up.
  static func cycled(skus: Int, days: Int, trace: Bool = false) -> ExperimentResult {
    let scenario = try! ReportFixture.cycledScenario(skus: skus, days: days, warmUpDays: 0)
    return try! Experiment(scenario: scenario, replications: 1, threads: 2, recordTrace: trace).run()
  }

  static let large = cycled(skus: CatalogueSummary.perSKUTableLimit + 50, days: 40)

  @Test func largeCatalogueShowsTheSummaryInsteadOfPerSKUTables() throws {
    let html = HTMLReport(result: Self.large, version: "t").render()
    let outline = try #require(XMLOutline.parse(html))
    #expect(outline.elements("section").contains { $0.attributes["id"] == "catalogue" })
    #expect(!outline.elements("section").contains { $0.attributes["id"] == "per-sku" })
    for title in ["Distribution of per-SKU KPIs", "ABC classes (by demand value)", "XYZ classes (by demand variability)",
                  "Highest-cost SKUs", "SKUs with the most stockout days", "Featured SKUs"] {
      #expect(outline.elements("h3").contains { $0.text == title }, "\(title) missing")
    }
    let md = RunReport(result: Self.large, version: "t").markdown()
    #expect(md.contains("## Catalogue summary") && md.contains("### ABC classes (by demand value)"))
    #expect(!md.contains("## Per SKU"))
    // The highest-cost list names the SKU with the highest cost under each policy first.
    let summary = CatalogueSummary(result: Self.large)
    for (p, outcome) in Self.large.outcomes.enumerated() {
      let costs = outcome.perSKU[0].map(\.totalCost)
      #expect(summary.worstByCost[p].first == costs.indices.max { costs[$0] < costs[$1] || (costs[$0] == costs[$1] && $0 > $1) })
      #expect(summary.worstByCost[p].count == CatalogueSummary.worstCount)
    }
    // Classes partition the catalogue and their costs add up to the policy's total.
    for rows in [summary.abc, summary.xyz] {
      #expect(rows.reduce(0) { $0 + $1.skuCount } == Self.large.scenario.network.skus.count)
      for (p, outcome) in Self.large.outcomes.enumerated() {
        let total = rows.reduce(0.0) { $0 + $1.totalCost[p] }
        #expect(Approx.equal(total, outcome.totals[0].totalCost, relative: 1e-9))
      }
    }
  }

  @Test func smallCatalogueKeepsItsPerSKUTables() throws {
    let html = HTMLReport(result: ReportFixture.oneReplication, version: "t").render()
    #expect(html.contains("<section id=\"per-sku\">") && !html.contains("<section id=\"catalogue\">"))
    let md = RunReport(result: ReportFixture.oneReplication, version: "t").markdown()
    #expect(md.contains("## Per SKU") && !md.contains("## Catalogue summary"))
  }

  /// 20,000 SKUs (100 times the limit): the page holds summaries, not rows, so it stays far
  /// below a megabyte (a million SKUs give the same sections, about 60 KB).
  @Test func reportSizeIsBoundedForTwentyThousandSKUs() {
    let result = Self.cycled(skus: 20_000, days: 4)
    let html = HTMLReport(result: result, version: "t").render()
    let md = RunReport(result: result, version: "t").markdown()
    #expect(html.utf8.count < 400_000, "report.html is \(html.utf8.count) bytes")
    #expect(md.utf8.count < 200_000, "report.md is \(md.utf8.count) bytes")
  }

  @Test func streamedDailyCSVHasTheInMemoryBytes() throws {
    for result in [ReportFixture.fiveReplications, ReportFixture.network] {
      let report = RunReport(result: result, version: "t")
      let path = NSTemporaryDirectory() + "supplysim-daily-\(UUID().uuidString).csv"
      defer { try? FileManager.default.removeItem(atPath: path) }
      #expect(try report.streamDailyCSV(to: path))
      let streamed = try #require(FileManager.default.contents(atPath: path))
      #expect(streamed == Data(try #require(report.dailyCSV()).utf8))
    }
    #expect(try !RunReport(result: ReportFixture.run(replications: 1, trace: false), version: "t").streamDailyCSV(to: "/nonexistent/x.csv"))
  }

  @Test func streamingIntoAMissingFolderNamesTheFile() {
    do {
      try AtomicFile.stream(to: "/nonexistent-folder/daily.csv") { $0.append("x") }
      Issue.record("no error")
    } catch {
      #expect("\(error)".contains("/nonexistent-folder/") && "\(error)".contains("cannot create"))
    }
  }

  @Test func decimalDigitsMatchStringInterpolation() throws {
    let path = NSTemporaryDirectory() + "supplysim-digits-\(UUID().uuidString).txt"
    defer { try? FileManager.default.removeItem(atPath: path) }
    let values = [0, 1, -1, 9, 10, -10, 123_456_789, Int.max, Int.min, Int.min + 1]
    try AtomicFile.stream(to: path, flushBytes: 3) { out in
      for v in values { out.append(decimal: v); out.append(byte: 10); try out.flushIfFull() }
    }
    #expect(String(decoding: try #require(FileManager.default.contents(atPath: path)), as: UTF8.self) == values.map { "\($0)\n" }.joined())
  }
}
