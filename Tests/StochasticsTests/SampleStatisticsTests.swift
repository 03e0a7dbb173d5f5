import Testing
@testable import Stochastics
import _TestSupport

@Suite struct SampleStatisticsTests {
  @Test func runningMomentsMatchTwoPassFormulas() {
    let xs = [4.0, 7, 13, 16, 1e9 + 4, 1e9 + 7]  // large offset: naive Σx² would lose digits
    let m = RunningMoments(xs)
    let mean = xs.reduce(0, +) / Double(xs.count)
    let ss = xs.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
    #expect(m.count == 6)
    #expect(Approx.equal(m.mean, mean, relative: 1e-15))
    #expect(Approx.equal(m.variance, ss / 5, relative: 1e-12))
    #expect(m.minimum == 4 && m.maximum == 1e9 + 7)
  }

  @Test func mergingShardsEqualsOneAccumulator() {
    var rng = Xoshiro256(seed: 17)
    let xs = (0..<10_001).map { _ in Normal(mean: 50, standardDeviation: 4).sample(using: &rng) }
    let whole = RunningMoments(xs)
    var merged = RunningMoments()
    for shard in stride(from: 0, to: xs.count, by: 997) {
      merged.merge(RunningMoments(xs[shard..<min(shard + 997, xs.count)]))
    }
    #expect(merged.count == whole.count)
    #expect(Approx.equal(merged.mean, whole.mean, relative: 1e-13))
    #expect(Approx.equal(merged.variance, whole.variance, relative: 1e-11))
    #expect(RunningMoments().merged(with: whole) == whole)
    #expect(whole.standardErrorOfMean == (whole.variance / 10_001).squareRoot())
  }

  @Test func kolmogorovSmirnovRejectsAShiftedNormal() {
    let xs = draws(Normal(mean: 0.05, standardDeviation: 1), 20_000, seed: 2)
    #expect(SampleStatistics.kolmogorovSmirnov(xs, against: Normal()).pValue < 1e-4)
    #expect(SampleStatistics.kolmogorovSmirnov(xs, against: Normal(mean: 0.05, standardDeviation: 1)).pValue > 0.001)
  }

  @Test func kolmogorovSmirnovStatisticOnAKnownSample() {
    // Uniform CDF, samples 0.1, 0.4, 0.7: D = max(1/3 − 0.1, 0.4 − 1/3, 2/3 − 0.4, 0.7 − 2/3, 1 − 0.7) = 0.3.
    let result = SampleStatistics.kolmogorovSmirnov([0.7, 0.1, 0.4]) { min(max($0, 0), 1) }
    #expect(Approx.equal(result.statistic, 0.3, relative: 1e-15))
  }

  @Test func chiSquareCellsCoverTheSupportWithEnoughExpected() {
    let xs = draws(Binomial(trials: 30, probability: 0.4), 2_000, seed: 6)
    let fit = SampleStatistics.chiSquareGoodnessOfFit(xs, against: Binomial(trials: 30, probability: 0.4))
    #expect(fit.observedCounts.reduce(0, +) == 2_000)
    #expect(Approx.equal(fit.expectedCounts.reduce(0, +), 2_000, relative: 1e-12))
    #expect(fit.expectedCounts.allSatisfy { $0 >= 5 })
    #expect(fit.degreesOfFreedom == fit.expectedCounts.count - 1)
  }

  @Test("Student-t quantile inverts the CDF to 1e-10 for df >= 1",
        arguments: [1.0, 1.3, 2.0, 2.5, 3.0, 7.0, 19.0, 60.0, 500.0, 1e5])
  func studentTRoundTrip(df: Double) {
    for p in [1e-12, 1e-6, 0.001, 0.01, 0.05, 0.2, 0.45, 0.5001, 0.6, 0.9, 0.975, 0.995, 0.99999] {
      let t = SpecialFunctions.studentTQuantile(p, degreesOfFreedom: df)
      let back = SpecialFunctions.studentTCDF(t, degreesOfFreedom: df)
      #expect(Approx.equal(back, p, relative: 1e-10), "df \(df), p \(p): t \(t), cdf \(back)")
    }
  }
}
