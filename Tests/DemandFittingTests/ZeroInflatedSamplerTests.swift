#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
import Stochastics
import SupplyModel

@Suite struct ZeroInflatedSamplerTests {
  @Test("zero-inflated draws: mean, variance and P(0) within 5 SE", arguments: [nil, 1.5] as [Double?])
  func moments(dispersion: Double?) {
    let family = DemandFamily.zeroInflated(zeroProbability: 0.3, dispersion: dispersion)
    var sampler = DemandSampler(family)
    var rng = Xoshiro256(seed: 99)
    let n = 200_000, mean = 2.5
    var sum = 0.0, squares = 0.0, zeros = 0.0
    for _ in 0..<n {
      let x = Double(sampler.sample(mean: mean, using: &rng))
      sum += x; squares += x * x
      if x == 0 { zeros += 1 }
    }
    let m = sum / Double(n), v = squares / Double(n) - m * m
    let variance = family.variance(atMean: mean)
    #expect(abs(m - mean) < 5 * (variance / Double(n)).squareRoot(), "mean \(m)")
    #expect(abs(v - variance) < 0.05 * variance, "variance \(v) vs \(variance)")
    let lambda = mean / 0.7
    let p0 = 0.3 + 0.7 * (dispersion.map { NegativeBinomial(mean: lambda, dispersion: $0).probability(0) } ?? exp(-lambda))
    #expect(abs(zeros / Double(n) - p0) < 5 * (p0 * (1 - p0) / Double(n)).squareRoot(), "P(0) \(zeros / Double(n)) vs \(p0)")
  }
}
