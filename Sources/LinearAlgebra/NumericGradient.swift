/// Gradients by finite differences.
public enum NumericGradient {
  /// The gradient of `f` at `x` by central differences, one-sided at active bounds.
  ///
  /// The step is `h = ε^(1/3) · max(|xᵢ|, 1)` (error O(h²) ≈ ε^(2/3) relative), shrunk to stay
  /// inside `bounds`; where a side is blocked a forward or backward difference is used.
  /// - Parameters:
  ///   - f: The function; evaluated `2n` times.
  ///   - x: The point.
  ///   - bounds: Optional box the evaluation points must stay in.
  /// - Returns: `∂f/∂xᵢ` for each `i`.
  /// - SeeAlso: J. Nocedal, S. Wright, *Numerical Optimization*, 2nd ed., §8.1.
  public static func central(_ f: ([Double]) -> Double, at x: [Double], bounds: Bounds? = nil) -> [Double] {
    let n = x.count
    var g = Array(repeating: 0.0, count: n)
    var xp = x
    let base = 6.055454452393343e-06  // cbrt(2.220446049250313e-16)
    var fx: Double? = nil
    for i in 0..<n {
      let h = base * max(abs(x[i]), 1)
      let lo = bounds?.lower[i] ?? -.infinity, hi = bounds?.upper[i] ?? .infinity
      let canUp = x[i] + h <= hi, canDown = x[i] - h >= lo
      if canUp && canDown {
        xp[i] = x[i] + h; let fp = f(xp)
        xp[i] = x[i] - h; let fm = f(xp)
        g[i] = (fp - fm) / (2 * h)
      } else {
        let f0 = fx ?? f(x)
        fx = f0
        if canUp {
          xp[i] = x[i] + h; g[i] = (f(xp) - f0) / h
        } else if canDown {
          xp[i] = x[i] - h; g[i] = (f0 - f(xp)) / h
        } else {
          g[i] = 0  // the box is narrower than the step in this coordinate
        }
      }
      xp[i] = x[i]
    }
    return g
  }
}
