#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Testing
@testable import Scenarios

/// A fresh temporary folder.
private func scratch(_ label: String) -> String {
  let path = FileManager.default.temporaryDirectory.path + "/supplysim-m5-\(label)-\(UInt64.random(in: 0...UInt64.max))"
  try? FileManager.default.createDirectory(atPath: path + "/in", withIntermediateDirectories: true)
  return path
}

private func lines(_ path: String) -> [[String]] {
  let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
  return text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
}

private func replace(_ path: String, line: Int, with text: String) {
  var all = ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
  all[line - 1] = text
  try? all.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
}

@Suite struct M5ImporterTests {
  /// history.csv read back gives the wide file's numbers, the weekly prices and the calendar's
  /// event and SNAP days.
  @Test func roundTripReproducesTheWideInput() throws {
    let root = scratch("roundtrip")
    defer { try? FileManager.default.removeItem(atPath: root) }
    try M5Sample.write(to: root + "/in", series: 40, days: 200, seed: 3)
    let summary = try M5Importer(directory: root + "/in").run(output: root + "/out")
    #expect(summary.series == 40 && summary.days == 200)
    #expect(summary.firstDate == "2011-01-29" && summary.lastDate == "2011-08-16" && summary.startDate == "2011-08-17")

    let wide = lines(root + "/in/sales_train_validation.csv")
    let calendar = lines(root + "/in/calendar.csv")
    let prices = lines(root + "/in/sell_prices.csv")
    var price: [String: String] = [:]
    for p in prices.dropFirst() { price["\(p[0]) \(p[1]) \(p[2])"] = p[3] }
    var rows: [String: [String]] = [:]
    let history = lines(root + "/out/history.csv")
    #expect(history[0] == ["date", "sku", "quantity", "node", "price", "promotion", "available"])
    for h in history.dropFirst() { rows["\(h[1]) \(h[3]) \(h[0])"] = h }
    #expect(rows.count == summary.rows)
    var lateStarters = 0
    for w in wide.dropFirst() {
      let item = w[1], store = w[4], state = w[5]
      let snapColumn = ["CA": 11, "TX": 12, "WI": 13][state]!
      var started = false
      for d in 0..<200 {
        let c = calendar[d + 1]
        let weekPrice = price["\(store) \(item) \(c[1])"]
        guard let row = rows["\(item) \(store) \(c[0])"] else {
          // Left out only before the first price, and only when nothing sold.
          #expect(!started && weekPrice == nil && w[6 + d] == "0", "\(item) \(store) \(c[0]) missing")
          continue
        }
        if !started && d > 0 { lateStarters += 1 }
        started = true
        #expect(row[2] == w[6 + d], "\(item) \(store) day \(d + 1)")
        #expect(Double(row[4]) == weekPrice.flatMap(Double.init), "\(item) \(store) \(c[0]) price \(row[4]) vs \(String(describing: weekPrice))")
        let promoted = !c[7].isEmpty || !c[9].isEmpty || c[snapColumn] == "1"
        #expect(row[5] == (promoted ? "1" : "0"), "\(c[0]) promotion")
        #expect(row[6] == "1")
      }
    }
    #expect(lateStarters >= 1, "the sample has items first priced in week 20")
    let skus = lines(root + "/out/skus.csv")
    #expect(skus[0] == ["id", "unitCost", "holdingCostPerUnitDay"])
    #expect(skus.map { $0[0] } == ["id", "FOODS_1_000", "HOUSEHOLD_2_001", "HOBBIES_1_002", "FOODS_2_003"])
    // FOODS_1_000 costs 1.00 (0.80 in every 13th week) in every store; the 200 days span weeks
    // 0…28: unitCost = 0.7 × the mean weekly price.
    let weeks = (0..<29).map { $0 % 13 == 0 ? 0.8 : 1.0 }
    #expect(abs(Double(skus[1][1])! - 0.7 * weeks.reduce(0, +) / 29) < 1e-4)
    #expect(abs(Double(skus[1][2])! - Double(skus[1][1])! * 0.25 / 365) < 1e-8)
    let scenario = try String(contentsOfFile: root + "/out/scenario.json", encoding: .utf8)
    #expect(scenario.contains("\"startDate\": \"2011-08-17\"") && scenario.contains("\"source\": \"fitted\""))
    _ = try JSONParser.parse(scenario)
  }

