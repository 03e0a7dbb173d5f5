import Testing
import Stochastics
import _TestSupport
@testable import Forecasting

private let y: [Double] = [1, 3, 2, 5, 4]

/// Members on [1, 3, 2, 5, 4], m = 2: naive 4, 4; mean 3, 3; seasonal naive 5, 4.
@Test func ensembleCombinesMembersByMeanAndMedian() throws {
  let members: [any Forecaster] = [NaiveForecaster(), MeanForecaster(), SeasonalNaiveForecaster()]
  let input = ForecastInput(values: y, seasonalPeriod: 2)
  let mean = try EnsembleForecaster(members: members).fit(input).predict(horizon: 2, levels: [0.8])
  #expect(Approx.equal(mean.mean, [4, 11.0 / 3], relative: 1e-12))
  let median = try EnsembleForecaster(members: members, combination: .median).fit(input).predict(horizon: 2, levels: [])
  #expect(median.mean == [4, 4])
  // Bounds: the mean of the members' bounds.
  let parts = [try NaiveForecaster().fit(input), try MeanForecaster().fit(input), try SeasonalNaiveForecaster().fit(input)]
    .map { $0.predict(horizon: 2, levels: [0.8]).intervals[0].upper[1] }
  #expect(Approx.equal(mean.intervals[0].upper[1], parts.reduce(0, +) / 3, relative: 1e-12))
}

@Test func ensembleLeavesOutFailingMembersWithANote() throws {
  let model = try EnsembleForecaster(members: [NaiveForecaster(), MovingAverageForecaster(window: 10)]).fit(y)
  #expect(model.memberNames == ["naive"])
  #expect(model.notes.contains { $0.hasPrefix("ensemble: left out moving_average") })
  #expect(throws: ForecastError.self) { try EnsembleForecaster(members: [MovingAverageForecaster(window: 10)]).fit(y) }
}

private func spikySeries() -> [Double] {
  var rng = Xoshiro256(seed: 3)
  var g = GaussianSampler()
  let pattern: [Double] = [0, 5, 8, 6, 2, -10, -11]
  var s: [Double] = []
  for t in 0..<70 {
    let base: Double = 100 + 0.3 * Double(t) + pattern[t % 7]
    s.append(base + g.next(using: &rng))
  }
  s[20] += 50
  s[33] -= 40
  return s
}

@Test func anomalyCleanerFlagsSpikesOnly() {
  let s = spikySeries()
  let report = AnomalyCleaner().clean(s, seasonalPeriod: 7)
  #expect(report.flagged == [20, 33])
  // Replaced by the robust fit, close to the noise-free value 100 + 0.3t + pattern (noise sd 1).
  let truth20: Double = 100 + 0.3 * 20 - 11, truth33: Double = 100 + 0.3 * 33 - 10
  #expect(abs(report.cleaned[20] - truth20) < 3)
  #expect(abs(report.cleaned[33] - truth33) < 3)
  #expect(report.scale > 0.5 && report.scale < 2)
}

@Test func cleaningWrapperReportsFlaggedIndicesInNotes() throws {
  let model = try AnomalyCleaningForecaster(base: SeasonalNaiveForecaster()).fit(ForecastInput(values: spikySeries(), seasonalPeriod: 7))
  #expect(model.flaggedIndices == [20, 33])
  #expect(model.notes.first?.contains("indices [20, 33]") == true)
}

@Test func cleanerLeavesIntermittentSeriesAlone() {
  // MAD is 0; the mean-absolute-deviation fallback keeps ordinary demands.
  let s: [Double] = [0, 0, 3, 0, 0, 0, 2, 0, 0, 4, 0, 0, 0, 0, 3, 0]
  #expect(AnomalyCleaner().clean(s).flagged.isEmpty)
}
