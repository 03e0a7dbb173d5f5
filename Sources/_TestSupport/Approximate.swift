/// Approximate equality for numeric tests.
public enum Approx {
  /// True when `a` and `b` agree within `relative` of the larger magnitude or within `absolute`.
  public static func equal(_ a: Double, _ b: Double, relative: Double = 1e-9, absolute: Double = 0) -> Bool {
    if a == b { return true }
    let scale = max(abs(a), abs(b))
    return abs(a - b) <= max(absolute, relative * scale)
  }

  /// True when the arrays have equal length and agree elementwise as in `equal`.
  public static func equal(_ a: [Double], _ b: [Double], relative: Double = 1e-9, absolute: Double = 0) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { equal($0, $1, relative: relative, absolute: absolute) }
  }
}
