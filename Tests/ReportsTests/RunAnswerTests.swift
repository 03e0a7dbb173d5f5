import Experiments
import Testing
@testable import Reports

/// The answer box at the top of report.html and report.md: lowest cost, by how much (paired
/// difference with its interval), how sure (by `BestPolicyRule`), and at what service.
@Suite struct RunAnswerTests {
  /// The five-replication fixture with each policy's total costs replaced by `costs[p]`.
  static func withCosts(_ costs: [[Double]]) -> ExperimentResult {
    var result = ReportFixture.fiveReplications
    for p in result.outcomes.indices {
      for r in result.outcomes[p].totals.indices { result.outcomes[p].totals[r].totalCost = costs[p][r] }
    }
    return result
  }

  /// Policy 1 is cheaper than policy 2 by 100 ± noise (differences 90, 110, 95, 105, 100:
  /// mean 100, sd 7.905694, half-width 2.776445 × 3.535534 = 9.816), and than policy 0 by 1,000.
  @Test func aClearLeadIsCalledSignificantWithItsInterval() {
    let base = [5000.0, 5200, 4900, 5100, 5050]
    let result = Self.withCosts([base.map { $0 + 1000 }, base, zip(base, [90.0, 110, 95, 105, 100]).map { $0 + $1 }])
    let answer = RunAnswer(result: result)
    #expect(answer.cheapest == 1 && answer.significantlyCheapest == 1)
    #expect(answer.lines.map(\.label) == ["Lowest cost", "By how much", "How sure", "Service"])
    let by = answer.lines[1].text
    #expect(by.hasPrefix("100 less than the runner-up RS-weekly"))
    #expect(by.contains("interval 90 to 110"))
    #expect(answer.lines[2].text.hasPrefix("Significant: the paired 95% interval"))
  }

  /// A lead within noise (differences 0, 40, −30, 30, 2: mean 8.4, sd 28.4, half-width 35.3)
  /// is not called best, and the runner-up it may tie with is named; an exact tie is a tie.
  @Test func aLeadWithinNoiseIsNotCalledBest() {
    let base = [5000.0, 5200, 4900, 5100, 5050]
    let noisy = zip(base, [0.0, 40, -30, 30, 2]).map { $0 + $1 }
    let result = Self.withCosts([base.map { $0 + 1000 }, base, noisy])
    let answer = RunAnswer(result: result)
    #expect(answer.cheapest == 1 && answer.significantlyCheapest == nil)
    #expect(answer.lines[2].text.hasPrefix("Not significant"))
    #expect(answer.lines[2].text.contains("against RS-weekly includes 0"))
    let tie = RunAnswer(result: Self.withCosts([base, base, base]))
    #expect(tie.significantlyCheapest == nil && tie.cheapest == 0)
    #expect(tie.lines[1].text.hasPrefix("The same total cost as the runner-up sS-fill98 in every replication"))
  }

  @Test func oneReplicationSaysThereIsNoInterval() {
    let answer = RunAnswer(result: ReportFixture.oneReplication)
    #expect(answer.significantlyCheapest == nil)
    #expect(answer.lines[2].text.contains("one replication gives no interval"))
    #expect(!answer.lines[1].text.contains("interval"))
  }

  /// The box is the first section of both pages.
  @Test func theAnswerComesFirst() throws {
    let html = HTMLReport(result: ReportFixture.fiveReplications, version: "t").render()
    let answer = try #require(html.range(of: "<section id=\"answer\""))
    let scenario = try #require(html.range(of: "<section id=\"scenario\""))
    #expect(answer.lowerBound < scenario.lowerBound)
    let md = RunReport(result: ReportFixture.fiveReplications, version: "t").markdown()
    let mdAnswer = try #require(md.range(of: "## Answer"))
    #expect(mdAnswer.lowerBound < (md.range(of: "## Run")?.lowerBound ?? md.endIndex))
    for line in RunAnswer(result: ReportFixture.fiveReplications).lines { #expect(md.contains("- **\(line.label)**: \(line.text)")) }
  }
}
