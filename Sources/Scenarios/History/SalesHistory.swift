#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A daily sales history in long format (`"history": {"file": "sales.csv"}` in a scenario): one
/// series per SKU, or per SKU and node when the file has a `node` column.
///
/// Columns (header names, any order): `date` (ISO `yyyy-mm-dd`), `sku`, `quantity` (units sold,
/// finite, 0…1e9), and optionally `node`, `price` (>= 0), `promotion` (0/1 or an uplift factor,
/// 0…1000) and `available` (0 or 1, `false` or `true`; 0 = out of stock that day, so the day's
/// sales are censored). Missing days are zero sales, available. Rows may come in any order;
/// two rows for the same date, SKU and node are an error.
public struct SalesHistory: Sendable, Equatable {
  /// Every series, in order of first appearance in the file.
  public var series: [SalesSeries]
  /// The earliest and latest date of any row.
  public var firstDate: CalendarDate
  /// The latest date of any row.
  public var lastDate: CalendarDate
  /// The file has a `node` column.
  public var hasNodes: Bool

  /// Creates a history from series (at least one).
  public init(series: [SalesSeries], hasNodes: Bool = false) {
    precondition(!series.isEmpty, "a history needs at least one series")
    self.series = series
    self.hasNodes = hasNodes
    firstDate = series.map(\.firstDate).min()!
    lastDate = series.map { $0.endDate.adding(days: -1) }.max()!
  }

  /// The series of `sku` (several with nodes).
  public func series(ofSKU sku: String) -> [SalesSeries] { series.filter { $0.sku == sku } }

  /// Positions of each SKU's series in `series`.
  public func seriesPositions() -> [String: [Int]] {
    var out: [String: [Int]] = [:]
    for (i, s) in series.enumerated() { out[s.sku, default: []].append(i) }
    return out
  }

  /// The SKU's quantities and availability over `count` days from `start`, summed over its nodes
  /// (a day is unavailable when it is at any node); zeros when the SKU has no rows.
  public func totals(ofSeries positions: [Int], from start: CalendarDate, count: Int) -> (quantity: [Double], available: [Bool]) {
    var q = [Double](repeating: 0, count: count), a = [Bool](repeating: true, count: count)
    for p in positions {
      let w = series[p].window(from: start, count: count)
      for i in 0..<count {
        q[i] += w.quantity[i]
        a[i] = a[i] && w.available[i]
      }
    }
    return (q, a)
  }

  /// The SKU's promotion calendar over `count` days from `start` as a forecasting covariate,
  /// uplift − 1 per day (the scale simulated days' `promotion` covariate has); empty when no day
  /// of the SKU's series in that span is on promotion.
  ///
  /// A day is on promotion when any node's `promotion` cell is positive; with several nodes the
  /// largest value counts. A recorded uplift factor u (≠ 1) gives u − 1. The value 1 (on
  /// promotion, uplift unknown) gives the SKU's estimated uplift − 1 over those days: the mean
  /// in-stock sales on promotion days over the mean in-stock sales on other days (summed over
  /// nodes) over the first `estimateDays` days of the span (all by default; fewer keeps later
  /// days' sales out of it), or 1 (an uplift of 2) when either mean is missing or not positive.
  public func promotionCovariate(ofSeries positions: [Int], from start: CalendarDate, count: Int, estimateDays: Int? = nil) -> [Double] {
    var marks = [Double](repeating: 0, count: count)
    for p in positions {
      let s = series[p]
      let offset = start.daysSinceEpoch - s.firstDate.daysSinceEpoch
      let lo = max(0, -offset), hi = min(count, s.quantity.count - offset)
      if lo < hi { for i in lo..<hi where s.promotion[offset + i] > 0 { marks[i] = max(marks[i], s.promotion[offset + i]) } }
    }
    guard marks.contains(where: { $0 > 0 }) else { return [] }
    var unknown = 1.0
    if marks.contains(1) {
      let days = totals(ofSeries: positions, from: start, count: count)
      var on = 0.0, onDays = 0, off = 0.0, offDays = 0
      for i in 0..<min(count, max(0, estimateDays ?? count)) where days.available[i] {
        if marks[i] > 0 { on += days.quantity[i]; onDays += 1 } else { off += days.quantity[i]; offDays += 1 }
      }
      if onDays > 0, offDays > 0, on > 0, off > 0 { unknown = min((on / Double(onDays)) / (off / Double(offDays)) - 1, 999) }
    }
    return marks.map { $0 == 0 ? 0 : ($0 == 1 ? unknown : $0 - 1) }
  }

