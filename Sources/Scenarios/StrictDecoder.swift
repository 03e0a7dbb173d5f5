import Parallelism

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
  /// Top-level arrays whose elements come from elsewhere than the document (CSV tables), by key:
  /// the document holds an empty array there, and the elements are made one at a time as they
  /// are decoded, with the problems, placeholders and order of elements written in the document.
  var elementSources: [String: any ElementSource] = [:]
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

/// A position in the document: a key or an array index below a parent. The decoder keeps these
/// instead of `[any CodingKey]` arrays, so descending into a field costs one small allocation, and
/// the coding path and its JSON path are spelt out only when a message needs them.
final class PathNode: Sendable {
  let parent: PathNode?
  let key: String?
  let index: Int

  init(parent: PathNode?, key: String) { self.parent = parent; self.key = key; index = 0 }
  init(parent: PathNode?, index: Int) { self.parent = parent; key = nil; self.index = index }

  /// The path from the root, as coding keys.
  static func codingPath(_ node: PathNode?) -> [any CodingKey] {
    var keys: [any CodingKey] = []
    var at = node
    while let n = at {
      keys.append(n.key.map { DocumentKey(stringValue: $0) } ?? DocumentKey(intValue: n.index))
      at = n.parent
    }
    return keys.reversed()
  }

  /// The path from the root as a JSON path: `skus[3].leadTime.mean`.
  static func jsonPath(_ node: PathNode?) -> String { Scenarios.jsonPath(codingPath(node)) }

  /// `node` extended by a coding key.
  static func appending(_ key: any CodingKey, to node: PathNode?) -> PathNode {
    if let i = key.intValue, key.stringValue.hasPrefix("Index") || key.stringValue == "\(i)" { return PathNode(parent: node, index: i) }
    return PathNode(parent: node, key: key.stringValue)
  }

  /// A node for a whole coding path (for callers that start from one).
  static func from(_ codingPath: [any CodingKey]) -> PathNode? {
    codingPath.reduce(nil) { appending($1, to: $0) }
  }
}

/// What the decoded type did with one JSON object: which keys it asked about, and which of the
/// object's members it found. Members never found are unknown keys.
final class KeyLog {
  @exclusivity(unchecked) var asked: [String] = []
  @exclusivity(unchecked) var found: [Bool]
  /// Where the next key is looked for first: types ask for keys in about the order files list
  /// them, so a lookup usually succeeds at the first comparison.
  @exclusivity(unchecked) var cursor = 0

  init(memberCount: Int) {
    found = Array(repeating: false, count: memberCount)
    if memberCount > 0 { asked.reserveCapacity(16) }
  }

  /// The keys asked about, without repeats, in the order first asked.
  var validKeys: [String] {
    var seen = Set<String>()
    return asked.filter { seen.insert($0).inserted }
  }
}

/// A `Decoder` over `JSONValue` that rejects keys the target type never asks about, with a
/// "did you mean" suggestion, and reports every problem by its JSON path.
struct StrictDecoder: Decoder {
  let value: JSONValue
  let node: PathNode?
  let log: KeyLog
  /// Where problems are collected; nil: the first problem is thrown.
  let issues: IssueLog?
  /// True for a placeholder: every key is absent and every scalar has its zero value.
  let isPlaceholder: Bool
  var userInfo: [CodingUserInfoKey: Any] { [:] }
  var codingPath: [any CodingKey] { PathNode.codingPath(node) }

  init(value: JSONValue, node: PathNode?, issues: IssueLog? = nil, isPlaceholder: Bool = false) {
    self.value = value
    self.node = node
    if case let .object(members) = value { log = KeyLog(memberCount: members.count) } else { log = KeyLog(memberCount: 0) }
    self.issues = issues
    self.isPlaceholder = isPlaceholder
  }

  /// Decodes `T` from `value` and then checks that no key of the object went unread.
  ///
  /// With an issue log, a field that fails is recorded and replaced by a placeholder, and every
  /// unknown key is recorded; without one, the first problem is thrown.
  static func decode<T: Decodable>(_ type: T.Type, from value: JSONValue, path: [any CodingKey], issues: IssueLog? = nil) throws -> T {
    try decode(T.self, from: value, node: PathNode.from(path), issues: issues)
  }

