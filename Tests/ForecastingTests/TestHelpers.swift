import Stochastics
@testable import Forecasting

/// Simulated series for interval-coverage tests.
enum Simulate {
  /// A Gaussian random walk starting at `start` with unit-`sigma` steps.
  static func randomWalk(count: Int, sigma: Double = 1, start: Double = 100, rng: inout Xoshiro256) -> [Double] {
    var g = GaussianSampler()
    var y = start
    return (0..<count).map { _ in y += sigma * g.next(using: &rng); return y }
  }

  /// Gaussian white noise around `mean`.
  static func whiteNoise(count: Int, mean: Double = 10, sigma: Double = 1, rng: inout Xoshiro256) -> [Double] {
    var g = GaussianSampler()
    return (0..<count).map { _ in mean + sigma * g.next(using: &rng) }
  }
}

/// Four standard errors of a proportion estimated from `n` Bernoulli trials with success `p`.
func fourSE(p: Double, n: Int) -> Double { 4 * (p * (1 - p) / Double(n)).squareRoot() }
