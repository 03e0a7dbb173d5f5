#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Converts the M5 competition layout (Walmart unit sales, wide) into SupplySim's own data files:
/// `history.csv` (long: date,sku,quantity,node,price,promotion,available), `skus.csv` (a
/// catalogue table: id,unitCost,holdingCostPerUnitDay, one row per item) and a starter
/// `scenario.json`.
///
/// Inputs in `directory`: `sales_train_evaluation.csv` (or, when absent,
/// `sales_train_validation.csv`): id,item_id,dept_id,cat_id,store_id,state_id,d_1…d_N;
/// `calendar.csv`: date,wm_yr_wk,…,d,event_name_1,event_type_1,event_name_2,event_type_2,
/// snap_CA,snap_TX,snap_WI; `sell_prices.csv`: store_id,item_id,wm_yr_wk,sell_price. Columns
/// are found by header name.
///
/// Choices: sku = item_id, node = store_id; price = the week's sell_price (empty when the week
/// has none); promotion = 1 on event days and on SNAP days of the store's state; a series
/// starts on its first day with a price or a sale (days before, when the item was not yet on
/// sale, are left out); later days without a price and without a sale are written with
/// available = 0 (not on sale: censored, no information). unitCost = 0.7 × the mean weekly
/// price over the item's stores (an assumed 30% gross margin), holding cost 25% of it a year.
/// Every file is streamed line by line;
/// memory holds the calendar and the selected series' weekly prices only.
public struct M5Importer: Sendable {
  /// The folder with the M5 files.
  public var directory: String
  /// Stores to keep (nil: all).
  public var stores: [String]?
  /// Items to keep (nil: all).
  public var items: [String]?
  /// The scenario's startDate (default: the day after the last sales day).
  public var startDate: String?
  /// unitCost = this × mean price.
  public static let costRatio = 0.7
  /// holdingCostPerUnitDay = unitCost × this / 365.
  public static let holdingRatePerYear = 0.25

  /// Creates an importer.
  public init(directory: String, stores: [String]? = nil, items: [String]? = nil, startDate: String? = nil) {
    self.directory = directory
    self.stores = stores
    self.items = items
    self.startDate = startDate
  }

  /// What an import wrote.
  public struct Summary: Sendable, Equatable {
    /// The sales file read.
    public var salesFile: String
    /// Series written.
    public var series: Int
    /// Rows written to history.csv.
    public var rows: Int
    /// Days in the sales file.
    public var days: Int
    /// First and last date of the sales file.
    public var firstDate: String, lastDate: String
    /// The scenario's startDate.
    public var startDate: String
    /// Series skipped because they were never on sale nor sold.
    public var skipped: Int
  }

  /// One calendar day.
  struct Day {
    var date: [UInt8]
    var week: Int
    var event: Bool
    var snap: [Bool]
  }

