/// The JSON problem format, decoded with `JSONDecoder` by the CLI and tests, then turned into a
/// `LinearProgram` with `LinearProgram(file:)`.
///
/// ```json
/// {"sense": "min",
///  "variables": [{"name": "x", "lower": 0, "upper": 100, "cost": 10, "integer": false},
///                {"name": "y", "cost": 20}],
///  "constraints": [{"name": "c1", "terms": {"x": 1, "y": 1}, "relation": ">=", "rhs": 200}]}
/// ```
///
/// - `sense`: `"min"` (default) or `"max"`.
/// - `variables[i]`: `name` (required, unique); `lower` (default 0), `upper` (default no bound),
///   each a number or `"-inf"`/`"inf"`, and a bound of magnitude `1e30` or more is infinite, as
///   in MPS; `cost` (default 0); `integer` (default false).
/// - `constraints[i]`: `name` (required); `terms`, an object from variable name to coefficient;
///   `relation`, one of `"<="`, `">="`, `"="`; `rhs`, a number; optional `range` (MPS semantics, see
///   `LinearProgram.Constraint.range`).
/// - `objectiveOffset`: optional constant added to the objective.
///
/// Every number must be finite (a value that overflows a Double, such as `1e400`, is an error
/// naming its JSON path), as in `MPSReader`. Unknown keys are rejected, naming the nearest valid key.
public struct LPProblemFile: Sendable, Codable, Equatable {
  /// One variable of the JSON format.
  public struct VariableEntry: Sendable, Codable, Equatable {
    /// The unique name constraints refer to.
    public var name: String
    /// Lower bound (absent: 0; `"-inf"` for none).
    public var lower: Double?
    /// Upper bound (absent: none; `"inf"` also means none).
    public var upper: Double?
    /// Objective coefficient (absent: 0).
    public var cost: Double?
    /// Whether the variable must be integral (absent: false).
    public var integer: Bool?

    enum CodingKeys: String, CodingKey, CaseIterable { case name, lower, upper, cost, integer }

    /// Creates an entry; nil fields take the defaults listed on the properties.
    public init(name: String, lower: Double? = nil, upper: Double? = nil, cost: Double? = nil, integer: Bool? = nil) {
      self.name = name; self.lower = lower; self.upper = upper; self.cost = cost; self.integer = integer
    }

    /// Decodes an entry, accepting `"inf"`/`"-inf"` for bounds and rejecting unknown keys.
    public init(from decoder: any Decoder) throws {
      try rejectUnknownKeys(decoder, allowed: CodingKeys.allCases.map(\.rawValue))
      let c = try decoder.container(keyedBy: CodingKeys.self)
      name = try c.decode(String.self, forKey: .name)
      lower = try decodeBound(c, .lower)
      upper = try decodeBound(c, .upper)
      cost = try c.decodeIfPresent(Double.self, forKey: .cost)
      integer = try c.decodeIfPresent(Bool.self, forKey: .integer)
    }

    /// Encodes the entry; infinite bounds are written as `"-inf"`/`"inf"`.
    public func encode(to encoder: any Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(name, forKey: .name)
      for (key, value) in [(CodingKeys.lower, lower), (.upper, upper)] {
        guard let value else { continue }
        if value.isInfinite { try c.encode(value < 0 ? "-inf" : "inf", forKey: key) } else { try c.encode(value, forKey: key) }
      }
      try c.encodeIfPresent(cost, forKey: .cost)
      try c.encodeIfPresent(integer, forKey: .integer)
    }
  }

  /// One constraint of the JSON format.
  public struct ConstraintEntry: Sendable, Codable, Equatable {
    /// A name for reports.
    public var name: String
    /// Coefficients by variable name.
    public var terms: [String: Double]
    /// `"<="`, `">="` or `"="`.
    public var relation: LinearProgram.Relation
    /// The right-hand side.
    public var rhs: Double
    /// Optional MPS-style range.
    public var range: Double?

    enum CodingKeys: String, CodingKey, CaseIterable { case name, terms, relation, rhs, range }

    /// Creates an entry.
    public init(name: String, terms: [String: Double], relation: LinearProgram.Relation, rhs: Double, range: Double? = nil) {
      self.name = name; self.terms = terms; self.relation = relation; self.rhs = rhs; self.range = range
    }

    /// Decodes an entry, rejecting unknown keys.
    public init(from decoder: any Decoder) throws {
      try rejectUnknownKeys(decoder, allowed: CodingKeys.allCases.map(\.rawValue))
      let c = try decoder.container(keyedBy: CodingKeys.self)
      name = try c.decode(String.self, forKey: .name)
      terms = try c.decode([String: Double].self, forKey: .terms)
      relation = try c.decode(LinearProgram.Relation.self, forKey: .relation)
      rhs = try c.decode(Double.self, forKey: .rhs)
      range = try c.decodeIfPresent(Double.self, forKey: .range)
    }
  }

