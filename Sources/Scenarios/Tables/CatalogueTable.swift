#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Arrays of a scenario read from CSV files: `"skus": {"file": "skus.csv", "defaults": {...}}`
/// (and the same for `nodes` and `lanes`) stands for the array whose element i is `defaults`
/// with row i's cells set over it.
///
/// A column is a key of the array's elements, dotted for nested keys (`demand.mean`,
/// `leadTime.distribution`). A cell becomes the JSON value the key would hold in the file: a
/// number when it is a JSON number literal, `true`/`false`, JSON itself when it starts with `[`
/// or `{` (`"[0.9, 1, 1.1]"`), and a string otherwise; cells of identifier and name columns (`id`,
/// `supplier`, `distribution`, …) are always strings, and an empty cell leaves the key to
/// `defaults`. The array is then checked and built exactly as if it were written in the scenario,
/// and every problem in a row is reported at its line and column (`TableOrigin`).
enum CatalogueTable {
  /// The scenario keys that may be tables.
  static let tableKeys = ["skus", "nodes", "lanes"]
  /// Keys whose values are names, never numbers (`id` "123" stays a string).
  static let stringKeys: Set<String> = ["id", "supplier", "unmetDemand", "distribution", "source", "kind", "allocation", "from", "to", "node", "name", "type"]

  /// Reads every table in `document` and leaves an empty array in its place: the decoder takes
  /// the array's elements from the returned tables (`ElementSource`), one row at a time, so no
  /// tree of the whole table is ever held.
  ///
  /// - Throws: `ScenarioErrors` for a table object with unknown keys, a file that cannot be read,
  ///   malformed CSV, a row with the wrong number of fields, or a malformed JSON cell (by file,
  ///   line and column).
  static func read(_ document: JSONValue, scenarioFile: String) throws(ScenarioErrors) -> (JSONValue, [CatalogueRows]) {
    guard case var .object(members) = document else { return (document, []) }
    var tables: [CatalogueRows] = []
    for i in members.indices where tableKeys.contains(members[i].key) {
      guard case let .object(spec) = members[i].value else { continue }
      let key = members[i].key
      func fail(_ path: String, _ problem: String) -> ScenarioErrors { ScenarioErrors(errors: [ScenarioError(file: scenarioFile, path: path, problem: problem)]) }
      var file: String?, defaults: [(key: String, value: JSONValue)] = []
      for (k, v) in spec {
        switch (k, v) {
        case let ("file", .string(f)): file = f
        case ("file", _): throw fail("\(key).file", "expected a CSV file name (a string), got \(v.kindName)")
        case let ("defaults", .object(d)): defaults = d
        case ("defaults", _): throw fail("\(key).defaults", "expected an object of the keys every row shares, got \(v.kindName)")
        default: throw fail("\(key).\(k)", "unknown key; a table has \"file\" and \"defaults\"")
        }
      }
      guard let file, !file.isEmpty else { throw fail("\(key).file", "is required: the CSV file with one row per element (or write \"\(key)\" as an array)") }
      let path = ScenarioBuilder.resolve(file, against: scenarioFile)
      guard let data = FileManager.default.contents(atPath: path) else {
        throw fail("\(key).file", FileManager.default.fileExists(atPath: path) ? "\(path) cannot be read (check permissions)" : "no such file \(path)")
      }
      do {
        tables.append(try CatalogueRows(data, name: path, key: key, defaults: defaults))
      } catch {
        throw ScenarioErrors(errors: [error])
      }
      members[i].value = .array([])
    }
    return (.object(members), tables)
  }

  /// Sets the member at a dotted path, making (or replacing with) objects on the way.
  static func set(_ object: inout [(key: String, value: JSONValue)], _ path: ArraySlice<String>, to value: JSONValue) {
    let key = path.first!
    let i = object.firstIndex { $0.key == key }
    if path.count == 1 {
      if let i { object[i].value = value } else { object.append((key, value)) }
      return
    }
    var inner: [(key: String, value: JSONValue)] = []
    if let i, case let .object(members) = object[i].value { inner = members }
    set(&inner, path.dropFirst(), to: value)
    if let i { object[i].value = .object(inner) } else { object.append((key, .object(inner))) }
  }
}

