import Testing
@testable import Stochastics

/// Sample moments with standard errors estimated from the same sample.
struct MomentCheck {
  var mean: Double
  var variance: Double
  /// SE of the sample mean: √(s²/n).
  var meanStandardError: Double
  /// SE of the sample variance: √((m₄ − s⁴)/n), with m₄ the sample fourth central moment.
  var varianceStandardError: Double

  init(_ values: [Double]) {
    let n = Double(values.count)
    let moments = RunningMoments(values)
    mean = moments.mean
    variance = moments.variance
    var m4 = 0.0
    for x in values { let d = x - mean; m4 += d * d * d * d }
    m4 /= n
    meanStandardError = (variance / n).squareRoot()
    varianceStandardError = (max(m4 - variance * variance, 0) / n).squareRoot()
  }

  /// Records an issue unless mean and variance lie within `z` standard errors of the exact values.
  func expect(mean exactMean: Double, variance exactVariance: Double, z: Double = 5,
              _ label: String, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(abs(mean - exactMean) <= z * meanStandardError + 1e-12 * abs(exactMean),
            "\(label): mean \(mean) vs \(exactMean), SE \(meanStandardError)", sourceLocation: sourceLocation)
    #expect(abs(variance - exactVariance) <= z * varianceStandardError + 1e-12 * abs(exactVariance),
            "\(label): variance \(variance) vs \(exactVariance), SE \(varianceStandardError)",
            sourceLocation: sourceLocation)
  }
}

/// Draws `n` values from a discrete distribution on a fixed auxiliary stream.
func draws<D: DiscreteDistribution>(_ d: D, _ n: Int, seed: UInt64) -> [Int] {
  var rng = Xoshiro256(seed: seed, entity: 0, purpose: .auxiliary)
  return (0..<n).map { _ in d.sample(using: &rng) }
}

/// Draws `n` values from a continuous distribution on a fixed auxiliary stream.
func draws<D: ContinuousDistribution>(_ d: D, _ n: Int, seed: UInt64) -> [Double] {
  var rng = Xoshiro256(seed: seed, entity: 0, purpose: .auxiliary)
  return (0..<n).map { _ in d.sample(using: &rng) }
}

/// Checks moments (5 SE) and a chi-square fit (p > 0.001) of a discrete sampler.
func checkDiscrete<D: DiscreteDistribution>(_ d: D, n: Int = 100_000, seed: UInt64, _ label: String,
                                            sourceLocation: SourceLocation = #_sourceLocation) {
  let xs = draws(d, n, seed: seed)
  MomentCheck(xs.map(Double.init)).expect(mean: d.mean, variance: d.variance, label, sourceLocation: sourceLocation)
  let fit = SampleStatistics.chiSquareGoodnessOfFit(xs, against: d)
  #expect(fit.pValue > 0.001, "\(label): chi-square \(fit.statistic) on \(fit.degreesOfFreedom) df, p = \(fit.pValue)",
          sourceLocation: sourceLocation)
}

/// Checks that `cdf`, `probability` and `quantile` agree on `range`.
func checkDiscreteConsistency<D: DiscreteDistribution>(_ d: D, _ range: ClosedRange<Int>, _ label: String,
                                                       sourceLocation: SourceLocation = #_sourceLocation) {
  var running = d.cdf(range.lowerBound - 1)
  for k in range {
    running += d.probability(k)
    let f = d.cdf(k)
    #expect(abs(running - f) <= 1e-12, "\(label): Σ pmf \(running) vs cdf(\(k)) \(f)", sourceLocation: sourceLocation)
    // quantile(cdf(k)) is k itself whenever k carries probability.
    let p = d.probability(k)
    if p > 1e-9 && f < 1 - 1e-9 {
      #expect(d.quantile(f) == k, "\(label): quantile(cdf(\(k))) = \(d.quantile(f))", sourceLocation: sourceLocation)
      #expect(d.quantile(f - 0.5 * p) == k, "\(label): quantile inside the step at \(k)", sourceLocation: sourceLocation)
    }
  }
}