  /// - Parameter fast: Lets a `StrictFastDecodable` type read itself without the `Decoder`
  ///   machinery (false only in the tests that compare the two).
  static func decode<T: Decodable>(_ type: T.Type, from value: JSONValue, node: PathNode?, issues: IssueLog?, fast: Bool = true) throws -> T {
    if case let .array(items) = value, let arrayType = T.self as? any StrictArrayDecodable.Type {
      return try arrayType.decodeElements(items, node: node, issues: issues) as! T
    }
    let decoder = StrictDecoder(value: value, node: node, issues: issues)
    let result: T
    if fast, let type = T.self as? any StrictFastDecodable.Type {
      result = try type.init(strictFrom: decoder) as! T
    } else {
      result = try T(from: decoder)
    }
    if case let .object(members) = value, !decoder.log.asked.isEmpty {
      for (i, member) in members.enumerated() where !decoder.log.found[i] {
        let issue = DecodingIssue(path: PathNode.jsonPath(PathNode(parent: node, key: member.key)),
                                  problem: unknownKeyMessage(member.key, valid: decoder.log.validKeys))
        guard let issues else { throw issue }
        if !issues.hasIssue(at: issue.path) { issues.record(issue) }
      }
    }
    return result
  }

  /// Decodes `T` from `value`, or, when that fails and problems are being collected, records the
  /// problem and returns a placeholder so that decoding goes on with the field's siblings.
  static func decodeCollecting<T: Decodable>(_ type: T.Type, from value: JSONValue, node: PathNode, issues: IssueLog?) throws -> T {
    do {
      if T.self == String.self || T.self == Int.self || T.self == Double.self || T.self == Bool.self || T.self == UInt64.self {
        return try decodeScalar(T.self, value, node: node)
      }
      return try decode(T.self, from: value, node: node, issues: issues)
    } catch let issue as DecodingIssue {
      guard let issues else { throw issue }
      issues.record(issue)
      return try placeholder(T.self, node: node)
    }
  }

  /// A stand-in for a field that could not be decoded: absent keys, empty arrays, zero scalars.
  /// Its values are never checked or built: a document with recorded problems is rejected.
  ///
  /// - Throws: `StopCollecting` when the type cannot be made from nothing.
  static func placeholder<T: Decodable>(_ type: T.Type, node: PathNode?) throws -> T {
    do {
      return try T(from: StrictDecoder(value: .null, node: node, isPlaceholder: true))
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
    KeyedDecodingContainer(try strictContainer(keyedBy: Key.self))
  }

  /// The keyed container itself, for code that calls it directly (`StrictFastDecodable`).
  func strictContainer<Key: CodingKey>(keyedBy type: Key.Type) throws -> StrictKeyedContainer<Key> {
    if isPlaceholder { return StrictKeyedContainer<Key>(members: [], node: node, log: log, issues: nil, isPlaceholder: true) }
    guard case let .object(members) = value else {
      throw DecodingIssue(path: PathNode.jsonPath(node), problem: "expected an object, got \(value.kindName)")
    }
    return StrictKeyedContainer<Key>(members: members, node: node, log: log, issues: issues)
  }

  func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
    if isPlaceholder { return StrictUnkeyedContainer(items: [], node: node, issues: nil) }
    guard case let .array(items) = value else {
      throw DecodingIssue(path: PathNode.jsonPath(node), problem: "expected an array, got \(value.kindName)")
    }
    return StrictUnkeyedContainer(items: items, node: node, issues: issues)
  }

  func singleValueContainer() throws -> any SingleValueDecodingContainer {
    StrictSingleValue(value: value, node: node, issues: issues, isPlaceholder: isPlaceholder)
  }
}

