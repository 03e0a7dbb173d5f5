/// Compact JSON text of a value, and number values made from doubles.
extension JSONValue {
  /// The value as compact JSON text (no whitespace, keys in their stored order, number literals as stored).
  public var jsonText: String {
    var out = ""
    write(into: &out)
    return out
  }

  /// A number value for `x`: integral values without a fraction (`7`, not `7.0`), so they decode
  /// into whole-number fields; others in Swift's shortest round-trip form.
  ///
  /// - Precondition: `x` is finite.
  public static func number(_ x: Double) -> JSONValue {
    precondition(x.isFinite, "JSON numbers are finite, got \(x)")
    if x == x.rounded(), abs(x) < 1e15 { return .number(String(Int64(x))) }
    return .number("\(x)")
  }

  /// A short rendering for labels: strings without quotes, everything else as compact JSON.
  public var label: String {
    if case let .string(s) = self { return s }
    return jsonText
  }

  /// The value of a number, or nil for anything else.
  public var doubleValue: Double? {
    if case let .number(n) = self { return Double(n) }
    return nil
  }

  private func write(into out: inout String) {
    switch self {
    case .null: out += "null"
    case let .bool(b): out += b ? "true" : "false"
    case let .number(n): out += n
    case let .string(s): out += Self.quoted(s)
    case let .array(items):
      out += "["
      for (i, item) in items.enumerated() {
        if i > 0 { out += "," }
        item.write(into: &out)
      }
      out += "]"
    case let .object(members):
      out += "{"
      for (i, m) in members.enumerated() {
        if i > 0 { out += "," }
        out += Self.quoted(m.key) + ":"
        m.value.write(into: &out)
      }
      out += "}"
    }
  }

  /// A JSON string literal with the escapes JSON requires (the one quoting every JSON writer uses).
  public static func quoted(_ s: String) -> String {
    var out = "\""
    for u in s.unicodeScalars {
      switch u {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
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
