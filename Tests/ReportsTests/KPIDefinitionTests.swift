import Foundation
import Testing
@testable import Reports
import SupplyModel
import _TestSupport

/// Every KPI has one definition, `KPIDefinition.all`, and every text that defines KPIs is
/// generated from it: the HTML glossary, report.md, summary.json and the reference's table.
@Suite struct KPIDefinitionTests {
  @Test func everyKPIHasExactlyOneDefinition() {
    #expect(KPIDefinition.all.map(\.key) == KPIs.names + ["bullwhip"])
    #expect(Set(KPIDefinition.all.map(\.column)).count == KPIDefinition.all.count)
    for d in KPIDefinition.all {
      #expect(!d.definition.isEmpty && d.definition.hasSuffix(".") && !d.unit.isEmpty, "\(d.key)")
    }
  }

  /// The KPI table of reports/README.md is `markdownTable()` verbatim, so it cannot drift.
  @Test func theReferenceTableIsTheGeneratedOne() throws {
    let readme = try String(contentsOfFile: SourceTree.root() + "/reports/README.md", encoding: .utf8)
    let expected = KPIDefinition.markdownTable()
    let header = "| KPI | key | unit | definition |\n"
    let start = try #require(readme.range(of: header), "reports/README.md has no KPI table starting with \(header)")
    let rest = readme[start.lowerBound...]
    let end = rest.range(of: "\n\n")?.lowerBound ?? rest.endIndex
    let table = String(rest[..<end]) + "\n"
    #expect(table == expected, "reports/README.md's KPI table differs from KPIDefinition.markdownTable(); replace it with:\n\(expected)")
  }

  /// The HTML glossary, report.md and summary.json carry the same sentences.
  @Test func reportsUseTheSameDefinitions() throws {
    let report = RunReport(result: ReportFixture.fiveReplications, version: "t")
    let md = report.markdown()
    #expect(md.contains(KPIDefinition.markdownTable(KPIDefinition.shown(network: false))))
    let html = HTMLReport(result: ReportFixture.fiveReplications, version: "t").render()
    for d in KPIDefinition.shown(network: false) {
      #expect(html.contains(XMLEscape.escape(d.definition)), "\(d.key) in report.html")
    }
    let json = try #require(JSONSerialization.jsonObject(with: Data(report.summaryJSON().utf8)) as? [String: Any])
    let definitions = try #require(json["definitions"] as? [String: [String: String]])
    #expect(Set(definitions.keys) == Set(KPIDefinition.all.map(\.key)))
    for d in KPIDefinition.all {
      #expect(definitions[d.key] == ["name": d.name, "unit": d.unit, "definition": d.definition])
    }
  }

  /// The network glossary adds transport cost and the bullwhip ratio; the single warehouse's
  /// leaves them out.
  @Test func networkDefinitionsAddTransportAndBullwhip() {
    #expect(!KPIDefinition.shown(network: false).contains { $0.key == "transportCost" || $0.key == "bullwhip" })
    #expect(KPIDefinition.shown(network: true).map(\.key) == KPIDefinition.all.map(\.key))
    #expect(RunReport(result: ReportFixture.network, version: "t").markdown().contains("| Bullwhip ratio | `bullwhip` |"))
  }
}