/// A type a scenario holds one of per SKU, which reads its fields by calling
/// `StrictKeyedContainer` directly instead of through `KeyedDecodingContainer`'s type-erased box
/// and unspecialised generic code: the calls, their order and so every check, placeholder and
/// message are those of its synthesized `init(from:)` (a test compares the two on mutated input).
protocol StrictFastDecodable: Decodable, Sendable {
  associatedtype StrictKeys: CodingKey
  /// Reads the fields in declaration order, each with the call a synthesized `init(from:)` makes.
  init(strict c: StrictKeyedContainer<StrictKeys>) throws
}

extension StrictFastDecodable {
  init(strictFrom decoder: StrictDecoder) throws {
    try self.init(strict: decoder.strictContainer(keyedBy: StrictKeys.self))
  }

  /// Elements per shard of a long array decoded on several threads.
  static var shardSize: Int { 4096 }

  /// Decodes a long array of this type in shards of `shardSize` elements on several threads,
  /// each shard with its own issue log, merged in index order: the same values, problems and
  /// first thrown error as decoding the elements one after another (an element's problems have
  /// paths inside it, so no shard's checks depend on another's). Returns `[Self]`.
  static func decodeInShards(_ source: some ElementSource, node: PathNode?, issues: IssueLog?) throws -> Any {
    let size = shardSize
    let collect = issues != nil
    var shards = Parallel.map((source.count + size - 1) / size, threads: Parallel.defaultThreadCount) { s -> DecodedShard<Self> in
      let log = collect ? IssueLog() : nil
      var values: [Self] = []
      values.reserveCapacity(size)
      do {
        try source.forEachElement(in: s * size..<min(source.count, (s + 1) * size)) { i, item in
          values.append(try StrictDecoder.decodeCollecting(Self.self, from: item, node: PathNode(parent: node, index: i), issues: log))
        }
        return DecodedShard(values: values, issues: log?.issues ?? [], error: nil)
      } catch {
        return DecodedShard(values: [], issues: log?.issues ?? [], error: error)
      }
    }
    var out: [Self] = []
    out.reserveCapacity(source.count)
    // Each shard's values are freed once copied, so the values are held about once, not twice.
    for s in shards.indices {
      if let issues { for issue in shards[s].issues { issues.record(issue) } }
      if let error = shards[s].error { throw error }
      out.append(contentsOf: shards[s].values)
      shards[s].values = []
    }
    return out
  }
}

/// One shard's decoded elements, its recorded problems, and the error that stopped it.
struct DecodedShard<Element: Sendable>: Sendable {
  var values: [Element]
  var issues: [DecodingIssue]
  var error: (any Error)?
}

/// An array decoded as `Array.init(from:)` decodes one through `StrictUnkeyedContainer` (each
/// element in order, a failed element recorded and replaced by a placeholder), into storage
/// reserved for every element at once.
protocol StrictArrayDecodable {
  static func decodeElements(_ items: [JSONValue], node: PathNode?, issues: IssueLog?) throws -> Self
}

extension Array: StrictArrayDecodable where Element: Decodable {
  /// A top-level array with an element source in `issues` (a CSV table) is decoded from it,
  /// whatever `items` holds.
  static func decodeElements(_ items: [JSONValue], node: PathNode?, issues: IssueLog?) throws -> [Element] {
    if let node, node.parent == nil, let key = node.key, let source = issues?.elementSources[key] {
      return try decodeElements(source, node: node, issues: issues)
    }
    return try decodeElements(DocumentElements(items: items), node: node, issues: issues)
  }

  static func decodeElements(_ source: some ElementSource, node: PathNode?, issues: IssueLog?) throws -> [Element] {
    if let type = Element.self as? any StrictFastDecodable.Type, source.count >= 2 * type.shardSize {
      return try type.decodeInShards(source, node: node, issues: issues) as! [Element]
    }
    var out: [Element] = []
    out.reserveCapacity(source.count)
    try source.forEachElement(in: 0..<source.count) { i, item in
      out.append(try StrictDecoder.decodeCollecting(Element.self, from: item, node: PathNode(parent: node, index: i), issues: issues))
    }
    return out
  }
}

