import Testing
@testable import Reports
import Experiments

@Suite struct StockoutAnalysisTests {
  @Test func stockoutDaysFromTheTraceMatchTheKPI() throws {
    let result = ReportFixture.fiveReplications
    let measured = result.scenario.network.measuredDays
    for outcome in result.outcomes {
      let runs = StockoutRuns(trace: try #require(outcome.trace), measuredDays: measured)
      for k in result.scenario.network.skus.indices {
        #expect(Double(runs.stockoutDays[k]) == outcome.perSKU[0][k].stockoutDays, "\(outcome.name) SKU \(k)")
        #expect(runs.runsPerSKU[k].reduce(0, +) == runs.stockoutDays[k])
      }
    }
  }

  @Test func featuredSKUsAreDistinctWithReasons() {
    let picks = FeaturedSKU.select(from: ReportFixture.fiveReplications)
    #expect(picks.count == 3)
    #expect(Set(picks.map(\.index)).count == 3)
    #expect(picks[0].index == 0)  // FAST has the highest demand
    #expect(picks[0].reason.hasPrefix("highest demand"))
    #expect(picks[2].index == 2)  // SLOW is the slowest mover
    #expect(picks[2].reason.hasPrefix("slowest mover"))
  }

  @Test func wholeNumberBinsWidenPastTheLimit() {
    #expect(HistogramBin.wholeNumbers(upTo: 4).map(\.label) == ["1", "2", "3", "4"])
    let wide = HistogramBin.wholeNumbers(upTo: 40, maxBins: 15)
    #expect(wide.count == 8)
    #expect(wide.first?.label == "1–5")
    #expect(HistogramBin.counts(of: [1, 5, 6, 40, 41], in: wide) == [2, 1, 0, 0, 0, 0, 0, 1])
  }
}
