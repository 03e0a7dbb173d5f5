#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Scenarios
import SupplyModel

/// The rules `supplysim check` applies: built-in defaults per KPI, optionally adjusted by a rules
/// file (`--rules FILE`).
///
/// A rule for policy p and KPI k is built in layers, each setting only the fields it names:
/// the built-in rule for k ← the file's `all` ← `kpis.k` ← `policies.p.k`.
///
/// ```json
/// {
///   "format": "supplysim.rules/1",
///   "multipleComparisons": "bonferroni",
///   "all": { "test": "statistical", "level": 0.95 },
///   "kpis": { "totalCost": { "relative": 0.02 }, "demand": { "test": "ignore" } },
///   "policies": { "RS-weekly": { "stockoutDays": { "direction": "bothWays", "relative": 0.2 } } }
/// }
/// ```
public struct RuleSet: Sendable {
  /// The format tag a rules file may carry.
  public static let format = "supplysim.rules/1"

  /// How the confidence level of statistical rules accounts for checking many KPIs at once.
  public enum MultipleComparisons: String, Sendable, CaseIterable {
    /// Each of the m statistical comparisons of a scenario uses level 1 − (1 − level)/m, so
    /// noise alone makes any of them significant with probability at most 1 − level.
    case bonferroni
    /// Each comparison uses its rule's level as given.
    case none
  }

  /// A partial rule: the fields one layer sets.
  struct Layer: Sendable, Equatable {
    var test: KPIRule.Test?
    var direction: KPIRule.Direction?
    var absolute: Double?
    var relative: Double?
    var level: Double?

    func applied(to rule: KPIRule) -> KPIRule {
      var r = rule
      if let test { r.test = test }
      if let direction { r.direction = direction }
      if let absolute { r.absolute = absolute }
      if let relative { r.relative = relative }
      if let level { r.level = level }
      return r
    }
  }

  /// The multiple-comparison correction.
  public var multipleComparisons: MultipleComparisons = .bonferroni
  var all = Layer()
  var kpis: [String: Layer] = [:]
  var policies: [String: [String: Layer]] = [:]
  /// Where the rules came from, for reports: the file, or `built-in defaults`.
  public var source: String = "built-in defaults"

  /// The built-in defaults only.
  public init() {}

  /// The built-in rule of every KPI: a statistical test at 95% with a practical threshold.
  public static let builtIn: [String: KPIRule] = [
    "totalCost": KPIRule(direction: .noIncrease, relative: 0.01),
    "holdingCost": KPIRule(direction: .noIncrease, relative: 0.05),
    "shortageCost": KPIRule(direction: .noIncrease, relative: 0.10),
    "orderingCost": KPIRule(direction: .noIncrease, relative: 0.05),
    "purchaseCost": KPIRule(direction: .noIncrease, relative: 0.02),
    "transportCost": KPIRule(direction: .noIncrease, relative: 0.02),
    "fillRate": KPIRule(direction: .noDecrease, absolute: 0.005),
    "cycleServiceLevel": KPIRule(direction: .noDecrease, absolute: 0.01),
    "stockoutDays": KPIRule(direction: .noIncrease, relative: 0.10),
    "unitsShort": KPIRule(direction: .noIncrease, relative: 0.10),
    "demand": KPIRule(direction: .bothWays, relative: 0.02),
    "averageOnHand": KPIRule(direction: .noIncrease, relative: 0.05),
    "averageBackorders": KPIRule(direction: .noIncrease, relative: 0.10),
    "averageOnOrder": KPIRule(direction: .bothWays, relative: 0.10),
    "inventoryTurnover": KPIRule(direction: .noDecrease, relative: 0.05),
    "ordersPlaced": KPIRule(direction: .bothWays, relative: 0.10),
    "meanOrderSize": KPIRule(direction: .bothWays, relative: 0.10),
  ]

