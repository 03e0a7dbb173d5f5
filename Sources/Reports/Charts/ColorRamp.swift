/// A colour scale for heatmaps: sequential, a straight line in sRGB from a light tint of a
/// palette colour (low values) to the colour itself (high values); or diverging, through a
/// neutral middle colour (at t = 0.5) between two hues, for changes centred on zero.
public struct ColorRamp: Sendable, Equatable {
  /// The colour of the lowest value, "#RRGGBB".
  public var low: String
  /// The colour of the highest value, "#RRGGBB".
  public var high: String
  /// The colour at the middle of a diverging scale, or nil for a sequential one.
  public var middle: String?

  /// A ramp from white-ish (8% of `color`) to `color`.
  public init(to color: String) {
    high = color
    low = Self.mix("#FFFFFF", color, 0.08)
  }

  /// A ramp between two colours.
  public init(low: String, high: String) {
    self.low = low
    self.high = high
  }

  /// A diverging ramp: `low` at 0, `middle` at 0.5, `high` at 1.
  public init(low: String, middle: String, high: String) {
    self.low = low
    self.middle = middle
    self.high = high
  }

  /// A diverging ramp for changes: the Okabe–Ito blue on the good side, vermillion on the bad
  /// side, light grey at no change.
  ///
  /// - Parameter higherIsWorse: True when a rise is bad (a cost), false when a fall is (fill rate).
  public static func change(higherIsWorse: Bool) -> ColorRamp {
    higherIsWorse ? ColorRamp(low: ChartPalette.blue, middle: "#F2F2F2", high: ChartPalette.vermillion)
                  : ColorRamp(low: ChartPalette.vermillion, middle: "#F2F2F2", high: ChartPalette.blue)
  }

  /// The colour at `t` in [0, 1] (clamped; NaN gives the low end).
  public func color(at t: Double) -> String {
    let u = t.isNaN ? 0 : min(max(t, 0), 1)
    guard let middle else { return Self.mix(low, high, u) }
    return u < 0.5 ? Self.mix(low, middle, u * 2) : Self.mix(middle, high, u * 2 - 1)
  }

  /// `a` blended towards `b` by `t`, channel by channel, rounded to whole levels.
  static func mix(_ a: String, _ b: String, _ t: Double) -> String {
    let x = channels(a), y = channels(b)
    let digits = Array("0123456789ABCDEF")
    var out = "#"
    for i in 0..<3 {
      let v = Int((Double(x[i]) + (Double(y[i]) - Double(x[i])) * t).rounded())
      let c = min(max(v, 0), 255)
      out.append(digits[c / 16])
      out.append(digits[c % 16])
    }
    return out
  }

  static func channels(_ hex: String) -> [Int] {
    let s = Array(hex.dropFirst())
    guard s.count == 6 else { return [0, 0, 0] }
    return (0..<3).map { Int(String(s[(2 * $0)..<(2 * $0 + 2)]), radix: 16) ?? 0 }
  }
}
