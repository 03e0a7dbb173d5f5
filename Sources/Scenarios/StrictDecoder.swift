/// A problem found while decoding, located by JSON path; the loader adds the file name.
struct DecodingIssue: Error {
  var path: String
  var problem: String
}

/// Every structural problem of one document, so that a file with several missing or mistyped
/// keys is fixed in one round trip. A field that fails is recorded here and replaced by a
/// placeholder (see `StrictDecoder.placeholder`), and decoding goes on with its siblings.
final class IssueLog {
  private(set) var issues: [DecodingIssue] = []
  private var paths: Set<String> = []
  private var seen: Set<String> = []

  /// Records `issue` unless the same problem was already recorded at its path.
  func record(_ issue: DecodingIssue) {
    guard seen.insert(issue.path + "\u{0}" + issue.problem).inserted else { return }
    paths.insert(issue.path)
    issues.append(issue)
  }

  /// True when a problem was recorded at `path`.
  func hasIssue(at path: String) -> Bool { paths.contains(path) }
}

/// Thrown when a placeholder cannot stand in for a failed field: decoding stops, and the problems
/// recorded so far (at least the one that needed the placeholder) are reported.
struct StopCollecting: Error {}

/// Formats a coding path as a JSON path: `skus[3].leadTime.mean`.
func jsonPath(_ codingPath: [any CodingKey]) -> String {
  var out = ""
  for key in codingPath {
    if let index = key.intValue, key.stringValue.hasPrefix("Index") || key.stringValue == "\(index)" {
      out += "[\(index)]"
    } else {
      out += out.isEmpty ? key.stringValue : ".\(key.stringValue)"
    }
  }
  return out
}

/// A coding key for array positions and for keys found in a document.
struct DocumentKey: CodingKey {
  var stringValue: String
  var intValue: Int?
  init(stringValue: String) { self.stringValue = stringValue; intValue = nil }
  init(intValue: Int) { stringValue = "\(intValue)"; self.intValue = intValue }
}

/// Records which keys of one JSON object the decoded type asked about.
final class KeyLog {
  var asked: [String] = []
  func note(_ key: String) { if !asked.contains(key) { asked.append(key) } }
}

/// A `Decoder` over `JSONValue` that rejects keys the target type never asks about, with a
/// "did you mean" suggestion, and reports every problem by its JSON path.
struct StrictDecoder: Decoder {
  let value: JSONValue
  let codingPath: [any CodingKey]
  let log: KeyLog
  /// Where problems are collected; nil: the first problem is thrown.
  let issues: IssueLog?
  /// True for a placeholder: every key is absent and every scalar has its zero value.
  let isPlaceholder: Bool
  var userInfo: [CodingUserInfoKey: Any] { [:] }

  init(value: JSONValue, codingPath: [any CodingKey], issues: IssueLog? = nil, isPlaceholder: Bool = false) {
    self.value = value
    self.codingPath = codingPath
    self.log = KeyLog()
    self.issues = issues
    self.isPlaceholder = isPlaceholder
  }

  /// Decodes `T` from `value` and then checks that no key of the object went unread.
  ///
  /// With an issue log, a field that fails is recorded and replaced by a placeholder, and every
  /// unknown key is recorded; without one, the first problem is thrown.
  static func decode<T: Decodable>(_ type: T.Type, from value: JSONValue, path: [any CodingKey], issues: IssueLog? = nil) throws -> T {
    let decoder = StrictDecoder(value: value, codingPath: path, issues: issues)
    let result = try T(from: decoder)
    if case let .object(members) = value, !decoder.log.asked.isEmpty {
      for member in members where !decoder.log.asked.contains(member.key) {
        let issue = DecodingIssue(path: jsonPath(path + [DocumentKey(stringValue: member.key)]),
                                  problem: unknownKeyMessage(member.key, valid: decoder.log.asked))
        guard let issues else { throw issue }
        if !issues.hasIssue(at: issue.path) { issues.record(issue) }
      }
    }
    return result
  }

  /// Decodes `T` from `value`, or, when that fails and problems are being collected, records the
  /// problem and returns a placeholder so that decoding goes on with the field's siblings.
  static func decodeCollecting<T: Decodable>(_ type: T.Type, from value: JSONValue, path: [any CodingKey], issues: IssueLog?) throws -> T {
    do {
      if T.self == String.self || T.self == Int.self || T.self == Double.self || T.self == Bool.self || T.self == UInt64.self {
        return try decodeScalar(T.self, value, path: path)
      }
      return try decode(T.self, from: value, path: path, issues: issues)
    } catch let issue as DecodingIssue {
      guard let issues else { throw issue }
      issues.record(issue)
      return try placeholder(T.self, path: path)
    }
  }

