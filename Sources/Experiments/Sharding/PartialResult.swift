import Scenarios
import SupplyModel

/// One shard's share of a sharded command: a manifest saying what ran, and the raw figures of
/// every unit it ran, enough for `supplysim merge` to rebuild every output of the unsharded
/// command exactly.
///
/// Written as `partial.json` into the shard's folder (format `supplysim.partial/1`):
///
/// ```json
/// {"format": "supplysim.partial/1", "supplysimVersion": "0.1.0", "command": "sweep",
///  "arguments": ["scenarios/sweep-example.json", "--replications", "3"],
///  "scenario": {"file": "scenarios/sweep-example.json", "fingerprint": "sha256:…", "text": "…"},
///  "shard": {"index": 2, "count": 3}, "units": {"total": 36, "first": 12, "end": 24},
///  "policies": ["sQ", "sS"], "kpis": ["totalCost", …],
///  "results": [{"unit": 12, "values": [[…17 KPIs of policy 1…], […policy 2…]]}, …]}
/// ```
/// KPI values are JSON numbers in Swift's shortest round-trip form (they read back as the same
/// `Double`, bit for bit); non-finite values are the strings `"nan"`, `"inf"`, `"-inf"`.
/// `arguments` are the command's arguments without the options that do not change results
/// (`--shard`, `--out`, `--threads`, `--quiet`, `--progress`); the merge replays them on the
/// embedded scenario text, so it needs neither the scenario file nor the shards' machines.
public struct PartialResult: Sendable, Equatable {
  /// The format tag.
  public static let format = "supplysim.partial/1"
  /// The file name inside a shard's folder.
  public static let fileName = "partial.json"

  /// The SupplySim version that ran the shard.
  public var version: String
  /// The command (`sweep`, `stress`).
  public var command: String
  /// The command's arguments that determine its results.
  public var arguments: [String]
  /// The scenario file's name as given on the command line.
  public var scenarioFile: String
  /// The scenario file's text.
  public var scenarioText: String
  /// `ScenarioFingerprint` of the scenario text.
  public var fingerprint: String
  /// Which shard this is.
  public var shard: Shard
  /// Units of the whole command.
  public var totalUnits: Int
  /// The policies' names.
  public var policies: [String]
  /// This shard's units, in unit order.
  public var results: [UnitTotals]

  /// Creates a partial result.
  public init(version: String, command: String, arguments: [String], scenarioFile: String, scenarioText: String, fingerprint: String,
              shard: Shard, totalUnits: Int, policies: [String], results: [UnitTotals]) {
    self.version = version
    self.command = command
    self.arguments = arguments
    self.scenarioFile = scenarioFile
    self.scenarioText = scenarioText
    self.fingerprint = fingerprint
    self.shard = shard
    self.totalUnits = totalUnits
    self.policies = policies
    self.results = results
  }

  /// The units this shard is responsible for.
  public var units: Range<Int> { shard.units(of: totalUnits) }

  /// The file's text (one line per unit, so large files stay easy to inspect).
  public func render() -> String {
    func str(_ s: String) -> String { JSONValue.quoted(s) }
    var out = "{\n"
    out += "\"format\": \(str(Self.format)),\n"
    out += "\"supplysimVersion\": \(str(version)),\n"
    out += "\"command\": \(str(command)),\n"
    out += "\"arguments\": [\(arguments.map(str).joined(separator: ", "))],\n"
    out += "\"scenario\": {\"file\": \(str(scenarioFile)), \"fingerprint\": \(str(fingerprint)), \"text\": \(str(scenarioText))},\n"
    out += "\"shard\": {\"index\": \(shard.index), \"count\": \(shard.count)},\n"
    out += "\"units\": {\"total\": \(totalUnits), \"first\": \(units.lowerBound), \"end\": \(units.upperBound)},\n"
    out += "\"policies\": [\(policies.map(str).joined(separator: ", "))],\n"
    out += "\"kpis\": [\(KPIs.names.map(str).joined(separator: ", "))],\n"
    out += "\"results\": ["
    for (i, unit) in results.enumerated() {
      out += i == 0 ? "\n" : ",\n"
      out += "{\"unit\": \(unit.unit), \"values\": ["
      out += unit.policies.map { "[" + $0.values.map(Self.number).joined(separator: ",") + "]" }.joined(separator: ", ")
      out += "]}"
    }
    out += "\n]\n}\n"
    return out
  }

  /// A KPI value as exact text.
  static func number(_ x: Double) -> String {
    if x.isNaN { return "\"nan\"" }
    if x.isInfinite { return x > 0 ? "\"inf\"" : "\"-inf\"" }
    return "\(x)"
  }

