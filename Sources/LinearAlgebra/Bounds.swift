/// A box `lower ≤ x ≤ upper` for bounded optimisation; infinite entries leave a side open.
public struct Bounds: Sendable, Equatable {
  /// Lower bounds, one per variable (`-.infinity` for none).
  public var lower: [Double]
  /// Upper bounds, one per variable (`.infinity` for none).
  public var upper: [Double]

  /// Creates a box.
  ///
  /// - Precondition: equal lengths and `lower[i] ≤ upper[i]`.
  public init(lower: [Double], upper: [Double]) {
    precondition(lower.count == upper.count, "Bounds: \(lower.count) lower and \(upper.count) upper bounds")
    for i in 0..<lower.count {
      precondition(lower[i] <= upper[i], "Bounds: lower[\(i)] = \(lower[i]) exceeds upper[\(i)] = \(upper[i])")
    }
    self.lower = lower
    self.upper = upper
  }

  /// A box with no bounds in `dimension` variables.
  public static func unbounded(_ dimension: Int) -> Bounds {
    Bounds(lower: Array(repeating: -.infinity, count: dimension), upper: Array(repeating: .infinity, count: dimension))
  }

  /// The number of variables.
  public var dimension: Int { lower.count }

  /// The nearest point of the box: each coordinate clamped into `[lower, upper]`.
  public func project(_ x: [Double]) -> [Double] {
    precondition(x.count == lower.count, "Bounds.project: point of \(x.count) for \(lower.count) bounds")
    return (0..<x.count).map { min(max(x[$0], lower[$0]), upper[$0]) }
  }

  /// True when every coordinate is inside the box.
  public func contains(_ x: [Double]) -> Bool {
    x.count == lower.count && (0..<x.count).allSatisfy { x[$0] >= lower[$0] && x[$0] <= upper[$0] }
  }
}

/// What an optimiser found.
public struct OptimizationResult: Sendable, Equatable {
  /// The best point found.
  public var x: [Double]
  /// The objective at `x`.
  public var value: Double
  /// Iterations taken.
  public var iterations: Int
  /// Objective evaluations used (gradient evaluations by differences included).
  public var evaluations: Int
  /// True when a convergence test passed; false when a budget ran out first.
  public var converged: Bool
  /// Which test stopped the run.
  public var message: String

  /// Creates a result.
  public init(x: [Double], value: Double, iterations: Int, evaluations: Int, converged: Bool, message: String) {
    self.x = x; self.value = value; self.iterations = iterations
    self.evaluations = evaluations; self.converged = converged; self.message = message
  }
}

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
