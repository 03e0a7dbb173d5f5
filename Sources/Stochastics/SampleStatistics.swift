/// Goodness-of-fit tests for checking samplers against exact distributions.
public enum SampleStatistics {
  /// The outcome of Pearson's chi-square goodness-of-fit test.
  public struct ChiSquareResult: Sendable, Equatable {
    /// Pearson's statistic Σ (observed − expected)² / expected over the cells.
    public var statistic: Double
    /// Cells − 1 − estimated parameters.
    public var degreesOfFreedom: Int
    /// P(χ²_df > statistic).
    public var pValue: Double
    /// The cells' upper bounds (inclusive); the last cell is unbounded above.
    public var cellUpperBounds: [Int]
    /// Expected counts per cell, each >= the minimum asked for.
    public var expectedCounts: [Double]
    /// Observed counts per cell.
    public var observedCounts: [Int]
  }

  /// Pearson's chi-square test of integer samples against a discrete distribution.
  ///
  /// Cells are built from the distribution alone, left to right: each is the shortest run of
  /// values, starting after the previous cell, whose expected count is at least
  /// `minimumExpected`; the first cell takes the whole lower tail and the last the whole upper
  /// tail (merged into its neighbour if too small). Cell edges come from `quantile`, so wide
  /// supports cost O(cells) evaluations.
  ///
  /// - Parameters:
  ///   - samples: The draws; at least 2·`minimumExpected`.
  ///   - distribution: The hypothesised distribution.
  ///   - estimatedParameters: Parameters fitted from these samples (each costs a degree of freedom).
  ///   - minimumExpected: The smallest expected count allowed in a cell; 5 by Cochran's rule.
  /// - Returns: The statistic, degrees of freedom, p-value and the cells.
  /// - SeeAlso: W. G. Cochran (1954), "Some methods for strengthening the common χ² tests",
  ///   Biometrics 10(4), 417–451.
  public static func chiSquareGoodnessOfFit<D: DiscreteDistribution>(
    _ samples: [Int], against distribution: D, estimatedParameters: Int = 0, minimumExpected: Double = 5
  ) -> ChiSquareResult {
    let n = Double(samples.count)
    precondition(n >= 2 * minimumExpected,
                 "chi-square test needs at least \(2 * minimumExpected) samples, got \(samples.count)")
    let step = minimumExpected / n
    var bounds: [Int] = []
    var cdfs: [Double] = []
    var previousCDF = 0.0
    while true {
      // Smallest edge whose cell holds at least `step` probability.
      let target = previousCDF + step
      if target >= 1 { break }
      var edge = distribution.quantile(min(target, 1))
      if let last = bounds.last, edge <= last { edge = last + 1 }
      let f = distribution.cdf(edge)
      if 1 - f < step { break }  // what is left is too small for a cell of its own
      bounds.append(edge)
      cdfs.append(f)
      previousCDF = f
    }
    precondition(!bounds.isEmpty, "chi-square test needs at least two cells; get more samples")
    // Cells: (−∞, b0], (b0, b1], …, (b_last, ∞).
    var expected: [Double] = []
    var lower = 0.0
    for f in cdfs { expected.append(n * (f - lower)); lower = f }
    expected.append(n * (1 - lower))
    var observed = Array(repeating: 0, count: expected.count)
    for x in samples {
      // First bound >= x, by binary search.
      var lo = 0, hi = bounds.count
      while lo < hi {
        let mid = (lo + hi) / 2
        if bounds[mid] >= x { hi = mid } else { lo = mid + 1 }
      }
      observed[lo] += 1
    }
    var statistic = 0.0
    for (o, e) in zip(observed, expected) {
      let d = Double(o) - e
      statistic += d * d / e
    }
    let df = expected.count - 1 - estimatedParameters
    precondition(df >= 1, "chi-square test has \(expected.count) cells and \(estimatedParameters) estimated parameters: no degrees of freedom left")
    let p = SpecialFunctions.chiSquareSurvival(statistic, degreesOfFreedom: Double(df))
    return ChiSquareResult(statistic: statistic, degreesOfFreedom: df, pValue: p,
                           cellUpperBounds: bounds, expectedCounts: expected, observedCounts: observed)
  }

  /// The outcome of a one-sample Kolmogorov–Smirnov test.
  public struct KolmogorovSmirnovResult: Sendable, Equatable {
    /// D = sup |F_n(x) − F(x)|.
    public var statistic: Double
    /// The asymptotic p-value Q_KS((√n + 0.12 + 0.11/√n) D).
    public var pValue: Double
  }

  /// The one-sample Kolmogorov–Smirnov test of `samples` against a continuous CDF.
  ///
  /// The p-value is the Kolmogorov limit with Stephens' small-sample adjustment of √n, accurate
  /// to about 0.01 in p for n >= 35.
  ///
  /// - Parameters:
  ///   - samples: The draws; at least one.
  ///   - cdf: The hypothesised continuous CDF.
  /// - Complexity: O(n log n) for the sort.
  /// - SeeAlso: M. A. Stephens (1970), J. R. Stat. Soc. B 32(1), 115–122.
  public static func kolmogorovSmirnov(_ samples: [Double], cdf: (Double) -> Double) -> KolmogorovSmirnovResult {
    precondition(!samples.isEmpty, "Kolmogorov–Smirnov test needs at least one sample")
    let sorted = samples.sorted()
    let n = Double(sorted.count)
    var d = 0.0
    for (i, x) in sorted.enumerated() {
      let f = cdf(x)
      d = max(d, Double(i + 1) / n - f, f - Double(i) / n)
    }
    let root = n.squareRoot()
    let p = SpecialFunctions.kolmogorovSurvival((root + 0.12 + 0.11 / root) * d)
    return KolmogorovSmirnovResult(statistic: d, pValue: p)
  }

  /// The one-sample Kolmogorov–Smirnov test against a distribution's CDF; see `kolmogorovSmirnov(_:cdf:)`.
  public static func kolmogorovSmirnov<D: ContinuousDistribution>(_ samples: [Double], against distribution: D) -> KolmogorovSmirnovResult {
    kolmogorovSmirnov(samples) { distribution.cdf($0) }
  }
}
