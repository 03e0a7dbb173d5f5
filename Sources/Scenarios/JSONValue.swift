/// A parsed JSON document that remembers where each value starts, so errors can point at it.
public enum JSONValue: Sendable, Equatable {
  /// `null`.
  case null
  /// `true` or `false`.
  case bool(Bool)
  /// A number, kept as its literal text so integers stay exact.
  case number(String)
  /// A string.
  case string(String)
  /// An array.
  case array([JSONValue])
  /// An object; keys keep their order in the file.
  case object([(key: String, value: JSONValue)])

  /// Equality by structure (key order included).
  public static func == (a: JSONValue, b: JSONValue) -> Bool {
    switch (a, b) {
    case (.null, .null): true
    case let (.bool(x), .bool(y)): x == y
    case let (.number(x), .number(y)): x == y
    case let (.string(x), .string(y)): x == y
    case let (.array(x), .array(y)): x == y
    case let (.object(x), .object(y)): x.count == y.count && zip(x, y).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    default: false
    }
  }

  /// A word for the kind of value, for error messages.
  public var kindName: String {
    switch self {
    case .null: "null"
    case .bool: "a boolean"
    case .number: "a number"
    case .string: "a string"
    case .array: "an array"
    case .object: "an object"
    }
  }

  /// The member `key` of an object, or nil.
  public subscript(key: String) -> JSONValue? {
    if case let .object(members) = self { return members.first { $0.key == key }?.value }
    return nil
  }
}

/// A JSON syntax error with its line and column (both from 1).
public struct JSONSyntaxError: Error, Equatable, Sendable, CustomStringConvertible {
  /// Line of the offending character.
  public var line: Int
  /// Column of the offending character.
  public var column: Int
  /// What was expected.
  public var message: String
  /// `line L, column C: message`.
  public var description: String { "line \(line), column \(column): \(message)" }
}

/// A strict RFC 8259 JSON parser (no comments, no trailing commas) that reports line and column.
public struct JSONParser {
  /// The document's UTF-8, valid only during `parse` (the parser never outlives that call).
  private let bytes: UnsafeBufferPointer<UInt8>
  private var i = 0
  /// Elements of the arrays and members of the objects being read, innermost last: each array or
  /// object is copied out at its end into storage of exactly its size, instead of growing its own.
  private var itemStack: [JSONValue] = []
  private var memberStack: [(key: String, value: JSONValue)] = []
  /// Root keys whose array values are checked but not kept (`parse(_:deferring:)`), and the
  /// byte ranges of their elements.
  private var deferredKeys: Set<String> = []
  private var deferred: [String: [Range<Int>]] = [:]

  /// Parses a whole document.
  ///
  /// - Throws: `JSONSyntaxError` at the first problem, or for duplicate keys in an object.
  ///
  /// - Complexity: O(n) in the text's length; the text's UTF-8 is read where it is stored.
  public static func parse(_ text: String) throws(JSONSyntaxError) -> JSONValue {
    let result = text.utf8.withContiguousStorageIfAvailable { bytes in Result { () throws(JSONSyntaxError) in try parse(bytes) } }
    if let result { return try result.get() }
    return try Array(text.utf8).withUnsafeBufferPointer { bytes throws(JSONSyntaxError) in try parse(bytes) }
  }

  private static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(JSONSyntaxError) -> JSONValue {
    try parse(bytes, deferring: []).value
  }

  /// Parses a whole document, except that the elements of an array that is the value of a root
  /// member named in `keys` are checked and then dropped: the document holds an empty array
  /// there, and the byte range of each element is returned by key, for `element(in:range:)` to
  /// parse again when it is needed. A huge array (a million SKUs) is so never held as one tree.
  ///
  /// - Throws: `JSONSyntaxError` at the first problem, exactly where `parse` would report it.
  static func parse(_ bytes: UnsafeBufferPointer<UInt8>, deferring keys: Set<String>) throws(JSONSyntaxError) -> (value: JSONValue, deferred: [String: [Range<Int>]]) {
    var parser = JSONParser(bytes: bytes)
    parser.deferredKeys = keys
    parser.skipSpace()
    let value = try parser.value(depth: 0)
    parser.skipSpace()
    guard parser.i == parser.bytes.count else { throw parser.error("unexpected text after the end of the document") }
    return (value, parser.deferred)
  }

