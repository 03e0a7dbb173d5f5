import Foundation
import Scenarios

/// A JSON tree that keeps key order and duplicate keys, and can hold raw number text
/// (`1e400`, `-0`, 2^63 written out): the mutator needs all three, `JSONSerialization` keeps none.
indirect enum FuzzJSON: Equatable {
  case null
  case bool(Bool)
  case number(String)          // the exact text written
  case string(String)
  case array([FuzzJSON])
  case object([(String, FuzzJSON)])
  /// Written as is: deliberately invalid or extreme tokens (`NaN`, a 10,000-level nesting, ...).
  case raw(String)

  static func == (a: FuzzJSON, b: FuzzJSON) -> Bool { a.text() == b.text() }

  /// A one-word name of the value's type, for mutation descriptions.
  var kind: String {
    switch self {
    case .null: "null"
    case .bool: "bool"
    case .number: "number"
    case .string: "string"
    case .array: "array"
    case .object: "object"
    case .raw: "raw"
    }
  }

  /// The number's value, if it is one.
  var double: Double? { if case .number(let t) = self { Double(t) } else { nil } }

  /// The value at an object key (the first when duplicated).
  subscript(key: String) -> FuzzJSON? {
    if case .object(let members) = self { return members.first { $0.0 == key }?.1 }
    return nil
  }

  // MARK: Writing

  /// Compact JSON text (raw nodes verbatim).
  func text() -> String {
    var out = ""
    write(into: &out)
    return out
  }

  private func write(into out: inout String) {
    switch self {
    case .null: out += "null"
    case .bool(let b): out += b ? "true" : "false"
    case .number(let t), .raw(let t): out += t
    case .string(let s): FuzzJSON.quote(s, into: &out)
    case .array(let items):
      out += "["
      for (i, item) in items.enumerated() {
        if i > 0 { out += "," }
        item.write(into: &out)
      }
      out += "]"
    case .object(let members):
      out += "{"
      for (i, (key, value)) in members.enumerated() {
        if i > 0 { out += "," }
        FuzzJSON.quote(key, into: &out)
        out += ":"
        value.write(into: &out)
      }
      out += "}"
    }
  }

  /// Appends `s` as a JSON string literal: the project's one quoting (`JSONValue.quoted`).
  static func quote(_ s: String, into out: inout String) {
    out += JSONValue.quoted(s)
  }

  // MARK: Reading (the seeds: well-formed files)

  struct ParseError: Error { var offset: Int }

  /// Parses well-formed JSON, keeping number text as written.
  static func parse(_ text: String) throws -> FuzzJSON {
    var p = Parser(bytes: Array(text.utf8))
    let value = try p.value()
    p.skipSpace()
    guard p.i == p.bytes.count else { throw ParseError(offset: p.i) }
    return value
  }

  private struct Parser {
    var bytes: [UInt8]
    var i = 0

    mutating func skipSpace() {
      while i < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[i]) { i += 1 }
    }

    mutating func value() throws -> FuzzJSON {
      skipSpace()
      guard i < bytes.count else { throw ParseError(offset: i) }
      switch bytes[i] {
      case UInt8(ascii: "{"):
        i += 1
        var members: [(String, FuzzJSON)] = []
        skipSpace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return .object(members) }
        while true {
          skipSpace()
          guard case .string(let key) = try value() else { throw ParseError(offset: i) }
          skipSpace()
          guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw ParseError(offset: i) }
          i += 1
          members.append((key, try value()))
          skipSpace()
          guard i < bytes.count else { throw ParseError(offset: i) }
          if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
          if bytes[i] == UInt8(ascii: "}") { i += 1; return .object(members) }
          throw ParseError(offset: i)
        }
      case UInt8(ascii: "["):
        i += 1
        var items: [FuzzJSON] = []
        skipSpace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
        while true {
          items.append(try value())
          skipSpace()
          guard i < bytes.count else { throw ParseError(offset: i) }
          if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
          if bytes[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
          throw ParseError(offset: i)
        }
      case UInt8(ascii: "\""):
        i += 1
        var scalars = String.UnicodeScalarView()
        var chunk: [UInt8] = []
        func flush() { scalars.append(contentsOf: String(decoding: chunk, as: UTF8.self).unicodeScalars); chunk = [] }
        while i < bytes.count, bytes[i] != UInt8(ascii: "\"") {
          if bytes[i] == UInt8(ascii: "\\") {
            flush()
            i += 1
            guard i < bytes.count else { throw ParseError(offset: i) }
            let c = bytes[i]
            i += 1
            switch c {
            case UInt8(ascii: "n"): scalars.append("\n")
            case UInt8(ascii: "t"): scalars.append("\t")
            case UInt8(ascii: "r"): scalars.append("\r")
            case UInt8(ascii: "b"): scalars.append("\u{8}")
            case UInt8(ascii: "f"): scalars.append("\u{C}")
            case UInt8(ascii: "u"):
              guard i + 4 <= bytes.count, let v = UInt32(String(decoding: bytes[i..<i + 4], as: UTF8.self), radix: 16) else { throw ParseError(offset: i) }
              i += 4
              scalars.append(Unicode.Scalar(v) ?? "\u{FFFD}")
            default: scalars.append(Unicode.Scalar(c))
            }
          } else {
            chunk.append(bytes[i])
            i += 1
          }
        }
        flush()
        guard i < bytes.count else { throw ParseError(offset: i) }
        i += 1
        return .string(String(scalars))
      case UInt8(ascii: "t"):
        i += 4
        return .bool(true)
      case UInt8(ascii: "f"):
        i += 5
        return .bool(false)
      case UInt8(ascii: "n"):
        i += 4
        return .null
      default:
        let start = i
        while i < bytes.count, "+-0123456789.eE".utf8.contains(bytes[i]) { i += 1 }
        guard i > start else { throw ParseError(offset: i) }
        return .number(String(decoding: bytes[start..<i], as: UTF8.self))
      }
    }
  }
}

