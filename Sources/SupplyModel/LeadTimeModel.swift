import Stochastics

/// The distribution of a lead time in whole days.
///
/// An order placed in the review phase of day t with lead time L is received in the receipt
/// phase of day t + L, before that day's demand (L = 0: received the same evening, counted in
/// the day's closing stock). Each shipment draws its own lead time, so orders may cross: a later
/// order can arrive before an earlier one, as with real carriers. Continuous families are rounded
/// to the nearest day and floored at 0.
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

  /// The expected lead time in days (of the rounded distribution for the discrete families;
  /// the continuous families' rounding is mean-neutral to within a small fraction of a day).
  public var mean: Double {
    switch self {
    case let .deterministic(days): return Double(days)
    case let .uniform(lo, hi): return Double(lo + hi) / 2
    case let .gamma(mean, _), let .lognormal(mean, _), let .poisson(mean): return mean
    case let .empirical(values, p):
      var total = 0.0
      for (v, q) in zip(values, p) { total += Double(v) * q }
      return total
    }
  }

  /// The variance of the lead time in days².
  public var variance: Double {
    switch self {
    case .deterministic: 0
    case let .uniform(lo, hi):
      Double((hi - lo + 1) * (hi - lo + 1) - 1) / 12.0
    case let .gamma(_, sd), let .lognormal(_, sd): sd * sd
    case let .poisson(mean): mean
    case let .empirical(values, p):
      secondMoment(values, p) - mean * mean
    }
  }

  private func secondMoment(_ values: [Int], _ p: [Double]) -> Double {
    var total = 0.0
    for (v, q) in zip(values, p) { total += Double(v * v) * q }
    return total
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

  /// Prepares `model` for sampling.
  public init(_ model: LeadTimeModel) {
    switch model {
    case let .deterministic(days): kind = .fixed(days)
    case let .uniform(lo, hi): kind = .uniform(lo, hi)
    case let .gamma(mean, sd):
      kind = sd > 0 ? .gamma(Gamma(mean: mean, standardDeviation: sd)) : .fixed(Int(mean.rounded()))
    case let .lognormal(mean, sd):
      kind = sd > 0 ? .lognormal(LogNormal(mean: mean, standardDeviation: sd)) : .fixed(Int(mean.rounded()))
    case let .poisson(mean): kind = .poisson(mean)
    case let .empirical(values, p): kind = .empirical(EmpiricalDiscrete(values: values, probabilities: p))
    }
  }

  /// Draws a lead time in whole days, at least 0.
  @inlinable
  public func sample<G: RandomSource>(using rng: inout G) -> Int {
    switch kind {
    case let .fixed(days): return days
    case let .uniform(lo, hi): return lo + rng.nextInt(below: hi - lo + 1)
    case let .gamma(g): return max(0, Int(g.sample(using: &rng).rounded()))
    case let .lognormal(g): return max(0, Int(g.sample(using: &rng).rounded()))
    case let .poisson(mean): return Poisson.sample(mean: mean, using: &rng)
    case let .empirical(e): return e.sample(using: &rng)
    }
  }

  /// True when every draw is the same number of days (no randomness consumed).
  public var isDeterministic: Bool {
    if case .fixed = kind { return true }
    return false
  }
}