  /// The element at `range` of a document `parse(_:deferring:)` read without error.
  static func element(in bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>) -> JSONValue {
    var parser = JSONParser(bytes: bytes)
    parser.i = range.lowerBound
    // Depth 2: an element of an array in the root object, as in the first pass.
    guard let value = try? parser.value(depth: 2), parser.i == range.upperBound else {
      preconditionFailure("JSONParser.element: bytes \(range) are not the element the first pass read there")
    }
    return value
  }

  private init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

  private func error(_ message: String, at offset: Int? = nil) -> JSONSyntaxError {
    let end = min(offset ?? i, bytes.count)
    var line = 1, column = 1
    for b in bytes[0..<end] { if b == 0x0A { line += 1; column = 1 } else if b & 0xC0 != 0x80 { column += 1 } }
    return JSONSyntaxError(line: line, column: column, message: message)
  }

  private mutating func skipSpace() {
    while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
  }

  private func describeHere() -> String {
    guard i < bytes.count else { return "the end of the file" }
    let c = bytes[i]
    return c >= 0x20 && c < 0x7F ? "'\(Character(UnicodeScalar(c)))'" : "byte \(c)"
  }

  private mutating func value(depth: Int) throws(JSONSyntaxError) -> JSONValue {
    guard depth < 200 else { throw error("nesting deeper than 200 levels") }
    guard i < bytes.count else { throw error("expected a value, found the end of the file") }
    switch bytes[i] {
    case UInt8(ascii: "{"): return try object(depth: depth)
    case UInt8(ascii: "["): return try array(depth: depth)
    case UInt8(ascii: "\""): return .string(try string())
    case UInt8(ascii: "t"): try literal("true"); return .bool(true)
    case UInt8(ascii: "f"): try literal("false"); return .bool(false)
    case UInt8(ascii: "n"): try literal("null"); return .null
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
    default: throw error("expected a value, found \(describeHere())")
    }
  }

  private mutating func literal(_ word: String) throws(JSONSyntaxError) {
    let w = Array(word.utf8)
    guard i + w.count <= bytes.count, Array(bytes[i..<(i + w.count)]) == w else { throw error("expected a value, found \(describeHere())") }
    i += w.count
  }

