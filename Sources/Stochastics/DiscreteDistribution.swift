/// A probability distribution on the integers that can be sampled and evaluated exactly.
///
/// Samplers are exact: up to floating-point rounding, `sample` draws from the distribution whose
/// `probability` is given, and it advances only the generator it is handed.
public protocol DiscreteDistribution: Sendable {
  /// Draws one value.
  ///
  /// - Parameter rng: The stream to draw from; only it advances.
  func sample<G: RandomSource>(using rng: inout G) -> Int
  /// The expectation E[X].
  var mean: Double { get }
  /// The variance Var[X].
  var variance: Double { get }
  /// The probability mass P(X = k).
  func probability(_ k: Int) -> Double
  /// The cumulative probability P(X <= k).
  func cdf(_ k: Int) -> Double
  /// The smallest k with `cdf(k) >= p`, for p in [0, 1].
  func quantile(_ p: Double) -> Int
}

extension DiscreteDistribution {
  /// The smallest k in `lower...upper` with `cdf(k) >= p`, found by galloping from `guess` and then
  /// bisecting; `upper` when no such k exists below it (as for p = 1 on an unbounded support).
  ///
  /// - Complexity: O(log |answer − guess|) evaluations of `cdf`.
  func searchQuantile(_ p: Double, guess: Int, lower: Int, upper: Int) -> Int {
    let start = Swift.min(Swift.max(guess, lower), upper)
    if p <= 0 { return lower }
    // Invariant once bracketed: cdf(lo) < p <= cdf(hi), with lo = lower − 1 standing for cdf = 0.
    var lo: Int, hi: Int
    if cdf(start) >= p {
      hi = start
      var step = 1
      while true {
        if hi == lower { return lower }
        let candidate = hi - Swift.min(step, hi - lower)
        if cdf(candidate) < p { lo = candidate; break }
        hi = candidate
        if candidate == lower { return lower }
        step = step.multipliedReportingOverflow(by: 2).overflow ? Int.max : step * 2
      }
    } else {
      lo = start
      var step = 1
      while true {
        if lo == upper { return upper }
        let candidate = lo + Swift.min(step, upper - lo)
        if cdf(candidate) >= p { hi = candidate; break }
        lo = candidate
        step = step.multipliedReportingOverflow(by: 2).overflow ? Int.max : step * 2
      }
    }
    while hi - lo > 1 {
      let mid = lo + (hi - lo) / 2
      if cdf(mid) >= p { hi = mid } else { lo = mid }
    }
    return hi
  }
}
