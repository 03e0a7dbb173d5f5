#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// How a SKU's mean daily demand moves through time: level, trend, weekly and yearly
/// seasonality, and multiplicative windows (promotions, shocks, holidays).
///
/// The mean on simulated day t is
/// `max(0, base + trendPerDay·t) × weekly[(startWeekday + t) mod 7] × yearly(startDayOfYear + t) × windows(t)`,
/// where `windows(t)` multiplies the factors of every window containing t. The factors are taken
/// as given: weekly factors that average 1 keep `base` the average level.
public struct DemandProfile: Sendable, Equatable {
  /// Mean units per day on day 0, before seasonality.
  public var base: Double
  /// Units per day added to the level each day (may be negative; the level floors at 0).
  public var trendPerDay: Double
  /// Seven multipliers, Monday first, or empty for none.
  public var weekly: [Double]
  /// Yearly seasonality, if any.
  public var yearly: YearlySeasonality?
  /// Multiplicative windows: promotions, their pull-forward and dip, shocks, holidays.
  public var windows: [DemandWindow]

  /// Creates a profile; the defaults describe a flat level.
  public init(base: Double, trendPerDay: Double = 0, weekly: [Double] = [], yearly: YearlySeasonality? = nil, windows: [DemandWindow] = []) {
    precondition(weekly.isEmpty || weekly.count == 7, "weekly seasonality needs 7 factors, got \(weekly.count)")
    self.base = base
    self.trendPerDay = trendPerDay
    self.weekly = weekly
    self.yearly = yearly
    self.windows = windows
  }

  /// The mean demand on day `day` given the calendar's start.
  public func mean(onDay day: Int, calendar: SimulationCalendar) -> Double {
    var m = max(0, base + trendPerDay * Double(day))
    if !weekly.isEmpty { m *= weekly[calendar.weekday(ofDay: day)] }
    if let yearly { m *= yearly.factor(dayOfYear: calendar.dayOfYear(ofDay: day)) }
    for w in windows where w.contains(day) { m *= w.factor }
    return m
  }

  /// The average of `mean(onDay:)` over `days`: the level a static policy plans for.
  public func averageMean(over days: Range<Int>, calendar: SimulationCalendar) -> Double {
    guard !days.isEmpty else { return base }
    var total = 0.0
    for d in days { total += mean(onDay: d, calendar: calendar) }
    return total / Double(days.count)
  }

  /// The first day in `days` whose mean exceeds `limit` or is not a number, with that mean; nil
  /// when every day's mean is within it.
  ///
  /// - Complexity: O(windows) when a bound on the product of every factor is within `limit`
  ///   (the common case), else O(days × windows).
  public func firstDay(over days: Range<Int>, calendar: SimulationCalendar, exceeding limit: Double) -> (day: Int, mean: Double)? {
    guard !days.isEmpty else { return nil }
    let last = Double(days.upperBound - 1)
    var bound = max(abs(base), abs(base + trendPerDay * Double(days.lowerBound)), abs(base + trendPerDay * last))
    bound *= weekly.max() ?? 1
    if let yearly { bound *= yearly.largestFactor }
    for w in windows where w.factor > 1 { bound *= w.factor }
    if bound <= limit { return nil }
    for d in days {
      let m = mean(onDay: d, calendar: calendar)
      if !(m <= limit) { return (d, m) }
    }
    return nil
  }

  /// True when the mean never changes, so samplers may precompute per-SKU tables.
  public var isStationary: Bool {
    trendPerDay == 0 && weekly.allSatisfy { $0 == 1 } && yearly == nil && windows.isEmpty
  }
}

/// Yearly seasonality as a smooth wave or as twelve monthly factors.
public enum YearlySeasonality: Sendable, Equatable {
  /// `1 + amplitude·cos(2π(dayOfYear - peakDay)/365)`.
  case sinusoid(amplitude: Double, peakDay: Int)
  /// One factor per calendar month, January first (365-day year).
  case monthly([Double])
  /// `1 + Σ_k a_k cos(2πk·day/365) + b_k sin(2πk·day/365)`, harmonics k = 1, 2, … in order.
  case fourier([(cos: Double, sin: Double)])

