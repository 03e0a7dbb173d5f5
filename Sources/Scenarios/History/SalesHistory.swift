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
    guard let data = FileManager.default.contents(atPath: path) else {
      let problem = FileManager.default.fileExists(atPath: path) ? "cannot be read (check permissions)" : "no such file (check the scenario's history.file)"
      throw ScenarioErrors(errors: [ScenarioError(file: name, path: "", problem: problem)])
    }
    let result = data.withUnsafeBytes { raw in
      Result { () throws(ScenarioError) in try parse(raw.bindMemory(to: UInt8.self), name: name, knownSKUs: knownSKUs) }
    }
    switch result {
    case let .success(h): return h
    case let .failure(e): throw ScenarioErrors(errors: [e])
    }
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

  /// Rows of one series as read, before they are laid out by day.
  struct Rows {
    var sku: String
    var node: String?
    var days: [Int] = []
    var lines: [Int32] = []
    var quantity: [Double] = []
    var available: [Bool] = []
    var price: [Double] = []
    var promotion: [Double] = []
  }

  static func parse(_ bytes: UnsafeBufferPointer<UInt8>, name: String, knownSKUs: Set<String>?) throws(ScenarioError) -> SalesHistory {
    var csv = CSVTokenizer(bytes)
    var fields: [CSVTokenizer.Field] = []
    var header: [String] = []
    func fail(_ line: Int, _ column: Int?, _ problem: String) -> ScenarioError {
      .table(name, line: line, column: column, name: column.map { header[$0 - 1] }, problem)
    }
    let hasHeader: Bool
    do { hasHeader = try csv.next(into: &fields) } catch { throw ScenarioError.table(name, line: error.line, column: error.column, name: nil, error.problem) }
    guard hasHeader else { throw ScenarioError(file: name, path: "", problem: "is empty; it needs a header line with date, sku and quantity") }
    header = fields.map { csv.text($0) }
    var position: [String: Int] = [:]
    for (j, h) in header.enumerated() {
      guard Self.columnNames.contains(h) else {
        throw ScenarioError.table(name, line: 1, column: j + 1, name: h, "unknown column; \(suggestion(for: h, among: Self.columnNames))")
      }
      if position[h] != nil { throw ScenarioError.table(name, line: 1, column: j + 1, name: h, "duplicate column") }
      position[h] = j
    }
    for required in ["date", "sku", "quantity"] where position[required] == nil {
      throw ScenarioError.table(name, line: 1, column: nil, name: nil, "the header needs a '\(required)' column; it has \(header.map { "'\($0)'" }.joined(separator: ", "))")
    }
    let dateColumn = position["date"]!, skuColumn = position["sku"]!, quantityColumn = position["quantity"]!
    let nodeColumn = position["node"], priceColumn = position["price"], promotionColumn = position["promotion"], availableColumn = position["available"]

    var rows: [Rows] = []
    var seriesIndex: [String: Int] = [:]
    var previousSKU: CSVTokenizer.Field?, previousNode: CSVTokenizer.Field?, previousSeries = -1
    var minDay = Int.max, maxDay = Int.min
    while true {
      let more: Bool
      do { more = try csv.next(into: &fields) } catch { throw ScenarioError.table(name, line: error.line, column: error.column, name: nil, error.problem) }
      guard more else { break }
      let line = csv.line
      guard fields.count == header.count else {
        throw fail(line, nil, "has \(fields.count) field\(fields.count == 1 ? "" : "s"), the header has \(header.count)")
      }
      // Date.
      let (ds, de) = csv.trimmed(fields[dateColumn])
      guard let date = CalendarDate.parse(bytes, from: ds, to: de) else {
        throw fail(line, dateColumn + 1, "expected a date yyyy-mm-dd that exists, got '\(csv.text(fields[dateColumn]))'")
      }
      let day = date.daysSinceEpoch
      // Series.
      let skuField = fields[skuColumn], nodeField = nodeColumn.map { fields[$0] }
      var s = previousSeries
      let sameSKU = previousSKU.map { csv.same($0, skuField) } ?? false
      let sameNode = nodeField == nil || (previousNode.map { csv.same($0, nodeField!) } ?? false)
      if !(sameSKU && sameNode) {
        let sku = csv.text(skuField)
        guard !sku.isEmpty else { throw fail(line, skuColumn + 1, "must not be empty") }
        if let knownSKUs, !knownSKUs.contains(sku) {
          throw fail(line, skuColumn + 1, "no SKU of the scenario has id \"\(sku)\"; \(suggestion(for: sku, among: Array(knownSKUs.sorted().prefix(2000))))")
        }
        let node = nodeField.map { csv.text($0) }.flatMap { $0.isEmpty ? nil : $0 }
        let key = node.map { "\(sku)\u{0}\($0)" } ?? sku
        if let known = seriesIndex[key] { s = known } else {
          s = rows.count
          seriesIndex[key] = s
          rows.append(Rows(sku: sku, node: node))
        }
        previousSKU = skuField
        previousNode = nodeField
        previousSeries = s
      }
      // Values.
      let quantityField = fields[quantityColumn]
      guard let q = csv.numberLiteral(quantityField) else {
        throw fail(line, quantityColumn + 1, "expected a number of units, got '\(csv.text(quantityField))'")
      }
      guard q.isFinite else { throw fail(line, quantityColumn + 1, "must be a finite number, got '\(csv.text(quantityField))'") }
      guard q >= 0 else { throw fail(line, quantityColumn + 1, "must be >= 0, got \(csv.text(quantityField))") }
      guard q <= Self.maximumQuantity else { throw fail(line, quantityColumn + 1, "must be at most 1e9 units a day, got \(csv.text(quantityField))") }
      var price = Double.nan, promotion = 0.0, available = true
      if let c = priceColumn, !csv.isEmpty(fields[c]) {
        guard let p = csv.numberLiteral(fields[c]), p.isFinite, p >= 0, p <= 1e12 else {
          throw fail(line, c + 1, "expected a price between 0 and 1e12, got '\(csv.text(fields[c]))'")
        }
        price = p + 0
      }
      if let c = promotionColumn, !csv.isEmpty(fields[c]) {
        guard let p = csv.numberLiteral(fields[c]), p.isFinite, p >= 0, p <= 1000 else {
          throw fail(line, c + 1, "expected 0 (none), 1 (on promotion) or an uplift factor up to 1000, got '\(csv.text(fields[c]))'")
        }
        promotion = p + 0
      }
      if let c = availableColumn, !csv.isEmpty(fields[c]) {
        switch csv.text(fields[c]) {
        case "1", "true": available = true
        case "0", "false": available = false
        case let other: throw fail(line, c + 1, "expected 1 (in stock) or 0 (out of stock, sales censored), got '\(other)'")
        }
      }
      minDay = min(minDay, day)
      maxDay = max(maxDay, day)
      rows[s].days.append(day)
      rows[s].lines.append(Int32(truncatingIfNeeded: line))
      rows[s].quantity.append(q + 0)
      if priceColumn != nil { rows[s].price.append(price) }
      if promotionColumn != nil { rows[s].promotion.append(promotion) }
      if availableColumn != nil { rows[s].available.append(available) }
    }
    guard !rows.isEmpty else { throw ScenarioError(file: name, path: "", problem: "has a header but no rows") }

    var series: [SalesSeries] = []
    series.reserveCapacity(rows.count)
    for r in rows {
      let lo = r.days.min()!, hi = r.days.max()!
      guard hi - lo < Self.maximumSpanDays else {
        let line = Int(r.lines[r.days.firstIndex(of: hi)!])
        throw fail(line, dateColumn + 1, "SKU \"\(r.sku)\" spans \(hi - lo + 1) days from \(CalendarDate(daysSinceEpoch: lo)) to \(CalendarDate(daysSinceEpoch: hi)); a series may span at most \(Self.maximumSpanDays) days: check the year")
      }
      let n = hi - lo + 1
      var quantity = [Double](repeating: 0, count: n), available = [Bool](repeating: true, count: n)
      var price = [Double](repeating: .nan, count: n), promotion = [Double](repeating: 0, count: n)
      var seen = [Int32](repeating: 0, count: n)
      for j in r.days.indices {
        let i = r.days[j] - lo
        if seen[i] != 0 {
          let node = r.node.map { " at node \"\($0)\"" } ?? ""
          throw fail(Int(r.lines[j]), dateColumn + 1, "duplicate row: SKU \"\(r.sku)\"\(node) already has a row for \(CalendarDate(daysSinceEpoch: r.days[j])) on line \(seen[i])")
        }
        seen[i] = r.lines[j]
        quantity[i] = r.quantity[j]
        if !r.available.isEmpty { available[i] = r.available[j] }
        if !r.price.isEmpty { price[i] = r.price[j] }
        if !r.promotion.isEmpty { promotion[i] = r.promotion[j] }
      }
      series.append(SalesSeries(sku: r.sku, node: r.node, firstDate: CalendarDate(daysSinceEpoch: lo), quantity: quantity,
                                available: available, price: price, promotion: promotion))
    }
    return SalesHistory(series: series, hasNodes: nodeColumn != nil)
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