  @Test func storeAndItemFiltersKeepOnlyThoseSeries() throws {
    let root = scratch("filter")
    defer { try? FileManager.default.removeItem(atPath: root) }
    try M5Sample.write(to: root + "/in", series: 30, days: 40, seed: 4)
    let summary = try M5Importer(directory: root + "/in", stores: ["CA_2", "TX_1"], items: ["FOODS_1_000", "HOUSEHOLD_2_001"], startDate: "2011-02-10")
      .run(output: root + "/out")
    #expect(summary.series == 4)
    #expect(summary.startDate == "2011-02-10")
    let keys = Set(lines(root + "/out/history.csv").dropFirst().map { "\($0[1]) \($0[3])" })
    #expect(keys == ["FOODS_1_000 CA_2", "FOODS_1_000 TX_1", "HOUSEHOLD_2_001 CA_2", "HOUSEHOLD_2_001 TX_1"])
  }

  @Test func errorsNameTheFileLineAndWhatToFix() throws {
    let root = scratch("errors")
    defer { try? FileManager.default.removeItem(atPath: root) }
    try M5Sample.write(to: root + "/in", series: 6, days: 30, seed: 5)
    func failure(_ importer: M5Importer) -> String {
      do { _ = try importer.run(output: root + "/out"); return "no error" } catch { return error.description }
    }
    let base = M5Importer(directory: root + "/in")
    #expect(failure(M5Importer(directory: root + "/in", items: ["FOODS_1_000", "NOPE_1_001"])) == "--items: item 'NOPE_1_001' is not in sales_train_validation.csv")
    #expect(failure(M5Importer(directory: root + "/in", stores: ["XX_9"])) == "--stores: store 'XX_9' is not in sales_train_validation.csv")
    #expect(failure(M5Importer(directory: root + "/in", startDate: "2011-02-30")) == "--start-date: expected a date yyyy-mm-dd, got '2011-02-30'")
    #expect(failure(M5Importer(directory: root + "/nowhere")).hasSuffix("holds neither sales_train_evaluation.csv nor sales_train_validation.csv"))

    let sales = root + "/in/sales_train_validation.csv"
    let good = try String(contentsOfFile: sales, encoding: .utf8)
    var row = good.split(separator: "\n")[2].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    row[10] = "1.5"
    replace(sales, line: 3, with: row.joined(separator: ","))
    #expect(failure(base) == "sales_train_validation.csv:3: column 11 'd_5': expected a whole number of units >= 0, got '1.5'")
    #expect(!FileManager.default.fileExists(atPath: root + "/out/history.csv"), "no half-written output")
    #expect(!FileManager.default.fileExists(atPath: root + "/out/history.csv.partial"))
    row.removeLast()
    replace(sales, line: 3, with: row.joined(separator: ","))
    #expect(failure(base) == "sales_train_validation.csv:3: has 35 fields; the header has 36 columns")
    try good.write(toFile: sales, atomically: true, encoding: .utf8)

    let calendar = root + "/in/calendar.csv"
    let fullCalendar = try String(contentsOfFile: calendar, encoding: .utf8)
    let short = fullCalendar.split(separator: "\n").prefix(21).joined(separator: "\n") + "\n"
    try short.write(toFile: calendar, atomically: true, encoding: .utf8)
    #expect(failure(base) == "sell_prices.csv:5: column 3 'wm_yr_wk': week 11104 is not in calendar.csv")
    try fullCalendar.write(toFile: calendar, atomically: true, encoding: .utf8)
    var header = good.split(separator: "\n")[0].split(separator: ",").map(String.init)
    header[8] = "d_9"
    replace(sales, line: 1, with: header.joined(separator: ","))
    #expect(failure(base) == "sales_train_validation.csv:1: column 9 'd_9': expected d_3 after d_2")
    try good.write(toFile: sales, atomically: true, encoding: .utf8)

    let prices = root + "/in/sell_prices.csv"
    replace(prices, line: 2, with: "CA_1,FOODS_1_000,11101,nine")
    #expect(failure(base) == "sell_prices.csv:2: column 4 'sell_price': expected a price like 9.58 (>= 0, at most 4 decimals), got 'nine'")
    replace(calendar, line: 3, with: "2011-01-30,11101,Sunday,2,1,2011,d_2,,,,,1,x,0")
    #expect(failure(base) == "calendar.csv:3: column 13: expected 0 or 1, got 'x'")
  }
}
