import Scenarios
import SupplyModel

/// Renders `JSONValue` as text with sorted keys and stable number formatting.
public enum JSONWriter {
  /// A number value from a double (non-finite values become null).
  public static func number(_ x: Double) -> JSONValue {
    x.isFinite ? .number(NumberFormat.shortest(x)) : .null
  }

  /// A number value from an integer.
  public static func number(_ x: Int) -> JSONValue { .number(String(x)) }

  /// Renders `value`, indenting nested levels by two spaces; object keys sorted by code point.
  public static func render(_ value: JSONValue) -> String {
    var out = ""
    write(value, indent: 0, into: &out)
    out += "\n"
    return out
  }

  private static func write(_ value: JSONValue, indent: Int, into out: inout String) {
    let pad = String(repeating: "  ", count: indent + 1)
    let close = String(repeating: "  ", count: indent)
    switch value {
    case .null: out += "null"
    case let .bool(b): out += b ? "true" : "false"
    case let .number(n): out += n
    case let .string(s): out += quoted(s)
    case let .array(items):
      if items.isEmpty { out += "[]"; return }
      if items.allSatisfy({ if case .number = $0 { return true }; if case .string = $0 { return true }; return false }) {
        out += "[" + items.map { render(compact: $0) }.joined(separator: ", ") + "]"
        return
      }
      out += "[\n"
      for (i, item) in items.enumerated() {
        out += pad
        write(item, indent: indent + 1, into: &out)
        out += i + 1 < items.count ? ",\n" : "\n"
      }
      out += close + "]"
    case let .object(members):
      if members.isEmpty { out += "{}"; return }
      out += "{\n"
      let sorted = members.sorted { Array($0.key.unicodeScalars.map(\.value)).lexicographicallyPrecedes($1.key.unicodeScalars.map(\.value)) }
      for (i, m) in sorted.enumerated() {
        out += pad + quoted(m.key) + ": "
        write(m.value, indent: indent + 1, into: &out)
        out += i + 1 < sorted.count ? ",\n" : "\n"
      }
      out += close + "}"
    }
  }

  private static func render(compact value: JSONValue) -> String {
    switch value {
    case let .number(n): n
    case let .string(s): quoted(s)
    default: render(value)
    }
  }

  /// A JSON string literal with the required escapes.
  public static func quoted(_ s: String) -> String { JSONValue.quoted(s) }
}
