import Testing
import Scenarios
@testable import Experiments
import _TestSupport

/// The gate's measured power on the quickstart (seeds 1…20, 10 replications, built-in rules):
/// planning bugs injected through the real planners fail it, unchanged code never does.
/// `supplysim check --power --seeds 300` (release build) gives the figures in reports/README.md.
@Suite struct PowerStudyTests {
  @Test func quickstartDetectsInjectedPlanningBugsAndNeverFailsUnchangedCode() throws {
    let scenario = try Scenario.load(path: SourceTree.root() + "/scenarios/quickstart.json")
    let result = try PowerStudy(scenario: scenario, replications: 10, seeds: Array(1...20)).run()
    #expect(result.seeds == 20 && result.rows.map(\.label) == PowerStudy.regressionLabels)
    func row(_ label: String) -> PowerStudyResult.Row { result.rows.first { $0.label == label }! }
    for label in ["s/S −1 unit", "safety stock −10%", "lead time −1 day", "review period +1 day"] {
      #expect(row(label).seeds == 20 && row(label).detections >= 19, "\(label): \(row(label).detections)/20")
    }
    // The bug on its own policy: every (s,Q) reorder point one unit low.
    let offByOne = row("s/S −1 unit")
    #expect(offByOne.policies == ["sQ-csl95", "sS-fill98", "RS-weekly"])
    #expect(offByOne.policyDetections[0] >= 18, "sQ-csl95: \(offByOne.policyDetections[0])/20")
    // No forecast-driven policy in the quickstart; (R,S) has no lot size and (s,Q) no review period.
    #expect(row("forecast bias +5%").seeds == 0 && row("forecast bias +5%").policies.isEmpty)
    #expect(row("lot size +10%").policies == ["sQ-csl95", "sS-fill98"])
    #expect(row("review period +1 day").policies == ["sS-fill98", "RS-weekly"])
    // Unchanged code reproduces every KPI: never a false alarm. A redraw of the random numbers
    // is held to its 5% level (at most 4 of 20 would happen by chance with probability 0.3%).
    #expect(result.unchangedFalseAlarms == 0)
    #expect(result.neutralPairedFalseAlarms <= 4 && result.neutralWelchFalseAlarms <= 4)
  }
}
