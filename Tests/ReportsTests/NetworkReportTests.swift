import Testing
import Foundation
@testable import Reports
import Experiments
import SupplyModel

@Suite struct NetworkReportTests {
  static let result = ReportFixture.network
  static let report = RunReport(result: result, version: "t")
  static let page = HTMLReport(result: result, version: "t").render()

  @Test func stockingPointsFeatureTheFirstCustomerFacingNode() {
    let points = StockingPoints(network: Self.result.scenario.network)
    #expect(points.hasSeveralNodes)
    #expect(points.customerFacingNodes == [1, 2])
    #expect(points.featuredNode == 1)
    #expect(points.featuredSlot(sku: 2) == 5)
    #expect(points.customerFacingSlots == [3, 4, 5, 6, 7, 8])
    #expect(points.featuredLabel(sku: "FAST") == "FAST at store-1")
    let single = StockingPoints(network: ReportFixture.oneReplication.scenario.network)
    #expect(!single.hasSeveralNodes && single.featuredNode == nil)
    #expect(single.featuredSlot(sku: 2) == 2 && single.featuredLabel(sku: "FAST") == "FAST")
    #expect(single.customerFacingSlots == [0, 1, 2, 3])
  }

  @Test func descriptionListsEachNodesSources() throws {
    let network = try #require(NetworkDescription(network: Self.result.scenario.network))
    #expect(network.echelonCount == 2)
    #expect(network.nodes.map(\.id) == ["DC", "store-1", "store-2"])
    #expect(network.nodes.map(\.echelon) == [2, 1, 1])
    let dc = network.nodes[0].sources
    #expect(dc.count == 1 && dc[0].from == "acme" && dc[0].lane == 0 && dc[0].meanLeadTimeDays == 5 && dc[0].transportCostPerUnit == 0.2)
    let store2 = network.nodes[2].sources
    #expect(store2.count == 1 && store2[0].from == "DC" && store2[0].node == 0 && store2[0].meanLeadTimeDays == 2 && store2[0].skuCount == 3)
    #expect(NetworkDescription.phrase(store2[0], skuCount: 3) == "DC (2 d, 0.1/unit)")
    #expect(network.suppliersUsed == [0])
    #expect(NetworkDescription(network: ReportFixture.oneReplication.scenario.network) == nil)
  }

  @Test func stockoutRunsAtCustomerFacingPointsMatchTheNodeKPIs() throws {
    let points = StockingPoints(network: Self.result.scenario.network)
    let measured = Self.result.scenario.network.measuredDays
    for outcome in Self.result.outcomes {
      let trace = try #require(outcome.trace)
      #expect(trace.skuCount == 9)
      for node in points.customerFacingNodes {
        let slots = (0..<3).map { points.slot(node: node, sku: $0) }
        let runs = StockoutRuns(trace: trace, measuredDays: measured, slots: slots)
        #expect(Double(runs.stockoutDays.reduce(0, +)) == outcome.perNode[0][node].stockoutDays, "\(outcome.name) node \(node)")
      }
    }
  }

  @Test func nodesCSVHasOneRowPerPolicyAndNodeWithIntervals() throws {
    let csv = try #require(Self.report.nodesCSV())
    let rows = csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    let header = rows[0]
    #expect(header.prefix(4) == ["policy", "node", "kind", "echelon"])
    #expect(header.count == 4 + 2 * (KPIs.names.count + 1))
    #expect(header.suffix(2) == ["bullwhip", "bullwhipHalfWidth95"])
    #expect(rows.count == 1 + 4 * 3)
    #expect(rows.dropFirst().allSatisfy { $0.count == header.count })
    #expect(rows[1].prefix(4) == ["base", "DC", "distributionCenter", "2"])
    #expect(rows[3].prefix(4) == ["base", "store-2", "store", "1"])
    // Two replications: every KPI has a half-width; the mean matches the per-node KPIs.
    let fill = header.firstIndex(of: "fillRate")!
    #expect(Double(rows[2][fill]) == KPISummary(values: Self.result.outcomes[0].perNode.map { $0[1].fillRate }).mean)
    #expect(!rows[2][fill + 1].isEmpty)
    #expect(RunReport(result: ReportFixture.oneReplication, version: "t").nodesCSV() == nil)
  }

  @Test func dailyCSVHasANodeColumnOnlyForNetworks() throws {
    let daily = try #require(Self.report.dailyCSV())
    let lines = daily.split(separator: "\n")
    #expect(lines[0] == "policy,day,node,sku,demand,shipped,onHand,onOrder,backordered,ordered,received")
    #expect(lines.count == 1 + 4 * 120 * 9)
    #expect(lines[1].hasPrefix("base,0,DC,FAST,"))
    #expect(lines[9].hasPrefix("base,0,store-2,SLOW,"))
    #expect(lines[10].hasPrefix("base,1,DC,FAST,"))
    let single = try #require(RunReport(result: ReportFixture.oneReplication, version: "t").dailyCSV())
    #expect(single.hasPrefix("policy,day,sku,demand,shipped,onHand,onOrder,backordered,ordered,received\n"))
  }

