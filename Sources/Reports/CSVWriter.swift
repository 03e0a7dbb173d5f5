/// Builds RFC 4180 CSV text.
public struct CSVWriter {
  /// The text so far.
  public private(set) var text = ""

  /// Starts a CSV with a header row.
  public init(header: [String]) { appendRow(header) }

  /// Appends a row, quoting fields that contain commas, quotes or line breaks.
  public mutating func appendRow(_ fields: [String]) {
    text += fields.map(Self.escape).joined(separator: ",")
    text += "\n"
  }

  /// Quotes a field when needed.
  public static func escape(_ field: String) -> String {
    guard field.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }) else { return field }
    return "\"" + field.replacingAll("\"", with: "\"\"") + "\""
  }
}

extension String {
  /// Replaces every occurrence of `target` (Foundation-free).
  func replacingAll(_ target: Character, with replacement: String) -> String {
    var out = ""
    for c in self { if c == target { out += replacement } else { out.append(c) } }
    return out
  }
}