  /// `min` or `max` (absent: `min`).
  public var sense: LinearProgram.Sense?
  /// The variables.
  public var variables: [VariableEntry]
  /// The constraints.
  public var constraints: [ConstraintEntry]
  /// Constant added to the objective (absent: 0).
  public var objectiveOffset: Double?

  enum CodingKeys: String, CodingKey, CaseIterable { case sense, variables, constraints, objectiveOffset }

  /// Creates a file value.
  public init(sense: LinearProgram.Sense? = nil, variables: [VariableEntry], constraints: [ConstraintEntry], objectiveOffset: Double? = nil) {
    self.sense = sense; self.variables = variables; self.constraints = constraints; self.objectiveOffset = objectiveOffset
  }

  /// Decodes a file, rejecting unknown keys.
  public init(from decoder: any Decoder) throws {
    try rejectUnknownKeys(decoder, allowed: CodingKeys.allCases.map(\.rawValue))
    let c = try decoder.container(keyedBy: CodingKeys.self)
    sense = try c.decodeIfPresent(LinearProgram.Sense.self, forKey: .sense)
    variables = try c.decode([VariableEntry].self, forKey: .variables)
    constraints = try c.decodeIfPresent([ConstraintEntry].self, forKey: .constraints) ?? []
    objectiveOffset = try c.decodeIfPresent(Double.self, forKey: .objectiveOffset)
  }

  /// The file form of a program (for writing it out as JSON); variable names must be unique to read it back.
  ///
  /// - Parameter program: The program to describe.
  public init(program: LinearProgram) {
    sense = program.sense
    variables = program.variables.map {
      VariableEntry(name: $0.name, lower: $0.lower, upper: $0.upper.isInfinite ? nil : $0.upper,
                    cost: $0.cost, integer: $0.isInteger ? true : nil)
    }
    constraints = program.constraints.map { c in
      var terms: [String: Double] = [:]
      for k in c.indices.indices { terms[program.variables[c.indices[k]].name, default: 0] += c.coefficients[k] }
      return ConstraintEntry(name: c.name, terms: terms, relation: c.relation, rhs: c.rhs, range: c.range)
    }
    objectiveOffset = program.objectiveOffset == 0 ? nil : program.objectiveOffset
  }
}

/// A problem in a JSON problem file that decoding cannot catch: it names the JSON path.
public struct LPModelError: Error, Equatable, CustomStringConvertible {
  /// The JSON path, e.g. `constraints[2].terms.z`.
  public var path: String
  /// What is wrong and the value found.
  public var problem: String
  /// `path: problem`.
  public var description: String { "\(path): \(problem)" }

  /// Creates an error.
  public init(path: String, problem: String) { self.path = path; self.problem = problem }
}

extension LinearProgram {
  /// Bounds of this magnitude or more are infinite, in the JSON format and in MPS.
  public static let infiniteBound = 1e30

