/// A sequential colour scale: a straight line in sRGB from a light tint of a palette colour
/// (low values) to the colour itself (high values), for heatmaps.
public struct ColorRamp: Sendable, Equatable {
  /// The colour of the lowest value, "#RRGGBB".
  public var low: String
  /// The colour of the highest value, "#RRGGBB".
  public var high: String

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

  /// The colour at `t` in [0, 1] (clamped; NaN gives the low end).
  public func color(at t: Double) -> String {
    let u = t.isNaN ? 0 : min(max(t, 0), 1)
    return Self.mix(low, high, u)
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