/// A step from a value to one of its children: an object member or an array element.
enum FuzzPathStep: Equatable {
  case key(String, Int)   // name and member index (keys may repeat)
  case index(Int)
}

extension FuzzJSON {
  /// Every path in the tree, parents before children (the root is `[]`).
  func allPaths(prefix: [FuzzPathStep] = [], into out: inout [[FuzzPathStep]]) {
    out.append(prefix)
    switch self {
    case .array(let items):
      for (i, item) in items.enumerated() { item.allPaths(prefix: prefix + [.index(i)], into: &out) }
    case .object(let members):
      for (i, (key, value)) in members.enumerated() { value.allPaths(prefix: prefix + [.key(key, i)], into: &out) }
    default: break
    }
  }

  /// The value at a path.
  func value(at path: ArraySlice<FuzzPathStep>) -> FuzzJSON? {
    guard let step = path.first else { return self }
    switch (self, step) {
    case (.array(let items), .index(let i)) where i < items.count: return items[i].value(at: path.dropFirst())
    case (.object(let members), .key(_, let i)) where i < members.count: return members[i].1.value(at: path.dropFirst())
    default: return nil
    }
  }

  /// Replaces the value at a path by what `change` makes of it; `change` returning nil removes it from its parent.
  mutating func modify(at path: ArraySlice<FuzzPathStep>, _ change: (FuzzJSON) -> FuzzJSON?) -> Bool {
    guard let step = path.first else { return false }
    let rest = path.dropFirst()
    switch (self, step) {
    case (.array(var items), .index(let i)) where i < items.count:
      if rest.isEmpty {
        if let v = change(items[i]) { items[i] = v } else { items.remove(at: i) }
      } else if !items[i].modify(at: rest, change) { return false }
      self = .array(items)
      return true
    case (.object(var members), .key(_, let i)) where i < members.count:
      if rest.isEmpty {
        if let v = change(members[i].1) { members[i].1 = v } else { members.remove(at: i) }
      } else if !members[i].1.modify(at: rest, change) { return false }
      self = .object(members)
      return true
    default: return false
    }
  }

  /// The path as users write it: `skus[3].demand.mean`.
  static func describe(_ path: [FuzzPathStep]) -> String {
    var out = ""
    for step in path {
      switch step {
      case .key(let k, _): out += out.isEmpty ? k : "." + k
      case .index(let i): out += "[\(i)]"
      }
    }
    return out.isEmpty ? "$" : out
  }
}