/// Converts a JSON scalar to the Swift type asked for, or explains why not.
func decodeScalar<T>(_ type: T.Type, _ value: JSONValue, node: PathNode?) throws -> T {
  switch type {
  case is String.Type: return try Scalar.string(value, node: { node }) as! T
  case is Bool.Type: return try Scalar.bool(value, node: { node }) as! T
  case is Double.Type: return try Scalar.double(value, node: { node }) as! T
  case is Int.Type: return try Scalar.int(value, node: { node }) as! T
  case is UInt64.Type: return try Scalar.uint64(value, node: { node }) as! T
  default:
    throw DecodingIssue(path: PathNode.jsonPath(node), problem: "unsupported type \(T.self)")
  }
}

/// The scalar conversions, one per type, so that decoding a field runs concrete code. `node`
/// makes the field's position, and is called only when a message needs it.
enum Scalar {
  static func mismatch(_ expected: String, _ value: JSONValue, _ node: PathNode?) -> DecodingIssue {
    var got = value.kindName
    switch value {
    case let .string(s): got += " (\(JSONValue.quoted(String(s.prefix(30))))\(s.count > 30 ? "…" : ""))"
    case let .number(n): got += " (\(n))"
    default: break
    }
    return DecodingIssue(path: PathNode.jsonPath(node), problem: "expected \(expected), got \(got)")
  }

  static func string(_ value: JSONValue, node: () -> PathNode?) throws -> String {
    guard case let .string(s) = value else { throw mismatch("a string", value, node()) }
    return s
  }

  static func bool(_ value: JSONValue, node: () -> PathNode?) throws -> Bool {
    guard case let .bool(b) = value else { throw mismatch("true or false", value, node()) }
    return b
  }

  static func double(_ value: JSONValue, node: () -> PathNode?) throws -> Double {
    guard case let .number(n) = value else { throw mismatch("a number", value, node()) }
    guard let d = Double(n), d.isFinite else {
      throw DecodingIssue(path: PathNode.jsonPath(node()), problem: "must be a finite number (at most about 1.8e308 in size), got \(n)")
    }
    return d
  }

  static func int(_ value: JSONValue, node: () -> PathNode?) throws -> Int {
    guard case let .number(n) = value else { throw mismatch("a whole number", value, node()) }
    guard let i = Int(n) else {
      if let d = Double(n), d == d.rounded(), abs(d) < 9e15 { return Int(d) }
      throw mismatch("a whole number", value, node())
    }
    return i
  }

  static func uint64(_ value: JSONValue, node: () -> PathNode?) throws -> UInt64 {
    guard case let .number(n) = value, let u = UInt64(n) else { throw mismatch("a whole number >= 0", value, node()) }
    return u
  }
}

