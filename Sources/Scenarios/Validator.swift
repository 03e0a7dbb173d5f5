/// Collects rule violations with their JSON paths while a scenario is checked.
///
/// A value is reported once: after a check of a value fails, further `require` and `number`
/// checks at the same path are skipped, since they restate its problem (a gamma lead time with
/// mean -2 is "must be >= 0", not also "must be > 0 when sd > 0").
struct Validator {
  var errors: [(path: String, problem: String)] = []
  /// Errors located in another file (a CSV table), by their position in `errors`.
  var located: [Int: ScenarioError] = [:]
  /// Paths with a recorded problem.
  private var failed: Set<String> = []

  /// Records a problem found in another file, already located there.
  mutating func fail(located error: ScenarioError) {
    located[errors.count] = error
    errors.append(("", error.description))
  }

  /// The errors as the user sees them: in `file` at their path, or where they were located.
  func scenarioErrors(file: String) -> [ScenarioError] {
    errors.enumerated().map { i, e in located[i] ?? ScenarioError(file: file, path: e.path, problem: e.problem) }
  }

  mutating func fail(_ path: String, _ problem: String) {
    failed.insert(path)
    errors.append((path, problem))
  }

  /// Records the problem of a value check unless the value already has one.
  private mutating func reject(_ path: String, _ problem: String) {
    if !failed.contains(path) { fail(path, problem) }
  }

  /// Records a problem unless `condition` holds or the path already has one; returns
  /// `condition`. The path is spelt out only when the check fails, so checking a million SKUs
  /// builds no path strings.
  @discardableResult
  mutating func require(_ condition: Bool, _ path: @autoclosure () -> String, _ problem: @autoclosure () -> String) -> Bool {
    if !condition { reject(path(), problem()) }
    return condition
  }

  /// Requires a present, finite number within bounds (the path is spelt out only on failure).
  mutating func number(_ value: Double?, _ path: @autoclosure () -> String, min: Double? = nil, max: Double? = nil, minExclusive: Bool = false, maxExclusive: Bool = false, required: Bool = true) {
    guard let v = value else {
      if required { reject(path(), "is required") }
      return
    }
    if let lo = min {
      if minExclusive ? !(v > lo) : !(v >= lo) { reject(path(), "must be \(minExclusive ? ">" : ">=") \(format(lo)), got \(format(v))"); return }
    }
    if let hi = max {
      if maxExclusive ? !(v < hi) : !(v <= hi) { reject(path(), "must be \(maxExclusive ? "<" : "<=") \(format(hi)), got \(format(v))") }
    }
  }

  /// Requires that fields not used by a variant are absent.
  mutating func absent(_ fields: [(String, Bool)], base: @autoclosure () -> String, because reason: @autoclosure () -> String) {
    for (name, present) in fields where present {
      fail(join(base(), name), "does not apply \(reason()); remove it")
    }
  }

  func format(_ v: Double) -> String {
    v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v)
  }
}

/// Appends a key to a JSON path.
func join(_ base: String, _ key: String) -> String { base.isEmpty ? key : "\(base).\(key)" }

/// The closest of `options` to `word`, as a "did you mean" hint, or the list of options.
func suggestion(for word: String, among options: [String]) -> String {
  if let best = NearestName.closest(to: word, among: options) { return "did you mean '\(best)'?" }
  return "expected one of: \(options.joined(separator: ", "))"
}
