import Experiments
import SupplyModel

/// What `supplysim check --power` prints: per scenario and injected regression the share of
/// seeds on which the gate failed, and the false-alarm rates over the same seeds.
public struct PowerReport: Sendable {
  /// One result per scenario.
  public var results: [PowerStudyResult]
  /// Where the rules came from.
  public var rulesSource: String
  /// The seeds, as a range for the header: `1…100`.
  public var seedRange: String

  /// Creates a report.
  public init(results: [PowerStudyResult], rulesSource: String, seedRange: String) {
    self.results = results
    self.rulesSource = rulesSource
    self.seedRange = seedRange
  }

  /// The table: scenario, replications, injected change, the policies it reached, the share of
  /// seeds on which the gate failed, and the policy caught least often.
  public func table() -> TextTable {
    var table = TextTable(header: ["Scenario", "Reps", "Change", "Policies", "Gate failed", "Weakest policy"],
                          rightAligned: [false, true, false, true, true, false])
    for r in results {
      for row in r.rows {
        guard let rate = row.detectionRate else {
          table.rows.append([r.scenario, String(r.replications), row.label, "0 of \(r.policyCount)", "n/a", "—"])
          continue
        }
        let weakest = row.weakestPolicy.map { row.policies.count > 1 ? "\(Self.percent($0.rate)) \($0.name)" : "—" } ?? "—"
        table.rows.append([r.scenario, String(r.replications), row.label, "\(row.policies.count) of \(r.policyCount)",
                           Self.percent(rate) + " (\(row.detections)/\(row.seeds))", weakest])
      }
      let falseAlarms: [(String, Int)] = [
        ("unchanged code", r.unchangedFalseAlarms),
        ("redrawn numbers, paired", r.neutralPairedFalseAlarms),
        ("redrawn numbers, Welch", r.neutralWelchFalseAlarms),
      ]
      for (label, count) in falseAlarms {
        table.rows.append([r.scenario, String(r.replications), "no regression: " + label, "all", Self.percent(Double(count) / Double(r.seeds)) + " (\(count)/\(r.seeds))", "—"])
      }
    }
    return table
  }

  /// The header, the table and a legend.
  public func text() -> String {
    var out = "power of the gate over seeds \(seedRange) (rules: \(rulesSource)); each seed: a baseline, then a paired check per row\n\n"
    out += table().plain()
    out += "\nGate failed: share of seeds on which check exits 1; for an injected regression that is its detection rate, for the\n"
    out += "rows without one the false-alarm rate (redrawn numbers: replications n…2n−1 checked against 0…n−1).\n"
    return out
  }

  /// A share as a whole percentage, one decimal below 10%: `100%`, `97%`, `0.3%`, `0%`.
  static func percent(_ x: Double) -> String {
    let p = x * 100
    if p == 0 || p >= 10 || p == p.rounded() { return NumberFormat.fixed(p.rounded(), 0) + "%" }
    return NumberFormat.fixed(p, 1) + "%"
  }
}
