/// Escaping for XML and XHTML text, so that any name (`a<b & "c"`) keeps a page well-formed.
public enum XMLEscape {
  /// Escapes `s` for use as element text or inside a double- or single-quoted attribute value.
  ///
  /// Replaces `&`, `<`, `>`, `"` and `'` by references and drops the control characters
  /// XML 1.0 forbids (all below U+0020 except tab, line feed and carriage return, and U+FFFE/U+FFFF).
  ///
  /// - Complexity: O(n) in the length of `s`.
  public static func escape(_ s: String) -> String {
    var out = ""
    out.reserveCapacity(s.utf8.count)
    for u in s.unicodeScalars {
      switch u {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      default:
        if u.value < 0x20 && u != "\n" && u != "\t" && u != "\r" { continue }
        if u.value == 0xFFFE || u.value == 0xFFFF { continue }
        out.unicodeScalars.append(u)
      }
    }
    return out
  }

  /// A string usable as (part of) an XML `id`: letters, digits, `-` and `_` kept, anything else as `-`.
  public static func identifier(_ s: String) -> String {
    var out = ""
    for u in s.unicodeScalars {
      let ascii = u.isASCII && (("a"..."z").contains(u) || ("A"..."Z").contains(u) || ("0"..."9").contains(u) || u == "-" || u == "_")
      out.unicodeScalars.append(ascii ? u : "-")
    }
    return out
  }
}
