/// Splits CSV text (RFC 4180: comma-separated, fields optionally in double quotes with `""` for a
/// quote, CRLF or LF line ends, an optional UTF-8 byte-order mark) into records of byte ranges,
/// without making a string per field: callers read the bytes they need.
///
/// Used by the sales-history reader and the catalogue tables.
struct CSVTokenizer {
  /// One field of the current record.
  struct Field {
    /// Byte range in the text (inside the quotes for a quoted field).
    var start: Int
    var end: Int
    /// The field holds `""` escapes, so its text must be unescaped (`CSVTokenizer.text`).
    var escaped: Bool
  }

  /// A syntax error: a quote that never closes, or text after a closing quote.
  struct SyntaxError: Error {
    var line: Int
    var column: Int
    var problem: String
  }

  let bytes: UnsafeBufferPointer<UInt8>
  private(set) var position = 0
  /// The line (from 1) where the current record starts.
  private(set) var line = 0
  /// The line (from 1) where the next record or blank line starts.
  private(set) var nextLine = 1

  /// Starts at the beginning of `bytes`, after a byte-order mark if there is one.
  init(_ bytes: UnsafeBufferPointer<UInt8>) {
    self.bytes = bytes
    if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { position = 3 }
  }

  /// Starts on a later piece of a file (a chunk read while streaming) whose first byte is on
  /// line `line`; no byte-order mark is skipped.
  init(_ bytes: UnsafeBufferPointer<UInt8>, line: Int) {
    self.bytes = bytes
    nextLine = line
  }

  /// Starts at byte `position` of `bytes`, a record that starts on line `line` (to read again a
  /// record an earlier pass found there).
  init(_ bytes: UnsafeBufferPointer<UInt8>, position: Int, line: Int) {
    self.bytes = bytes
    self.position = position
    nextLine = line
  }

  /// Reads the next non-empty record into `fields`; false at the end of the text.
  mutating func next(into fields: inout [Field]) throws(SyntaxError) -> Bool {
    fields.removeAll(keepingCapacity: true)
    let n = bytes.count
    // Skip blank lines.
    while position < n, bytes[position] == 0x0A || bytes[position] == 0x0D {
      if bytes[position] == 0x0A { nextLine += 1 }
      position += 1
    }
    guard position < n else { return false }
    line = nextLine
    while true {
      if position < n, bytes[position] == 0x22 {
        position += 1
        let start = position
        var escaped = false
        while true {
          guard position < n else { throw SyntaxError(line: line, column: fields.count + 1, problem: "the quote opened here never closes") }
          let c = bytes[position]
          if c == 0x22 {
            if position + 1 < n, bytes[position + 1] == 0x22 { escaped = true; position += 2; continue }
            break
          }
          if c == 0x0A { nextLine += 1 }
          position += 1
        }
        fields.append(Field(start: start, end: position, escaped: escaped))
        position += 1
        if position < n, bytes[position] != 0x2C, bytes[position] != 0x0A, bytes[position] != 0x0D {
          throw SyntaxError(line: line, column: fields.count, problem: "text after the closing quote; quote the whole field")
        }
      } else {
        let start = position
        while position < n {
          let c = bytes[position]
          if c == 0x2C || c == 0x0A || c == 0x0D { break }
          position += 1
        }
        fields.append(Field(start: start, end: position, escaped: false))
      }
      if position < n, bytes[position] == 0x2C { position += 1; continue }
      // End of record.
      if position < n, bytes[position] == 0x0D { position += 1 }
      if position < n, bytes[position] == 0x0A { position += 1; nextLine += 1 }
      return true
    }
  }

  /// The field's text, unescaped and without surrounding spaces.
  func text(_ f: Field) -> String {
    let (start, e) = trimmed(f)
    var s = start
    if !f.escaped { return String(decoding: UnsafeBufferPointer(rebasing: bytes[s..<e]), as: UTF8.self) }
    var out: [UInt8] = []
    out.reserveCapacity(e - s)
    while s < e {
      out.append(bytes[s])
      s += bytes[s] == 0x22 ? 2 : 1
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// The field's byte range without leading and trailing spaces or tabs.
  @inline(__always)
  func trimmed(_ f: Field) -> (start: Int, end: Int) {
    var s = f.start, e = f.end
    while s < e, bytes[s] == 0x20 || bytes[s] == 0x09 { s += 1 }
    while e > s, bytes[e - 1] == 0x20 || bytes[e - 1] == 0x09 { e -= 1 }
    return (s, e)
  }

  /// True when the field (trimmed) is empty.
  func isEmpty(_ f: Field) -> Bool { let (s, e) = trimmed(f); return s == e }

  /// True when the trimmed field has exactly the bytes of `other`'s trimmed field.
  func same(_ a: Field, _ b: Field) -> Bool {
    let (s1, e1) = trimmed(a), (s2, e2) = trimmed(b)
    guard e1 - s1 == e2 - s2, !a.escaped, !b.escaped else { return false }
    for i in 0..<(e1 - s1) where bytes[s1 + i] != bytes[s2 + i] { return false }
    return true
  }

  /// The field as a JSON number literal (`-`, digits, optional fraction and exponent), or nil
  /// when it is not one: `nan`, `inf`, `+1`, `0x10`, `1,5` and the empty field are not numbers.
  func numberLiteral(_ f: Field) -> Double? {
    let (s, e) = trimmed(f)
    guard let whole = scanNumber(s, e) else { return nil }
    if whole >= 0 { return bytes[s] == 0x2D ? -Double(whole) : Double(whole) }
    return Double(String(decoding: UnsafeBufferPointer(rebasing: bytes[s..<e]), as: UTF8.self))
  }

  /// True when the trimmed field starts with `[` or `{`: a JSON array or object in a cell.
  func isJSONCell(_ f: Field) -> Bool {
    let (s, e) = trimmed(f)
    return s < e && (bytes[s] == 0x5B || bytes[s] == 0x7B)
  }

  /// True when the trimmed field is a JSON number literal.
  func isNumberLiteral(_ f: Field) -> Bool {
    let (s, e) = trimmed(f)
    return scanNumber(s, e) != nil
  }

  /// Checks the JSON number syntax of `bytes[s..<e]`: nil when it is not a number; its magnitude
  /// when it is an integer of at most 15 digits (exact in a Double); −1 for any other number.
  @inline(__always)
  private func scanNumber(_ s: Int, _ e: Int) -> Int? {
    guard s < e else { return nil }
    var i = s
    if bytes[i] == 0x2D { i += 1 }
    // Fast path: a plain integer of up to 15 digits is exact in a Double.
    var whole = 0, digits = 0
    while i < e, bytes[i] &- 0x30 < 10 {
      if digits < 16 { whole = whole * 10 + Int(bytes[i] &- 0x30) }
      digits += 1
      i += 1
    }
    guard digits > 0 else { return nil }
    if i == e, digits <= 15 { return whole }
    if i < e, bytes[i] == 0x2E {
      i += 1
      let before = i
      while i < e, bytes[i] &- 0x30 < 10 { i += 1 }
      guard i > before else { return nil }
    }
    if i < e, bytes[i] | 0x20 == 0x65 {
      i += 1
      if i < e, bytes[i] == 0x2B || bytes[i] == 0x2D { i += 1 }
      let before = i
      while i < e, bytes[i] &- 0x30 < 10 { i += 1 }
      guard i > before else { return nil }
    }
    guard i == e else { return nil }
    return -1
  }
}