/// A CSV table whose syntax, field counts and JSON cells have been checked, and whose rows become
/// array elements only while they are decoded: element i is `defaults` with row i's cells set over
/// it. What stays in memory is the file's bytes and where each row starts.
struct CatalogueRows: ElementSource {
  /// Where each row came from, for messages.
  let origin: TableOrigin
  /// The file's bytes.
  let data: Data
  /// Each column's key, split at its dots.
  let columns: [[String]]
  /// Columns whose cells are always strings (`CatalogueTable.stringKeys`).
  let isString: [Bool]
  /// The keys every row shares.
  let defaults: [(key: String, value: JSONValue)]
  /// The byte offset of each row, and the line the tokenizer stood on there (blank lines before
  /// the row included, so that reading on from there counts lines as the first pass did).
  let starts: [Int]
  let startLines: [Int32]

  var count: Int { starts.count }

  /// Reads the header and checks every row.
  ///
  /// - Throws: `ScenarioError` by file, line and column: malformed CSV, an empty file, an empty or
  ///   duplicate column name, a row with another number of fields than the header, malformed JSON
  ///   in a cell.
  init(_ data: Data, name: String, key: String, defaults: [(key: String, value: JSONValue)]) throws(ScenarioError) {
    let scan = data.withUnsafeBytes { raw in
      Result { () throws(ScenarioError) in try Self.scan(raw.bindMemory(to: UInt8.self), name: name) }
    }
    let (header, starts, startLines, lines) = try scan.get()
    var columns: [[String]] = []
    for h in header { columns.append(h.split(separator: ".", omittingEmptySubsequences: false).map(String.init)) }
    self.data = data
    self.columns = columns
    isString = columns.map { CatalogueTable.stringKeys.contains($0.last!) }
    self.defaults = defaults
    self.starts = starts
    self.startLines = startLines
    origin = TableOrigin(key: key, file: name, lines: lines, columns: header)
  }

  /// The first pass: the header, and each row's start and line, with every row checked.
  private static func scan(_ bytes: UnsafeBufferPointer<UInt8>, name: String) throws(ScenarioError) -> ([String], [Int], [Int32], [Int32]) {
    var csv = CSVTokenizer(bytes)
    var fields: [CSVTokenizer.Field] = []
    let hasHeader: Bool
    do { hasHeader = try csv.next(into: &fields) } catch { throw .table(name, line: error.line, column: error.column, name: nil, error.problem) }
    guard hasHeader else { throw ScenarioError(file: name, path: "", problem: "is empty; it needs a header line naming its columns (id, …)") }
    let header = fields.map { csv.text($0) }
    var isString: [Bool] = []
    for (j, h) in header.enumerated() {
      let parts = h.split(separator: ".", omittingEmptySubsequences: false)
      guard !h.isEmpty, parts.allSatisfy({ !$0.isEmpty }) else {
        throw .table(name, line: 1, column: j + 1, name: h, "a column needs a key name, dotted for nested keys (demand.mean)")
      }
      if let k = header[..<j].firstIndex(of: h) { throw .table(name, line: 1, column: j + 1, name: h, "duplicate column (also column \(k + 1))") }
      isString.append(CatalogueTable.stringKeys.contains(String(parts.last!)))
    }
    var starts: [Int] = [], startLines: [Int32] = [], lines: [Int32] = []
    while true {
      let start = csv.position, startLine = csv.nextLine
      let more: Bool
      do { more = try csv.next(into: &fields) } catch { throw .table(name, line: error.line, column: error.column, name: nil, error.problem) }
      guard more else { break }
      let line = csv.line
      guard fields.count == header.count else {
        throw .table(name, line: line, column: nil, name: nil, "has \(fields.count) field\(fields.count == 1 ? "" : "s"), the header has \(header.count)")
      }
      // JSON cells are parsed here only to be checked: `element` parses them again.
      for j in fields.indices where !isString[j] && csv.isJSONCell(fields[j]) {
        do { _ = try JSONParser.parse(csv.text(fields[j])) } catch {
          throw .table(name, line: line, column: j + 1, name: header[j], "malformed JSON in the cell at \(error.description)")
        }
      }
      starts.append(start)
      startLines.append(Int32(truncatingIfNeeded: startLine))
      lines.append(Int32(truncatingIfNeeded: line))
    }
    return (header, starts, startLines, lines)
  }