struct StrictKeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
  let members: [(key: String, value: JSONValue)]
  let node: PathNode?
  let log: KeyLog
  let issues: IssueLog?
  var isPlaceholder = false
  var codingPath: [any CodingKey] { PathNode.codingPath(node) }

  var allKeys: [Key] { members.compactMap { Key(stringValue: $0.key) } }

  /// The member named `key`, marked as found, or nil; notes the key as asked.
  ///
  /// - Complexity: O(1) when keys are asked in the file's order, O(members) at most.
  private func member(_ key: Key) -> JSONValue? {
    let name = key.stringValue
    log.asked.append(name)
    let n = members.count
    var i = log.cursor
    for _ in 0..<n {
      if i >= n { i = 0 }
      if members[i].key == name {
        log.found[i] = true
        log.cursor = i + 1
        return members[i].value
      }
      i += 1
    }
    return nil
  }

  func contains(_ key: Key) -> Bool { member(key) != nil }

  private func lookup(_ key: Key) throws -> JSONValue {
    guard let v = member(key) else { throw missing(key) }
    return v
  }

  /// The problem of a required key that is absent.
  private func missing(_ key: Key) -> DecodingIssue {
    // A misspelt key is the likeliest cause: point at it rather than at the missing one.
    let wanted = key.stringValue
    if let typo = NearestName.closest(to: wanted, among: members.map(\.key).filter { Key(stringValue: $0) == nil }) {
      return DecodingIssue(path: PathNode.jsonPath(PathNode(parent: node, key: typo)),
                           problem: "unknown key '\(typo)'; did you mean '\(wanted)'?")
    }
    return DecodingIssue(path: PathNode.jsonPath(node), problem: "missing required key '\(wanted)'")
  }

  /// A required scalar, exactly as the generic `decode` treats one (a missing or mistyped value is
  /// recorded and replaced by `zero` while problems are collected), without its generic dispatch.
  @inline(__always)
  private func requiredScalar<T>(_ key: Key, zero: T, _ convert: (JSONValue, () -> PathNode?) throws -> T) throws -> T {
    if isPlaceholder { return zero }
    do {
      guard let v = member(key) else { throw missing(key) }
      return try convert(v) { PathNode(parent: node, key: key.stringValue) }
    } catch let issue as DecodingIssue {
      guard let issues else { throw issue }
      issues.record(issue)
      return zero
    }
  }

  /// An optional scalar, exactly as the standard library's `decodeIfPresent` over `contains`,
  /// `decodeNil` and `decode` treats one, looking the key up once.
  @inline(__always)
  private func optionalScalar<T>(_ key: Key, zero: T, _ convert: (JSONValue, () -> PathNode?) throws -> T) throws -> T? {
    guard let v = member(key), v != .null else { return nil }
    do {
      return try convert(v) { PathNode(parent: node, key: key.stringValue) }
    } catch let issue as DecodingIssue {
      guard let issues else { throw issue }
      issues.record(issue)
      return zero
    }
  }

  func decode(_ type: String.Type, forKey key: Key) throws -> String { try requiredScalar(key, zero: "", Scalar.string) }
  func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try requiredScalar(key, zero: 0, Scalar.double) }
  func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try requiredScalar(key, zero: 0, Scalar.int) }
  func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try requiredScalar(key, zero: false, Scalar.bool) }
  func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try requiredScalar(key, zero: 0, Scalar.uint64) }
  func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { try optionalScalar(key, zero: "", Scalar.string) }
  func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? { try optionalScalar(key, zero: 0, Scalar.double) }
  func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try optionalScalar(key, zero: 0, Scalar.int) }
  func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { try optionalScalar(key, zero: false, Scalar.bool) }
  func decodeIfPresent(_ type: UInt64.Type, forKey key: Key) throws -> UInt64? { try optionalScalar(key, zero: 0, Scalar.uint64) }

  func decodeNil(forKey key: Key) throws -> Bool {
    guard let v = member(key) else { return true }
    return v == .null
  }

  func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
    let child = PathNode(parent: node, key: key.stringValue)
    if isPlaceholder { return try StrictDecoder.placeholder(T.self, node: child) }
    let v: JSONValue
    do {
      v = try lookup(key)
    } catch let issue as DecodingIssue {
      guard let issues else { throw issue }
      issues.record(issue)
      return try StrictDecoder.placeholder(T.self, node: child)
    }
    return try StrictDecoder.decodeCollecting(T.self, from: v, node: child, issues: issues)
  }

  func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
    guard let v = member(key), v != .null else { return nil }
    let child = PathNode(parent: node, key: key.stringValue)
    guard let issues else {
      if T.self == String.self || T.self == Int.self || T.self == Double.self || T.self == Bool.self || T.self == UInt64.self {
        return try decodeScalar(T.self, v, node: child)
      }
      return try StrictDecoder.decode(T.self, from: v, node: child, issues: nil)
    }
    // An optional field that fails is recorded and left out: no placeholder is needed.
    do {
      if T.self == String.self || T.self == Int.self || T.self == Double.self || T.self == Bool.self || T.self == UInt64.self {
        return try decodeScalar(T.self, v, node: child)
      }
      return try StrictDecoder.decode(T.self, from: v, node: child, issues: issues)
    } catch let issue as DecodingIssue {
      issues.record(issue)
      return nil
    }
  }

  func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
    try StrictDecoder(value: lookup(key), node: PathNode(parent: node, key: key.stringValue), issues: issues).container(keyedBy: type)
  }

  func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
    try StrictDecoder(value: lookup(key), node: PathNode(parent: node, key: key.stringValue), issues: issues).unkeyedContainer()
  }

  func superDecoder() throws -> any Decoder { StrictDecoder(value: .object(members), node: node, issues: issues) }
  func superDecoder(forKey key: Key) throws -> any Decoder {
    try StrictDecoder(value: lookup(key), node: PathNode(parent: node, key: key.stringValue), issues: issues)
  }
}

