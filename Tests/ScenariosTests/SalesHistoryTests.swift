import Foundation
import Testing
@testable import Scenarios
@testable import SupplyModel

/// A folder of files for one test, removed at the end.
struct ScratchFolder {
  let path: String
  init(_ name: String) {
    path = NSTemporaryDirectory() + "supplysim-\(name)-\(UUID().uuidString)/"
    try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }
  func write(_ file: String, _ text: String) { try! text.write(toFile: path + file, atomically: true, encoding: .utf8) }
  func remove() { try? FileManager.default.removeItem(atPath: path) }
}

@Suite struct CalendarDateTests {
  @Test func knownDates() {
    #expect(CalendarDate(iso: "1970-01-01")?.daysSinceEpoch == 0)
    #expect(CalendarDate(iso: "1970-01-01")?.weekday == 3)  // Thursday
    #expect(CalendarDate(iso: "2000-03-01")?.daysSinceEpoch == 11_017)
    #expect(CalendarDate(iso: "1969-12-31")?.daysSinceEpoch == -1)
    #expect(CalendarDate(iso: "2026-12-07")?.weekday == 0)  // a Monday
    #expect(CalendarDate(iso: "2024-12-31")?.dayOfYear == 365)
    #expect(CalendarDate(iso: "2025-02-01")?.dayOfYear == 31)
    #expect(CalendarDate(iso: "2024-02-29") != nil)
    for bad in ["2023-02-29", "2024-13-01", "2024-00-10", "2024-1-01", "24-01-01", "2024/01/01", "", "2024-01-01x", "0000-01-01"] {
      #expect(CalendarDate(iso: bad) == nil, "\(bad)")
    }
    // Round trip over four centuries, which covers every leap-year rule.
    var d = CalendarDate(iso: "1900-01-01")!
    while d.daysSinceEpoch < CalendarDate(iso: "2300-01-01")!.daysSinceEpoch {
      #expect(CalendarDate(iso: d.description) == d)
      d = d.adding(days: 37)
    }
  }
}

@Suite struct SalesHistoryTests {
  @Test func thePromotionCovariateIsUpliftMinusOneWithUnknownUpliftsEstimated() throws {
    // A: promotions of unknown uplift (1) on days 1 and 3, a recorded uplift 1.5 on day 5 (out of
    // stock, so not in the estimate). In-stock sales on promotion days: 12, 18 (mean 15); on the
    // other days 5, 4, 6, 5 (mean 5): the unknown uplift is 3, a covariate of 2.
    let text = """
    date,sku,quantity,promotion,available
    2024-01-01,A,5,0,1
    2024-01-02,A,12,1,1
    2024-01-03,A,4,0,1
    2024-01-04,A,18,1,1
    2024-01-05,A,6,0,1
    2024-01-06,A,2,1.5,0
    2024-01-07,A,5,0,1
    2024-01-01,B,5,0,1
    """
    let h = try SalesHistory.parse(text: text, name: "sales.csv")
    let positions = h.seriesPositions()
    let start = CalendarDate(iso: "2024-01-01")!
    #expect(h.promotionCovariate(ofSeries: positions["A"]!, from: start, count: 7) == [0, 2, 0, 2, 0, 0.5, 0])
    // A window before the promotions: none.
    #expect(h.promotionCovariate(ofSeries: positions["A"]!, from: start, count: 1) == [])
    #expect(h.promotionCovariate(ofSeries: positions["B"]!, from: start, count: 7) == [])
  }

  @Test func readsDenseSeriesWithDefaultsForMissingDays() throws {
    let text = """
    date,sku,quantity,price,promotion,available
    2024-01-03,A,5,2.5,0,1
    2024-01-01,A,3,,1,
    2024-01-05,A,0,2.5,1.5,0
    2024-01-02,B,7,,,
    """
    let h = try SalesHistory.parse(text: text, name: "sales.csv")
    #expect(h.series.count == 2)
    let a = h.series[0]
    #expect(a.sku == "A" && a.node == nil && a.firstDate == CalendarDate(iso: "2024-01-01"))
    #expect(a.quantity == [3, 0, 5, 0, 0])
    #expect(a.available == [true, true, true, true, false])
    #expect(a.promotion == [1, 0, 0, 0, 1.5])
    #expect(a.price[2] == 2.5 && a.price[0].isNaN && a.price[1].isNaN)
    #expect(h.firstDate == CalendarDate(iso: "2024-01-01") && h.lastDate == CalendarDate(iso: "2024-01-05"))
    let w = h.series[1].window(from: CalendarDate(iso: "2024-01-01")!, count: 3)
    #expect(w.quantity == [0, 7, 0])
  }

  @Test func keepsNodesApartAndSumsThem() throws {
    let text = "sku,node,date,quantity\nA,n1,2024-01-01,2\nA,n2,2024-01-01,3\nA,n1,2024-01-02,4\n"
    let h = try SalesHistory.parse(text: text, name: "s.csv")
    #expect(h.series.map(\.node) == ["n1", "n2"])
    let t = h.totals(ofSeries: h.seriesPositions()["A"]!, from: CalendarDate(iso: "2024-01-01")!, count: 2)
    #expect(t.quantity == [5, 4])
  }

  @Test("names file, line, column and what to fix", arguments: [
    ("date,sku,quantity\n2024-01-01,A,1\n2024-02-30,A,1\n", "s.csv:3:1 'date': expected a date yyyy-mm-dd that exists, got '2024-02-30'"),
    ("date,sku,quantity\n2024-01-01,A,-2\n", "s.csv:2:3 'quantity': must be >= 0, got -2"),
    ("date,sku,quantity\n2024-01-01,A,nan\n", "s.csv:2:3 'quantity': expected a number of units, got 'nan'"),
    ("date,sku,quantity\n2024-01-01,A,1e400\n", "s.csv:2:3 'quantity': must be a finite number, got '1e400'"),
    ("date,sku,quantity\n2024-01-01,A,99999999999999999999\n", "s.csv:2:3 'quantity': must be at most 1e9 units a day, got 99999999999999999999"),
    ("date,sku,quantity\n2024-01-01,A,1\n2024-01-02,A,1\n2024-01-01,A,4\n", "s.csv:4:1 'date': duplicate row: SKU \"A\" already has a row for 2024-01-01 on line 2"),
    ("date,sku,quantity\n2024-01-01,Z,1\n", "s.csv:2:2 'sku': no SKU of the scenario has id \"Z\"; did you mean 'A'?"),
    ("date,sku,quantity\n2024-01-01,A\n", "s.csv:2: has 2 fields, the header has 3"),
    ("date,sku,qty\n", "s.csv:1:3 'qty': unknown column; expected one of: date, sku, quantity, node, price, promotion, available"),
    ("date,sku,quantity,available\n2024-01-01,A,1,yes\n", "s.csv:2:4 'available': expected 1 (in stock) or 0 (out of stock, sales censored), got 'yes'"),
    ("date,sku,quantity\n2024-01-01,\"A,1\n", "s.csv:2:2: the quote opened here never closes"),
  ])
  func errors(_ text: String, _ message: String) {
    do {
      _ = try SalesHistory.parse(text: text, name: "s.csv", knownSKUs: ["A"])
      Issue.record("accepted \(text)")
    } catch {
      #expect(error.description == message)
    }
  }

  @Test func negativeZeroIsZero() throws {
    let h = try SalesHistory.parse(text: "date,sku,quantity\n2024-01-01,A,-0\n", name: "s.csv")
    #expect(h.series[0].quantity[0].sign == .plus)
  }
}
