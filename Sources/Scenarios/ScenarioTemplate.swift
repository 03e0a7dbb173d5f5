#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A checked scenario together with the JSON document it was read from, from which variants
/// (sweep grid points, stress tests) are made by setting values at JSON paths.
///
/// A variant is the document with its variations applied and without its `sweep` and
/// `stressTests` sections, checked and built by `Scenario.load(json:file:)` like any file, so
/// every rule of the format applies. Variants keep the scenario's policies (names and order) and its seed (varying `seed` is
/// refused), so every variant, policy and replication shares common random numbers with the
/// scenario as written.
public struct ScenarioTemplate: Sendable {
  /// The scenario as written.
  public var base: Scenario
  /// Its parsed document.
  public var document: JSONValue

  /// The file name used in messages.
  public var file: String { base.file }

  /// Top-level keys a variant may not set: the suites themselves, and the seed that keeps
  /// random numbers common.
  static let fixedKeys: [String: String] = [
    "seed": "every variant keeps the scenario's seed so that all of them share common random numbers; use replications for more samples",
    "sweep": "a variant cannot change the sweep section itself",
    "stressTests": "a variant cannot change the stress tests themselves",
  ]

  /// Reads, checks and builds a scenario file, keeping its document.
  ///
  /// - Throws: `ScenarioErrors` as `Scenario.load(path:)` does.
  public static func load(path: String) throws(ScenarioErrors) -> ScenarioTemplate {
    guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
      _ = try Scenario.load(path: path)
      throw ScenarioErrors(errors: [ScenarioError(file: path, path: "", problem: "cannot be read")])
    }
    return try load(json: text, file: path)
  }

  /// Checks and builds a scenario from JSON text, keeping its document.
  ///
  /// - Throws: `ScenarioErrors` listing every problem with its JSON path.
  public static func load(json: String, file: String) throws(ScenarioErrors) -> ScenarioTemplate {
    let base = try Scenario.load(json: json, file: file)
    do {
      return ScenarioTemplate(base: base, document: try JSONParser.parse(json))
    } catch {
      throw ScenarioErrors(errors: [ScenarioError(file: file, path: "", problem: "malformed JSON at \(error.description)")])
    }
  }

  /// The scenario with `variations` applied, checked and built.
  ///
  /// - Parameters:
  ///   - variations: Applied in order; a later one may overwrite an earlier one's value.
  ///   - context: Appended to every problem as "(in CONTEXT)", e.g. `grid point 3 of 12: a=1, b=2`.
  /// - Throws: `ScenarioErrors`: a path that leads nowhere (named with the nearest key), a fixed
  ///   key (`seed`, `sweep`, `stressTests`), or any problem of the varied scenario, each by its JSON path.
  public func variant(_ variations: [ScenarioVariation], context: String) throws(ScenarioErrors) -> Scenario {
    try Self.variant(of: document, file: file, variations, context: context)
  }

  static func variant(of document: JSONValue, file: String, _ variations: [ScenarioVariation], context: String) throws(ScenarioErrors) -> Scenario {
    var varied = withoutSuites(document)
    for v in variations {
      if let reason = fixedReason(v.path) {
        throw ScenarioErrors(errors: [ScenarioError(file: file, path: v.path.description, problem: "cannot be varied: \(reason) (in \(context))")])
      }
      do {
        varied = try v.apply(to: varied, file: file)
      } catch {
        throw ScenarioErrors(errors: [annotate(error, context)])
      }
    }
    let scenario: Scenario
    do {
      scenario = try Scenario.load(json: varied.jsonText, file: file)
    } catch {
      throw ScenarioErrors(errors: error.errors.map { annotate($0, context) })
    }
    var names: [String] = []
    if case let .array(items)? = document["policies"] {
      for item in items { if case let .string(n)? = item["name"] { names.append(n) } }
    }
    guard names == scenario.spec.policies.map(\.name) else {
      let list = scenario.spec.policies.map(\.name).joined(separator: ", ")
      throw ScenarioErrors(errors: [ScenarioError(file: file, path: "policies", problem: "a variant must keep the scenario's policies (names and order) so that its results compare with the scenario's; got \(list) (in \(context))")])
    }
    return scenario
  }

  /// The axes of the scenario's `sweep` section, in file order (empty without one).
  ///
  /// - Throws: `ScenarioErrors` for a bad section (checked when the scenario loads, so only for a
  ///   template built by hand).
  public func sweepAxes() throws(ScenarioErrors) -> [SweepAxis] {
    let (axes, errors) = Self.sweepAxes(spec: base.spec, document: document, file: file)
    if !errors.isEmpty { throw ScenarioErrors(errors: errors) }
    return axes
  }

  /// The scenario's stress tests, in file order (empty without any).
  ///
  /// - Throws: `ScenarioErrors` for a bad test (checked when the scenario loads).
  public func stressTests() throws(ScenarioErrors) -> [StressTest] {
    let (tests, errors) = Self.stressTests(spec: base.spec, document: document, file: file)
    if !errors.isEmpty { throw ScenarioErrors(errors: errors) }
    return tests
  }

  /// Checks the `sweep` and `stressTests` sections of a scenario that has just been built:
  /// paths, values, names, and every stress test's varied scenario in full.
  ///
  /// - Throws: `ScenarioErrors` listing every problem.
  static func checkSuites(spec: ScenarioSpec, json: String, file: String) throws(ScenarioErrors) {
    guard spec.sweep != nil || spec.stressTests != nil, let document = try? JSONParser.parse(json) else { return }
    var errors = sweepAxes(spec: spec, document: document, file: file).errors
    let (tests, testErrors) = stressTests(spec: spec, document: document, file: file)
    errors += testErrors
    for test in tests {
      do { _ = try variant(of: document, file: file, test.variations, context: test.context) } catch { errors += error.errors }
    }
    if !errors.isEmpty { throw ScenarioErrors(errors: errors) }
  }

  static func sweepAxes(spec: ScenarioSpec, document: JSONValue, file: String) -> (axes: [SweepAxis], errors: [ScenarioError]) {
    guard let sweep = spec.sweep else { return ([], []) }
    var axes: [SweepAxis] = [], errors: [ScenarioError] = []
    func fail(_ path: String, _ problem: String) { errors.append(ScenarioError(file: file, path: path, problem: problem)) }
    if sweep.vary.isEmpty { fail("sweep.vary", "needs at least one parameter to vary, e.g. {\"path\": \"policies[0].serviceLevel\", \"values\": [0.9, 0.95]}") }
    if let r = sweep.replications, !(1...100_000).contains(r) { fail("sweep.replications", "must be in 1...100000, got \(r)") }
    for (i, a) in sweep.vary.enumerated() {
      let at = "sweep.vary[\(i)]"
      let before = errors.count
      var path: JSONPath?
      do { path = try JSONPath(parsing: a.path) } catch { fail("\(at).path", error.problem) }
      if let p = path, let reason = fixedReason(p) { fail("\(at).path", "\(p) cannot be varied: \(reason)"); path = nil }
      if let p = path, sweep.vary[..<i].contains(where: { $0.path == a.path }) { fail("\(at).path", "\(p) is varied twice") }
      let hasRange = a.from != nil || a.to != nil || a.count != nil
      var values: [JSONValue] = []
      if let list = a.values {
        if hasRange { fail(at, "set either values or from, to and count, not both") }
        if list.isEmpty { fail("\(at).values", "needs at least one value") }
        do { try SweepAxis.checkDistinct(list) } catch { fail("\(at).values", error.problem) }
        values = list
      } else if let from = a.from, let to = a.to, let count = a.count {
        do { values = try SweepAxis.range(from: from, to: to, count: count) } catch { fail("\(at).count", error.problem) }
      } else if hasRange {
        for (key, present) in [("from", a.from != nil), ("to", a.to != nil), ("count", a.count != nil)] where !present {
          fail("\(at).\(key)", "is required with a range (from, to and count)")
        }
      } else {
        fail(at, "needs values, or from, to and count")
      }
      if let p = path, let first = values.first {
        do { _ = try ScenarioVariation(path: p, value: first).apply(to: document, file: file) } catch { fail("\(at).path", error.problem) }
      }
      if errors.count == before, let p = path, !values.isEmpty { axes.append(SweepAxis(path: p, values: values)) }
    }
    return (axes, errors)
  }

  static func stressTests(spec: ScenarioSpec, document: JSONValue, file: String) -> (tests: [StressTest], errors: [ScenarioError]) {
    var tests: [StressTest] = [], errors: [ScenarioError] = []
    func fail(_ path: String, _ problem: String) { errors.append(ScenarioError(file: file, path: path, problem: problem)) }
    let all = spec.stressTests ?? []
    if spec.stressTests != nil && all.isEmpty { fail("stressTests", "is empty; remove it or add a test like {\"name\": \"…\", \"set\": {\"suppliers[0].leadTime.mean\": 10}}") }
    for (i, t) in all.enumerated() {
      let at = "stressTests[\(i)]"
      let before = errors.count
      if t.name.trimmingSpaces.isEmpty { fail("\(at).name", "must not be empty") }
      if let j = all[..<i].firstIndex(where: { $0.name == t.name }), !t.name.isEmpty {
        fail("\(at).name", "duplicate stress test name \"\(t.name)\" (also stressTests[\(j)])")
      }
      guard case let .object(members) = t.set, !members.isEmpty else {
        fail("\(at).set", "must be a non-empty object from JSON paths to values, e.g. {\"suppliers[0].leadTime.mean\": 10}, got \(t.set.kindName)")
        continue
      }
      var variations: [ScenarioVariation] = []
      var varied = withoutSuites(document)
      for m in members {
        let where_ = "\(at).set[\(JSONValue.quoted(m.key))]"
        let path: JSONPath
        do { path = try JSONPath(parsing: m.key) } catch { fail(where_, error.problem); continue }
        if let reason = fixedReason(path) { fail(where_, "\(path) cannot be set: \(reason)"); continue }
        let v = ScenarioVariation(path: path, value: m.value)
        do { varied = try v.apply(to: varied, file: file) } catch { fail(where_, error.problem); continue }
        variations.append(v)
      }
      if errors.count == before { tests.append(StressTest(name: t.name, description: t.description, variations: variations, index: i)) }
    }
    return (tests, errors)
  }

  /// Why a path may not be varied, or nil.
  static func fixedReason(_ path: JSONPath) -> String? {
    guard case let .key(first)? = path.components.first else { return nil }
    return fixedKeys[first]
  }

  /// The document without the `sweep` and `stressTests` sections.
  static func withoutSuites(_ document: JSONValue) -> JSONValue {
    guard case let .object(members) = document else { return document }
    return .object(members.filter { $0.key != "sweep" && $0.key != "stressTests" })
  }

  /// `error` with "(in CONTEXT)" appended to its problem.
  static func annotate(_ error: ScenarioError, _ context: String) -> ScenarioError {
    ScenarioError(file: error.file, path: error.path, problem: "\(error.problem) (in \(context))")
  }
}
