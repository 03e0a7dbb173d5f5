import Stochastics

/// A chi-square goodness-of-fit test of the fitted count distribution on pooled count classes.
///
/// Classes are cut at the observed deciles (so a slow mover gets {0}, {1}, {2}, {≥3} and a fast
/// one ten intervals); each class's expected count is Σ_t P(class | mean_t), and neighbouring
/// classes are pooled until each expects at least 5. Censored days (demand >= sales s) count in
/// the open last class, which then starts at or below the smallest such s, so every day's class
/// is known and the test is not biased by which days ran out of stock. The degrees of
/// freedom are classes − 1 − (family parameters + 1 for the level): approximate, since the
/// mean model's other coefficients are estimated too.
public struct GoodnessOfFit: Sendable, Equatable {
  /// Σ (observed − expected)² / expected.
  public var statistic: Double
  /// Degrees of freedom.
  public var degreesOfFreedom: Int
  /// P(χ² >= statistic); small values reject the fitted family.
  public var pValue: Double
  /// The pooled classes as `(lowest count, highest count or nil for open, observed, expected)`.
  public var classes: [PooledClass]

  /// One pooled class.
  public struct PooledClass: Sendable, Equatable {
    /// The smallest count in the class.
    public var low: Int
    /// The largest, or nil for "and above".
    public var high: Int?
    /// Days observed in the class.
    public var observed: Int
    /// Days expected by the fitted model.
    public var expected: Double
  }

  /// Tests `model` on `likelihood`'s uncensored days; nil when fewer than 2 classes remain or no
  /// degree of freedom is left.
  static func test(_ model: CountModel, parameters: Int, on likelihood: FamilyLikelihood) -> GoodnessOfFit? {
    let histogram = likelihood.histogram
    let n = likelihood.exact.count
    guard n >= 10 else { return nil }
    // Upper ends of the classes: the observed deciles, distinct, ascending.
    var cuts: [Int] = []
    var cumulative = 0, value = 0
    for decile in 1...9 {
      let target = (n * decile + 9) / 10
      while value < histogram.count - 1 && cumulative + histogram[value] < target {
        cumulative += histogram[value]
        value += 1
      }
      if cuts.last != value { cuts.append(value) }
    }
    if cuts.last == histogram.count - 1 { cuts.removeLast() }
    // A censored day with sales s has demand >= s: its class is known once every class from s
    // on is pooled into the open last class, so such days are counted there, and expected over
    // every day.
    let lowestCensored = likelihood.censored.map { likelihood.y[$0] }.min() ?? Int.max
    while let last = cuts.last, last >= lowestCensored { cuts.removeLast() }
    guard !cuts.isEmpty else { return nil }
    var expected = [Double](repeating: 0, count: cuts.count + 1)
    var cdf = [Double](repeating: 0, count: cuts.count)
    for g in likelihood.groupMean.indices {
      model.cdf(at: cuts, mean: likelihood.groupMean[g], into: &cdf)
      let days = likelihood.groupDays[g]
      var below = 0.0
      for i in cuts.indices {
        expected[i] += days * (cdf[i] - below)
        below = cdf[i]
      }
      expected[cuts.count] += days * (1 - below)
    }
    for t in likelihood.censored {
      model.cdf(at: cuts, mean: likelihood.m[t], into: &cdf)
      var below = 0.0
      for i in cuts.indices {
        expected[i] += cdf[i] - below
        below = cdf[i]
      }
      expected[cuts.count] += 1 - below
    }
    var observed = [Int](repeating: 0, count: cuts.count + 1)
    observed[cuts.count] = likelihood.censored.count
    for t in likelihood.exact {
      let y = likelihood.y[t]
      observed[cuts.firstIndex { y <= $0 } ?? cuts.count] += 1
    }
    var classes: [PooledClass] = []
    var low = 0
    for i in 0...cuts.count {
      classes.append(PooledClass(low: low, high: i < cuts.count ? cuts[i] : nil, observed: observed[i], expected: expected[i]))
      if i < cuts.count { low = cuts[i] + 1 }
    }
    // Pool left to right into the next class, then the last small class into its predecessor.
    var pooled: [PooledClass] = []
    for c in classes {
      if var last = pooled.last, last.expected < 5 {
        last.high = c.high
        last.observed += c.observed
        last.expected += c.expected
        pooled[pooled.count - 1] = last
      } else {
        pooled.append(c)
      }
    }
    if pooled.count >= 2, let last = pooled.last, last.expected < 5 {
      pooled.removeLast()
      pooled[pooled.count - 1].high = nil
      pooled[pooled.count - 1].observed += last.observed
      pooled[pooled.count - 1].expected += last.expected
    }
    let df = pooled.count - 1 - (parameters + 1)
    guard df >= 1 else { return nil }
    let statistic = pooled.reduce(0.0) { s, c in
      let d = Double(c.observed) - c.expected
      return s + d * d / max(c.expected, 1e-12)
    }
    return GoodnessOfFit(statistic: statistic, degreesOfFreedom: df,
                         pValue: SpecialFunctions.chiSquareSurvival(statistic, degreesOfFreedom: Double(df)),
                         classes: pooled)
  }
}
