/// One varied parameter of a sweep: a JSON path and the values it takes, in order.
///
/// Written on the command line as `path=a..b:n` (n evenly spaced numbers from a to b, both
/// included) or `path=v1,v2,v3` (a list of numbers, `true`/`false`, or bare strings), or in a
/// scenario's `sweep.vary` as `{"path", "values"}` or `{"path", "from", "to", "count"}`.
public struct SweepAxis: Sendable, Equatable {
  /// Why a `--vary` text could not be read.
  public struct SyntaxError: Error, Sendable, Equatable {
    /// What is wrong and what to write instead.
    public var problem: String
  }

  /// The varied value's place in the scenario document.
  public var path: JSONPath
  /// The values, in grid order; at least one, no duplicates.
  public var values: [JSONValue]

  /// Creates an axis.
  ///
  /// - Precondition: `values` is not empty.
  public init(path: JSONPath, values: [JSONValue]) {
    precondition(!values.isEmpty, "a sweep axis needs values, got none for \(path)")
    self.path = path
    self.values = values
  }

  /// The most values one axis may take.
  public static let maximumCount = 1000

  /// Reads `path=a..b:n` or `path=v1,v2,...`.
  ///
  /// - Throws: `SyntaxError` naming what is wrong, e.g. a missing `=`, a range without `:n`, a
  ///   count below 2, an empty or repeated value.
  public init(parsing text: String) throws(SyntaxError) {
    guard let eq = text.firstIndex(of: "=") else {
      throw SyntaxError(problem: "expected PATH=FROM..TO:COUNT or PATH=V1,V2,..., got '\(text)'")
    }
    let pathText = String(text[..<eq]).trimmingSpaces
    let spec = String(text[text.index(after: eq)...]).trimmingSpaces
    let parsed: JSONPath
    do { parsed = try JSONPath(parsing: pathText) } catch { throw SyntaxError(problem: error.problem) }
    guard !spec.isEmpty else { throw SyntaxError(problem: "no values after '=' in '\(text)'") }
    path = parsed
    let chars = Array(spec)
    if let dots = chars.indices.dropLast().first(where: { chars[$0] == "." && chars[$0 + 1] == "." }) {
      let fromText = String(chars[..<dots]).trimmingSpaces
      let rest = String(chars[(dots + 2)...])
      guard let colon = rest.firstIndex(of: ":") else {
        throw SyntaxError(problem: "a range needs a count: \(pathText)=\(fromText)..\(rest):COUNT (COUNT evenly spaced values)")
      }
      let toText = String(rest[..<colon]).trimmingSpaces, countText = String(rest[rest.index(after: colon)...]).trimmingSpaces
      guard let from = Double(fromText), from.isFinite else { throw SyntaxError(problem: "range start '\(fromText)' is not a number") }
      guard let to = Double(toText), to.isFinite else { throw SyntaxError(problem: "range end '\(toText)' is not a number") }
      guard let count = Int(countText) else { throw SyntaxError(problem: "range count '\(countText)' is not a whole number") }
      values = try Self.range(from: from, to: to, count: count)
    } else {
      var list: [JSONValue] = []
      for item in spec.split(separator: ",", omittingEmptySubsequences: false).map({ String($0).trimmingSpaces }) {
        guard !item.isEmpty else { throw SyntaxError(problem: "empty value in the list '\(spec)'") }
        list.append(Self.value(item))
      }
      try Self.checkDistinct(list)
      values = list
    }
  }

  /// `count` evenly spaced numbers from `from` to `to`, both included; inner values are rounded
  /// to 12 significant digits so that 0.1..0.3:3 gives 0.2, not 0.20000000000000001.
  ///
  /// - Throws: `SyntaxError` when `count` is outside 2...`maximumCount`, an end is not finite or
  ///   `from == to`.
  public static func range(from: Double, to: Double, count: Int) throws(SyntaxError) -> [JSONValue] {
    guard (2...maximumCount).contains(count) else {
      throw SyntaxError(problem: "a range needs a count in 2...\(maximumCount), got \(count); for one value write PATH=VALUE")
    }
    guard from.isFinite, to.isFinite else {
      throw SyntaxError(problem: "a range needs finite ends (at most about 1.8e308 in size), got \(from)..\(to)")
    }
    guard from != to else { throw SyntaxError(problem: "a range needs two different ends, got \(from) twice") }
    return (0..<count).map { i in
      if i == 0 { return .number(from) }
      if i == count - 1 { return .number(to) }
      var raw = from + (to - from) * Double(i) / Double(count - 1)
      // `to - from` overflows on the widest ranges (-1e308..1e308): a weighted mean of the ends
      // stays between them.
      if !raw.isFinite {
        let t = Double(i) / Double(count - 1)
        raw = min(max(from * (1 - t) + to * t, min(from, to)), max(from, to))
      }
      return .number(roundedToSignificantDigits(raw, 12))
    }
  }

  /// A list item as JSON: a number (its literal kept when it is valid JSON), `true`, `false`,
  /// `null`, a JSON string literal in double quotes, or else the text as a string.
  public static func value(_ item: String) -> JSONValue {
    if let d = Double(item), d.isFinite {
      if case let .number(n)? = try? JSONParser.parse(item) { return .number(n) }
      return .number(d)
    }
    switch item {
    case "true": return .bool(true)
    case "false": return .bool(false)
    case "null": return .null
    default: break
    }
    if item.hasPrefix("\""), case let .string(s)? = try? JSONParser.parse(item) { return .string(s) }
    return .string(item)
  }

  /// Rejects lists that name a value twice.
  ///
  /// - Throws: `SyntaxError` naming the repeated value.
  public static func checkDistinct(_ values: [JSONValue]) throws(SyntaxError) {
    for (i, v) in values.enumerated() where values[..<i].contains(where: { same($0, v) }) {
      throw SyntaxError(problem: "value \(v.label) appears twice")
    }
  }

  /// Equal JSON values, numbers compared by value (`7` and `7.0` are the same).
  static func same(_ a: JSONValue, _ b: JSONValue) -> Bool {
    if let x = a.doubleValue, let y = b.doubleValue { return x == y }
    return a == b
  }

  static func roundedToSignificantDigits(_ x: Double, _ digits: Int) -> Double {
    guard x != 0, x.isFinite else { return x }
    var exponent = 0
    var m = abs(x)
    while m >= 10 { m /= 10; exponent += 1 }
    while m < 1 { m *= 10; exponent -= 1 }
    let shift = digits - 1 - exponent
    var scale = 1.0
    for _ in 0..<abs(shift) { scale *= 10 }
    let scaled = shift >= 0 ? x * scale : x / scale
    guard abs(scaled) < 9e15 else { return x }
    let r = scaled.rounded()
    let rounded = shift >= 0 ? r / scale : r * scale
    return rounded.isFinite ? rounded : x   // rounding up next to the largest double overflows
  }
}

extension String {
  /// The text without leading and trailing spaces and tabs (Foundation-free).
  var trimmingSpaces: String {
    var s = Substring(self)
    while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
    while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
    return String(s)
  }
}
