import Stochastics

/// The daily demand of one SKU: a distribution family whose mean follows a `DemandProfile`.
public struct DemandModel: Sendable, Equatable {
  /// The family of the daily count around the profile's mean.
  public var family: DemandFamily
  /// The mean over time.
  public var profile: DemandProfile
  /// Demand observed before day 0, oldest first (a sales history; empty without one): forecasters
  /// of forecast-driven policies start from it instead of from nothing.
  public var past: [Double]
  /// The known promotion on each day of `past` as a forecasting covariate, uplift − 1 (0 on days
  /// without one; the same scale as the `promotion` covariate of simulated days); empty when the
  /// history records no promotion for the SKU.
  public var pastPromotion: [Double]
  /// The promotion calendar of simulated days known from the history, uplift − 1 from day 0
  /// (replayed demand: the history's `promotion` column over the horizon, planned ahead like a
  /// scenario's `promotions`); empty when none. Forecasters get it as the `promotion` covariate
  /// on top of the profile's promotion windows; it does not change the demand.
  public var knownPromotion: [Double] = []

  /// Creates a demand model.
  public init(family: DemandFamily, profile: DemandProfile, past: [Double] = [], pastPromotion: [Double] = []) {
    self.family = family
    self.profile = profile
    self.past = past
    self.pastPromotion = pastPromotion
  }

  /// The variance of one day's demand when its mean is `mean`.
  public func variance(atMean mean: Double) -> Double {
    family.variance(atMean: mean)
  }
}

/// How a day's demand scatters around its mean. Continuous families are turned into whole units
/// by stochastic rounding (floor, plus one with probability equal to the fraction), which keeps
/// the mean exact; negative draws become 0.
public enum DemandFamily: Sendable, Equatable {
  /// Poisson counts: variance = mean.
  case poisson
  /// Gamma–Poisson counts: variance = mean + mean²/dispersion.
  case negativeBinomial(dispersion: Double)
  /// Normal with standard deviation `cv × mean`.
  case normal(cv: Double)
  /// Gamma with coefficient of variation `cv`.
  case gamma(cv: Double)
  /// Lognormal with coefficient of variation `cv`.
  case lognormal(cv: Double)
  /// Uniform on `mean × [1 - spread, 1 + spread]`.
  case uniform(spread: Double)
  /// Units drawn from `values` with `probabilities`, scaled by the profile's mean relative to
  /// the values' own mean (so a promotion that doubles the mean doubles every value).
  case empirical(values: [Double], probabilities: [Double])
  /// Exactly the mean each day, with carried rounding so cumulative demand is `floor(Σ mean)`.
  case deterministic
  /// Zero-inflated counts: 0 with probability `zeroProbability` π, else a Poisson (dispersion
  /// nil) or negative binomial count with mean `mean / (1 - π)`, so the profile's mean stays the
  /// overall mean. Variance = mean + mean²·π/(1 - π) + mean²/((1 - π)·dispersion).
  case zeroInflated(zeroProbability: Double, dispersion: Double?)
  /// Days of a sales history, replayed or block-bootstrapped (`RecordedDemand`).
  case recorded(RecordedDemand)

  /// The variance of one day's demand at a given mean (before integer rounding).
  public func variance(atMean m: Double) -> Double {
    switch self {
    case .poisson: return m
    case let .negativeBinomial(r): return m + m * m / r
    case let .normal(cv), let .gamma(cv), let .lognormal(cv): return (cv * m) * (cv * m)
    case let .uniform(spread): return (2 * spread * m) * (2 * spread * m) / 12
    case let .empirical(values, p):
      let mu = zip(values, p).reduce(0) { $0 + $1.0 * $1.1 }
      guard mu > 0 else { return 0 }
      let second = zip(values, p).reduce(0) { $0 + $1.0 * $1.0 * $1.1 }
      return (second - mu * mu) * (m / mu) * (m / mu)
    case .deterministic: return 0
    case let .zeroInflated(pi, r):
      let extra = r.map { m * m / ((1 - pi) * $0) } ?? 0
      return m + m * m * pi / (1 - pi) + extra
    case let .recorded(r):
      guard r.reference > 0 else { return 0 }
      return r.dailyVariance * (m / r.reference) * (m / r.reference)
    }
  }

  /// True when every day's demand is Poisson, so exact Poisson formulas apply.
  public var isPoisson: Bool { self == .poisson }
}

/// Draws one SKU's daily demand; holds whatever the family precomputes.
public struct DemandSampler: Sendable {
  @usableFromInline enum Kind: Sendable {
    case poisson
    case negativeBinomial(Double)
    case normal(Double)
    case gamma(Double)
    case lognormal(Double)
    case uniform(Double)
    case empirical(EmpiricalDiscrete, [Double], Double)
    case deterministic
    case zeroInflated(Double, Double?)
    case recorded(RecordedDemand)
  }
  @usableFromInline let kind: Kind
  /// The fractional demand carried to the next day (deterministic family only).
  @usableFromInline var carry: Double = 0
  /// Bootstrap: the simulated block being filled (−1 before the first) and where it starts in the history.
  @usableFromInline var block = -1
  @usableFromInline var blockStart = 0

