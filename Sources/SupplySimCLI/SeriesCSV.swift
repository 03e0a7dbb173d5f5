import Scenarios

/// Time series read from a CSV file: time columns (dates or an index) and value columns.
///
/// The first row is a header. A column whose header is `date`, `day`, `index`, `month`,
/// `period`, `t`, `time`, `week` or `year`, or whose values are all ISO dates (YYYY-MM-DD), is a
/// time column, wherever it is; the first column of ISO dates (else the first time column)
/// labels the forecast. Every other column may be a series; only the columns a command uses
/// must hold numbers, so label columns such as a SKU name may stay. Blank lines and lines
/// starting with `#` are skipped.
struct SeriesCSV {
  /// Every header name, in file order.
  var header: [String]
  /// The data rows: 1-based line number and trimmed cells (one per header name).
  var rows: [(line: Int, cells: [String])]
  /// Indices of the time columns.
  var timeColumns: [Int]
  /// The file's name in messages.
  var file: String

  /// A problem in a CSV file, with its line.
  struct Problem: Error, CustomStringConvertible {
    var file: String
    var line: Int?
    var message: String
    var description: String { line.map { "\(file): line \($0): \(message)" } ?? "\(file): \(message)" }
  }

  /// The header names that mark a time column.
  static let timeNames: Set<String> = ["date", "day", "index", "month", "period", "t", "time", "week", "year"]

  /// Reads and checks a file, or standard input for `-`.
  static func read(path: String, console: Console) throws -> SeriesCSV {
    try parse(InputFile.text(path, console: console), file: InputFile.displayName(path))
  }

  /// Parses CSV text.
  static func parse(_ text: String, file: String) throws -> SeriesCSV {
    var rows: [(line: Int, cells: [String])] = []
    let text = text.hasPrefix("\u{FEFF}") ? Substring(text.dropFirst()) : Substring(text)
    for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let line = raw.hasSuffix("\r") ? String(raw.dropLast()) : String(raw)
      if line.trimmed.isEmpty || line.hasPrefix("#") { continue }
      rows.append((i + 1, splitCells(line).map(\.trimmed)))
    }
    guard let header = rows.first else { throw Problem(file: file, line: nil, message: "is empty; expected a header row and values") }
    let body = Array(rows.dropFirst())
    guard !body.isEmpty else { throw Problem(file: file, line: nil, message: "has a header but no values") }
    let names = header.cells
    for row in body where row.cells.count != names.count {
      throw Problem(file: file, line: row.line, message: "has \(row.cells.count) fields, the header has \(names.count)")
    }
    let timeColumns = names.indices.filter { c in
      timeNames.contains(names[c].lowercased()) || body.allSatisfy { CalendarDate(iso: $0.cells[c]) != nil }
    }
    guard timeColumns.count < names.count else {
      throw Problem(file: file, line: header.line, message: "has time columns (\(names.joined(separator: ", "))) but no value column")
    }
    return SeriesCSV(header: names, rows: body, timeColumns: timeColumns, file: file)
  }

  /// The columns that are not time columns, in file order.
  var valueColumns: [Int] { header.indices.filter { !timeColumns.contains($0) } }

  /// The time values that label the series: the first column of ISO dates, else the first time column.
  var times: [String]? {
    let dates = timeColumns.first { c in rows.allSatisfy { CalendarDate(iso: $0.cells[c]) != nil } }
    return (dates ?? timeColumns.first).map { c in rows.map { $0.cells[c] } }
  }

  /// The series to forecast: the column named `wanted`, else the first value column that holds
  /// a number.
  ///
  /// - Throws: `Problem` for an unknown column (naming the columns) or a cell that is not a finite number.
  func series(named wanted: String?) throws -> (name: String, values: [Double]) {
    let column: Int
    if let wanted {
      guard let c = header.firstIndex(of: wanted) else {
        let hint = NearestName.closest(to: wanted, among: header).map { "did you mean '\($0)'? " } ?? ""
        throw Problem(file: file, line: rows.first.map { _ in 1 }, message: "no column '\(wanted)'; \(hint)columns: \(header.joined(separator: ", "))")
      }
      column = c
    } else {
      // With no column of numbers, the first value column names the first cell that is not one.
      column = valueColumns.first { c in rows.contains { Self.number($0.cells[c]) != nil } } ?? valueColumns[0]
    }
    return (header[column], try values(of: column))
  }

  /// Every value column that holds a number, as series; columns without any number (labels) are left out.
  ///
  /// - Throws: `Problem` naming the line of a cell that is not a number in a used column (the
  ///   first value column when none holds numbers).
  func allSeries() throws -> [(name: String, values: [Double])] {
    let used = valueColumns.filter { c in rows.contains { Self.number($0.cells[c]) != nil } }
    // With no column of numbers, the first value column names the first cell that is not one.
    return try (used.isEmpty ? [valueColumns[0]] : used).map { (header[$0], try values(of: $0)) }
  }

  /// The numbers of one column.
  func values(of column: Int) throws -> [Double] {
    try rows.map { row in
      let cell = row.cells[column]
      guard let v = Self.number(cell) else {
        throw Problem(file: file, line: row.line, message: "\(header[column]): '\(cell)' is not a \(Double(cell) == nil ? "" : "finite ")number")
      }
      return v
    }
  }

  /// A finite decimal number, or nil.
  static func number(_ cell: String) -> Double? {
    guard let v = Double(cell), v.isFinite else { return nil }
    return v
  }

  /// Splits one line into fields, honouring double quotes.
  static func splitCells(_ line: String) -> [String] {
    var cells: [String] = [], current = "", quoted = false
    var chars = Array(line)[...]
    while let c = chars.popFirst() {
      if quoted {
        if c == "\"" {
          if chars.first == "\"" { current.append("\""); chars.removeFirst() } else { quoted = false }
        } else { current.append(c) }
      } else if c == "\"" { quoted = true }
      else if c == "," { cells.append(current); current = "" }
      else { current.append(c) }
    }
    cells.append(current)
    return cells
  }

  /// Labels for `count` steps after the last time value: dates continued at the series' spacing
  /// (daily, weekly or monthly) when the times are ISO dates, else step numbers.
  func futureLabels(count: Int) -> [String] {
    guard let times, times.count >= 2, let last = CalendarDate(iso: times[times.count - 1]),
          let previous = CalendarDate(iso: times[times.count - 2]) else {
      let n = rows.count
      return (1...max(count, 1)).prefix(count).map { "t+\($0) (\(n + $0 - 1))" }
    }
    let gap = last.dayNumber - previous.dayNumber
    return (1...max(count, 1)).prefix(count).map { h in
      if (28...31).contains(gap) { return last.addingMonths(h).iso }
      return CalendarDate(dayNumber: last.dayNumber + gap * h).iso
    }
  }
}