  /// Builds a program from the JSON problem format.
  ///
  /// - Parameter file: The decoded file.
  /// - Throws: `LPModelError` for a duplicate or empty variable name, crossed bounds, a lower
  ///   bound of `+inf` or an upper bound of `-inf`, a number that is not finite, or a term that
  ///   names an unknown variable (the error suggests the nearest known name).
  /// - Complexity: O(variables + terms); terms of each row are ordered by variable index.
  public init(file: LPProblemFile) throws(LPModelError) {
    self.init(sense: file.sense ?? .minimize)
    func finite(_ v: Double, _ path: String) throws(LPModelError) -> Double {
      guard v.isFinite else { throw LPModelError(path: path, problem: "must be a finite number, got \(v) (a value beyond the range of a Double)") }
      return v
    }
    objectiveOffset = try finite(file.objectiveOffset ?? 0, "objectiveOffset")
    var index: [String: Int] = [:]
    for (i, v) in file.variables.enumerated() {
      let path = "variables[\(i)]"
      if v.name.isEmpty { throw LPModelError(path: path + ".name", problem: "must not be empty") }
      if index[v.name] != nil { throw LPModelError(path: path + ".name", problem: "duplicate variable name '\(v.name)'") }
      var lower = v.lower ?? 0, upper = v.upper ?? .infinity
      if lower <= -Self.infiniteBound { lower = -.infinity }
      if upper >= Self.infiniteBound { upper = .infinity }
      if lower == .infinity || lower >= Self.infiniteBound {
        throw LPModelError(path: path + ".lower", problem: "is +infinity, which no value satisfies")
      }
      if upper == -.infinity || upper <= -Self.infiniteBound {
        throw LPModelError(path: path + ".upper", problem: "is -infinity, which no value satisfies")
      }
      if lower > upper { throw LPModelError(path: path, problem: "lower bound \(lower) exceeds upper bound \(upper)") }
      index[v.name] = variables.count
      variables.append(Variable(name: v.name, lower: lower, upper: upper, cost: try finite(v.cost ?? 0, path + ".cost"), isInteger: v.integer ?? false))
    }
    for (i, c) in file.constraints.enumerated() {
      var terms: [(Int, Double)] = []
      for (name, a) in c.terms.sorted(by: { $0.key < $1.key }) {
        guard let j = index[name] else {
          let hint = nearest(name, in: Array(index.keys)).map { " (did you mean '\($0)'?)" } ?? ""
          throw LPModelError(path: "constraints[\(i)].terms.\(name)", problem: "unknown variable '\(name)'\(hint)")
        }
        if try finite(a, "constraints[\(i)].terms.\(name)") != 0 { terms.append((j, a)) }
      }
      terms.sort { $0.0 < $1.0 }
      let range = try c.range.map { v throws(LPModelError) in try finite(v, "constraints[\(i)].range") }
      constraints.append(Constraint(name: c.name, indices: terms.map(\.0), coefficients: terms.map(\.1),
                                    relation: c.relation, rhs: try finite(c.rhs, "constraints[\(i)].rhs"), range: range))
    }
  }
}

/// The candidate with the smallest edit distance to `word` (ties: smallest name), if any is within 3 edits.
func nearest(_ word: String, in candidates: [String]) -> String? {
  func distance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    var previous = Array(0...b.count), current = previous
    for i in 1...a.count {
      current[0] = i
      for j in stride(from: 1, through: b.count, by: 1) {
        let substitution: Int = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
        let deletion: Int = previous[j] + 1
        let insertion: Int = current[j - 1] + 1
        current[j] = min(substitution, min(deletion, insertion))
      }
      swap(&previous, &current)
    }
    return previous[b.count]
  }
  let w = Array(word)
  var best: String? = nil, bestDistance = 4
  for candidate in candidates {
    let dist = distance(w, Array(candidate))
    if dist < bestDistance || (dist == bestDistance && best.map { candidate < $0 } == true) {
      best = candidate; bestDistance = dist
    }
  }
  return best
}

/// A coding key for reading whatever keys an object has.
struct AnyKey: CodingKey {
  var stringValue: String
  var intValue: Int? { nil }
  init(stringValue: String) { self.stringValue = stringValue }
  init?(intValue: Int) { nil }
}

/// Throws a `DecodingError` naming an unknown key and the nearest allowed one.
func rejectUnknownKeys(_ decoder: any Decoder, allowed: [String]) throws {
  let c = try decoder.container(keyedBy: AnyKey.self)
  for key in c.allKeys.sorted(by: { $0.stringValue < $1.stringValue }) where !allowed.contains(key.stringValue) {
    let hint = nearest(key.stringValue, in: allowed).map { "; did you mean '\($0)'?" } ?? ""
    throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [key],
                                            debugDescription: "unknown key '\(key.stringValue)'\(hint)"))
  }
}

/// Decodes an optional bound given as a number or as `"inf"`/`"-inf"`.
func decodeBound<K: CodingKey>(_ c: KeyedDecodingContainer<K>, _ key: K) throws -> Double? {
  guard c.contains(key), try !c.decodeNil(forKey: key) else { return nil }
  let s: String
  switch try c.decode(BoundValue.self, forKey: key) {
  case let .number(v): return v
  case let .word(w): s = w.lowercased()
  }
  switch s {
  case "inf", "+inf", "infinity", "+infinity": return .infinity
  case "-inf", "-infinity": return -.infinity
  default:
    throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "bound must be a number, \"inf\" or \"-inf\", got \"\(s)\"")
  }
}

/// A bound as written: a number or a word. Decoded from one value, so that a decoder that
/// collects problems never records the attempt that did not match.
private enum BoundValue: Decodable {
  case number(Double)
  case word(String)

  init(from decoder: any Decoder) throws {
    let c = try decoder.singleValueContainer()
    if let v = try? c.decode(Double.self) { self = .number(v); return }
    if let w = try? c.decode(String.self) { self = .word(w); return }
    throw DecodingError.dataCorruptedError(in: c, debugDescription: "bound must be a finite number, \"inf\" or \"-inf\" (numbers beyond the range of a Double, such as 1e400, are errors)")
  }
}
