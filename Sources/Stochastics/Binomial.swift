#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The binomial distribution: successes in n independent trials of probability p.
///
/// Sampling is exact: with q = min(p, 1 − p) (and n − X returned when p > ½), sequential-search
/// inversion when nq < 10, otherwise Hörmann's transformed rejection with squeeze (BTRS).
///
/// - SeeAlso: W. Hörmann (1993), "The generation of binomial random variates", J. Statist.
///   Comput. Simul. 46(1–2), 101–110; C. Loader (2000), "Fast and accurate computation of
///   binomial probabilities" (the pmf).
public struct Binomial: DiscreteDistribution, Sendable {
  /// The number of trials n.
  public let trials: Int
  /// The success probability p.
  public let probability: Double
  @usableFromInline let constants: Constants

  /// Creates the distribution.
  ///
  /// - Parameters:
  ///   - trials: n >= 0.
  ///   - probability: p in [0, 1].
  public init(trials: Int, probability: Double) {
    precondition(trials >= 0, "Binomial trials must be >= 0, got \(trials)")
    precondition(probability >= 0 && probability <= 1, "Binomial probability must be in [0, 1], got \(probability)")
    self.trials = trials
    self.probability = probability
    constants = Constants(trials: trials, probability: probability)
  }

  /// np.
  public var mean: Double { Double(trials) * probability }
  /// np(1 − p).
  public var variance: Double { Double(trials) * probability * (1 - probability) }

  /// Draws the number of successes.
  ///
  /// - Parameter rng: The stream to draw from; only it advances.
  /// - Complexity: O(1 + nq) expected for nq < 10, O(1) expected otherwise.
  @inlinable
  public func sample<G: RandomSource>(using rng: inout G) -> Int {
    let c = constants
    let x: Int
    if c.useInversion {
      x = Binomial.invert(trials, c, using: &rng)
    } else {
      x = Binomial.transformedRejection(trials, c, using: &rng)
    }
    return c.flipped ? trials - x : x
  }

  /// Per-(n, p) constants for the samplers, all for q = min(p, 1 − p).
  @usableFromInline
  struct Constants: Sendable {
    @usableFromInline var flipped = false
    @usableFromInline var useInversion = true
    @usableFromInline var q = 0.0
    /// Inversion: (1 − q)^n and q/(1 − q).
    @usableFromInline var first = 0.0
    @usableFromInline var ratio = 0.0
    /// BTRS: Hörmann's a, b, c, α, v_r, log(q/(1 − q)), the mode m and h = log m! + log (n − m)!.
    @usableFromInline var a = 0.0, b = 0.0, c = 0.0, alpha = 0.0, vr = 0.0, logRatio = 0.0, h = 0.0
    @usableFromInline var mode = 0

    init(trials n: Int, probability p: Double) {
      flipped = p > 0.5
      q = flipped ? 1 - p : p
      let nd = Double(n)
      useInversion = nd * q < 10
      if useInversion {
        first = exp(nd * log1p(-q))
        ratio = q / (1 - q)
        return
      }
      let spq = (nd * q * (1 - q)).squareRoot()
      b = 1.15 + 2.53 * spq
      a = -0.0873 + 0.0248 * b + 0.01 * q
      c = nd * q + 0.5
      vr = 0.92 - 4.2 / b
      alpha = (2.83 + 5.1 / b) * spq
      logRatio = log(q / (1 - q))
      mode = Int(((nd + 1) * q).rounded(.down))
      h = SpecialFunctions.logFactorialUnchecked(mode) + SpecialFunctions.logFactorialUnchecked(n - mode)
    }
  }

  /// Sequential-search inversion from 0 for q = min(p, 1 − p).
  @inlinable
  static func invert<G: RandomSource>(_ n: Int, _ c: Constants, using rng: inout G) -> Int {
    let u = rng.nextUnit()
    var k = 0
    var p = c.first
    var cdf = p
    while u >= cdf && k < n {
      p *= c.ratio * Double(n - k) / Double(k + 1)
      k += 1
      let next = cdf + p
      if next == cdf { break }
      cdf = next
    }
    return k
  }

  /// BTRS for q = min(p, 1 − p) with nq >= 10.
  @inlinable
  static func transformedRejection<G: RandomSource>(_ n: Int, _ c: Constants, using rng: inout G) -> Int {
    while true {
      let u = rng.nextUnit() - 0.5
      let v = rng.nextUnit()
      let us = 0.5 - abs(u)
      let y = (2 * c.a / us + c.b) * u + c.c
      if !(y >= 0) || y >= Double(n) + 1 { continue }  // k = floor(y) outside 0...n
      let k = Int(y)
      if us >= 0.07 && v <= c.vr { return k }
      if Binomial.accepts(k, n, us: us, v: v, c) { return k }
    }
  }

  /// BTRS's exact acceptance test for k, out of line (it runs for a minority of draws):
  /// log(vα / (a/us² + b)) <= h − log k! − log (n − k)! + (k − m) log(q/(1 − q)).
  @usableFromInline
  static func accepts(_ k: Int, _ n: Int, us: Double, v: Double, _ c: Constants) -> Bool {
    let lhs = log(v * c.alpha / (c.a / (us * us) + c.b))
    return lhs <= c.h - SpecialFunctions.logFactorialUnchecked(k)
      - SpecialFunctions.logFactorialUnchecked(n - k) + Double(k - c.mode) * c.logRatio
  }

  // MARK: Evaluation

  /// P(X = k) by Loader's saddle-point form, accurate to about 1e-14 even for large n.
  public func probability(_ k: Int) -> Double {
    if k < 0 || k > trials { return 0 }
    let p = probability
    if p == 0 { return k == 0 ? 1 : 0 }
    if p == 1 { return k == trials ? 1 : 0 }
    let n = Double(trials), x = Double(k)
    if k == 0 { return exp(n * log1p(-p)) }
    if k == trials { return exp(n * log(p)) }
    let y = n - x
    // −[x log(x/np) + np − x] − [y log(y/nq) + nq − y], each as −x·log1pMinusX(...).
    let bd0x = -x * SpecialFunctions.log1pMinusX((n * p - x) / x)
    let bd0y = -y * SpecialFunctions.log1pMinusX((n * (1 - p) - y) / y)
    let logP = SpecialFunctions.stirlingCorrection(n) - SpecialFunctions.stirlingCorrection(x)
      - SpecialFunctions.stirlingCorrection(y) - bd0x - bd0y
    return exp(logP) * (n / (2 * Double.pi * x * y)).squareRoot()
  }

  /// P(X <= k) = I_{1−p}(n − k, k + 1).
  public func cdf(_ k: Int) -> Double {
    if k < 0 { return 0 }
    if k >= trials { return 1 }
    if probability == 0 { return 1 }
    if probability == 1 { return 0 }
    return SpecialFunctions.incompleteBeta(Double(trials - k), Double(k) + 1, x: 1 - probability, y: probability)
  }

  /// The smallest k with P(X <= k) >= p.
  public func quantile(_ p: Double) -> Int {
    precondition(p >= 0 && p <= 1, "Binomial quantile needs p in [0, 1], got \(p)")
    if p == 0 { return 0 }
    let guess = mean + variance.squareRoot() * SpecialFunctions.inverseNormalCDF(min(max(p, 1e-300), 1 - 1e-16))
    return searchQuantile(p, guess: Int(max(0, min(guess, Double(trials)))), lower: 0, upper: trials)
  }
}
