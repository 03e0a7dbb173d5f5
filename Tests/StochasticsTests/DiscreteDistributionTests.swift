import Testing
@testable import Stochastics
import _TestSupport

@Suite struct DiscreteDistributionTests {
  @Test("Poisson table fits and matches the exact cdf", arguments: [0.3, 3.0, 9.9, 40.0, 1000.0])
  func poissonTable(mean: Double) {
    let table = PoissonTable(mean: mean)
    checkDiscrete(table, seed: 100 + UInt64(mean), "PoissonTable(\(mean))")
    // The table is F itself: its last entry is within 2^-54 of 1 and agrees with Q(k + 1, λ).
    for k in stride(from: 0, to: table.cumulative.count, by: max(1, table.cumulative.count / 50)) {
      #expect(abs(table.cumulative[k] - table.cdf(k)) < 1e-13)
    }
  }

  @Test func poissonTableSearchesPastItsEnd() {
    let table = PoissonTable(mean: 5)
    let end = table.cumulative.count - 1
    // A u just above the last tabulated F lands beyond the table: the exact search must continue.
    let u = table.cumulative[end] + (1 - table.cumulative[end]) / 2
    if u < 1 { #expect(table.searchPastTable(u) > end) }
  }

  @Test("negative binomial fits", arguments: [(0.5, 0.3), (4.0, 2.5), (30.0, 8.0), (200.0, 50.0)])
  func negativeBinomial(mean: Double, dispersion: Double) {
    let d = NegativeBinomial(mean: mean, dispersion: dispersion)
    checkDiscrete(d, seed: UInt64(mean * 7 + dispersion), "NB(\(mean), \(dispersion))")
    checkDiscreteConsistency(d, 0...Int(mean + 8 * d.variance.squareRoot()), "NB(\(mean), \(dispersion))")
  }

  @Test func negativeBinomialStaticSamplerHasTheRightMoments() {
    var rng = Xoshiro256(seed: 77)
    let xs = (0..<100_000).map { _ in Double(NegativeBinomial.sample(mean: 6, dispersion: 1.5, using: &rng)) }
    MomentCheck(xs).expect(mean: 6, variance: 6 + 36 / 1.5, "NB.sample(6, 1.5)")
  }

  @Test func negativeBinomialAndBinomialMatchScipy() {
    // scipy.stats.nbinom(n = r, p = r/(r + μ)) and binom (scipy 1.17).
    let nb = NegativeBinomial(mean: 4, dispersion: 2.5)
    #expect(Approx.equal(nb.probability(7), 0.05459329894099873, relative: 1e-12))
    #expect(Approx.equal(nb.cdf(7), 0.8665352127236193, relative: 1e-12))
    let b = Binomial(trials: 1000, probability: 0.47)
    #expect(Approx.equal(b.probability(480), 0.020657147040548125, relative: 1e-12))
    #expect(Approx.equal(b.cdf(480), 0.7471664046029538, relative: 1e-12))
    #expect(Approx.equal(Binomial(trials: 20, probability: 0.1).probability(3), 0.19011987137619904, relative: 1e-13))
  }

  @Test("binomial fits, both samplers and both sides of 1/2",
        arguments: [(5, 0.3), (40, 0.2), (60, 0.9), (100, 0.5), (1000, 0.03), (5000, 0.7)])
  func binomial(trials: Int, probability: Double) {
    let d = Binomial(trials: trials, probability: probability)
    checkDiscrete(d, seed: UInt64(trials) &* 31 &+ UInt64(probability * 100), "Bin(\(trials), \(probability))")
    let sd = d.variance.squareRoot()
    let lo = max(0, Int(d.mean - 8 * sd) - 2), hi = min(trials, Int(d.mean + 8 * sd) + 2)
    checkDiscreteConsistency(d, lo...hi, "Bin(\(trials), \(probability))")
  }

  @Test("binomial BTRS at its lower limit nq = 10 and for large n",
        arguments: [(100, 0.1), (20, 0.5), (1_000_000, 0.3), (50_000, 0.9998)])
  func binomialRejectionLimits(trials: Int, probability: Double) {
    checkDiscrete(Binomial(trials: trials, probability: probability), seed: UInt64(trials) &+ 17,
                  "Bin(\(trials), \(probability))")
  }

  @Test func binomialEdgeProbabilities() {
    var rng = Xoshiro256(seed: 3)
    for _ in 0..<100 {
      #expect(Binomial(trials: 12, probability: 0).sample(using: &rng) == 0)
      #expect(Binomial(trials: 12, probability: 1).sample(using: &rng) == 12)
      #expect(Binomial(trials: 0, probability: 0.4).sample(using: &rng) == 0)
    }
  }

  @Test func discreteUniform() {
    let d = DiscreteUniform(lower: -3, upper: 9)
    checkDiscrete(d, seed: 5, "DU(-3, 9)")
    checkDiscreteConsistency(d, -5...11, "DU(-3, 9)")
    #expect(d.quantile(0) == -3 && d.quantile(1) == 9)
  }

  @Test func empiricalAliasTableFits() {
    let d = EmpiricalDiscrete(values: [10, 3, 7, 3, 25, 0], probabilities: [0.05, 0.2, 0.3, 0.15, 0.01, 0.29])
    #expect(Approx.equal(d.probability(3), 0.35, relative: 1e-12))
    #expect(d.probability(4) == 0)
    checkDiscrete(d, seed: 8, "Empirical")
    checkDiscreteConsistency(d, -1...26, "Empirical")
  }

  @Test func deterministicIsBothDiscreteAndContinuous() {
    var rng = Xoshiro256(seed: 1)
    let before = rng
    let count = Deterministic(value: 4)
    let time = Deterministic(value: 2.5)
    #expect(count.sample(using: &rng) == 4)
    #expect(time.sample(using: &rng) == 2.5)
    #expect(rng == before)  // a point mass consumes no draws
    #expect(count.cdf(3) == 0 && count.cdf(4) == 1 && count.quantile(0.3) == 4 && count.variance == 0)
    #expect(time.cdf(2.4) == 0 && time.cdf(2.5) == 1 && time.quantile(0.9) == 2.5 && time.mean == 2.5)
  }

  @Test func chiSquareRejectsAWrongDistribution() {
    // Poisson(10.5) draws against Poisson(10): with 100k draws the test must notice.
    let xs = draws(Poisson(mean: 10.5), 100_000, seed: 4)
    let fit = SampleStatistics.chiSquareGoodnessOfFit(xs, against: Poisson(mean: 10))
    #expect(fit.pValue < 1e-10)
    #expect(fit.expectedCounts.allSatisfy { $0 >= 5 })
  }
}
