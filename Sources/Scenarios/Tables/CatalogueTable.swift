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

  /// Replaces every table in `document` by the array it stands for.
  ///
  /// - Throws: `ScenarioErrors` for a table object with unknown keys, a file that cannot be read,
  ///   malformed CSV, or a malformed JSON cell (by file, line and column).
  static func expand(_ document: JSONValue, scenarioFile: String) throws(ScenarioErrors) -> (JSONValue, [TableOrigin]) {
    guard case var .object(members) = document else { return (document, []) }
    var origins: [TableOrigin] = []
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
      let result = data.withUnsafeBytes { raw in
        Result { () throws(ScenarioError) in try rows(raw.bindMemory(to: UInt8.self), name: path, key: key, defaults: defaults) }
      }
      switch result {
      case let .success((array, origin)):
        members[i].value = array
        origins.append(origin)
      case let .failure(e):
        throw ScenarioErrors(errors: [e])
      }
    }
    return (.object(members), origins)
  }

  /// The array of a table's rows, and where each row came from.
  static func rows(_ bytes: UnsafeBufferPointer<UInt8>, name: String, key: String, defaults: [(key: String, value: JSONValue)]) throws(ScenarioError) -> (JSONValue, TableOrigin) {
    var csv = CSVTokenizer(bytes)
    var fields: [CSVTokenizer.Field] = []
    let hasHeader: Bool
    do { hasHeader = try csv.next(into: &fields) } catch { throw .table(name, line: error.line, column: error.column, name: nil, error.problem) }
    guard hasHeader else { throw ScenarioError(file: name, path: "", problem: "is empty; it needs a header line naming its columns (id, …)") }
    let header = fields.map { csv.text($0) }
    var columns: [[String]] = []
    for (j, h) in header.enumerated() {
      let parts = h.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
      guard !h.isEmpty, parts.allSatisfy({ !$0.isEmpty }) else {
        throw .table(name, line: 1, column: j + 1, name: h, "a column needs a key name, dotted for nested keys (demand.mean)")
      }
      if let k = header[..<j].firstIndex(of: h) { throw .table(name, line: 1, column: j + 1, name: h, "duplicate column (also column \(k + 1))") }
      columns.append(parts)
    }
    let isString = columns.map { stringKeys.contains($0.last!) }
    var items: [JSONValue] = []
    var lines: [Int32] = []
    while true {
      let more: Bool
      do { more = try csv.next(into: &fields) } catch { throw .table(name, line: error.line, column: error.column, name: nil, error.problem) }
      guard more else { break }
      let line = csv.line
      guard fields.count == header.count else {
        throw .table(name, line: line, column: nil, name: nil, "has \(fields.count) field\(fields.count == 1 ? "" : "s"), the header has \(header.count)")
      }
      var object = defaults
      for j in fields.indices where !csv.isEmpty(fields[j]) {
        let f = fields[j]
        let value: JSONValue
        if isString[j] {
          value = .string(csv.text(f))
        } else if csv.isNumberLiteral(f) {
          let (s, e) = csv.trimmed(f)
          value = .number(String(decoding: UnsafeBufferPointer(rebasing: bytes[s..<e]), as: UTF8.self))
        } else {
          let text = csv.text(f)
          if text == "true" || text == "false" { value = .bool(text == "true") }
          else if text.hasPrefix("[") || text.hasPrefix("{") {
            do { value = try JSONParser.parse(text) } catch {
              throw .table(name, line: line, column: j + 1, name: header[j], "malformed JSON in the cell at \(error.description)")
            }
          } else { value = .string(text) }
        }
        set(&object, columns[j][...], to: value)
      }
      items.append(.object(object))
      lines.append(Int32(truncatingIfNeeded: line))
    }
    return (.array(items), TableOrigin(key: key, file: name, lines: lines, columns: header))
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

  /// The error at its row and column when its path is inside this table; nil otherwise.
  func locate(_ e: ScenarioError) -> ScenarioError? {
    let prefix = key + "["
    guard e.path.hasPrefix(prefix), let close = e.path.firstIndex(of: "]"),
          let row = Int(e.path[e.path.index(e.path.startIndex, offsetBy: prefix.count)..<close]), lines.indices.contains(row) else { return nil }
    var rest = e.path[e.path.index(after: close)...]
    if rest.hasPrefix(".") { rest = rest.dropFirst() }
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