  /// A stand-in for a field that could not be decoded: absent keys, empty arrays, zero scalars.
  /// Its values are never checked or built: a document with recorded problems is rejected.
  ///
  /// - Throws: `StopCollecting` when the type cannot be made from nothing.
  static func placeholder<T: Decodable>(_ type: T.Type, path: [any CodingKey]) throws -> T {
    do {
      return try T(from: StrictDecoder(value: .null, codingPath: path, isPlaceholder: true))
    } catch {
      throw StopCollecting()
    }
  }

  static func unknownKeyMessage(_ key: String, valid: [String]) -> String {
    if let best = NearestName.closest(to: key, among: valid) {
      return "unknown key '\(key)'; did you mean '\(best)'?"
    }
    return "unknown key '\(key)'; valid keys here: \(valid.sorted().joined(separator: ", "))"
  }

  func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
    if isPlaceholder { return KeyedDecodingContainer(StrictKeyedContainer<Key>(members: [], codingPath: codingPath, log: log, issues: nil, isPlaceholder: true)) }
    guard case let .object(members) = value else {
      throw DecodingIssue(path: jsonPath(codingPath), problem: "expected an object, got \(value.kindName)")
    }
    return KeyedDecodingContainer(StrictKeyedContainer<Key>(members: members, codingPath: codingPath, log: log, issues: issues))
  }

  func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
    if isPlaceholder { return StrictUnkeyedContainer(items: [], codingPath: codingPath, issues: nil) }
    guard case let .array(items) = value else {
      throw DecodingIssue(path: jsonPath(codingPath), problem: "expected an array, got \(value.kindName)")
    }
    return StrictUnkeyedContainer(items: items, codingPath: codingPath, issues: issues)
  }

  func singleValueContainer() throws -> any SingleValueDecodingContainer {
    StrictSingleValue(value: value, codingPath: codingPath, issues: issues, isPlaceholder: isPlaceholder)
  }
}

/// Converts a JSON scalar to the Swift type asked for, or explains why not.
func decodeScalar<T>(_ type: T.Type, _ value: JSONValue, path: [any CodingKey]) throws -> T {
  func fail(_ expected: String) -> DecodingIssue {
    var got = value.kindName
    switch value {
    case let .string(s): got += " (\"\(s.count > 30 ? String(s.prefix(30)) + "…" : s)\")"
    case let .number(n): got += " (\(n))"
    default: break
    }
    return DecodingIssue(path: jsonPath(path), problem: "expected \(expected), got \(got)")
  }
  switch type {
  case is String.Type:
    guard case let .string(s) = value else { throw fail("a string") }
    return s as! T
  case is Bool.Type:
    guard case let .bool(b) = value else { throw fail("true or false") }
    return b as! T
  case is Double.Type:
    guard case let .number(n) = value else { throw fail("a number") }
    guard let d = Double(n), d.isFinite else {
      throw DecodingIssue(path: jsonPath(path), problem: "must be a finite number (at most about 1.8e308 in size), got \(n)")
    }
    return d as! T
  case is Int.Type:
    guard case let .number(n) = value else { throw fail("a whole number") }
    guard let i = Int(n) else {
      if let d = Double(n), d == d.rounded(), abs(d) < 9e15 { return Int(d) as! T }
      throw fail("a whole number")
    }
    return i as! T
  case is UInt64.Type:
    guard case let .number(n) = value, let u = UInt64(n) else { throw fail("a whole number >= 0") }
    return u as! T
  default:
    throw DecodingIssue(path: jsonPath(path), problem: "unsupported type \(T.self)")
  }
}

