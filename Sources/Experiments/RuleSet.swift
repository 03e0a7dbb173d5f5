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
/// The built-in rules gate the KPIs a bug in a policy hurts: the service KPIs (`fillRate`,
/// `cycleServiceLevel`, `stockoutDays`, `unitsShort`, `shortageCost`), `totalCost` and the cost
/// components a policy controls (`holdingCost`, `orderingCost`, `transportCost`) of every
/// policy are `statistical`, one-sided in their bad direction, with no threshold, at a 95%
/// family-wise level (`MultipleComparisons.westfallYoung`); every other KPI is shown and not gated
/// (`ignore`). Tolerances, and gating further KPIs, are a team's explicit choice in a rules file.
///
/// A rule for policy p and KPI k is built in layers, each setting only the fields it names:
/// the built-in rule for k ← the file's `all` ← `kpis.k` ← `policies.p.k`.
///
/// ```json
/// {
///   "format": "supplysim.rules/1",
///   "multipleComparisons": "westfallYoung",
///   "all": { "level": 0.95 },
///   "kpis": { "totalCost": { "relative": 0.02 }, "holdingCost": { "test": "statistical" } },
///   "policies": { "RS-weekly": { "stockoutDays": { "direction": "bothWays", "relative": 0.2 } } }
/// }
/// ```
public struct RuleSet: Sendable {
  /// The format tag a rules file may carry.
  public static let format = "supplysim.rules/1"

  /// How the confidence level of statistical rules accounts for checking many KPIs at once.
  public enum MultipleComparisons: String, Sendable, CaseIterable {
    /// The default. Paired runs with `SignFlipTest.minimumReplications` (9 at 95%) to 64
    /// replications: exact sign-flip tests of the paired differences with Westfall and Young's
    /// step-down minP adjustment over the scenario's family (`SignFlipTest`), which needs no
    /// distributional assumption and gains from the KPIs' correlation. Otherwise (unpaired runs,
    /// or too few replications for sign flips to resolve the level) Student or Welch t-tests
    /// with Holm's correction.
    case westfallYoung
    /// Holm's step-down: the m p-values of a scenario's statistical comparisons,
    /// smallest first, are compared with α/m, α/(m − 1), …, stopping at the first that is not
    /// significant (α = 1 − level). Like Bonferroni it bounds the probability that noise fails
    /// any KPI by α under any dependence between the KPIs, and it fails the gate exactly when
    /// Bonferroni does; it names more of the KPIs that moved.
    ///
    /// - SeeAlso: S. Holm (1979), "A simple sequentially rejective multiple test procedure",
    ///   Scand. J. Statist. 6(2), 65–70.
    case holm
    /// Each of the m statistical comparisons of a scenario is significant at (1 − level)/m, so
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
  public var multipleComparisons: MultipleComparisons = .westfallYoung
  var all = Layer()
  var kpis: [String: Layer] = [:]
  var policies: [String: [String: Layer]] = [:]
  /// Where the rules came from, for reports: the file, or `built-in defaults`.
  public var source: String = "built-in defaults"

  /// The built-in defaults only.
  public init() {}

  /// The KPIs the built-in rules gate: service, total cost and the cost components a policy
  /// controls (holding, ordering, transport), the ones a bug hurts.
  ///
  /// The components matter because the cost curves are flat near their optimum: a lot planned
  /// 10% above its economic size moves total cost by well under 1% (too little for ten paired
  /// replications to show) while it raises holding cost by several per cent in every
  /// replication. Purchase cost is not gated: it is units bought times their price, which demand
  /// decides, not the policy.
  public static let gatedKPIs = ["totalCost", "holdingCost", "shortageCost", "orderingCost", "transportCost",
                                 "fillRate", "cycleServiceLevel", "stockoutDays", "unitsShort"]

  /// The built-in rule of every KPI: the `gatedKPIs` statistical at 95% in their bad direction
  /// with no threshold; the others `ignore` (shown, not gated), each with the direction a rules
  /// file that gates it would usually keep.
  public static let builtIn: [String: KPIRule] = {
    var rules: [String: KPIRule] = [:]
    for kpi in KPIs.names {
      let direction: KPIRule.Direction = switch kpi {
      case "demand", "averageOnOrder", "ordersPlaced", "meanOrderSize": .bothWays
      default: ExperimentResult.higherIsBetter.contains(kpi) ? .noDecrease : .noIncrease
      }
      rules[kpi] = KPIRule(test: gatedKPIs.contains(kpi) ? .statistical : .ignore, direction: direction)
    }
    return rules
  }()

  /// The built-in rule for a KPI without one of its own: not gated, in the KPI's better
  /// direction (`ExperimentResult.higherIsBetter`).
  public static func fallback(for kpi: String) -> KPIRule {
    KPIRule(test: .ignore, direction: ExperimentResult.higherIsBetter.contains(kpi) ? .noDecrease : .noIncrease)
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
