import Testing
@testable import Experiments

/// The statistics of the catalogue summary, against hand computations.
@Suite struct CatalogueSummaryTests {
  @Test func quantilesInterpolateBetweenOrderStatistics() {
    // 0, 1, ..., 100 in scrambled order: the p-quantile is 100 p.
    let values = (0...100).map { Double(($0 * 37) % 101) }
    #expect(CatalogueSummary.quantiles(of: values, levels: [0, 0.05, 0.25, 0.5, 0.95, 1]) == [0, 5, 25, 50, 95, 100])
    // Four values 1, 2, 3, 10: h = 3p; p = 0.5 → 2.5, p = 0.9 → 3 + 0.7 × 7 = 7.9.
    let q = CatalogueSummary.quantiles(of: [10, 3, 1, 2], levels: [0.5, 0.9])
    #expect(q[0] == 2.5 && abs(q[1] - 7.9) < 1e-12)
    #expect(CatalogueSummary.quantiles(of: [.nan, 4], levels: [0, 1]) == [4, 4])
    let empty = CatalogueSummary.quantiles(of: [], levels: [0.5])
    #expect(empty.count == 1 && empty[0].isNaN)
  }

  @Test func largestBreaksTiesByIndexAndSkipsNonPositiveWhenAsked() {
    let values: [Double] = [3, 7, 7, 0, .nan, 9, 1, 7]
    #expect(CatalogueSummary.largest(3, values, positiveOnly: false) == [5, 1, 2])
    #expect(CatalogueSummary.largest(10, values, positiveOnly: false) == [5, 1, 2, 7, 0, 6, 3])
    #expect(CatalogueSummary.largest(10, [0, 2, -1], positiveOnly: true) == [1])
    #expect(CatalogueSummary.largest(0, values, positiveOnly: false).isEmpty)
  }

  @Test func abcClassesFollowCumulativeValue() {
    // Values 50, 30, 10, 5, 3, 2 (total 100), given out of order. Ranked: 50 (above 0: A),
    // 30 (above 50: A), 10 (above 80: B), 5 (above 90: B), 3 (above 95: C), 2 (C).
    let values: [Double] = [5, 50, 2, 30, 3, 10]
    #expect(CatalogueSummary.abcClasses(values) == [1, 0, 2, 0, 2, 1])
    // Ties rank by index; no value at all makes every SKU C.
    #expect(CatalogueSummary.abcClasses([1, 1, 1, 1, 1]) == [0, 0, 0, 0, 1])
    #expect(CatalogueSummary.abcClasses([0, 0]) == [2, 2])
  }
}
