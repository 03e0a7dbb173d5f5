import Testing
import SupplyModel
@testable import Experiments

/// Totals with given per-replication costs and fill rates.
private func candidate(_ name: String, costs: [Double], fill: Double = 0.99) -> PolicyTotals {
  let c = KPIs.names.firstIndex(of: "totalCost")!, f = KPIs.names.firstIndex(of: "fillRate")!
  return PolicyTotals(name: name, totals: costs.map { cost in
    var values = Array(repeating: 0.0, count: KPIs.names.count)
    values[c] = cost
    values[f] = fill
    return KPIs(values: values)
  })
}

@Suite struct PairedRankingTests {
  @Test func theDifferenceToTheBestIsPairedWithAStudentTInterval() throws {
    // Differences b − a per replication: 2, 4, 6 → mean 4, sd 2, half-width t(0.975, 2) × 2 / √3.
    let r = PairedRanking([candidate("a", costs: [100, 200, 300]), candidate("b", costs: [102, 204, 306])], kpi: "totalCost")
    #expect(r.best?.name == "a" && r.runnerUp?.name == "b")
    let d = try #require(r.entries[1].differenceToBest)
    #expect(d.mean == 4)
    let half = 4.302652729911275 * 2 / 3.0.squareRoot()
    let ci = try #require(d.interval)
    #expect(abs(ci.lower - (4 - half)) < 1e-9 && abs(ci.upper - (4 + half)) < 1e-9)
    // The interval [-0.97, 8.97] includes 0: not significant, although each replication favours a.
    #expect(!r.entries[1].distinguishableFromBest && !r.bestIsSignificant)
  }

  @Test func aNonSignificantDifferenceGetsNoVerdict() {
    // Unpaired the two look alike (huge spread across replications); the paired differences 1, -1, 2, -2 straddle 0.
    let r = PairedRanking([candidate("a", costs: [100, 500, 900, 1300]), candidate("b", costs: [101, 499, 902, 1298])], kpi: "totalCost")
    #expect(r.best?.name == "a")  // equal means: input order
    #expect(!r.bestIsSignificant)
    #expect(r.indistinguishableFromBest.count == 1)
    let text = r.statement(noun: ("policy", "policies"), kpiName: "total cost", format: { "\($0)" })
    #expect(text.contains("not distinguishable at 95% over 4 replications"))
    #expect(!text.contains("significant ("))
  }

  @Test func aConsistentDifferenceIsSignificantEvenWhenTheMeansOverlap() {
    // Each replication b costs 10 more: the paired interval is [10, 10], while the separate intervals overlap widely.
    let r = PairedRanking([candidate("b", costs: [110, 510, 910]), candidate("a", costs: [100, 500, 900])], kpi: "totalCost")
    #expect(r.best?.name == "a")
    #expect(r.bestIsSignificant)
    #expect(r.entries[1].distinguishableFromBest)
    #expect(r.statement(noun: ("policy", "policies"), kpiName: "total cost", format: { "\($0)" }).contains("significant"))
  }

  @Test func aTieGetsNoStar() {
    let r = PairedRanking([candidate("a", costs: [100, 200]), candidate("b", costs: [100, 200])], kpi: "totalCost")
    #expect(r.best?.name == "a")  // input order breaks the tie
    #expect(r.entries[1].differenceToBest?.interval?.lower == 0 && r.entries[1].differenceToBest?.interval?.upper == 0)
    #expect(!r.bestIsSignificant)
    #expect(r.indistinguishableFromBest.map(\.name) == ["b"])
  }

  @Test func oneReplicationTestsNothing() {
    let r = PairedRanking([candidate("a", costs: [100]), candidate("b", costs: [300])], kpi: "totalCost")
    #expect(r.best?.name == "a" && !r.bestIsSignificant)
    #expect(r.statement(noun: ("policy", "policies"), kpiName: "total cost", format: { "\($0)" }).contains("with 1 replication no difference can be tested"))
  }

  @Test func onlyCandidatesMeetingTheRequirementAreRanked() {
    let r = PairedRanking([candidate("cheap", costs: [50, 60], fill: 0.90), candidate("a", costs: [100, 110]), candidate("b", costs: [200, 230])],
                          kpi: "totalCost", requirement: .init(kpi: "fillRate", minimum: 0.95))
    #expect(r.entries.map(\.name) == ["a", "b", "cheap"])
    #expect(r.entries.map(\.rank) == [1, 2, nil])
    #expect(r.best?.name == "a")
    let none = PairedRanking([candidate("cheap", costs: [50, 60], fill: 0.90)], kpi: "totalCost", requirement: .init(kpi: "fillRate", minimum: 0.95))
    #expect(none.best == nil && !none.bestIsSignificant)
    #expect(none.statement(noun: ("policy", "policies"), kpiName: "total cost", format: { "\($0)" }, requirementText: "a fill rate of 95%") == "No policy reaches a fill rate of 95%.")
  }

  @Test func higherIsBetterRanksTheHighestFirst() {
    let r = PairedRanking([candidate("a", costs: [1, 2], fill: 0.90), candidate("b", costs: [1, 2], fill: 0.97)], kpi: "fillRate", higherIsBetter: true)
    #expect(r.best?.name == "b")
  }
}