  /// Runs the import, writing into `output` (created if needed).
  ///
  /// - Throws: `ImportError` naming the file, line and column and what to fix; no output file
  ///   is left half-written.
  public func run(output: String) throws(ImportError) -> Summary {
    let folder = directory.hasSuffix("/") ? directory : directory + "/"
    let salesName: String
    if FileManager.default.fileExists(atPath: folder + "sales_train_evaluation.csv") {
      salesName = "sales_train_evaluation.csv"
    } else if FileManager.default.fileExists(atPath: folder + "sales_train_validation.csv") {
      salesName = "sales_train_validation.csv"
    } else {
      throw ImportError(file: directory, line: nil, problem: "holds neither sales_train_evaluation.csv nor sales_train_validation.csv")
    }
    if let s = startDate, !Self.isDate(Array(s.utf8)) {
      throw ImportError(file: "--start-date", line: nil, problem: "expected a date yyyy-mm-dd, got '\(s)'")
    }
    do { try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true) } catch {
      throw ImportError(file: output, line: nil, problem: "cannot create the output folder: \(error)")
    }
    let calendar = try readCalendar(folder + "calendar.csv")
    let prices = try readPrices(folder + "sell_prices.csv", weeks: calendar.weeks)
    return try convert(folder + salesName, name: salesName, calendar: calendar, prices: prices, output: output)
  }

  /// The calendar: days by M5 day number (index 0 unused), dense week indices, SNAP states.
  struct Calendar {
    var days: [Day?]
    var weeks: [Int: Int]
    var states: [String]
  }

  func readCalendar(_ path: String) throws(ImportError) -> Calendar {
    let name = "calendar.csv"
    var days: [Day?] = [nil]
    var weeks: [Int: Int] = [:]
    var states: [String] = [], snapColumns: [Int] = []
    var date = -1, week = -1, d = -1, events: [Int] = []
    var fields: [Range<Int>] = []
    try ByteLines.forEach(path: path, name: name) { (line, number) throws(ImportError) in
      ByteLines.split(line, into: &fields)
      if number == 1 {
        for (i, f) in fields.enumerated() {
          let header = ByteLines.text(line, f)
          switch header {
          case "date": date = i
          case "wm_yr_wk": week = i
          case "d": d = i
          case "event_name_1", "event_name_2": events.append(i)
          default:
            if header.hasPrefix("snap_") { states.append(String(header.dropFirst(5))); snapColumns.append(i) }
          }
        }
        for (column, index) in [("date", date), ("wm_yr_wk", week), ("d", d)] where index < 0 {
          throw ImportError(file: name, line: 1, problem: "the header has no '\(column)' column")
        }
        return true
      }
      if line.isEmpty { return true }
      guard fields.count > max(date, week, d, events.max() ?? 0, snapColumns.max() ?? 0) else {
        throw ImportError(file: name, line: number, problem: "has \(fields.count) fields, fewer than the header's columns")
      }
      let dayText = ByteLines.text(line, fields[d])
      guard dayText.hasPrefix("d_"), let k = Int(dayText.dropFirst(2)), k >= 1, k <= 1_000_000 else {
        throw ImportError(file: name, line: number, problem: "column \(d + 1) 'd': expected d_1, d_2, …, got '\(dayText)'")
      }
      let dateBytes = Array(UnsafeBufferPointer(rebasing: line[fields[date]]))
      guard Self.isDate(dateBytes) else {
        throw ImportError(file: name, line: number, problem: "column \(date + 1) 'date': expected yyyy-mm-dd, got '\(ByteLines.text(line, fields[date]))'")
      }
      guard let w = ByteLines.integer(line, fields[week]) else {
        throw ImportError(file: name, line: number, problem: "column \(week + 1) 'wm_yr_wk': expected a whole number, got '\(ByteLines.text(line, fields[week]))'")
      }
      if weeks[w] == nil { weeks[w] = weeks.count }
      var snap: [Bool] = []
      for c in snapColumns {
        switch ByteLines.text(line, fields[c]) {
        case "0", "": snap.append(false)
        case "1": snap.append(true)
        case let other: throw ImportError(file: name, line: number, problem: "column \(c + 1): expected 0 or 1, got '\(other)'")
        }
      }
      if days.count <= k { days += [Day?](repeating: nil, count: k + 1 - days.count) }
      guard days[k] == nil else { throw ImportError(file: name, line: number, problem: "day \(dayText) appears twice") }
      days[k] = Day(date: dateBytes, week: weeks[w]!, event: events.contains { !fields[$0].isEmpty }, snap: snap)
      return true
    }
    return Calendar(days: days, weeks: weeks, states: states)
  }

  /// Weekly prices of the selected series, in 1e-4 units (−1: none), keyed "store item".
  func readPrices(_ path: String, weeks: [Int: Int]) throws(ImportError) -> [String: [Int]] {
    let name = "sell_prices.csv"
    let storeSet = stores.map(Set.init), itemSet = items.map(Set.init)
    var table: [String: [Int]] = [:]
    var store = -1, item = -1, week = -1, price = -1
    var fields: [Range<Int>] = []
    try ByteLines.forEach(path: path, name: name) { (line, number) throws(ImportError) in
      ByteLines.split(line, into: &fields)
      if number == 1 {
        for (i, f) in fields.enumerated() {
          switch ByteLines.text(line, f) {
          case "store_id": store = i
          case "item_id": item = i
          case "wm_yr_wk": week = i
          case "sell_price": price = i
          default: break
          }
        }
        for (column, index) in [("store_id", store), ("item_id", item), ("wm_yr_wk", week), ("sell_price", price)] where index < 0 {
          throw ImportError(file: name, line: 1, problem: "the header has no '\(column)' column")
        }
        return true
      }
      if line.isEmpty { return true }
      guard fields.count > max(store, item, week, price) else {
        throw ImportError(file: name, line: number, problem: "has \(fields.count) fields, fewer than the header's columns")
      }
      let s = ByteLines.text(line, fields[store]), i = ByteLines.text(line, fields[item])
      if let storeSet, !storeSet.contains(s) { return true }
      if let itemSet, !itemSet.contains(i) { return true }
      guard let w = ByteLines.integer(line, fields[week]) else {
        throw ImportError(file: name, line: number, problem: "column \(week + 1) 'wm_yr_wk': expected a whole number, got '\(ByteLines.text(line, fields[week]))'")
      }
      guard let index = weeks[w] else {
        throw ImportError(file: name, line: number, problem: "column \(week + 1) 'wm_yr_wk': week \(w) is not in calendar.csv")
      }
      guard let p = ByteLines.tenThousandths(line, fields[price]) else {
        throw ImportError(file: name, line: number, problem: "column \(price + 1) 'sell_price': expected a price like 9.58 (>= 0, at most 4 decimals), got '\(ByteLines.text(line, fields[price]))'")
      }
      table[s + " " + i, default: [Int](repeating: -1, count: weeks.count)][index] = p
      return true
    }
    return table
  }

  /// True for `yyyy-mm-dd` with a valid month and day.
  static func isDate(_ b: [UInt8]) -> Bool {
    guard b.count == 10, b[4] == 45, b[7] == 45 else { return false }
    for i in [0, 1, 2, 3, 5, 6, 8, 9] where !(b[i] >= 48 && b[i] <= 57) { return false }
    let year = b[0..<4].reduce(0) { $0 * 10 + Int($1) - 48 }
    let month = Int(b[5] - 48) * 10 + Int(b[6] - 48), day = Int(b[8] - 48) * 10 + Int(b[9] - 48)
    guard month >= 1 && month <= 12, day >= 1 else { return false }
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    return day <= lengths[month - 1]
  }

  /// Appends a price in 1e-4 units as a short decimal ("9.58", "1").
  static func appendPrice(_ p: Int, to w: inout ByteWriter) {
    w.append(integer: p / 10_000)
    var fraction = p % 10_000
    guard fraction > 0 else { return }
    var digits = 4
    while fraction % 10 == 0 { fraction /= 10; digits -= 1 }
    w.buffer.append(46)
    var scale = 1
    for _ in 1..<digits { scale *= 10 }
    while scale > 0 { w.buffer.append(UInt8(48 + fraction / scale % 10)); scale /= 10 }
  }
}