struct StrictKeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
  let members: [(key: String, value: JSONValue)]
  let codingPath: [any CodingKey]
  let log: KeyLog
  let issues: IssueLog?
  var isPlaceholder = false

  var allKeys: [Key] { members.compactMap { Key(stringValue: $0.key) } }

  func contains(_ key: Key) -> Bool {
    log.note(key.stringValue)
    return members.contains { $0.key == key.stringValue }
  }

  private func lookup(_ key: Key) throws -> JSONValue {
    log.note(key.stringValue)
    guard let v = members.first(where: { $0.key == key.stringValue })?.value else {
      // A misspelt key is the likeliest cause: point at it rather than at the missing one.
      let wanted = key.stringValue
      if let typo = NearestName.closest(to: wanted, among: members.map(\.key).filter { Key(stringValue: $0) == nil }) {
        throw DecodingIssue(path: jsonPath(codingPath + [DocumentKey(stringValue: typo)]),
                            problem: "unknown key '\(typo)'; did you mean '\(wanted)'?")
      }
      throw DecodingIssue(path: jsonPath(codingPath), problem: "missing required key '\(wanted)'")
    }
    return v
  }

  func decodeNil(forKey key: Key) throws -> Bool {
    log.note(key.stringValue)
    guard let v = members.first(where: { $0.key == key.stringValue })?.value else { return true }
    return v == .null
  }

  func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
    let path = codingPath + [key]
    if isPlaceholder { return try StrictDecoder.placeholder(T.self, path: path) }
    let v: JSONValue
    do {
      v = try lookup(key)
    } catch let issue as DecodingIssue {
      guard let issues else { throw issue }
      issues.record(issue)
      return try StrictDecoder.placeholder(T.self, path: path)
    }
    return try StrictDecoder.decodeCollecting(T.self, from: v, path: path, issues: issues)
  }

  func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
    log.note(key.stringValue)
    guard let v = members.first(where: { $0.key == key.stringValue })?.value, v != .null else { return nil }
    guard let issues else { return try decode(T.self, forKey: key) }
    // An optional field that fails is recorded and left out: no placeholder is needed.
    let path = codingPath + [key]
    do {
      if T.self == String.self || T.self == Int.self || T.self == Double.self || T.self == Bool.self || T.self == UInt64.self {
        return try decodeScalar(T.self, v, path: path)
      }
      return try StrictDecoder.decode(T.self, from: v, path: path, issues: issues)
    } catch let issue as DecodingIssue {
      issues.record(issue)
      return nil
    }
  }

  func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
    try StrictDecoder(value: lookup(key), codingPath: codingPath + [key], issues: issues).container(keyedBy: type)
  }

  func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
    try StrictDecoder(value: lookup(key), codingPath: codingPath + [key], issues: issues).unkeyedContainer()
  }

  func superDecoder() throws -> any Decoder { StrictDecoder(value: .object(members), codingPath: codingPath, issues: issues) }
  func superDecoder(forKey key: Key) throws -> any Decoder { try StrictDecoder(value: lookup(key), codingPath: codingPath + [key], issues: issues) }
}

struct StrictUnkeyedContainer: UnkeyedDecodingContainer {
  let items: [JSONValue]
  let codingPath: [any CodingKey]
  let issues: IssueLog?
  var currentIndex = 0
  var count: Int? { items.count }
  var isAtEnd: Bool { currentIndex >= items.count }

  init(items: [JSONValue], codingPath: [any CodingKey], issues: IssueLog?) {
    self.items = items
    self.codingPath = codingPath
    self.issues = issues
  }

  private mutating func next() throws -> (JSONValue, [any CodingKey]) {
    guard !isAtEnd else { throw DecodingIssue(path: jsonPath(codingPath), problem: "array ended early") }
    defer { currentIndex += 1 }
    return (items[currentIndex], codingPath + [DocumentKey(intValue: currentIndex)])
  }

  mutating func decodeNil() throws -> Bool {
    guard !isAtEnd, items[currentIndex] == .null else { return false }
    currentIndex += 1
    return true
  }

  mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
    let (v, path) = try next()
    return try StrictDecoder.decodeCollecting(T.self, from: v, path: path, issues: issues)
  }

  mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
    let (v, path) = try next()
    return try StrictDecoder(value: v, codingPath: path, issues: issues).container(keyedBy: type)
  }

  mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
    let (v, path) = try next()
    return try StrictDecoder(value: v, codingPath: path, issues: issues).unkeyedContainer()
  }

  mutating func superDecoder() throws -> any Decoder {
    let (v, path) = try next()
    return StrictDecoder(value: v, codingPath: path, issues: issues)
  }
}

struct StrictSingleValue: SingleValueDecodingContainer {
  let value: JSONValue
  let codingPath: [any CodingKey]
  let issues: IssueLog?
  let isPlaceholder: Bool
  func decodeNil() -> Bool { value == .null }
  func decode<T: Decodable>(_ type: T.Type) throws -> T {
    if isPlaceholder {
      switch T.self {
      case is String.Type: return "" as! T
      case is Int.Type: return 0 as! T
      case is Double.Type: return 0.0 as! T
      case is Bool.Type: return false as! T
      case is UInt64.Type: return UInt64(0) as! T
      default: return try StrictDecoder.placeholder(T.self, path: codingPath)
      }
    }
    if T.self == String.self || T.self == Int.self || T.self == Double.self || T.self == Bool.self || T.self == UInt64.self {
      return try decodeScalar(T.self, value, path: codingPath)
    }
    return try StrictDecoder.decode(T.self, from: value, path: codingPath, issues: issues)
  }
}