  /// Prepares a sampler for `family`.
  public init(_ family: DemandFamily) {
    switch family {
    case .poisson: kind = .poisson
    case let .negativeBinomial(r): kind = .negativeBinomial(r)
    case let .normal(cv): kind = .normal(cv)
    case let .gamma(cv): kind = .gamma(cv)
    case let .lognormal(cv): kind = .lognormal(cv)
    case let .uniform(s): kind = .uniform(s)
    case let .empirical(values, p):
      let mu = zip(values, p).reduce(0) { $0 + $1.0 * $1.1 }
      kind = .empirical(EmpiricalDiscrete(values: Array(values.indices), probabilities: p), values, mu)
    case .deterministic: kind = .deterministic
    case let .zeroInflated(pi, r): kind = .zeroInflated(pi, r)
    case let .recorded(r): kind = .recorded(r)
    }
  }

  /// Draws one day's demand in units for mean `mean` (recorded demand needs `sample(mean:day:using:)`).
  @inlinable
  public mutating func sample<G: RandomSource>(mean: Double, using rng: inout G) -> Int {
    sample(mean: mean, day: 0, using: &rng)
  }

  /// Draws simulated day `day`'s demand in units for mean `mean`. Recorded demand must be drawn
  /// day after day from day 0 (a bootstrap block is chosen on its first day).
  @inlinable
  public mutating func sample<G: RandomSource>(mean: Double, day: Int, using rng: inout G) -> Int {
    switch kind {
    case .poisson:
      return Poisson.sample(mean: mean, using: &rng)
    case let .negativeBinomial(r):
      guard mean > 0 else { return 0 }
      return NegativeBinomial(mean: mean, dispersion: r).sample(using: &rng)
    case let .normal(cv):
      guard mean > 0 else { return 0 }
      return Self.roundStochastically(Normal(mean: mean, standardDeviation: cv * mean).sample(using: &rng), using: &rng)
    case let .gamma(cv):
      // A cv below 1e-6 (shape above 1e12), or a mean so small that its square underflows, is
      // drawn as the mean itself, rounded stochastically.
      let sd = cv * mean
      guard cv >= Self.smallestCV, Gamma.canRepresent(mean: mean, standardDeviation: sd) else { return Self.roundStochastically(mean, using: &rng) }
      return Self.roundStochastically(Gamma(mean: mean, standardDeviation: sd).sample(using: &rng), using: &rng)
    case let .lognormal(cv):
      guard mean > 0, cv >= Self.smallestCV else { return Self.roundStochastically(mean, using: &rng) }
      return Self.roundStochastically(LogNormal(mean: mean, standardDeviation: cv * mean).sample(using: &rng), using: &rng)
    case let .uniform(spread):
      let u = rng.nextUnit()
      return Self.roundStochastically(mean * (1 - spread + 2 * spread * u), using: &rng)
    case let .empirical(table, values, mu):
      let v = values[table.sample(using: &rng)]
      return mu > 0 ? Self.roundStochastically(v * mean / mu, using: &rng) : 0
    case .deterministic:
      carry += mean
      let units = carry.rounded(.down)
      carry -= units
      return Int(units)
    case let .zeroInflated(pi, r):
      // One uniform decides the structural zero, then the count is drawn at the inflated mean.
      guard mean > 0, rng.nextUnit() >= pi else { return 0 }
      let inner = mean / (1 - pi)
      if let r { return NegativeBinomial(mean: inner, dispersion: r).sample(using: &rng) }
      return Poisson.sample(mean: inner, using: &rng)
    case let .recorded(r):
      let value: Double
      switch r.mode {
      case .replay:
        value = day < r.values.count ? r.values[day] : 0
      case let .bootstrap(length):
        let b = day / length
        if b != block {
          block = b
          let weekday = (r.dayZeroWeekday + day) % 7
          let (first, count) = r.blockStarts(onWeekday: weekday, blockDays: length)
          blockStart = count > 0 ? first + 7 * rng.nextInt(below: count) : 0
        }
        let i = blockStart + day - b * length
        value = i < r.values.count ? r.values[i] : 0
      }
      let factor = r.reference > 0 ? mean / r.reference : 1
      if factor == 1, value == value.rounded(.down), value < 9e18 { return Int(value) }
      return Self.roundStochastically(value * factor, using: &rng)
    }
  }

  /// The smallest coefficient of variation drawn as such: below it, continuous demand is its mean.
  public static let smallestCV = 1e-6

  /// Rounds `x` down or up with probabilities that keep the mean; negatives give 0.
  @inlinable
  static func roundStochastically<G: RandomSource>(_ x: Double, using rng: inout G) -> Int {
    guard x > 0 else { return 0 }
    let whole = x.rounded(.down)
    return Int(whole) + (rng.nextUnit() < x - whole ? 1 : 0)
  }
}
