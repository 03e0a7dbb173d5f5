/// One axis of a chart: its title (with units), tick format and optional fixed domain.
public struct Axis: Sendable, Equatable {
  /// The title, including units, e.g. "Units" or "Total cost (currency units)".
  public var title: String
  /// How tick values print.
  public var format: TickFormat
  /// A fixed domain; nil to fit the data.
  public var domain: ClosedRange<Double>?
  /// Intervals wanted between ticks.
  public var tickCount: Int
  /// Smallest step between ticks (1 for counts).
  public var minimumStep: Double
  /// Whether the domain is widened to include 0.
  public var includesZero: Bool
  /// Hard limits of the axis (e.g. 0...1 for a share): the domain never extends past them.
  public var limits: ClosedRange<Double>?
  /// Whether the domain extends to the enclosing nice ticks (false keeps the data range, as
  /// for time axes).
  public var extendsToTicks: Bool

  /// Creates an axis.
  public init(title: String, format: TickFormat = .number, domain: ClosedRange<Double>? = nil, tickCount: Int = 5,
              minimumStep: Double = 0, includesZero: Bool = false, extendsToTicks: Bool = true, limits: ClosedRange<Double>? = nil) {
    self.limits = limits
    self.title = title
    self.format = format
    self.domain = domain
    self.tickCount = tickCount
    self.minimumStep = minimumStep
    self.includesZero = includesZero
    self.extendsToTicks = extendsToTicks
  }

  /// The ticks for data spanning `low...high`, honouring the fixed domain and `includesZero`.
  public func ticks(low: Double, high: Double) -> NiceTicks {
    var lo = low, hi = high
    if let domain { lo = domain.lowerBound; hi = domain.upperBound }
    if !lo.isFinite || !hi.isFinite { lo = 0; hi = 1 }
    if includesZero { lo = min(lo, 0); hi = max(hi, 0) }
    if let limits { lo = min(max(lo, limits.lowerBound), limits.upperBound); hi = min(max(hi, limits.lowerBound), limits.upperBound) }
    var ticks = NiceTicks(covering: lo, hi, count: tickCount, minimumStep: minimumStep,
                          extendsToTicks: domain == nil && extendsToTicks)
    if let limits, ticks.lower < limits.lowerBound || ticks.upper > limits.upperBound {
      ticks.lower = max(ticks.lower, limits.lowerBound)
      ticks.upper = min(ticks.upper, limits.upperBound)
      ticks.values = ticks.values.filter { $0 >= ticks.lower && $0 <= ticks.upper }
    }
    return ticks
  }
}
