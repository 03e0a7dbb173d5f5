/// Axis ticks at "nice" round values: steps of 1, 2 or 5 times a power of ten.
///
/// The ticks cover the data range; with `extendsToTicks` (the default) the axis bounds move out
/// to the first tick at or below the smallest value and the first at or above the largest, so
/// the axis starts and ends on a labelled value.
///
/// - SeeAlso: P. Heckbert (1990), "Nice numbers for graph labels", *Graphics Gems*, 61–63.
public struct NiceTicks: Sendable, Equatable {
  /// The axis's lower bound.
  public var lower: Double
  /// The axis's upper bound.
  public var upper: Double
  /// The distance between ticks.
  public var step: Double
  /// The tick values, ascending, all within `lower...upper`.
  public var values: [Double]
  /// The number of decimals that prints every tick exactly (0 for steps of 1 or more).
  public var decimals: Int

  /// Ticks for the range `low...high` with roughly `count` intervals.
  ///
  /// - Parameters:
  ///   - low: The smallest value to show.
  ///   - high: The largest value to show (swapped with `low` if smaller).
  ///   - count: The number of intervals wanted; the result has at most about twice as many.
  ///   - minimumStep: A floor on the step, e.g. 1 for counts.
  ///   - extendsToTicks: Move the bounds out to the enclosing ticks (true) or keep `low...high`.
  /// A zero-width range is widened by 10% of its value (or by 1 around 0); non-finite input
  /// gives the ticks of 0...1. Bounds beyond ±`NiceTicks.largest` are clamped to it and steps are
  /// at least `NiceTicks.smallestStep`, so that every tick and step is finite and nonzero
  /// (values of ±1e308 would otherwise overflow the width, and subnormal widths the step).
  public init(covering low: Double, _ high: Double, count: Int = 5, minimumStep: Double = 0, extendsToTicks: Bool = true) {
    var lo = low, hi = high
    if !lo.isFinite || !hi.isFinite { lo = 0; hi = 1 }
    if lo > hi { swap(&lo, &hi) }
    lo = min(max(lo, -Self.largest), Self.largest)
    hi = min(max(hi, -Self.largest), Self.largest)
    if lo == hi {
      let pad = lo == 0 ? 1 : max(abs(lo) * 0.1, Self.smallestStep)
      lo -= pad
      hi += pad
    }
    let minimum = minimumStep.isFinite ? minimumStep : 0
    let raw = max((hi - lo) / Double(max(count, 1)), minimum, Self.smallestStep)
    var exponent = 0
    while Self.power(exponent + 1) <= raw { exponent += 1 }
    while Self.power(exponent) > raw { exponent -= 1 }
    let fraction = raw / Self.power(exponent)
    var mantissa = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
    if mantissa == 10 { mantissa = 1; exponent += 1 }
    let exp = exponent, mant = mantissa
    let scale = Self.power(abs(exp))
    let value: (Int) -> Double = { i in exp >= 0 ? Double(i * mant) * scale : Double(i * mant) / scale }
    let unit = value(1)
    step = unit
    let first = Int((lo / unit + 1e-9).rounded(.down))
    let last = Int((hi / unit - 1e-9).rounded(.up))
    decimals = max(0, -exponent)
    let all = (first...last).map(value)
    if extendsToTicks {
      values = all
      lower = all.first!
      upper = all.last!
    } else {
      lower = lo
      upper = hi
      values = all.filter { $0 >= lo - unit * 1e-9 && $0 <= hi + unit * 1e-9 }
    }
  }

  /// The largest magnitude a tick may have: the width of ±largest is still finite.
  public static let largest = 1e307
  /// The smallest step: 10^-300, whose reciprocal is finite.
  public static let smallestStep = 1e-300

  /// 10^e computed by repeated multiplication (exact for |e| <= 22).
  static func power(_ e: Int) -> Double {
    var p = 1.0
    for _ in 0..<abs(e) { p *= 10 }
    return e >= 0 ? p : 1 / p
  }
}