  /// The built-in rule for a KPI without one of its own: statistical, in the KPI's better
  /// direction (`ExperimentResult.higherIsBetter`), 5% relative.
  public static func fallback(for kpi: String) -> KPIRule {
    KPIRule(direction: ExperimentResult.higherIsBetter.contains(kpi) ? .noDecrease : .noIncrease, relative: 0.05)
  }

  /// The rule for one KPI of one policy.
  public func rule(policy: String, kpi: String) -> KPIRule {
    var r = Self.builtIn[kpi] ?? Self.fallback(for: kpi)
    r = all.applied(to: r)
    if let layer = kpis[kpi] { r = layer.applied(to: r) }
    if let layer = policies[policy]?[kpi] { r = layer.applied(to: r) }
    return r
  }

  /// Reads a rules file.
  ///
  /// - Throws: `CheckInputError` naming the file, the JSON path and the fix.
  public static func load(path: String) throws(CheckInputError) -> RuleSet {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw CheckInputError(file: path, path: "", problem: FileManager.default.fileExists(atPath: path) ? "cannot be read (check permissions)" : "no such rules file")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw CheckInputError(file: path, path: "", problem: "is not UTF-8 text")
    }
    return try decode(json: text, file: path)
  }

  /// Parses and checks a rules document.
  ///
  /// - Throws: `CheckInputError` for malformed JSON, unknown keys (with the nearest valid one),
  ///   unknown KPI names, wrong types and values out of range.
  public static func decode(json: String, file: String) throws(CheckInputError) -> RuleSet {
    let value: JSONValue
    do { value = try JSONParser.parse(json) } catch {
      throw CheckInputError(file: file, path: "", problem: "malformed JSON at \(error.description)")
    }
    var root = try JSONObjectReader(value, file: file, path: "")
    var rules = RuleSet()
    rules.source = file
    if let tag = try root.string("format"), tag != format {
      throw root.error("format", "expected '\(format)', got '\(tag)'")
    }
    if let mc = try root.choice("multipleComparisons", MultipleComparisons.allCases.map(\.rawValue)) {
      rules.multipleComparisons = MultipleComparisons(rawValue: mc)!
    }
    if let v = root.optional("all") { rules.all = try layer(v, file: file, path: "all") }
    if let v = root.optional("kpis") { rules.kpis = try kpiLayers(v, file: file, path: "kpis") }
    if let v = root.optional("policies") {
      let policies = try JSONObjectReader(v, file: file, path: "policies")
      for m in policies.members {
        rules.policies[m.key] = try kpiLayers(m.value, file: file, path: policies.path(of: m.key))
      }
    }
    try root.finish()
    return rules
  }

  static func kpiLayers(_ value: JSONValue, file: String, path: String) throws(CheckInputError) -> [String: Layer] {
    let object = try JSONObjectReader(value, file: file, path: path)
    var out: [String: Layer] = [:]
    for m in object.members {
      guard KPIs.names.contains(m.key) else {
        throw object.error(m.key, "unknown KPI '\(m.key)'\(JSONObjectReader.suggestion(m.key, among: KPIs.names)); KPIs are \(KPIs.names.joined(separator: ", "))")
      }
      out[m.key] = try layer(m.value, file: file, path: object.path(of: m.key))
    }
    return out
  }

  static func layer(_ value: JSONValue, file: String, path: String) throws(CheckInputError) -> Layer {
    var r = try JSONObjectReader(value, file: file, path: path)
    var layer = Layer()
    layer.test = try r.choice("test", KPIRule.Test.allCases.map(\.rawValue)).map { KPIRule.Test(rawValue: $0)! }
    layer.direction = try r.choice("direction", KPIRule.Direction.allCases.map(\.rawValue)).map { KPIRule.Direction(rawValue: $0)! }
    layer.absolute = try r.number("absolute", in: 0...Double.infinity)
    layer.relative = try r.number("relative", in: 0...Double.infinity)
    layer.level = try r.number("level", in: 0.5...1, openUpper: true)
    try r.finish()
    return layer
  }
}
