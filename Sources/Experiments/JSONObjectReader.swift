import Scenarios

/// Reads one JSON object strictly: typed members by name, each error naming the file and JSON
/// path, and `finish()` rejecting keys nobody asked for, with the nearest valid key suggested.
///
/// Used for rules files and baselines; scenario files have their own decoder in `Scenarios`.
struct JSONObjectReader {
  let file: String
  let path: String
  let members: [(key: String, value: JSONValue)]
  private(set) var known: [String] = []

  /// Wraps `value`, which must be an object.
  init(_ value: JSONValue, file: String, path: String) throws(CheckInputError) {
    guard case let .object(members) = value else {
      throw CheckInputError(file: file, path: path, problem: "expected an object, got \(value.kindName)")
    }
    self.file = file
    self.path = path
    self.members = members
  }

  /// The path of a member.
  func path(of key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

  /// An error at a member.
  func error(_ key: String, _ problem: String) -> CheckInputError {
    CheckInputError(file: file, path: path(of: key), problem: problem)
  }

  /// A member, or nil when absent (null counts as absent).
  mutating func optional(_ key: String) -> JSONValue? {
    if !known.contains(key) { known.append(key) }
    guard let v = members.first(where: { $0.key == key })?.value, v != .null else { return nil }
    return v
  }

  /// A member that must be present.
  mutating func required(_ key: String) throws(CheckInputError) -> JSONValue {
    guard let v = optional(key) else { throw CheckInputError(file: file, path: path, problem: "missing key '\(key)'") }
    return v
  }

  /// A string member.
  mutating func string(_ key: String) throws(CheckInputError) -> String? {
    guard let v = optional(key) else { return nil }
    guard case let .string(s) = v else { throw error(key, "expected a string, got \(v.kindName)") }
    return s
  }

  /// A string member restricted to `choices`.
  mutating func choice(_ key: String, _ choices: [String]) throws(CheckInputError) -> String? {
    guard let s = try string(key) else { return nil }
    guard choices.contains(s) else {
      throw error(key, "unknown value '\(s)'\(Self.suggestion(s, among: choices)); use one of \(choices.joined(separator: ", "))")
    }
    return s
  }

  /// A finite number member.
  mutating func number(_ key: String) throws(CheckInputError) -> Double? {
    guard let v = optional(key) else { return nil }
    return try Self.number(v, file: file, path: path(of: key))
  }

  /// A number within `range` (inclusive bounds unless `open`).
  mutating func number(_ key: String, in range: ClosedRange<Double>, openLower: Bool = false, openUpper: Bool = false) throws(CheckInputError) -> Double? {
    guard let x = try number(key) else { return nil }
    let low = openLower ? x > range.lowerBound : x >= range.lowerBound
    let high = openUpper ? x < range.upperBound : x <= range.upperBound
    guard low && high else {
      let l = openLower ? "(" : "[", u = openUpper ? ")" : "]"
      let upper = range.upperBound.isInfinite ? "∞" : "\(range.upperBound)"
      throw error(key, "must be in \(l)\(range.lowerBound), \(upper)\(u), got \(x)")
    }
    return x
  }

  /// A whole-number member (as written: no fraction, no exponent).
  mutating func integer(_ key: String, min: Int) throws(CheckInputError) -> Int? {
    guard let v = optional(key) else { return nil }
    guard case let .number(literal) = v, let n = Int(literal) else {
      throw error(key, "expected a whole number, got \(v.literalText)")
    }
    guard n >= min else { throw error(key, "must be >= \(min), got \(n)") }
    return n
  }

  /// Rejects keys not asked for so far.
  func finish() throws(CheckInputError) {
    for m in members where !known.contains(m.key) {
      throw error(m.key, "unknown key '\(m.key)'\(Self.suggestion(m.key, among: known)); valid keys here: \(known.joined(separator: ", "))")
    }
  }

  /// A finite number from a value.
  static func number(_ v: JSONValue, file: String, path: String) throws(CheckInputError) -> Double {
    guard case let .number(literal) = v, let x = Double(literal), x.isFinite else {
      throw CheckInputError(file: file, path: path, problem: "expected a number, got \(v.kindName)")
    }
    return x
  }

  /// `; did you mean 'x'?` when a candidate is close, else empty.
  static func suggestion(_ word: String, among candidates: [String]) -> String {
    NearestName.closest(to: word, among: candidates).map { "; did you mean '\($0)'?" } ?? ""
  }
}

extension JSONValue {
  /// A number's literal text, or the kind name for other values.
  var literalText: String {
    if case let .number(n) = self { return n }
    return kindName
  }
}
