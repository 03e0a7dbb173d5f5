import SupplyModel

/// An estimate with its standard error.
public struct Estimate: Sendable, Equatable {
  /// The point estimate.
  public var value: Double
  /// Its standard error; nil when it could not be computed (a parameter at a bound).
  public var standardError: Double?

  /// Creates an estimate.
  public init(_ value: Double, standardError: Double?) {
    self.value = value
    self.standardError = standardError
  }
}

/// The count family chosen for a series, with its parameters.
public enum FittedFamily: Sendable, Equatable {
  /// Poisson counts.
  case poisson
  /// Negative binomial counts with dispersion r (variance m + m²/r).
  case negativeBinomial(dispersion: Estimate)
  /// Zero-inflated Poisson: a structural zero with probability π, else Poisson.
  case zeroInflatedPoisson(zeroProbability: Estimate)
  /// Zero-inflated negative binomial.
  case zeroInflatedNegativeBinomial(zeroProbability: Estimate, dispersion: Estimate)
  /// The observed ratios of sales to fitted mean, kept when no parametric family passes the
  /// goodness-of-fit test (p < 0.001).
  case empirical(values: [Double], probabilities: [Double])

  /// The name used in reports and summary.json.
  public var name: String {
    switch self {
    case .poisson: "poisson"
    case .negativeBinomial: "negativeBinomial"
    case .zeroInflatedPoisson: "zeroInflatedPoisson"
    case .zeroInflatedNegativeBinomial: "zeroInflatedNegativeBinomial"
    case .empirical: "empirical"
    }
  }

  /// The simulator's family.
  public var demandFamily: DemandFamily {
    switch self {
    case .poisson: .poisson
    case let .negativeBinomial(r): .negativeBinomial(dispersion: r.value)
    case let .zeroInflatedPoisson(pi): .zeroInflated(zeroProbability: pi.value, dispersion: nil)
    case let .zeroInflatedNegativeBinomial(pi, r): .zeroInflated(zeroProbability: pi.value, dispersion: r.value)
    case let .empirical(values, probabilities): .empirical(values: values, probabilities: probabilities)
    }
  }
}

/// One family the fitter tried, with its log-likelihood and Akaike information criterion.
public struct FamilyCandidate: Sendable, Equatable {
  /// The family's name (`FittedFamily.name`).
  public var name: String
  /// The maximized log-likelihood, censored days included.
  public var logLikelihood: Double
  /// −2·logLikelihood + 2·(parameters of mean and family).
  public var aic: Double
}

/// A tested linear trend.
public struct TrendTest: Sendable, Equatable {
  /// Units per day per day at the history's centre, from the model with the trend.
  public var perDay: Estimate
  /// Two-sided Wald p-value.
  public var pValue: Double
  /// True when kept (p < `DemandFitter.significance`).
  public var kept: Bool
}

/// A tested yearly seasonality.
public struct YearlyTest: Sendable, Equatable {
  /// Wald chi-square statistic of the four Fourier coefficients (4 degrees of freedom).
  public var statistic: Double
  /// Its p-value.
  public var pValue: Double
  /// True when kept.
  public var kept: Bool
}

/// The result of fitting one history: its class, count family, seasonal profile, trend,
/// promotion and price effects, and goodness of fit; `demandModel(fromDay:)` turns it into the
/// simulator's `DemandModel`.
public struct DemandFit: Sendable, Equatable {
  /// Days in the history.
  public var days: Int
  /// Days not available (censored) with a positive sale.
  public var censoredDays: Int
  /// Days not available with no sale: no information, left out.
  public var unavailableDays: Int
  /// ADI and CV² of the uncensored days.
  public var pattern: DemandPattern
  /// The Syntetos–Boylan class.
  public var demandClass: DemandClass { pattern.demandClass }
  /// The chosen family.
  public var family: FittedFamily
  /// Every family tried, best AIC first.
  public var candidates: [FamilyCandidate]
  /// The level (units/day with weekly factors averaging 1, yearly factor 1, no promotion, price
  /// at `referencePrice`) on day 0 of the history.
  public var level: Estimate
  /// Level change per day (0 when the trend was not kept).
  public var trendPerDay: Double
  /// Weekly factors, Monday first, averaging 1; empty when the history is shorter than 4 weeks.
  public var weekly: [Double]
  /// Yearly seasonality, when the history covers about two years and it is significant.
  public var yearly: YearlySeasonality?
  /// The trend test; nil when the history is shorter than 8 weeks.
  public var trendTest: TrendTest?
  /// The yearly test; nil when the history is shorter than 700 days.
  public var yearlyTest: YearlyTest?
  /// The multiplicative uplift on promotion days; nil without both kinds of day.
  public var promotionUplift: Estimate?
  /// The price elasticity (d log mean / d log price); nil when the price never changes.
  public var priceElasticity: Estimate?
  /// The price the level refers to: the median price of the days without promotion.
  public var referencePrice: Double?
  /// The chi-square goodness of fit of the chosen parametric family (or, for an empirical
  /// family, of the best parametric one it replaced).
  public var goodnessOfFit: GoodnessOfFit?
  /// Mean of the sales on the uncensored days: what a naive estimate would give.
  public var naiveMean: Double
  /// Mean of the fitted daily mean over the history's days (demand, not sales).
  public var fittedMean: Double
  /// The calendar of day 0.
  public var calendar: SimulationCalendar

  /// The simulator's demand model starting `day` days after the history's first day (pass
  /// `days` to continue right after it), at the reference price with no promotion; future
  /// promotions are added as `DemandWindow`s with factor `promotionUplift`.
  public func demandModel(fromDay day: Int) -> DemandModel {
    DemandModel(family: family.demandFamily, profile: profile(fromDay: day))
  }

  /// The profile part of `demandModel(fromDay:)`.
  public func profile(fromDay day: Int) -> DemandProfile {
    let base = max(0, level.value + trendPerDay * Double(day))
    return DemandProfile(base: base, trendPerDay: trendPerDay, weekly: weekly, yearly: yearly)
  }

  /// The calendar of the day `day` days after the history's first day.
  public func calendar(fromDay day: Int) -> SimulationCalendar {
    SimulationCalendar(startWeekday: (calendar.startWeekday + day) % 7, startDayOfYear: (calendar.startDayOfYear + day) % 365)
  }
}