  /// The elements of rows `range`, in order, each handed to `body` and then dropped.
  func forEachElement(in range: Range<Int>, _ body: (Int, JSONValue) throws -> Void) rethrows {
    guard !range.isEmpty else { return }
    try data.withUnsafeBytes { raw in
      var csv = CSVTokenizer(raw.bindMemory(to: UInt8.self), position: starts[range.lowerBound], line: Int(startLines[range.lowerBound]))
      var fields: [CSVTokenizer.Field] = []
      fields.reserveCapacity(columns.count)
      for i in range {
        // The first pass read every row without error.
        guard (try? csv.next(into: &fields)) == true, fields.count == columns.count else { preconditionFailure("row \(i) of \(origin.file) changed") }
        try body(i, element(fields, csv))
      }
    }
  }

  /// One row's element: `defaults` with its non-empty cells set over it.
  private func element(_ fields: [CSVTokenizer.Field], _ csv: CSVTokenizer) -> JSONValue {
    var object = defaults
    for j in fields.indices where !csv.isEmpty(fields[j]) {
      let f = fields[j]
      let value: JSONValue
      if isString[j] {
        value = .string(csv.text(f))
      } else if csv.isNumberLiteral(f) {
        let (s, e) = csv.trimmed(f)
        value = .number(String(decoding: UnsafeBufferPointer(rebasing: csv.bytes[s..<e]), as: UTF8.self))
      } else if csv.isJSONCell(f) {
        // Checked by the first pass.
        value = (try? JSONParser.parse(csv.text(f))) ?? .null
      } else {
        let text = csv.text(f)
        value = text == "true" || text == "false" ? .bool(text == "true") : .string(text)
      }
      CatalogueTable.set(&object, columns[j][...], to: value)
    }
    return .object(object)
  }
}

/// Where the elements of an array read from a CSV table came from, to report their problems at
/// the row and column instead of the JSON path: `skus[3].unitCost` becomes `skus.csv:5:4 'unitCost'`.
struct TableOrigin: Sendable {
  /// The scenario key (`skus`).
  var key: String
  /// The CSV file as named in messages.
  var file: String
  /// The line of each element's row.
  var lines: [Int32]
  /// The header's column names.
  var columns: [String]

  /// The errors at their rows and columns; an unknown key that is a whole column's name (the
  /// header's mistake, repeated on every row) is reported once, at the header line.
  static func locate(_ errors: [ScenarioError], in tables: [TableOrigin]) -> [ScenarioError] {
    guard !tables.isEmpty else { return errors }
    var reportedColumns = Set<String>()
    var located: [ScenarioError] = []
    for e in errors {
      if let t = tables.first(where: { $0.contains(e) }), e.problem.hasPrefix("unknown key"), let column = t.columnNamed(by: e) {
        if reportedColumns.insert(t.file + "\u{0}" + t.columns[column]).inserted {
          located.append(.table(t.file, line: 1, column: column + 1, name: t.columns[column], e.problem))
        }
        continue
      }
      located.append(Scenario.locate(e, in: tables))
    }
    return located
  }

  /// Whether the error's path is inside one of this table's elements.
  func contains(_ e: ScenarioError) -> Bool { row(of: e) != nil }

  /// The column whose name is exactly the path inside the element, if one is.
  func columnNamed(by e: ScenarioError) -> Int? {
    guard let (_, rest) = row(of: e) else { return nil }
    return columns.firstIndex { $0 == rest }
  }

  /// The element's row and the path inside it.
  private func row(of e: ScenarioError) -> (row: Int, rest: Substring)? {
    let prefix = key + "["
    guard e.path.hasPrefix(prefix), let close = e.path.firstIndex(of: "]"),
          let row = Int(e.path[e.path.index(e.path.startIndex, offsetBy: prefix.count)..<close]), lines.indices.contains(row) else { return nil }
    var rest = e.path[e.path.index(after: close)...]
    if rest.hasPrefix(".") { rest = rest.dropFirst() }
    return (row, rest)
  }

  /// The error at its row and column when its path is inside this table; nil otherwise.
  func locate(_ e: ScenarioError) -> ScenarioError? {
    guard let (row, rest) = row(of: e) else { return nil }
    let line = Int(lines[row])
    // The longest column that is the path or one of its parents.
    var best: Int?
    for (j, c) in columns.enumerated() where rest == c || rest.hasPrefix(c + ".") || rest.hasPrefix(c + "[") {
      if best == nil || c.count > columns[best!].count { best = j }
    }
    if let best { return .table(file, line: line, column: best + 1, name: String(rest), e.problem) }
    return .table(file, line: line, column: nil, name: rest.isEmpty ? nil : String(rest), e.problem)
  }
}