  @Test func markdownHasTheNetworkSection() {
    let md = Self.report.markdown()
    #expect(md.contains("- 3 SKUs at each of 3 stocking nodes in 2 echelons (1 distribution centre, 2 stores), 1 supplier"))
    #expect(md.contains("## Network"))
    #expect(md.contains("| DC | distribution centre | 2 | acme (5 d, 0.2/unit) | fair share | – |"))
    #expect(md.contains("| store-1 | store | 1 | DC (1 d, 0.1/unit) | – | ×1.5 |"))
    for outcome in Self.result.outcomes { #expect(md.contains("### \(outcome.name): per node")) }
    #expect(md.contains("### Bullwhip ratio by echelon"))
    #expect(md.contains("| Policy | Stock | Echelon 1 (2 stores) | Echelon 2 (1 distribution centre) |"))
    #expect(md.contains("| echelon | echelon |"))
    #expect(md.contains("share of downstream orders shipped the same day"))
    #expect(md.contains("at DC: base-stock, daily review"))
    #expect(Self.report.comparisonTable().header.contains("Transport"))
    #expect(!RunReport(result: ReportFixture.oneReplication, version: "t").markdown().contains("## Network"))
    #expect(!RunReport(result: ReportFixture.oneReplication, version: "t").comparisonTable().header.contains("Transport"))
  }

  @Test func pageHasTheDiagramBullwhipChartAndNodeTables() throws {
    let outline = try #require(XMLOutline.parse(Self.page))
    let diagram = try #require(outline.elements("svg").first { $0.attributes["id"] == "network-diagram" })
    #expect(diagram.attributes["role"] == "img")
    // One supplier and three nodes; three lanes with arrow heads.
    let boxes = outline.elements("rect", class: "node").filter { $0.ancestors.contains { $0.className.contains("network-diagram") } }
    #expect(boxes.count == 4)
    let lanes = outline.elements("path", class: "lane").filter { $0.ancestors.contains { $0.className.contains("network-diagram") } }
    #expect(lanes.count == 3)
    #expect(outline.elements("svg", class: "chart-bullwhip").count == 1)
    #expect(outline.elements("table", class: "per-node").count == 4)
    #expect(outline.elements("table", class: "network-nodes").count == 1)
    #expect(outline.elements("section").contains { $0.attributes["id"] == "network" })
    let ids = outline.elements.compactMap { $0.attributes["id"] }
    #expect(Set(ids).count == ids.count)
    #expect(!HTMLReport(result: ReportFixture.oneReplication, version: "t").render().contains("id=\"network\""))
  }

  @Test func trajectoriesAndForecastsShowTheFirstStoreWithItsLevels() throws {
    let outline = try #require(XMLOutline.parse(Self.page))
    let headings = outline.elements("h3").map(\.text).filter { $0.contains(" — ") && !$0.hasSuffix(" stock") }
    #expect(headings.count == 3)
    #expect(headings.allSatisfy { $0.contains(" at store-1 — ") && $0.contains("over all customer-facing nodes") })
    // The base policy's store level, not the DC's.
    let outcome = Self.result.outcomes[0]
    let store = Int(try #require(outcome.nodeParameters[1].value(PolicyParameters.orderUpTo, ofSKU: 0)))
    let dc = Int(try #require(outcome.nodeParameters[0].value(PolicyParameters.orderUpTo, ofSKU: 0)))
    #expect(store != dc)
    #expect(Self.page.contains("FAST at store-1: S = \(store);"))
    let forecasts = Self.result.forecastShowcase
    #expect(!forecasts.isEmpty)
    #expect(forecasts.allSatisfy { $0.sku.hasSuffix(" at store-1") })
    let trace = try #require(outcome.trace)
    let fast = try #require(forecasts.first { $0.sku == "FAST at store-1" })
    #expect(fast.actual.last == Double(trace.demand[trace.index(day: trace.dayCount - 1, sku: 3)]))
  }

  @Test func diagramOrdersColumnsByTheirFeeders() {
    let boxes = [
      NetworkDiagram.Box(title: "s", column: 0, fill: "#FFFFFF"),
      NetworkDiagram.Box(title: "a", column: 1, fill: "#FFFFFF"), NetworkDiagram.Box(title: "b", column: 1, fill: "#FFFFFF"),
      NetworkDiagram.Box(title: "from-b", column: 2, fill: "#FFFFFF"), NetworkDiagram.Box(title: "from-a", column: 2, fill: "#FFFFFF"),
    ]
    let links = [NetworkDiagram.Link(from: 0, to: 1, label: "1 d"), NetworkDiagram.Link(from: 0, to: 2, label: "1 d"),
                 NetworkDiagram.Link(from: 2, to: 3, label: "1 d"), NetworkDiagram.Link(from: 1, to: 4, label: "1 d")]
    let diagram = NetworkDiagram(id: "d", title: "t", description: "d", columnTitles: ["A", "B", "C"], boxes: boxes, links: links)
    #expect(diagram.columnOrder() == [[0], [1, 2], [4, 3]])
    #expect(XMLOutline.parse(diagram.render()) != nil)
  }

  @Test func writeRemovesAStaleNodesFileForASingleWarehouse() throws {
    let dir = NSTemporaryDirectory() + "supplysim-stale-\(UUID().uuidString)"
    try Self.report.write(to: dir)
    #expect(FileManager.default.fileExists(atPath: dir + "/nodes.csv"))
    let written = try RunReport(result: ReportFixture.run(replications: 1, trace: false), version: "t").write(to: dir)
    #expect(!written.contains { $0.hasSuffix("nodes.csv") })
    #expect(!FileManager.default.fileExists(atPath: dir + "/nodes.csv"))
    #expect(!FileManager.default.fileExists(atPath: dir + "/daily.csv"))
    try? FileManager.default.removeItem(atPath: dir)
  }
}