  private mutating func number() throws(JSONSyntaxError) -> String {
    let start = i
    if bytes[i] == UInt8(ascii: "-") { i += 1 }
    func digits(_ p: inout JSONParser) -> Int {
      let s = p.i
      while p.i < p.bytes.count, p.bytes[p.i] >= 0x30, p.bytes[p.i] <= 0x39 { p.i += 1 }
      return p.i - s
    }
    let intStart = i
    let n = digits(&self)
    guard n > 0 else { throw error("expected digits in a number") }
    if n > 1 && bytes[intStart] == UInt8(ascii: "0") { throw error("numbers may not have leading zeros", at: intStart) }
    if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
      i += 1
      guard digits(&self) > 0 else { throw error("expected digits after the decimal point") }
    }
    if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
      i += 1
      if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
      guard digits(&self) > 0 else { throw error("expected digits in the exponent") }
    }
    return String(decoding: bytes[start..<i], as: UTF8.self)
  }

  private mutating func hex4() throws(JSONSyntaxError) -> UInt32 {
    guard i + 4 <= bytes.count else { throw error("incomplete \\u escape") }
    var v: UInt32 = 0
    for _ in 0..<4 {
      let c = bytes[i]
      let d: UInt32
      switch c {
      case 0x30...0x39: d = UInt32(c - 0x30)
      case 0x41...0x46: d = UInt32(c - 0x41 + 10)
      case 0x61...0x66: d = UInt32(c - 0x61 + 10)
      default: throw error("bad hex digit in \\u escape")
      }
      v = v * 16 + d
      i += 1
    }
    return v
  }

  private mutating func string() throws(JSONSyntaxError) -> String {
    let open = i
    i += 1
    // Fast path: a string without escapes is its bytes (most keys and ids).
    var end = i
    while end < bytes.count {
      let c = bytes[end]
      if c == UInt8(ascii: "\"") {
        let text = String(decoding: bytes[i..<end], as: UTF8.self)
        i = end + 1
        return text
      }
      if c == UInt8(ascii: "\\") || c < 0x20 { break }
      end += 1
    }
    var out = [UInt8](bytes[i..<end])
    i = end
    while true {
      guard i < bytes.count else { throw error("unterminated string", at: open) }
      let c = bytes[i]
      if c == UInt8(ascii: "\"") { i += 1; break }
      if c < 0x20 { throw error("control character in a string (escape it)") }
      if c != UInt8(ascii: "\\") { out.append(c); i += 1; continue }
      i += 1
      guard i < bytes.count else { throw error("unterminated escape") }
      let e = bytes[i]
      i += 1
      switch e {
      case UInt8(ascii: "\""): out.append(0x22)
      case UInt8(ascii: "\\"): out.append(0x5C)
      case UInt8(ascii: "/"): out.append(0x2F)
      case UInt8(ascii: "b"): out.append(0x08)
      case UInt8(ascii: "f"): out.append(0x0C)
      case UInt8(ascii: "n"): out.append(0x0A)
      case UInt8(ascii: "r"): out.append(0x0D)
      case UInt8(ascii: "t"): out.append(0x09)
      case UInt8(ascii: "u"):
        var scalar = try hex4()
        if (0xD800...0xDBFF).contains(scalar) {
          guard i + 2 <= bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") else { throw error("lone surrogate in \\u escape") }
          i += 2
          let low = try hex4()
          guard (0xDC00...0xDFFF).contains(low) else { throw error("bad surrogate pair in \\u escape") }
          scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
        }
        guard let u = UnicodeScalar(scalar) else { throw error("invalid \\u escape") }
        out.append(contentsOf: Array(String(Character(u)).utf8))
      default: throw error("unknown escape \\\(Character(UnicodeScalar(e)))")
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  private mutating func array(depth: Int) throws(JSONSyntaxError) -> JSONValue {
    i += 1
    skipSpace()
    if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; return .array([]) }
    let first = itemStack.count
    while true {
      skipSpace()
      let item = try value(depth: depth + 1)
      itemStack.append(item)
      skipSpace()
      guard i < bytes.count else { throw error("expected ',' or ']', found the end of the file") }
      if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
      if bytes[i] == UInt8(ascii: "]") {
        i += 1
        let items = Array(itemStack[first...])
        itemStack.removeSubrange(first...)
        return .array(items)
      }
      throw error("expected ',' or ']', found \(describeHere())")
    }
  }

  /// Reads an array as `array` does, keeping only each element's byte range.
  private mutating func checkedElements(depth: Int) throws(JSONSyntaxError) -> [Range<Int>] {
    guard depth < 200 else { throw error("nesting deeper than 200 levels") }
    i += 1
    skipSpace()
    var ranges: [Range<Int>] = []
    if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; return ranges }
    while true {
      skipSpace()
      let start = i
      _ = try value(depth: depth + 1)
      ranges.append(start..<i)
      skipSpace()
      guard i < bytes.count else { throw error("expected ',' or ']', found the end of the file") }
      if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
      if bytes[i] == UInt8(ascii: "]") { i += 1; return ranges }
      throw error("expected ',' or ']', found \(describeHere())")
    }
  }

  private mutating func object(depth: Int) throws(JSONSyntaxError) -> JSONValue {
    i += 1
    skipSpace()
    if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return .object([]) }
    let first = memberStack.count
    // Keys seen so far, kept once an object is large enough that scanning its members for a
    // duplicate would cost more than hashing (the check stays linear in the object's size).
    var keys: Set<String>?
    while true {
      skipSpace()
      guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw error("expected a key in double quotes, found \(describeHere())") }
      let keyStart = i
      let key = try string()
      let duplicate: Bool
      if memberStack.count - first < 16 {
        duplicate = memberStack[first...].contains(where: { $0.key == key })
      } else {
        if keys == nil { keys = Set(memberStack[first...].map(\.key)) }
        duplicate = !keys!.insert(key).inserted
      }
      if duplicate { throw error("duplicate key '\(key)'", at: keyStart) }
      skipSpace()
      guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw error("expected ':' after key '\(key)', found \(describeHere())") }
      i += 1
      skipSpace()
      let member: JSONValue
      if depth == 0, deferredKeys.contains(key), i < bytes.count, bytes[i] == UInt8(ascii: "[") {
        deferred[key] = try checkedElements(depth: depth + 1)
        member = .array([])
      } else {
        member = try value(depth: depth + 1)
      }
      memberStack.append((key, member))
      skipSpace()
      guard i < bytes.count else { throw error("expected ',' or '}', found the end of the file") }
      if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
      if bytes[i] == UInt8(ascii: "}") {
        i += 1
        let members = Array(memberStack[first...])
        memberStack.removeSubrange(first...)
        return .object(members)
      }
      throw error("expected ',' or '}', found \(describeHere())")
    }
  }
}
