/// The state of reading a sales history (`SalesHistory`) piece by piece: the header, then rows
/// appended to their series as chunks of the file arrive, then the series laid out by day.
///
/// Each `consume` call parses the complete records of a chunk and reports how many bytes it
/// used; a record cut by the end of a chunk is left for the next call (with the rest of the
/// file appended), so no field ever spans two calls and errors keep their file line and column.
struct SalesHistoryParser {
  let name: String
  let knownSKUs: Set<String>?
  var header: [String] = []
  var hasHeader = false
  var dateColumn = 0, skuColumn = 0, quantityColumn = 0
  var nodeColumn: Int?, priceColumn: Int?, promotionColumn: Int?, availableColumn: Int?
  var rows: [Rows] = []
  var seriesIndex: [String: Int] = [:]

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

  init(name: String, knownSKUs: Set<String>?) {
    self.name = name
    self.knownSKUs = knownSKUs
  }

  func fail(_ line: Int, _ column: Int?, _ problem: String) -> ScenarioError {
    .table(name, line: line, column: column, name: column.map { header[$0 - 1] }, problem)
  }

  /// Parses the complete records of `bytes`, whose first byte is on line `line` of the file.
  ///
  /// - Parameter final: `bytes` runs to the end of the file (every record is complete).
  /// - Returns: The bytes used (the rest start an unfinished record) and the line where they end.
  mutating func consume(_ bytes: UnsafeBufferPointer<UInt8>, line firstLine: Int, final: Bool) throws(ScenarioError) -> (consumed: Int, line: Int) {
    var csv = !hasHeader && firstLine == 1 ? CSVTokenizer(bytes) : CSVTokenizer(bytes, line: firstLine)
    var fields: [CSVTokenizer.Field] = []
    var previousSKU: CSVTokenizer.Field?, previousNode: CSVTokenizer.Field?, previousSeries = -1
    while true {
      let (start, startLine) = (csv.position, csv.nextLine)
      let more: Bool
      do {
        more = try csv.next(into: &fields)
      } catch {
        if !final { return (start, startLine) }
        throw ScenarioError.table(name, line: error.line, column: error.column, name: nil, error.problem)
      }
      guard more else { return (csv.position, csv.nextLine) }
      // A record that reaches the end of a chunk may continue in the next one.
      if !final && (csv.position >= bytes.count || bytes[csv.position - 1] != 0x0A) { return (start, startLine) }
      let line = csv.line
      guard hasHeader else {
        try readHeader(fields.map { csv.text($0) })
        continue
      }
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
      guard q <= SalesHistory.maximumQuantity else { throw fail(line, quantityColumn + 1, "must be at most 1e9 units a day, got \(csv.text(quantityField))") }
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
      rows[s].days.append(day)
      rows[s].lines.append(Int32(truncatingIfNeeded: line))
      rows[s].quantity.append(q + 0)
      if priceColumn != nil { rows[s].price.append(price) }
      if promotionColumn != nil { rows[s].promotion.append(promotion) }
      if availableColumn != nil { rows[s].available.append(available) }
    }
  }

  mutating func readHeader(_ names: [String]) throws(ScenarioError) {
    header = names
    var position: [String: Int] = [:]
    for (j, h) in header.enumerated() {
      guard SalesHistory.columnNames.contains(h) else {
        throw ScenarioError.table(name, line: 1, column: j + 1, name: h, "unknown column; \(suggestion(for: h, among: SalesHistory.columnNames))")
      }
      if position[h] != nil { throw ScenarioError.table(name, line: 1, column: j + 1, name: h, "duplicate column") }
      position[h] = j
    }
    for required in ["date", "sku", "quantity"] where position[required] == nil {
      throw ScenarioError.table(name, line: 1, column: nil, name: nil, "the header needs a '\(required)' column; it has \(header.map { "'\($0)'" }.joined(separator: ", "))")
    }
    dateColumn = position["date"]!; skuColumn = position["sku"]!; quantityColumn = position["quantity"]!
    nodeColumn = position["node"]; priceColumn = position["price"]; promotionColumn = position["promotion"]; availableColumn = position["available"]
    hasHeader = true
  }

  /// Lays the rows out by day once the whole file has been consumed.
  func finish() throws(ScenarioError) -> SalesHistory {
    guard hasHeader else { throw ScenarioError(file: name, path: "", problem: "is empty; it needs a header line with date, sku and quantity") }
    guard !rows.isEmpty else { throw ScenarioError(file: name, path: "", problem: "has a header but no rows") }
    var series: [SalesSeries] = []
    series.reserveCapacity(rows.count)
    for r in rows {
      let lo = r.days.min()!, hi = r.days.max()!
      guard hi - lo < SalesHistory.maximumSpanDays else {
        let line = Int(r.lines[r.days.firstIndex(of: hi)!])
        throw fail(line, dateColumn + 1, "SKU \"\(r.sku)\" spans \(hi - lo + 1) days from \(CalendarDate(daysSinceEpoch: lo)) to \(CalendarDate(daysSinceEpoch: hi)); a series may span at most \(SalesHistory.maximumSpanDays) days: check the year")
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
