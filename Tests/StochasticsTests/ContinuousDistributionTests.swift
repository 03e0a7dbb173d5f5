import Testing
@testable import Stochastics
import _TestSupport

/// Moments within 5 SE and a KS test (p > 0.001) on 50k draws.
private func checkContinuous<D: ContinuousDistribution>(_ d: D, n: Int = 50_000, seed: UInt64, _ label: String,
                                                        sourceLocation: SourceLocation = #_sourceLocation) {
  let xs = draws(d, n, seed: seed)
  MomentCheck(xs).expect(mean: d.mean, variance: d.variance, label, sourceLocation: sourceLocation)
  let ks = SampleStatistics.kolmogorovSmirnov(xs, against: d)
  #expect(ks.pValue > 0.001, "\(label): KS D = \(ks.statistic), p = \(ks.pValue)", sourceLocation: sourceLocation)
}

/// quantile(cdf(x)) = x and cdf(quantile(p)) = p over a grid of p.
private func checkRoundTrip<D: ContinuousDistribution>(_ d: D, relative: Double = 1e-9, _ label: String,
                                                       sourceLocation: SourceLocation = #_sourceLocation) {
  for p in [1e-8, 1e-4, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 0.9999] {
    let x = d.quantile(p)
    #expect(Approx.equal(d.cdf(x), p, relative: relative), "\(label): cdf(quantile(\(p))) = \(d.cdf(x))",
            sourceLocation: sourceLocation)
  }
}

@Suite struct ContinuousDistributionTests {
  @Test func normalFitsAndKS() {
    checkContinuous(Normal(), seed: 11, "N(0,1)")
    checkContinuous(Normal(mean: -3, standardDeviation: 0.25), seed: 12, "N(-3,0.25²)")
    checkRoundTrip(Normal(mean: 2, standardDeviation: 3), "N(2,9)")
  }

  @Test func normalTailsAreHitAtTheRightRate() {
    // P(|Z| > r) for the ziggurat's tail start r = 3.654: 2.58e-4, so about 52 of 200k draws.
    var rng = Xoshiro256(seed: 13)
    let n = 200_000
    var beyond = 0
    for _ in 0..<n where abs(Normal.standardSample(using: &rng)) > ZigguratTables.r { beyond += 1 }
    let expected = Double(n) * 2 * SpecialFunctions.normalSurvival(ZigguratTables.r)
    #expect(abs(Double(beyond) - expected) < 5 * expected.squareRoot())
  }

  @Test("gamma fits and KS", arguments: [0.1, 0.5, 1.0, 5.0, 80.0])
  func gammaFits(shape: Double) {
    checkContinuous(Gamma(shape: shape, scale: 2), seed: UInt64(shape * 100), "Gamma(\(shape), 2)")
    checkRoundTrip(Gamma(shape: shape, scale: 2), "Gamma(\(shape), 2)")
  }

  @Test func gammaFromMeanAndStandardDeviation() {
    let g = Gamma(mean: 12, standardDeviation: 3)
    #expect(Approx.equal(g.mean, 12) && Approx.equal(g.variance, 9))
    checkContinuous(g, seed: 21, "Gamma(mean 12, sd 3)")
  }

  @Test func gammaAndBetaQuantilesMatchScipy() {
    // scipy.stats.gamma.ppf(0.3, 0.5) and beta.ppf(0.8, 2.5, 0.7), scipy 1.17.
    #expect(Approx.equal(Gamma(shape: 0.5).quantile(0.3), 0.07423593091627269, relative: 1e-12))
    #expect(Approx.equal(Beta(alpha: 2.5, beta: 0.7).quantile(0.8), 0.9616183534697126, relative: 1e-12))
  }

  @Test func logNormalBothParameterisations() {
    let byMoments = LogNormal(mean: 20, standardDeviation: 8)
    #expect(Approx.equal(byMoments.mean, 20, relative: 1e-12))
    #expect(Approx.equal(byMoments.variance, 64, relative: 1e-12))
    checkContinuous(byMoments, seed: 31, "LogNormal(mean 20, sd 8)")
    checkContinuous(LogNormal(mu: 0.5, sigma: 0.4), seed: 32, "LogNormal(0.5, 0.4)")
    checkRoundTrip(LogNormal(mu: 0.5, sigma: 0.4), "LogNormal(0.5, 0.4)")
  }

  @Test func exponentialUniformAndBeta() {
    checkContinuous(Exponential(rate: 0.25), seed: 41, "Exp(0.25)")
    checkRoundTrip(Exponential(rate: 0.25), "Exp(0.25)")
    checkContinuous(Uniform(lower: -2, upper: 5), seed: 42, "U(-2,5)")
    checkContinuous(Beta(alpha: 2, beta: 5), seed: 43, "Beta(2,5)")
    checkContinuous(Beta(alpha: 0.5, beta: 0.5), seed: 44, "Beta(0.5,0.5)")
    checkRoundTrip(Beta(alpha: 2, beta: 5), "Beta(2,5)")
  }

  @Test func samplesAreDeterministicGivenTheStream() {
    var a = Xoshiro256(seed: 9, entity: 3, purpose: .leadTime)
    var b = a
    let g = Gamma(shape: 2.5, scale: 1.5)
    for _ in 0..<1_000 {
      #expect(g.sample(using: &a) == g.sample(using: &b))
      #expect(Normal().sample(using: &a) == Normal().sample(using: &b))
    }
  }

  @Test func densitiesIntegrateToTheirCDFs() {
    // Simpson's rule on [a, b] against cdf(b) − cdf(a).
    let cases: [(any ContinuousDistribution, Double, Double)] = [
      (Normal(mean: 1, standardDeviation: 2), -3, 4), (Gamma(shape: 3, scale: 2), 0.5, 9),
      (LogNormal(mu: 0, sigma: 0.5), 0.3, 2.5), (Beta(alpha: 2, beta: 3), 0.1, 0.8),
      (Exponential(rate: 2), 0, 1.5),
    ]
    for (d, a, b) in cases {
      let m = 2_000
      let h = (b - a) / Double(m)
      var s = d.density(a) + d.density(b)
      for i in 1..<m { s += d.density(a + Double(i) * h) * (i % 2 == 1 ? 4 : 2) }
      #expect(Approx.equal(s * h / 3, d.cdf(b) - d.cdf(a), relative: 1e-9), "\(d)")
    }
  }
}

/// Moments whose derived parameters underflow or overflow in doubles are reported before
/// construction, so callers can use the limiting case instead of trapping (fuzz finding).
@Test func representableMomentsOfGammaAndLogNormal() {
  #expect(Gamma.canRepresent(mean: 4, standardDeviation: 1))
  #expect(!Gamma.canRepresent(mean: 5e-300, standardDeviation: 1))   // shape underflows
  #expect(!Gamma.canRepresent(mean: .leastNonzeroMagnitude, standardDeviation: .leastNonzeroMagnitude))
  #expect(!Gamma.canRepresent(mean: 0, standardDeviation: 1))
  #expect(LogNormal.canRepresent(mean: 4, standardDeviation: 0))
  #expect(!LogNormal.canRepresent(mean: 5e-300, standardDeviation: 1))   // (sd/mean)² overflows
  var rng = Xoshiro256(seed: 3)
  #expect((0..<100).allSatisfy { _ in NegativeBinomial(mean: .leastNonzeroMagnitude, dispersion: 4).sample(using: &rng) == 0 })
}