  /// Equality by value.
  public static func == (x: YearlySeasonality, y: YearlySeasonality) -> Bool {
    switch (x, y) {
    case let (.sinusoid(a, p), .sinusoid(b, q)): a == b && p == q
    case let (.monthly(a), .monthly(b)): a == b
    case let (.fourier(a), .fourier(b)): a.map(\.cos) == b.map(\.cos) && a.map(\.sin) == b.map(\.sin)
    default: false
    }
  }

  /// A bound on `factor(dayOfYear:)` over the year.
  public var largestFactor: Double {
    switch self {
    case let .sinusoid(amplitude, _): return 1 + abs(amplitude)
    case let .monthly(factors): return factors.max() ?? 1
    case let .fourier(terms): return terms.reduce(1) { $0 + abs($1.cos) + abs($1.sin) }
    }
  }

  /// The multiplier on a day of the year, 0...364.
  public func factor(dayOfYear: Int) -> Double {
    switch self {
    case let .sinusoid(amplitude, peakDay):
      return 1 + amplitude * cos(2 * Double.pi * Double(dayOfYear - peakDay) / 365)
    case let .monthly(factors):
      return factors[SimulationCalendar.month(ofDayOfYear: dayOfYear)]
    case let .fourier(terms):
      var f = 1.0
      for (k, t) in terms.enumerated() {
        let angle = 2 * Double.pi * Double(k + 1) * Double(dayOfYear) / 365
        f += t.cos * cos(angle) + t.sin * sin(angle)
      }
      return max(0, f)
    }
  }
}

/// A span of days over which demand is multiplied by a factor.
public struct DemandWindow: Sendable, Equatable {
  /// First day, inclusive.
  public var startDay: Int
  /// Last day, inclusive.
  public var endDay: Int
  /// The multiplier, e.g. 2.0 for a promotion that doubles demand, 0.7 for a dip.
  public var factor: Double
  /// What caused it, for reports: `"promotion"`, `"pull-forward"`, `"dip"`, `"shock"`, `"holiday"`.
  public var cause: String

  /// Creates a window.
  public init(startDay: Int, endDay: Int, factor: Double, cause: String = "promotion") {
    self.startDay = startDay
    self.endDay = endDay
    self.factor = factor
    self.cause = cause
  }

  /// True when `day` lies in the window.
  @inlinable public func contains(_ day: Int) -> Bool { day >= startDay && day <= endDay }
}

/// Where simulated day 0 falls in the week and the year.
public struct SimulationCalendar: Sendable, Equatable {
  /// Weekday of day 0: 0 = Monday ... 6 = Sunday.
  public var startWeekday: Int
  /// Day of the (365-day) year of day 0: 0 = 1 January.
  public var startDayOfYear: Int

  /// Creates a calendar.
  public init(startWeekday: Int = 0, startDayOfYear: Int = 0) {
    self.startWeekday = startWeekday
    self.startDayOfYear = startDayOfYear
  }

  /// The weekday (0 = Monday) of simulated day `day`.
  @inlinable public func weekday(ofDay day: Int) -> Int { (startWeekday + day) % 7 }
  /// The day of the year (0...364) of simulated day `day`.
  @inlinable public func dayOfYear(ofDay day: Int) -> Int { (startDayOfYear + day) % 365 }

  /// Cumulative days before each month in a 365-day year.
  static let monthStarts = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334]

  /// The month (0 = January) of a day of the year.
  public static func month(ofDayOfYear d: Int) -> Int {
    var m = 11
    while monthStarts[m] > d { m -= 1 }
    return m
  }
}

extension ClosedRange where Bound == Int {
  /// The days of this range that fall in `0..<days`, possibly none: events scheduled before day 0
  /// or after the horizon are cut off instead of forming an invalid range.
  public func clamped(toDays days: Int) -> Range<Int> {
    let lower = Swift.max(0, lowerBound), upper = Swift.min(upperBound + 1, days)
    return lower < upper ? lower..<upper : 0..<0
  }
}
