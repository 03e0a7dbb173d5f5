import Forecasting
import Replenishment
import SupplyModel

/// What a policy type reads from its entry in `policies` (or from a node's override of it): typed
/// values by key, each checked, with every problem recorded against its JSON path, so that a
/// file with several mistakes is fixed in one round.
///
/// Every accessor returns nil when the key is absent or its value is wrong (the problem is then
/// recorded). Read each key once; `problems` lists what was found.
public struct PolicyReader {
  /// The policy's name (`policies[i].name`).
  public let name: String
  /// The JSON path of the policy object, e.g. `policies[2]` or `policies[2].nodes.DC`.
  public let path: String
  /// The SKU ids, in scenario order.
  public let skuIDs: [String]
  /// True when the policy runs in a multi-echelon network.
  public let isNetwork: Bool
  /// The folder of the scenario file, for relative paths a policy reads (`.` when the scenario
  /// came from text without a folder).
  public let folder: String
  let members: [(key: String, value: JSONValue)]
  let node: PathNode
  let skuPosition: [String: Int]
  var validator = Validator()

  init(name: String, members: [(key: String, value: JSONValue)], node: PathNode, skuIDs: [String], skuPosition: [String: Int], isNetwork: Bool,
       file: String = "") {
    if let slash = file.lastIndex(of: "/") {
      folder = slash == file.startIndex ? "/" : String(file[..<slash])
    } else {
      folder = "."
    }
    self.name = name
    self.members = members
    self.node = node
    path = PathNode.jsonPath(node)
    self.skuIDs = skuIDs
    self.skuPosition = skuPosition
    self.isNetwork = isNetwork
  }

  /// The problems recorded so far: JSON path and sentence.
  public var problems: [(path: String, problem: String)] { validator.errors }

  /// True when the policy sets `key`.
  public func has(_ key: String) -> Bool { members.contains { $0.key == key } }

  /// The value of `key` as written, or nil when absent.
  public func value(_ key: String) -> JSONValue? { members.first { $0.key == key }?.value }

  /// The JSON path of `key` in this policy.
  public func path(of key: String) -> String { join(path, key) }

  /// Records a problem with `key` (the policy itself when nil).
  public mutating func fail(_ key: String?, _ problem: String) {
    validator.fail(key.map(path(of:)) ?? path, problem)
  }

  /// Records a problem with `key` unless `condition` holds; returns `condition`.
  @discardableResult
  public mutating func require(_ condition: Bool, _ key: String?, _ problem: @autoclosure () -> String) -> Bool {
    if !condition { fail(key, problem()) }
    return condition
  }

  /// Decodes `key` as `T` (any `Decodable`, checked strictly: unknown nested keys are problems).
  public mutating func decode<T: Decodable>(_ type: T.Type, _ key: String) -> T? {
    guard let raw = value(key) else { return nil }
    let log = IssueLog()
    let child = PathNode(parent: node, key: key)
    let decoded: T?
    do {
      decoded = try StrictDecoder.decodeCollecting(T.self, from: raw, node: child, issues: log)
    } catch let issue as DecodingIssue {
      log.record(issue)
      decoded = nil
    } catch {
      decoded = nil
    }
    for issue in log.issues { validator.fail(issue.path, issue.problem) }
    return log.issues.isEmpty ? decoded : nil
  }

  /// A number within bounds.
  public mutating func double(_ key: String, min: Double? = nil, max: Double? = nil, minExclusive: Bool = false, maxExclusive: Bool = false) -> Double? {
    guard let d = decode(Double.self, key) else { return nil }
    let before = validator.errors.count
    let place = path(of: key)
    validator.number(d, place, min: min, max: max, minExclusive: minExclusive, maxExclusive: maxExclusive)
    return validator.errors.count == before ? d : nil
  }

  /// A whole number within bounds.
  public mutating func int(_ key: String, min: Int? = nil, max: Int? = nil) -> Int? {
    guard let i = decode(Int.self, key) else { return nil }
    let before = validator.errors.count
    let place = path(of: key)
    validator.number(Double(i), place, min: min.map(Double.init), max: max.map(Double.init))
    return validator.errors.count == before ? i : nil
  }

