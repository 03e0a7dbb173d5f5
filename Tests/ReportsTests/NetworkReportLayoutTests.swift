import Testing
import Foundation
@testable import Reports
import Experiments
import SupplyModel

/// The network parts of report.html: per-node cost columns that add up to the totals, the
/// bullwhip chart on a categorical axis, no duplicated heading.
@Suite struct NetworkReportLayoutTests {
  static let result = ReportFixture.network
  static let page = HTMLReport(result: result, version: "t").render()
  static let costKeys = ["totalCost", "holdingCost", "shortageCost", "orderingCost", "purchaseCost", "transportCost"]

  /// Every cost component is a per-node column, and over the nodes each column adds up to the
  /// network's total, replication by replication.
  @Test func perNodeCostColumnsAddUpToTheTotals() {
    #expect(Set(Self.costKeys).isSubset(of: RunReport.nodeColumns.map(\.0)))
    for outcome in Self.result.outcomes {
      for (r, total) in outcome.totals.enumerated() {
        for key in Self.costKeys {
          let sum = outcome.perNode[r].reduce(0) { $0 + $1.value(named: key)! }
          let expected = total.value(named: key)!
          #expect(abs(sum - expected) <= 1e-9 * max(1, abs(expected)), "\(outcome.name), replication \(r), \(key): nodes \(sum), total \(expected)")
        }
      }
    }
  }

  /// The page's per-node table shows each cost column, and its cells' means (rounded to whole
  /// units) add up to the comparison table's mean within the rounding of the cells.
  @Test func perNodeTablesShowEveryCostColumn() throws {
    let outline = try #require(XMLOutline.parse(Self.page))
    let tables = outline.elements("table", class: "per-node")
    #expect(tables.count == Self.result.outcomes.count)
    let headers = outline.elements("th").filter { th in th.ancestors.contains { $0.className == "per-node" } }.map(\.text)
    for title in ["Shortage", "Ordering", "Purchase", "Transport", "Holding", "Total cost"] { #expect(headers.contains(title)) }
    let nodes = Self.result.outcomes[0].perNode[0].count
    for outcome in Self.result.outcomes {
      for key in Self.costKeys {
        let perNode = (0..<nodes).map { RunReport.summary(outcome, node: $0, kpi: key).mean }
        let total = outcome.summary(of: key).mean
        #expect(abs(perNode.reduce(0, +) - total) <= 1e-6 * max(1, total), "\(outcome.name) \(key)")
      }
    }
  }

  /// Bullwhip by echelon: dots in one band per echelon, one per policy, no connecting lines, and
  /// the chart's title is not the section's heading again.
  @Test func bullwhipIsDrawnAsDotsPerEchelon() throws {
    let outline = try #require(XMLOutline.parse(Self.page))
    #expect(outline.elements("svg", class: "chart-bullwhip").count == 1)
    let inChart = outline.elements.filter { $0.ancestors.contains { $0.className.contains("chart-bullwhip") } }
    #expect(!inChart.contains { $0.name == "polyline" || $0.ancestors.contains { $0.className == "lines" } })
    let dots = inChart.filter { $0.name == "circle" && $0.ancestors.contains { $0.className == "dots" } }
    #expect(dots.count == 2 * Self.result.outcomes.count)
    let headings = outline.elements("h3").map(\.text) + outline.elements("title").map(\.text)
    #expect(headings.filter { $0 == "Bullwhip ratio by echelon" }.count == 1)
  }
}
