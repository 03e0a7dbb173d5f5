import Scenarios

/// A stable hash of a scenario file's content, so a baseline can tell whether its scenario changed.
///
/// The file is parsed and re-rendered canonically (see `canonicalText(_:)`): object keys sorted by
/// Unicode code point, no whitespace, strings with only the escapes JSON requires, and numbers
/// normalised (`5`, `5.0` and `5e0` are the same number). The fingerprint is
/// `sha256:` followed by the SHA-256 of that text in hexadecimal. Reformatting or reordering keys
/// keeps the fingerprint; any change of a value, key or array order changes it.
public enum ScenarioFingerprint {
  /// The prefix naming the hash function.
  public static let prefix = "sha256:"

  /// The fingerprint of a JSON document.
  ///
  /// - Throws: `JSONSyntaxError` when the text is not JSON.
  public static func of(json: String) throws(JSONSyntaxError) -> String {
    prefix + SHA256.hex(canonicalText(try JSONParser.parse(json)))
  }

  /// The canonical rendering hashed by `of(json:)`.
  public static func canonicalText(_ value: JSONValue) -> String {
    var out = ""
    write(value, into: &out)
    return out
  }

  private static func write(_ value: JSONValue, into out: inout String) {
    switch value {
    case .null: out += "null"
    case let .bool(b): out += b ? "true" : "false"
    case let .number(literal): out += canonicalNumber(literal)
    case let .string(s): out += quoted(s)
    case let .array(items):
      out += "["
      for (i, item) in items.enumerated() {
        if i > 0 { out += "," }
        write(item, into: &out)
      }
      out += "]"
    case let .object(members):
      out += "{"
      let sorted = members.sorted { $0.key.unicodeScalars.map(\.value).lexicographicallyPrecedes($1.key.unicodeScalars.map(\.value)) }
      for (i, m) in sorted.enumerated() {
        if i > 0 { out += "," }
        out += quoted(m.key) + ":"
        write(m.value, into: &out)
      }
      out += "}"
    }
  }

  /// Integers written with digits only stay as written (exact beyond 2^53); other numbers are
  /// rendered as the shortest text that reads back as the same `Double`, integral ones without a
  /// fraction.
  static func canonicalNumber(_ literal: String) -> String {
    let digits = literal.hasPrefix("-") ? literal.dropFirst() : Substring(literal)
    if !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) {
      return literal == "-0" ? "0" : literal
    }
    guard let x = Double(literal), x.isFinite else { return literal }
    if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
    return "\(x)"
  }

  private static func quoted(_ s: String) -> String {
    var out = "\""
    for u in s.unicodeScalars {
      switch u {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      default:
        if u.value < 0x20 {
          let hex = String(u.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          out.unicodeScalars.append(u)
        }
      }
    }
    return out + "\""
  }
}
