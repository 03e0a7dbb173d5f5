/// A problem in an MPS file, named by line.
public struct MPSError: Error, Equatable, CustomStringConvertible {
  /// The 1-based line number where the problem was found (0 for the file as a whole).
  public var line: Int
  /// What is wrong and what was found.
  public var problem: String
  /// `line 12: ...`, as printed by the CLI.
  public var description: String { line > 0 ? "line \(line): \(problem)" : problem }

  /// Creates an error.
  ///
  /// - Parameters:
  ///   - line: The 1-based line number.
  ///   - problem: What is wrong, naming the value found.
  public init(line: Int, problem: String) { self.line = line; self.problem = problem }
}

/// Reads free-format MPS into a `LinearProgram`.
///
/// Sections: `NAME`, `OBJSENSE` (`MIN`/`MAX`, on the same or the next line), `ROWS` (`N`, `L`, `G`,
/// `E`; the first `N` row is the objective, later ones are dropped), `COLUMNS` (with
/// `'MARKER' 'INTORG'`/`'INTEND'` integer blocks), `RHS` (an objective-row RHS `r` adds `-r` to the
/// objective), `RANGES` (MPS semantics, see `LinearProgram.Constraint.range`), `BOUNDS` (`UP LO FX FR
/// MI PL BV LI UI`) and `ENDATA`. Fields are separated by blanks; names may not contain blanks; set
/// names in `RHS`, `RANGES` and `BOUNDS` may be omitted. Lines starting with `*` are comments.
/// Defaults: variables in `[0, +inf)`, integer ones too; `UP` with a negative value on a variable
/// whose lower bound is 0 makes the lower bound `-inf` (the classic convention).
///
/// Numbers: every value must be a finite Double; text that overflows (`1e400`), `nan` and
/// `inf` are errors, except in `BOUNDS`, where `inf`/`infinity` (signed, any case) and values of
/// magnitude `1e30` or more mean an infinite bound. A lower bound of `+inf` or an upper bound of
/// `-inf` is an error. The JSON format (`LPProblemFile`) follows the same rules.
public enum MPSReader {
  /// Parses MPS text.
  ///
  /// - Parameter text: The file contents.
  /// - Returns: The program (a minimisation unless `OBJSENSE MAX`).
  /// - Throws: `MPSError` naming the line and what is wrong (unknown section, row or column, bad
  ///   number, wrong field count, unknown bound type, duplicate row, a second entry of a column
  ///   in the same row).
  /// - Complexity: O(size of the text) with hashing of names.
  public static func parse(_ text: String) throws(MPSError) -> LinearProgram {
    enum Section { case none, name, objsense, rows, columns, rhs, ranges, bounds, end }
    var section = Section.none
    var lp = LinearProgram()
    var rowIndex: [String: Int] = [:]      // constraint index, or -1 for the objective, -2 for dropped N rows
    var objectiveName: String? = nil
    var columnIndex: [String: Int] = [:]
    var rowTerms: [[(Int, Double)]] = []
    var integerBlock = false
    var currentColumn = -1, currentColumnName = ""
    /// Rows the current column has an entry in (-1: the objective), so that a repeated entry is
    /// an error rather than a second coefficient (two entries of 1e308 would sum to infinity).
    var currentColumnRows: Set<Int> = []
    var lineNumber = 0

    func number(_ s: Substring, _ what: String) throws(MPSError) -> Double {
      guard let v = Double(s) else { throw MPSError(line: lineNumber, problem: "\(what): expected a number, got '\(s)'") }
      guard v.isFinite else {
        throw MPSError(line: lineNumber, problem: "\(what): expected a finite number, got '\(s)'\(v.isNaN ? "" : " (beyond the range of a Double; an infinite bound is written inf or 1e30 in BOUNDS)")")
      }
      return v
    }
    func bound(_ s: Substring, _ what: String) throws(MPSError) -> Double {
      switch s.lowercased() {
      case "inf", "+inf", "infinity", "+infinity": return .infinity
      case "-inf", "-infinity": return -.infinity
      default:
        let v = try number(s, what)
        return v >= LinearProgram.infiniteBound ? .infinity : v <= -LinearProgram.infiniteBound ? -.infinity : v
      }
    }
    func row(_ s: Substring) throws(MPSError) -> Int {
      guard let r = rowIndex[String(s)] else { throw MPSError(line: lineNumber, problem: "unknown row '\(s)'") }
      return r
    }

    for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
      lineNumber += 1
      var line = rawLine
      if line.last == "\r" { line = line.dropLast() }
      if line.first == "*" { continue }
      let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
      if fields.isEmpty { continue }
      let startsInColumnOne = !(line.first == " " || line.first == "\t")
      if startsInColumnOne {
        let keyword = fields[0].uppercased()
        switch keyword {
        case "NAME": section = .name; continue
        case "ROWS": section = .rows; continue
        case "COLUMNS": section = .columns; continue
        case "RHS": section = .rhs; continue
        case "RANGES": section = .ranges; continue
        case "BOUNDS": section = .bounds; continue
        case "ENDATA": section = .end; continue
        case "OBJSENSE":
          if fields.count > 1 {
            switch fields[1].uppercased() {
            case "MAX", "MAXIMIZE": lp.sense = .maximize
            case "MIN", "MINIMIZE": lp.sense = .minimize
            default: throw MPSError(line: lineNumber, problem: "OBJSENSE must be MIN or MAX, got '\(fields[1])'")
            }
            section = .none
          } else { section = .objsense }
          continue
        default:
          if section != .objsense {
            throw MPSError(line: lineNumber, problem: "unknown section '\(fields[0])' (expected NAME, OBJSENSE, ROWS, COLUMNS, RHS, RANGES, BOUNDS or ENDATA)")
          }
        }
      }
      switch section {
      case .none, .name:
        throw MPSError(line: lineNumber, problem: "data outside a section: '\(line)'")
      case .end:
        throw MPSError(line: lineNumber, problem: "data after ENDATA: '\(line)'")
      case .objsense:
        switch fields[0].uppercased() {
        case "MAX", "MAXIMIZE": lp.sense = .maximize
        case "MIN", "MINIMIZE": lp.sense = .minimize
        default: throw MPSError(line: lineNumber, problem: "OBJSENSE must be MIN or MAX, got '\(fields[0])'")
        }
        section = .none
      case .rows:
        guard fields.count == 2 else { throw MPSError(line: lineNumber, problem: "ROWS entry needs 2 fields (type name), got \(fields.count)") }
        let name = String(fields[1])
        if rowIndex[name] != nil { throw MPSError(line: lineNumber, problem: "duplicate row '\(name)'") }
        switch fields[0].uppercased() {
        case "N":
          if objectiveName == nil { objectiveName = name; rowIndex[name] = -1 } else { rowIndex[name] = -2 }
        case "L", "G", "E":
          let relation: LinearProgram.Relation = fields[0].uppercased() == "L" ? .lessOrEqual : fields[0].uppercased() == "G" ? .greaterOrEqual : .equal
          rowIndex[name] = lp.constraints.count
          lp.constraints.append(LinearProgram.Constraint(name: name, indices: [], coefficients: [], relation: relation, rhs: 0))
          rowTerms.append([])
        default:
          throw MPSError(line: lineNumber, problem: "row type must be N, L, G or E, got '\(fields[0])'")
        }
      case .columns:
        if fields.count >= 3 && fields[1].uppercased() == "'MARKER'" {
          let kind = fields[2].uppercased()
          if kind == "'INTORG'" { integerBlock = true } else if kind == "'INTEND'" { integerBlock = false } else {
            throw MPSError(line: lineNumber, problem: "MARKER must be 'INTORG' or 'INTEND', got \(fields[2])")
          }
          continue
        }
        guard fields.count == 3 || fields.count == 5 else {
          throw MPSError(line: lineNumber, problem: "COLUMNS entry needs 3 or 5 fields (column row value [row value]), got \(fields.count)")
        }
        let name = String(fields[0])
        if name != currentColumnName {
          if columnIndex[name] != nil { throw MPSError(line: lineNumber, problem: "column '\(name)' appears in two separate blocks") }
          currentColumn = lp.variables.count; currentColumnName = name; columnIndex[name] = currentColumn
          currentColumnRows = []
          lp.variables.append(LinearProgram.Variable(name: name, lower: 0, upper: .infinity, cost: 0, isInteger: integerBlock))
        }
        var k = 1
        while k + 1 < fields.count {
          let r = try row(fields[k]); let v = try number(fields[k + 1], "coefficient of '\(name)' in row '\(fields[k])'")
          if r >= -1 && !currentColumnRows.insert(r).inserted {
            throw MPSError(line: lineNumber, problem: "column '\(name)' has a second entry in row '\(fields[k])'; give each coefficient once")
          }
          if r == -1 { lp.variables[currentColumn].cost = v } else if r >= 0 { rowTerms[r].append((currentColumn, v)) }
          k += 2
        }
      case .rhs, .ranges:
        let pairs = fields.count % 2 == 1 ? fields.dropFirst() : fields[...]
        guard pairs.count == 2 || pairs.count == 4 else {
          throw MPSError(line: lineNumber, problem: "\(section == .rhs ? "RHS" : "RANGES") entry needs [set] row value [row value], got \(fields.count) fields")
        }
        var k = pairs.startIndex
        while k + 1 < pairs.endIndex {
          let r = try row(pairs[k]); let v = try number(pairs[k + 1], "value for row '\(pairs[k])'")
          if section == .rhs {
            if r == -1 { lp.objectiveOffset = -v } else if r >= 0 { lp.constraints[r].rhs = v }
          } else {
            guard r >= 0 else { throw MPSError(line: lineNumber, problem: "RANGES on the objective row '\(pairs[k])'") }
            lp.constraints[r].range = v
          }
          k += 2
        }
      case .bounds:
        let type = fields[0].uppercased()
        let needsValue = ["UP", "LO", "FX", "LI", "UI"].contains(type)
        let valueOptional = type == "BV"
        guard needsValue || valueOptional || ["FR", "MI", "PL"].contains(type) else {
          throw MPSError(line: lineNumber, problem: "bound type must be one of UP LO FX FR MI PL BV LI UI, got '\(fields[0])'")
        }
        let columnField: Substring, valueField: Substring?
        switch (needsValue, fields.count) {
        case (true, 4): columnField = fields[2]; valueField = fields[3]
        case (true, 3): columnField = fields[1]; valueField = fields[2]
        case (false, 3): columnField = fields[2]; valueField = valueOptional ? nil : nil
        case (false, 2): columnField = fields[1]; valueField = nil
        case (false, 4) where valueOptional: columnField = fields[2]; valueField = nil
        default:
          throw MPSError(line: lineNumber, problem: "\(type) bound needs \(needsValue ? "[set] column value" : "[set] column"), got \(fields.count) fields")
        }
        guard let j = columnIndex[String(columnField)] else {
          throw MPSError(line: lineNumber, problem: "unknown column '\(columnField)' in BOUNDS")
        }
        var v = 0.0
        if let f = valueField { v = try bound(f, "\(type) bound of '\(columnField)'") }
        if (v == .infinity && ["LO", "LI", "FX"].contains(type)) || (v == -.infinity && ["UP", "UI", "FX"].contains(type)) {
          throw MPSError(line: lineNumber, problem: "\(type) bound of '\(columnField)' is \(v > 0 ? "+" : "-")infinity, which no value satisfies")
        }
        switch type {
        case "UP", "UI":
          if v < 0 && lp.variables[j].lower == 0 { lp.variables[j].lower = -.infinity }
          lp.variables[j].upper = v
          if type == "UI" { lp.variables[j].isInteger = true }
        case "LO", "LI":
          lp.variables[j].lower = v
          if type == "LI" { lp.variables[j].isInteger = true }
        case "FX": lp.variables[j].lower = v; lp.variables[j].upper = v
        case "FR": lp.variables[j].lower = -.infinity; lp.variables[j].upper = .infinity
        case "MI": lp.variables[j].lower = -.infinity
        case "PL": lp.variables[j].upper = .infinity
        default: lp.variables[j].lower = 0; lp.variables[j].upper = 1; lp.variables[j].isInteger = true
        }
        if lp.variables[j].lower > lp.variables[j].upper {
          throw MPSError(line: lineNumber, problem: "bounds of '\(columnField)' cross: [\(lp.variables[j].lower), \(lp.variables[j].upper)]")
        }
      }
    }
    if objectiveName == nil && lp.constraints.isEmpty && lp.variables.isEmpty {
      throw MPSError(line: 0, problem: "no ROWS or COLUMNS found: not an MPS file")
    }
    for (i, terms) in rowTerms.enumerated() {
      lp.constraints[i].indices = terms.map { $0.0 }
      lp.constraints[i].coefficients = terms.map { $0.1 }
    }
    return lp
  }
}
