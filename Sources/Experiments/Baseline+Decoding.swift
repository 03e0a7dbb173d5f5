#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Scenarios
import SupplyModel

extension Baseline {
  /// Reads a baseline file.
  ///
  /// - Throws: `CheckInputError` naming the file, the JSON path and how to fix or regenerate it.
  public static func load(path: String) throws(CheckInputError) -> Baseline {
    guard let data = FileManager.default.contents(atPath: path) else {
      let exists = FileManager.default.fileExists(atPath: path)
      throw CheckInputError(file: path, path: "", problem: exists ? "cannot be read (check permissions)" : "no such baseline")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw CheckInputError(file: path, path: "", problem: "is not UTF-8 text")
    }
    return try decode(json: text, file: path)
  }

  /// Parses and checks a baseline document.
  ///
  /// Every KPI needs `values` with one finite number per replication; `mean` must agree with
  /// them (the check uses the values, so a hand-edited mean would otherwise be ignored silently).
  ///
  /// - Throws: `CheckInputError` for malformed JSON, a wrong format tag, missing or unknown keys,
  ///   wrong types, or values that disagree with the replication count or the mean.
  public static func decode(json: String, file: String) throws(CheckInputError) -> Baseline {
    let value: JSONValue
    do { value = try JSONParser.parse(json) } catch {
      throw CheckInputError(file: file, path: "", problem: "malformed JSON at \(error.description); regenerate it with 'supplysim baseline'")
    }
    var root = try JSONObjectReader(value, file: file, path: "")
    guard let tag = try root.string("format") else { throw root.error("format", "missing; this is not a SupplySim baseline (expected '\(format)')") }
    guard tag == format else { throw root.error("format", "expected '\(format)', got '\(tag)'; regenerate it with 'supplysim baseline'") }
    let version = try root.string("supplysimVersion") ?? ""
    var scenario = try JSONObjectReader(try root.required("scenario"), file: file, path: "scenario")
    guard let name = try scenario.string("name") else { throw CheckInputError(file: file, path: "scenario", problem: "missing key 'name'") }
    let scenarioFile = try scenario.string("file") ?? ""
    guard let hash = try scenario.string("hash") else { throw CheckInputError(file: file, path: "scenario", problem: "missing key 'hash'") }
    guard hash.hasPrefix(ScenarioFingerprint.prefix) else {
      throw scenario.error("hash", "expected '\(ScenarioFingerprint.prefix)' and 64 hex digits, got '\(hash)'")
    }
    _ = scenario.optional("hashOf")
    try scenario.finish()
    let seedValue = try root.required("seed")
    guard case let .number(seedText) = seedValue, let seed = UInt64(seedText) else {
      throw root.error("seed", "expected a whole number >= 0, got \(seedValue.literalText)")
    }
    guard let replications = try root.integer("replications", min: 1) else {
      throw CheckInputError(file: file, path: "", problem: "missing key 'replications'")
    }
    guard case let .array(items) = try root.required("policies") else {
      throw root.error("policies", "expected an array of policies")
    }
    var policies: [BaselinePolicy] = []
    for (i, item) in items.enumerated() {
      policies.append(try policy(item, file: file, path: "policies[\(i)]", replications: replications))
      if policies.dropLast().contains(where: { $0.name == policies.last!.name }) {
        throw CheckInputError(file: file, path: "policies[\(i)].name", problem: "duplicate policy '\(policies.last!.name)'")
      }
    }
    try root.finish()
    return Baseline(supplysimVersion: version, scenarioName: name, scenarioFile: scenarioFile, scenarioHash: hash, seed: seed, replications: replications, policies: policies)
  }

  static func policy(_ value: JSONValue, file: String, path: String, replications: Int) throws(CheckInputError) -> BaselinePolicy {
    var r = try JSONObjectReader(value, file: file, path: path)
    guard let name = try r.string("name") else { throw CheckInputError(file: file, path: path, problem: "missing key 'name'") }
    let kpiObject = try JSONObjectReader(try r.required("kpis"), file: file, path: r.path(of: "kpis"))
    var kpis: [(name: String, values: [Double])] = []
    for m in kpiObject.members {
      let kpiPath = kpiObject.path(of: m.key)
      var k = try JSONObjectReader(m.value, file: file, path: kpiPath)
      guard case let .array(raw) = try k.required("values") else {
        throw k.error("values", "expected an array with one number per replication")
      }
      var values: [Double] = []
      for (j, v) in raw.enumerated() { values.append(try JSONObjectReader.number(v, file: file, path: "\(kpiPath).values[\(j)]")) }
      guard values.count == replications else {
        throw k.error("values", "expected \(replications) values (one per replication), got \(values.count)")
      }
      if let mean = try k.number("mean") {
        let actual = values.reduce(0, +) / Double(values.count)
        guard abs(mean - actual) <= 1e-9 * max(1, abs(actual)) else {
          throw k.error("mean", "is \(mean) but the values average \(actual); the file was edited by hand: regenerate it with 'supplysim baseline'")
        }
      }
      _ = try k.number("sd")
      _ = try k.number("ci95Lower")
      _ = try k.number("ci95Upper")
      try k.finish()
      kpis.append((m.key, values))
    }
    try r.finish()
    // Files keep keys sorted; restore report order (KPIs unknown to this version go last).
    let rank = { (kpi: String) in KPIs.names.firstIndex(of: kpi) ?? KPIs.names.count }
    let ordered = kpis.enumerated().sorted { (rank($0.element.name), $0.offset) < (rank($1.element.name), $1.offset) }.map(\.element)
    return BaselinePolicy(name: name, kpis: ordered)
  }
}
