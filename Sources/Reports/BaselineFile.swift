#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Experiments
import Scenarios

/// Renders a `Baseline` as its JSON file, `<scenario name>.baseline.json`.
///
/// ```json
/// {
///   "format": "supplysim.baseline/1",
///   "policies": [
///     { "kpis": { "fillRate": { "ci95Lower": 0.9981, "ci95Upper": 0.9993, "mean": 0.9987,
///                               "sd": 0.0008, "values": [0.9989, 0.9979, ...] }, ... },
///       "name": "sQ-csl95" }
///   ],
///   "replications": 10,
///   "scenario": { "file": "scenarios/quickstart.json", "hash": "sha256:…",
///                 "hashOf": "…", "name": "quickstart" },
///   "seed": 20261123,
///   "supplysimVersion": "0.1.0"
/// }
/// ```
/// Keys are sorted and numbers written as the shortest text that reads back exactly, so a check
/// recomputes the same statistics from `values`. `mean`, `sd` and the 95% interval are for
/// people (and must agree with `values`); bounds are null with one replication.
public enum BaselineFile {
  /// What `scenario.hashOf` says about the hash.
  public static let hashDescription = "SHA-256 of the scenario file re-rendered as canonical JSON: keys sorted by code point, no whitespace, numbers normalised"

  /// The file's text.
  public static func render(_ baseline: Baseline) -> String {
    var policies: [JSONValue] = []
    for policy in baseline.policies {
      var kpis: [(key: String, value: JSONValue)] = []
      for (name, values) in policy.kpis {
        let s = KPISummary(values: values)
        kpis.append((name, .object([
          ("mean", JSONWriter.number(s.mean)),
          ("sd", JSONWriter.number(s.standardDeviation)),
          ("ci95Lower", s.interval.map { JSONWriter.number($0.lower) } ?? .null),
          ("ci95Upper", s.interval.map { JSONWriter.number($0.upper) } ?? .null),
          ("values", .array(values.map(JSONWriter.number))),
        ])))
      }
      policies.append(.object([("name", .string(policy.name)), ("kpis", .object(kpis))]))
    }
    let doc: JSONValue = .object([
      ("format", .string(Baseline.format)),
      ("supplysimVersion", .string(baseline.supplysimVersion)),
      ("scenario", .object([
        ("name", .string(baseline.scenarioName)),
        ("file", .string(baseline.scenarioFile)),
        ("hash", .string(baseline.scenarioHash)),
        ("hashOf", .string(hashDescription)),
      ])),
      ("seed", .number(String(baseline.seed))),
      ("replications", JSONWriter.number(baseline.replications)),
      ("policies", .array(policies)),
    ])
    return JSONWriter.render(doc)
  }

  /// Writes the baseline atomically into `directory` (created if needed) as
  /// `<scenario name>.baseline.json`.
  ///
  /// - Returns: The path written.
  /// - Throws: The file-system error.
  public static func write(_ baseline: Baseline, toDirectory directory: String) throws -> String {
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let path = (directory.hasSuffix("/") ? String(directory.dropLast()) : directory) + "/" + Baseline.fileName(scenario: baseline.scenarioName)
    try AtomicFile.write(render(baseline), to: path)
    return path
  }
}