  /// The most days one series may span (first to last row), about 274 years.
  public static let maximumSpanDays = 100_000
  /// The largest quantity accepted in one row.
  public static let maximumQuantity = 1e9

  /// Reads a history file.
  ///
  /// - Parameters:
  ///   - path: Where the file is.
  ///   - name: The file's name in error messages.
  ///   - knownSKUs: The SKU ids rows may name (nil: any).
  /// - Throws: `ScenarioErrors` with one error `name:LINE:COLUMN 'column': problem`.
  public static func read(path: String, name: String, knownSKUs: Set<String>?) throws(ScenarioErrors) -> SalesHistory {
    try read(path: path, name: name, knownSKUs: knownSKUs, chunkBytes: chunkBytes)
  }

  /// `read` with chunks of `chunkBytes` bytes (tests use tiny chunks to cut every record).
  static func read(path: String, name: String, knownSKUs: Set<String>?, chunkBytes: Int) throws(ScenarioErrors) -> SalesHistory {
    guard let file = fopen(path, "rb") else {
      let problem = FileManager.default.fileExists(atPath: path) ? "cannot be read (check permissions)" : "no such file (check the scenario's history.file)"
      throw ScenarioErrors(errors: [ScenarioError(file: name, path: "", problem: problem)])
    }
    defer { fclose(file) }
    do {
      return try stream(file, name: name, knownSKUs: knownSKUs, chunkBytes: max(1, chunkBytes))
    } catch {
      throw ScenarioErrors(errors: [error])
    }
  }

  /// Bytes read from a history file at a time.
  static let chunkBytes = 1 << 20

  /// Reads a history file in chunks of `chunkBytes` bytes: only the unfinished last record of a chunk
  /// is carried into the next, so memory holds the series read so far plus about one chunk of
  /// text, not the whole file.
  static func stream(_ file: UnsafeMutablePointer<FILE>, name: String, knownSKUs: Set<String>?, chunkBytes: Int) throws(ScenarioError) -> SalesHistory {
    var parser = SalesHistoryParser(name: name, knownSKUs: knownSKUs)
    var pending: [UInt8] = []
    var line = 1
    var chunk = [UInt8](repeating: 0, count: chunkBytes)
    while true {
      let got = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, chunkBytes, file) }
      if got < chunkBytes && ferror(file) != 0 {
        throw ScenarioError(file: name, path: "", problem: "could not be read to the end (an I/O error); check the file")
      }
      let final = got < chunkBytes
      pending.append(contentsOf: chunk[0..<got])
      let result = pending.withUnsafeBufferPointer { b in Result { () throws(ScenarioError) in try parser.consume(b, line: line, final: final) } }
      let (consumed, next) = try result.get()
      pending.removeFirst(consumed)
      line = next
      if final { break }
    }
    return try parser.finish()
  }

  /// Parses history CSV text (see `read`).
  public static func parse(text: String, name: String, knownSKUs: Set<String>? = nil) throws(ScenarioErrors) -> SalesHistory {
    let bytes = Array(text.utf8)
    let result = bytes.withUnsafeBufferPointer { b in Result { () throws(ScenarioError) in try parse(b, name: name, knownSKUs: knownSKUs) } }
    switch result {
    case let .success(h): return h
    case let .failure(e): throw ScenarioErrors(errors: [e])
    }
  }

  static let columnNames = ["date", "sku", "quantity", "node", "price", "promotion", "available"]

  static func parse(_ bytes: UnsafeBufferPointer<UInt8>, name: String, knownSKUs: Set<String>?) throws(ScenarioError) -> SalesHistory {
    var parser = SalesHistoryParser(name: name, knownSKUs: knownSKUs)
    _ = try parser.consume(bytes, line: 1, final: true)
    return try parser.finish()
  }
}

/// Errors located in a CSV table.
extension ScenarioError {
  /// `file:LINE:COLUMN 'name': problem` (column and name when known).
  static func table(_ file: String, line: Int, column: Int?, name: String?, _ problem: String) -> ScenarioError {
    var place = "\(file):\(line)"
    if let column { place += ":\(column)" }
    if let name { place += " '\(name)'" }
    return ScenarioError(file: place, path: "", problem: problem)
  }
}
