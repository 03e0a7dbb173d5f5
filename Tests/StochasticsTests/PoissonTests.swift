import Testing
@testable import Stochastics

@Suite struct PoissonTests {
  @Test("Poisson moments within 5 SE and chi-square fit, both samplers",
        arguments: [0.3, 3.0, 9.9, 10.0, 40.0, 1000.0])
  func poissonFits(mean: Double) {
    checkDiscrete(Poisson(mean: mean), seed: UInt64(mean * 10), "Poisson(\(mean))")
  }

  @Test("PTRS near its lower limit and far above it fits the exact pmf (150k draws)",
        arguments: [10.0, 11.7, 15.0, 25.0, 150.0, 5000.0])
  func transformedRejectionFits(mean: Double) {
    checkDiscrete(Poisson(mean: mean), n: 150_000, seed: 900 + UInt64(mean), "PTRS(\(mean))")
  }

  @Test func zeroMeanAlwaysGivesZero() {
    var rng = Xoshiro256(seed: 1)
    for _ in 0..<100 { #expect(Poisson.sample(mean: 0, using: &rng) == 0) }
    #expect(Poisson(mean: 0).cdf(0) == 1)
  }

  @Test("static and instance samplers consume the same draws and agree",
        arguments: [0.5, 7.0, 10.0, 250.0])
  func staticMatchesInstance(mean: Double) {
    var a = Xoshiro256(seed: 5, entity: 1, purpose: .demand)
    var b = a
    let d = Poisson(mean: mean)
    for _ in 0..<2_000 { #expect(d.sample(using: &a) == Poisson.sample(mean: mean, using: &b)) }
    #expect(a == b)
  }

  @Test("pmf, cdf and quantile agree", arguments: [0.3, 4.5, 10.0, 75.0, 1000.0])
  func consistency(mean: Double) {
    let d = Poisson(mean: mean)
    let lo = max(0, Int(mean - 6 * mean.squareRoot()) - 2)
    checkDiscreteConsistency(d, lo...Int(mean + 8 * mean.squareRoot() + 8), "Poisson(\(mean))")
  }

  @Test func pmfMatchesScipy() {
    // scipy.stats.poisson.pmf / cdf (scipy 1.17); pmf(1000; 1000) from mpmath at 30 digits,
    // since scipy's value is 1e-12 off there.
    #expect(abs(Poisson(mean: 1000).probability(1000) / 0.0126146113487214997 - 1) < 1e-13)
    #expect(abs(Poisson(mean: 3).probability(7) / 0.02160403145248382 - 1) < 1e-13)
    #expect(abs(Poisson(mean: 40).cdf(25) / 0.00756637578986666 - 1) < 1e-12)
  }
}