  /// Reads a partial result.
  ///
  /// - Parameter file: The name used in messages.
  /// - Throws: `ScenarioError` naming the file, the JSON path and the problem.
  public static func parse(_ text: String, file: String) throws(ScenarioError) -> PartialResult {
    let root: JSONValue
    do { root = try JSONParser.parse(text) } catch {
      throw ScenarioError(file: file, path: "", problem: "is not a SupplySim partial result: malformed JSON at \(error.description)")
    }
    var r = try JSONObjectReader(root, file: file, path: "")
    guard let format = try r.string("format"), format == Self.format else {
      throw ScenarioError(file: file, path: "format", problem: "expected \"\(Self.format)\" (a partial result written by --shard K/N); this is not one")
    }
    let version = try required(r.string("supplysimVersion"), "supplysimVersion", r)
    let command = try required(r.string("command"), "command", r)
    let arguments = try strings(r.required("arguments"), file: file, path: "arguments")
    var s = try JSONObjectReader(r.required("scenario"), file: file, path: "scenario")
    let scenarioFile = try required(s.string("file"), "file", s)
    let fingerprint = try required(s.string("fingerprint"), "fingerprint", s)
    let scenarioText = try required(s.string("text"), "text", s)
    try s.finish()
    var sh = try JSONObjectReader(r.required("shard"), file: file, path: "shard")
    let count = try required(sh.integer("count", min: 1), "count", sh)
    let index = try required(sh.integer("index", min: 1), "index", sh)
    guard count <= Shard.maximumCount, index <= count else {
      throw ScenarioError(file: file, path: "shard", problem: "shard \(index)/\(count) is out of range; the file was not written by --shard K/N")
    }
    try sh.finish()
    let shard = Shard(index: index, count: count)
    var un = try JSONObjectReader(r.required("units"), file: file, path: "units")
    let total = try required(un.integer("total", min: 0), "total", un)
    let first = try required(un.integer("first", min: 0), "first", un)
    let end = try required(un.integer("end", min: 0), "end", un)
    try un.finish()
    guard total <= 1_000_000_000 else { throw ScenarioError(file: file, path: "units.total", problem: "must be at most 1000000000, got \(total)") }
    guard shard.units(of: total) == first..<end else {
      throw ScenarioError(file: file, path: "units", problem: "shard \(shard) of \(total) units covers \(shard.units(of: total)), but the file says \(first)..<\(end)")
    }
    let policies = try strings(r.required("policies"), file: file, path: "policies")
    let kpis = try strings(r.required("kpis"), file: file, path: "kpis")
    guard kpis == KPIs.names else {
      throw ScenarioError(file: file, path: "kpis", problem: "lists other KPIs than this SupplySim's (\(KPIs.names.count) named in report order); merge with the version that ran the shards")
    }
    guard case let .array(items) = try r.required("results") else {
      throw ScenarioError(file: file, path: "results", problem: "expected an array")
    }
    try r.finish()
    guard items.count == end - first else {
      throw ScenarioError(file: file, path: "results", problem: "has \(items.count) units, expected \(end - first) (units \(first)..<\(end)); the shard did not finish writing, run it again")
    }
    var results: [UnitTotals] = []
    results.reserveCapacity(items.count)
    for (i, item) in items.enumerated() {
      let path = "results[\(i)]"
      var u = try JSONObjectReader(item, file: file, path: path)
      let unit = try required(u.integer("unit", min: 0), "unit", u)
      guard unit == first + i else { throw ScenarioError(file: file, path: "\(path).unit", problem: "expected unit \(first + i), got \(unit)") }
      guard case let .array(rows) = try u.required("values"), rows.count == policies.count else {
        throw ScenarioError(file: file, path: "\(path).values", problem: "expected an array of \(policies.count) arrays, one per policy")
      }
      try u.finish()
      var kpiRows: [KPIs] = []
      for (p, row) in rows.enumerated() {
        guard case let .array(values) = row, values.count == KPIs.names.count else {
          throw ScenarioError(file: file, path: "\(path).values[\(p)]", problem: "expected an array of \(KPIs.names.count) KPI values")
        }
        var numbers: [Double] = []
        for (k, v) in values.enumerated() {
          guard let x = value(v) else {
            throw ScenarioError(file: file, path: "\(path).values[\(p)][\(k)]", problem: "expected a number or \"nan\", \"inf\", \"-inf\", got \(v.kindName)")
          }
          numbers.append(x)
        }
        kpiRows.append(KPIs(values: numbers))
      }
      results.append(UnitTotals(unit: unit, policies: kpiRows))
    }
    return PartialResult(version: version, command: command, arguments: arguments, scenarioFile: scenarioFile, scenarioText: scenarioText,
                         fingerprint: fingerprint, shard: shard, totalUnits: total, policies: policies, results: results)
  }

  private static func value(_ v: JSONValue) -> Double? {
    switch v {
    case let .number(n): return Double(n)
    case .string("nan"): return .nan
    case .string("inf"): return .infinity
    case .string("-inf"): return -.infinity
    default: return nil
    }
  }

  private static func required<T>(_ value: T?, _ key: String, _ reader: JSONObjectReader) throws(ScenarioError) -> T {
    guard let value else { throw ScenarioError(file: reader.file, path: reader.path, problem: "missing key '\(key)'") }
    return value
  }

  private static func strings(_ value: JSONValue, file: String, path: String) throws(ScenarioError) -> [String] {
    guard case let .array(items) = value else { throw ScenarioError(file: file, path: path, problem: "expected an array of strings, got \(value.kindName)") }
    var out: [String] = []
    for (i, item) in items.enumerated() {
      guard case let .string(s) = item else { throw ScenarioError(file: file, path: "\(path)[\(i)]", problem: "expected a string, got \(item.kindName)") }
      out.append(s)
    }
    return out
  }
}
