#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Stochastics

/// The distribution of a lead time in whole days.
///
/// An order placed in the review phase of day t with lead time L is received in the receipt
/// phase of day t + L, before that day's demand. The review comes after day t's demand, so the
/// earliest receipt is before the next day's demand: every lead time is at least 1 day. Scenario
/// validation rejects fixed, uniform and empirical lead times below 1 day; the gamma, lognormal
/// and Poisson families, which can draw 0, are rounded to the nearest day and then raised to 1
/// day, and `mean` and `variance` are those of the raised distribution, so planners protect over
/// the lead time the simulator draws. Each shipment draws its own lead time, so orders may
/// cross: a later order can arrive before an earlier one, as with real carriers.
public enum LeadTimeModel: Sendable, Equatable {
  /// Always `days`.
  case deterministic(days: Int)
  /// Equally likely whole days in `min...max`.
  case uniform(min: Int, max: Int)
  /// A gamma-distributed time with this mean and standard deviation, rounded to days.
  case gamma(mean: Double, standardDeviation: Double)
  /// A lognormal time with this mean and standard deviation, rounded to days.
  case lognormal(mean: Double, standardDeviation: Double)
  /// A Poisson number of days.
  case poisson(mean: Double)
  /// Given whole-day values with probabilities summing to 1.
  case empirical(values: [Int], probabilities: [Double])

  /// The expected lead time in days, of the distribution the simulator draws (at least 1 day;
  /// the continuous families' rounding to whole days is mean-neutral to within a small fraction
  /// of a day).
  public var mean: Double { moments.mean }

  /// The variance of the lead time in days², of the distribution the simulator draws.
  public var variance: Double { moments.variance }

  /// Mean and variance after raising draws below 1 day to 1 day. For the families that can draw
  /// 0, P0 = P(draw rounds to 0) moves to 1 day: the mean grows by P0 and the second moment by P0.
  private var moments: (mean: Double, variance: Double) {
    switch self {
    case let .deterministic(days): return (Double(max(1, days)), 0)
    case let .uniform(lo, hi):
      guard lo >= 1 else { return discreteMoments(Array(lo...hi), Array(repeating: 1 / Double(hi - lo + 1), count: hi - lo + 1)) }
      return (Double(lo + hi) / 2, Double((hi - lo + 1) * (hi - lo + 1) - 1) / 12.0)
    case let .empirical(values, p): return discreteMoments(values, p)
    case let .gamma(mean, sd):
      let p0 = sd > mean * 1e-6 && Gamma.canRepresent(mean: mean, standardDeviation: sd) ? Gamma(mean: mean, standardDeviation: sd).cdf(0.5) : (mean < 0.5 ? 1 : 0)
      return Self.raised(mean: mean, variance: sd * sd, p0: p0)
    case let .lognormal(mean, sd):
      let p0 = sd > mean * 1e-6 && LogNormal.canRepresent(mean: mean, standardDeviation: sd) ? LogNormal(mean: mean, standardDeviation: sd).cdf(0.5) : (mean < 0.5 ? 1 : 0)
      return Self.raised(mean: mean, variance: sd * sd, p0: p0)
    case let .poisson(mean):
      return Self.raised(mean: mean, variance: mean, p0: exp(-mean))
    }
  }

  /// Moments of a variable after its mass p0 at 0 moves to 1: E[Y] = m + p0, E[Y²] = E[X²] + p0.
  private static func raised(mean: Double, variance: Double, p0: Double) -> (mean: Double, variance: Double) {
    // Var[Y] = E[X²] + p0 − (m + p0)² = Var[X] + p0·(1 − 2m − p0), without cancellation.
    guard p0 > 0 else { return (mean, variance) }
    return (mean + p0, max(0, variance + p0 * (1 - 2 * mean - p0)))
  }

  private func discreteMoments(_ values: [Int], _ p: [Double]) -> (mean: Double, variance: Double) {
    var first = 0.0, second = 0.0
    for (v, q) in zip(values, p) {
      let days = Double(max(1, v))
      first += days * q
      second += days * days * q
    }
    return (first, max(0, second - first * first))
  }

  /// A bound that lead times rarely exceed, for sizing the receipt calendar (it grows if needed).
  public var typicalMaximum: Int {
    switch self {
    case let .deterministic(days): days
    case let .uniform(_, hi): hi
    case let .empirical(values, _): values.max() ?? 0
    default: Int((mean + 6 * variance.squareRoot()).rounded(.up))
    }
  }

  /// A compiled sampler for this model; build once, draw many times.
  public func makeSampler() -> LeadTimeSampler { LeadTimeSampler(self) }
}

/// A lead-time model prepared for fast repeated draws.
public struct LeadTimeSampler: Sendable {
  @usableFromInline enum Kind: Sendable {
    case fixed(Int)
    case uniform(Int, Int)
    case gamma(Gamma)
    case lognormal(LogNormal)
    case poisson(Double)
    case empirical(EmpiricalDiscrete)
  }
  @usableFromInline let kind: Kind

  /// Prepares `model` for sampling. A gamma or lognormal time whose coefficient of variation is
  /// below 10^-6 is drawn as its rounded mean (the rounding to whole days hides the spread), and
  /// so is one whose parameters doubles cannot hold (a mean near 0: every draw is raised to 1 day,
  /// as `mean` and `variance` assume).
  public init(_ model: LeadTimeModel) {
    switch model {
    case let .deterministic(days): kind = .fixed(max(1, days))
    case let .uniform(lo, hi): kind = .uniform(lo, hi)
    case let .gamma(mean, sd):
      kind = sd > mean * 1e-6 && Gamma.canRepresent(mean: mean, standardDeviation: sd)
        ? .gamma(Gamma(mean: mean, standardDeviation: sd)) : .fixed(max(1, Int(mean.rounded())))
    case let .lognormal(mean, sd):
      kind = sd > mean * 1e-6 && LogNormal.canRepresent(mean: mean, standardDeviation: sd)
        ? .lognormal(LogNormal(mean: mean, standardDeviation: sd)) : .fixed(max(1, Int(mean.rounded())))
    case let .poisson(mean): kind = .poisson(mean)
    case let .empirical(values, p): kind = .empirical(EmpiricalDiscrete(values: values, probabilities: p))
    }
  }

  /// Draws a lead time in whole days, at least 1 (see `LeadTimeModel`).
  @inlinable
  public func sample<G: RandomSource>(using rng: inout G) -> Int {
    switch kind {
    case let .fixed(days): return days
    case let .uniform(lo, hi): return max(1, lo + rng.nextInt(below: hi - lo + 1))
    case let .gamma(g): return max(1, Int(min(g.sample(using: &rng), 1e6).rounded()))
    case let .lognormal(g): return max(1, Int(min(g.sample(using: &rng), 1e6).rounded()))
    case let .poisson(mean): return max(1, Poisson.sample(mean: mean, using: &rng))
    case let .empirical(e): return max(1, e.sample(using: &rng))
    }
  }

  /// A lower bound on every draw, in days (at least 1): exact for fixed and uniform lead times,
  /// 1 for the others.
  public var fewestDays: Int {
    switch kind {
    case let .fixed(days): return max(1, days)
    case let .uniform(lo, _): return max(1, lo)
    default: return 1
    }
  }

  /// True when every draw is the same number of days (no randomness consumed).
  public var isDeterministic: Bool {
    if case .fixed = kind { return true }
    return false
  }
}