/// A proleptic Gregorian date, for labelling forecasts.
struct CalendarDate {
  var year: Int, month: Int, day: Int

  /// Parses `YYYY-MM-DD` (or `YYYY-MM`, taken as the first of the month).
  init?(iso: String) {
    let parts = iso.split(separator: "-")
    guard parts.count == 2 || parts.count == 3, parts[0].count == 4, let y = Int(parts[0]), let m = Int(parts[1]), (1...12).contains(m) else { return nil }
    let d = parts.count == 3 ? Int(parts[2]) : 1
    guard let d, (1...31).contains(d) else { return nil }
    year = y; month = m; day = d
  }

  /// The date `n` days after 1970-01-01.
  init(dayNumber n: Int) {
    // Howard Hinnant's civil-from-days algorithm.
    let z = n + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    day = doy - (153 * mp + 2) / 5 + 1
    month = mp < 10 ? mp + 3 : mp - 9
    year = yoe + era * 400 + (month <= 2 ? 1 : 0)
  }

  /// Days since 1970-01-01.
  var dayNumber: Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = month > 2 ? month - 3 : month + 9
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }

  /// The same day `n` months later (clamped to the month's length).
  func addingMonths(_ n: Int) -> CalendarDate {
    var copy = self
    let total = year * 12 + (month - 1) + n
    copy.year = total / 12
    copy.month = total % 12 + 1
    let lengths = [31, (copy.year % 4 == 0 && (copy.year % 100 != 0 || copy.year % 400 == 0)) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    copy.day = min(day, lengths[copy.month - 1])
    return copy
  }

  /// `YYYY-MM-DD`.
  var iso: String {
    func pad(_ v: Int, _ w: Int) -> String { let s = String(v); return String(repeating: "0", count: max(0, w - s.count)) + s }
    return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
  }
}

extension String {
  /// The string without leading and trailing spaces and tabs.
  var trimmed: String {
    var s = Substring(self)
    while let c = s.first, c == " " || c == "\t" { s.removeFirst() }
    while let c = s.last, c == " " || c == "\t" { s.removeLast() }
    return String(s)
  }
}