  /// A string; with `among`, one of those words (else a "did you mean").
  public mutating func string(_ key: String, among words: [String]? = nil) -> String? {
    guard let s = decode(String.self, key) else { return nil }
    if let words, !words.contains(s) {
      fail(key, "unknown value \"\(s)\"; \(suggestion(for: s, among: words))")
      return nil
    }
    return s
  }

  /// `true` or `false`.
  public mutating func bool(_ key: String) -> Bool? { decode(Bool.self, key) }

  /// The index of the SKU with id `id`, or nil (recording a problem at `key`) when none has it.
  public mutating func sku(_ id: String, at key: String) -> Int? {
    if let k = skuPosition[id] { return k }
    validator.fail(key, "no SKU has id \"\(id)\"; \(suggestion(for: id, among: skuIDs))")
    return nil
  }

  /// Forecast settings from the object at `key` (see `forecast` in scenarios/README.md), with
  /// the forecaster built and its parameters checked.
  public mutating func forecast(_ key: String = "forecast") -> ForecastSettings? {
    guard let f = decode(ForecastPolicySpec.self, key) else { return nil }
    let at = path(of: key)
    let before = validator.errors.count
    let names = ForecasterCatalog.names
    guard names.contains(f.model) else {
      validator.fail("\(at).model", "unknown forecaster \"\(f.model)\"; \(suggestion(for: f.model, among: names))")
      return nil
    }
    if let r = f.retrainEvery { validator.number(Double(r), "\(at).retrainEvery", min: 1, max: 3650) }
    if let h = f.historyDays { validator.number(Double(h), "\(at).historyDays", min: 14, max: 100_000) }
    if let m = f.seasonalPeriod { validator.number(Double(m), "\(at).seasonalPeriod", min: 1, max: 366) }
    var calibration = ForecastSettings.Calibration.none
    if let c = f.calibration {
      let words = ForecastSettings.Calibration.allCases.map(\.rawValue)
      if let known = ForecastSettings.Calibration(rawValue: c) { calibration = known }
      else { validator.fail("\(at).calibration", "unknown calibration \"\(c)\"; \(suggestion(for: c, among: words))") }
    }
    var members: [ForecasterSpec] = []
    for (j, m) in (f.members ?? []).enumerated() {
      guard names.contains(m.model) else {
        validator.fail("\(at).members[\(j)].model", "unknown forecaster \"\(m.model)\"; \(suggestion(for: m.model, among: names))")
        continue
      }
      members.append(ForecasterSpec(name: m.model, parameters: m.parameters ?? [:]))
    }
    let spec = ForecasterSpec(name: f.model, parameters: f.parameters ?? [:], members: members)
    let forecaster: any Forecaster
    do {
      forecaster = try ForecasterCatalog.make(spec)
    } catch {
      validator.fail("\(at).parameters", error.description)
      return nil
    }
    if let w = f.maxTrainingWindows {
      validator.number(Double(w), "\(at).maxTrainingWindows", min: 8, max: 10_000_000)
      if f.global != true { validator.fail("\(at).maxTrainingWindows", "applies only with \"global\": true; add it or remove maxTrainingWindows") }
    }
    if f.global == true && !(forecaster is any GlobalForecaster) {
      validator.fail("\(at).global", "\"\(f.model)\" fits one model per SKU; only lstm and gru train a global model, so use one of them or remove \"global\"")
    }
    guard validator.errors.count == before else { return nil }
    let parameterText = (f.parameters ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\(validator.format($0.value))" }
    var label = f.model
    if !parameterText.isEmpty || !members.isEmpty { label += "(" + (members.map(\.name) + parameterText).joined(separator: ", ") + ")" }
    if f.global == true { label += " global" }
    if calibration != .none { label += " + \(calibration.rawValue)" }
    var settings = ForecastSettings(forecaster: forecaster, label: label, retrainEvery: f.retrainEvery ?? 7, historyDays: f.historyDays ?? 365,
                                    seasonalPeriod: f.seasonalPeriod ?? 7, usePromotionCovariate: f.promotionCovariate ?? true, calibration: calibration)
    settings.global = f.global ?? false
    settings.maxTrainingWindows = f.maxTrainingWindows ?? GlobalTraining.defaultMaxWindows
    return settings
  }
}
