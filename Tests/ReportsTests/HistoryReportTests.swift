import Foundation
import Testing
@testable import Experiments
@testable import Reports
@testable import Scenarios

/// Reports of scenarios read from tables and sales histories.
@Suite struct HistoryReportTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized.path + "/"

  /// The shipped example with its SKUs written as a JSON array instead of the CSV table gives a
  /// byte-identical summary.json (both loaded under the same file name).
  @Test func catalogueTableAndArrayGiveTheSameSummary() throws {
    let file = Self.root + "scenarios/history-example.json"
    // The static policies only: the forecast-driven one refits ETS, slow in a debug build.
    guard case var .object(members) = try JSONParser.parse(try String(contentsOfFile: file, encoding: .utf8)) else { Issue.record("not an object"); return }
    for i in members.indices where members[i].key == "policies" {
      if case let .array(policies) = members[i].value { members[i].value = .array(policies.filter { $0["forecast"] == nil }) }
    }
    let table = try Scenario.load(json: JSONValue.object(members).jsonText, file: file)
    let skus: [JSONValue] = table.spec.skus.map { s in
      var m: [(key: String, value: JSONValue)] = [("id", .string(s.id)), ("supplier", .string(s.supplier)),
                                                  ("unitCost", .number(String(s.unitCost))), ("holdingCostPerUnitDay", .number(String(s.holdingCostPerUnitDay))),
                                                  ("backorderCostPerUnitDay", .number(String(s.backorderCostPerUnitDay!))), ("orderCost", .number(String(s.orderCost!)))]
      var demand: [(key: String, value: JSONValue)] = [("source", .string(s.demand.source!))]
      if let b = s.demand.blockDays { demand.append(("blockDays", .number(String(b)))) }
      m.append(("demand", .object(demand)))
      return .object(m)
    }
    for i in members.indices where members[i].key == "skus" { members[i].value = .array(skus) }
    let array = try Scenario.load(json: JSONValue.object(members).jsonText, file: file)
    #expect(array.spec.skus == table.spec.skus)
    func summary(_ s: Scenario) throws -> String {
      RunReport(result: try Experiment(scenario: s, replications: 2, threads: 1).run(), version: "t").summaryJSON()
    }
    let a = try summary(table), b = try summary(array)
    #expect(a == b)
    #expect(a.contains("\"censoredDays\": 13"))
    let report = RunReport(result: try Experiment(scenario: table, replications: 1, threads: 2).run(), version: "t").markdown()
    #expect(report.contains("13 days they use were out of stock (censored sales, simulated as recorded): SKU-A 1, SKU-B 5, SKU-C 2, SKU-D 3, SKU-E 2."))
  }
}
