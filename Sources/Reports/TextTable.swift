/// A table rendered as aligned plain text (for terminals) or as a Markdown table.
public struct TextTable: Sendable {
  /// Column titles.
  public var header: [String]
  /// Rows of cells, one per column.
  public var rows: [[String]]
  /// Per column: true to right-align (numbers).
  public var rightAligned: [Bool]

  /// Creates a table; numbers are right-aligned, the first column left-aligned.
  public init(header: [String], rows: [[String]] = [], rightAligned: [Bool]? = nil) {
    self.header = header
    self.rows = rows
    self.rightAligned = rightAligned ?? header.indices.map { $0 > 0 }
  }

  /// Plain text with a rule under the header.
  public func plain() -> String {
    let widths = header.indices.map { c in ([header] + rows).map { $0[c].count }.max() ?? 0 }
    func line(_ cells: [String]) -> String {
      cells.enumerated().map { c, cell in
        let padding = String(repeating: " ", count: widths[c] - cell.count)
        return rightAligned[c] ? padding + cell : cell + padding
      }.joined(separator: "  ")
    }
    var out = line(header) + "\n"
    out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
    for row in rows { out += line(row) + "\n" }
    return out
  }

  /// A GitHub-flavoured Markdown table.
  public func markdown() -> String {
    var out = "| " + header.joined(separator: " | ") + " |\n"
    out += "|" + rightAligned.map { $0 ? "---:|" : ":---|" }.joined() + "\n"
    for row in rows { out += "| " + row.map { $0.replacingAll("|", with: "\\|") }.joined(separator: " | ") + " |\n" }
    return out
  }
}
