/// A probability distribution on the real line that can be sampled and evaluated.
///
/// Samplers are exact up to floating-point rounding and advance only the generator they are handed.
public protocol ContinuousDistribution: Sendable {
  /// Draws one value.
  ///
  /// - Parameter rng: The stream to draw from; only it advances.
  func sample<G: RandomSource>(using rng: inout G) -> Double
  /// The expectation E[X].
  var mean: Double { get }
  /// The variance Var[X].
  var variance: Double { get }
  /// The probability density at `x`.
  func density(_ x: Double) -> Double
  /// The cumulative probability P(X <= x).
  func cdf(_ x: Double) -> Double
  /// The x with `cdf(x) = p`, for p in [0, 1].
  func quantile(_ p: Double) -> Double
}

extension ContinuousDistribution {
  /// Solves `cdf(x) = p` on the open support (`lower`, `upper`) by Newton's method from `guess`,
  /// falling back to bisection (or to geometric expansion on an unbounded side) whenever a Newton
  /// step leaves the current bracket. Converges to a few ulps.
  func solveQuantile(_ p: Double, guess: Double, lower: Double, upper: Double) -> Double {
    var lo = lower, hi = upper
    var x = guess
    if !(x > lo && x < hi) { x = lo.isFinite && hi.isFinite ? 0.5 * (lo + hi) : (lo.isFinite ? lo + 1 : hi - 1) }
    for _ in 0..<300 {
      let f = cdf(x) - p
      if f == 0 { return x }
      if f < 0 { lo = x } else { hi = x }
      let d = density(x)
      var next = x - f / d
      if !(next > lo && next < hi) || !next.isFinite {
        if lo.isFinite && hi.isFinite {
          next = 0.5 * (lo + hi)
        } else if lo.isFinite {
          next = lo + Swift.max(1, abs(lo))
        } else {
          next = hi - Swift.max(1, abs(hi))
        }
      }
      if abs(next - x) <= 4 * Double.ulpOfOne * abs(x) || next == x { return next }
      if lo.isFinite && hi.isFinite && hi - lo <= 4 * Double.ulpOfOne * Swift.max(abs(lo), abs(hi)) {
        return 0.5 * (lo + hi)
      }
      x = next
    }
    return x
  }
}