struct StrictUnkeyedContainer: UnkeyedDecodingContainer {
  let items: [JSONValue]
  let node: PathNode?
  let issues: IssueLog?
  var currentIndex = 0
  var count: Int? { items.count }
  var isAtEnd: Bool { currentIndex >= items.count }
  var codingPath: [any CodingKey] { PathNode.codingPath(node) }

  init(items: [JSONValue], node: PathNode?, issues: IssueLog?) {
    self.items = items
    self.node = node
    self.issues = issues
  }

  private mutating func next() throws -> (JSONValue, PathNode) {
    guard !isAtEnd else { throw DecodingIssue(path: PathNode.jsonPath(node), problem: "array ended early") }
    defer { currentIndex += 1 }
    return (items[currentIndex], PathNode(parent: node, index: currentIndex))
  }

  mutating func decodeNil() throws -> Bool {
    guard !isAtEnd, items[currentIndex] == .null else { return false }
    currentIndex += 1
    return true
  }

  mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
    let (v, child) = try next()
    return try StrictDecoder.decodeCollecting(T.self, from: v, node: child, issues: issues)
  }

  /// A scalar element, exactly as the generic `decode` treats one, without its generic dispatch.
  @inline(__always)
  private mutating func scalar<T>(zero: T, _ convert: (JSONValue, () -> PathNode?) throws -> T) throws -> T {
    guard !isAtEnd else { throw DecodingIssue(path: PathNode.jsonPath(node), problem: "array ended early") }
    let index = currentIndex
    currentIndex += 1
    do {
      return try convert(items[index]) { PathNode(parent: node, index: index) }
    } catch let issue as DecodingIssue {
      guard let issues else { throw issue }
      issues.record(issue)
      return zero
    }
  }

  mutating func decode(_ type: String.Type) throws -> String { try scalar(zero: "", Scalar.string) }
  mutating func decode(_ type: Double.Type) throws -> Double { try scalar(zero: 0, Scalar.double) }
  mutating func decode(_ type: Int.Type) throws -> Int { try scalar(zero: 0, Scalar.int) }
  mutating func decode(_ type: Bool.Type) throws -> Bool { try scalar(zero: false, Scalar.bool) }
  mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try scalar(zero: 0, Scalar.uint64) }

  mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
    let (v, child) = try next()
    return try StrictDecoder(value: v, node: child, issues: issues).container(keyedBy: type)
  }

  mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
    let (v, child) = try next()
    return try StrictDecoder(value: v, node: child, issues: issues).unkeyedContainer()
  }

  mutating func superDecoder() throws -> any Decoder {
    let (v, child) = try next()
    return StrictDecoder(value: v, node: child, issues: issues)
  }
}

struct StrictSingleValue: SingleValueDecodingContainer {
  let value: JSONValue
  let node: PathNode?
  let issues: IssueLog?
  let isPlaceholder: Bool
  var codingPath: [any CodingKey] { PathNode.codingPath(node) }
  func decodeNil() -> Bool { value == .null }
  func decode<T: Decodable>(_ type: T.Type) throws -> T {
    if isPlaceholder {
      switch T.self {
      case is String.Type: return "" as! T
      case is Int.Type: return 0 as! T
      case is Double.Type: return 0.0 as! T
      case is Bool.Type: return false as! T
      case is UInt64.Type: return UInt64(0) as! T
      default: return try StrictDecoder.placeholder(T.self, node: node)
      }
    }
    if T.self == String.self || T.self == Int.self || T.self == Double.self || T.self == Bool.self || T.self == UInt64.self {
      return try decodeScalar(T.self, value, node: node)
    }
    return try StrictDecoder.decode(T.self, from: value, node: node, issues: issues)
  }
}
