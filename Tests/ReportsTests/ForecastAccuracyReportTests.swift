import Foundation
import Testing
@testable import Experiments
@testable import Reports
@testable import Scenarios
import Replenishment
import SupplyModel

/// Forecast accuracy beside the KPIs in every report file, on the shipped history example.
@Suite struct ForecastAccuracyReportTests {
  /// history-example.json with one forecast-driven policy using a cheap forecaster (a debug build
  /// refits ETS slowly) and one static policy.
  static func scenario(policies: String = #"[{"name": "sS-fill98", "type": "sS", "fillRate": 0.98}, {"name": "sS-ses", "type": "sS", "fillRate": 0.98, "forecast": {"model": "ses", "retrainEvery": 14}}]"#) throws -> Scenario {
    let file = HistoryReportTests.root + "scenarios/history-example.json"
    guard case var .object(members) = try JSONParser.parse(try String(contentsOfFile: file, encoding: .utf8)) else { throw CocoaError(.fileReadCorruptFile) }
    for i in members.indices where members[i].key == "policies" { members[i].value = try JSONParser.parse(policies) }
    return try Scenario.load(json: JSONValue.object(members).jsonText, file: file)
  }

  @Test func holdoutAndSimulatedAccuracyAppearInEveryFile() throws {
    let s = try Self.scenario()
    let result = try Experiment(scenario: s, replications: 2, threads: 2).run()
    let report = RunReport(result: result, version: "t")
    // The holdout is the rolling-origin evaluation of each SKU's past, pooled over SKUs.
    let settings = s.policies[1].model.forecast!
    let lead = PlanningData.fromModel(s.network).map(\.leadTimeMean)
    let direct = ForecastErrorTotals.concatenating(s.network.skus.indices.map { k in
      ForecastHoldout.evaluate(s.network.skus[k].demand.past, settings: settings, protection: lead[k]).totals
    })
    #expect(result.holdout.count == 2 && result.holdout[0] == nil)
    #expect(result.holdout[1] == direct)
    let pooled = direct.accuracy()
    // 8 origins per SKU, each scoring ⌊lead time⌋ days: 3 (acme) or 6 (bolt, gamma mean 6).
    #expect(pooled.days == 8 * (3 + 3 + 3 + 6 + 6))
    #expect(pooled.coverage80 > 0.5 && pooled.coverage80 <= 1)

    let summary = report.summaryJSON()
    #expect(summary.contains("\"forecastAccuracy\""))
    #expect(summary.contains("\"holdout\""))
    #expect(summary.contains("\"coverage95\""))
    // No calibrated policy: no bound figures anywhere.
    #expect(!summary.contains("boundCoverage") && !report.markdown().contains("Calibrated safety-stock bound"))
    let csv = report.kpisCSV()
    let lines = csv.split(separator: "\n")
    let header = lines[0].split(separator: ",", omittingEmptySubsequences: false)
    #expect(header.suffix(12).map(String.init) == ForecastAccuracyFigures.csvColumns)
    // Every row has as many cells as the header; the static policy's accuracy cells are empty.
    #expect(lines.allSatisfy { $0.split(separator: ",", omittingEmptySubsequences: false).count == header.count })
    let staticRow = lines.first { $0.hasPrefix("sS-fill98,SKU-A,") }!
    #expect(staticRow.hasSuffix(",,,,,,,,,,,,"))
    let sesTotal = lines.first { $0.hasPrefix("sS-ses,TOTAL,") }!.split(separator: ",", omittingEmptySubsequences: false)
    let holdoutMASE = Double(sesTotal[header.count - 12])!
    #expect(abs(holdoutMASE - pooled.mase) < 1e-12)
    #expect(report.markdown().contains("## Forecast accuracy beside the KPIs"))
    #expect(report.markdown().contains("| history holdout |"))
    let html = HTMLReport(result: result, version: "t").render()
    #expect(html.contains("<section id=\"forecast-accuracy\">"))
    // Thread count changes nothing.
    let one = RunReport(result: try Experiment(scenario: s, replications: 2, threads: 1).run(), version: "t")
    #expect(one.summaryJSON() == summary)
    #expect(one.kpisCSV() == csv)
  }

  @Test func theCalibratedBoundsCoverageAppearsInEveryFile() throws {
    let s = try Self.scenario(policies: #"[{"name": "sS-ses", "type": "sS", "serviceLevel": 0.9, "forecast": {"model": "ses", "retrainEvery": 14}}, {"name": "sS-ses-conformal", "type": "sS", "serviceLevel": 0.9, "forecast": {"model": "ses", "retrainEvery": 14, "calibration": "conformal"}}]"#)
    let result = try Experiment(scenario: s, replications: 2, threads: 2).run()
    let report = RunReport(result: result, version: "t")
    // The pooled figures, mean over replications, straight from the trackers' totals.
    let perReplication = result.outcomes[1].forecastErrors!.map { $0.accuracy() }
    #expect(perReplication.allSatisfy { $0.boundDays > 0 && abs($0.boundLevel! - 0.9) < 1e-12 })
    #expect(result.outcomes[0].forecastErrors!.allSatisfy { $0.boundDays.isEmpty })
    let coverage = (perReplication[0].boundCoverage! + perReplication[1].boundCoverage!) / 2
    let summary = report.summaryJSON()
    #expect(summary.contains("\"boundCoverage\"") && summary.contains("\"rawBoundCoverage\"") && summary.contains("\"boundLevel\""))
    let csv = report.kpisCSV()
    let lines = csv.split(separator: "\n")
    let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    #expect(Array(header.suffix(15)) == ForecastAccuracyFigures.csvColumns + ForecastAccuracyFigures.boundColumns)
    #expect(lines.allSatisfy { $0.split(separator: ",", omittingEmptySubsequences: false).count == header.count })
    // The raw policy's bound cells are empty; the calibrated one's TOTAL holds the pooled figures.
    #expect(lines.first { $0.hasPrefix("sS-ses,SKU-A,") }!.hasSuffix(",,,"))
    let total = lines.first { $0.hasPrefix("sS-ses-conformal,TOTAL,") }!.split(separator: ",", omittingEmptySubsequences: false)
    #expect(abs(Double(total[header.count - 3])! - 0.9) < 1e-12)
    #expect(abs(Double(total[header.count - 2])! - coverage) < 1e-12)
    let md = report.markdown()
    #expect(md.contains("| Policy | Decision days | Nominal level | Calibrated bound coverage | Raw bound coverage |"))
    #expect(md.contains("| sS-ses-conformal (ses + conformal) |"))
    #expect(HTMLReport(result: result, version: "t").render().contains("<th scope=\"col\">Calibrated bound coverage</th>"))
    // Thread count changes nothing.
    let one = RunReport(result: try Experiment(scenario: s, replications: 2, threads: 1).run(), version: "t")
    #expect(one.summaryJSON() == summary)
    #expect(one.kpisCSV() == csv)
  }
}
