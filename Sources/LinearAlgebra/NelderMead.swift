/// The Nelder–Mead downhill simplex method, with box bounds by clamping.
///
/// Derivative-free and robust for the small (≤ 10 parameter) smooth-ish problems of forecasting
/// (smoothing constants, initial states). Every trial point is projected into the box before
/// evaluation, so the objective is never called outside it. After convergence the search is
/// restarted from the best point `restarts` times, which guards against the simplex
/// collapsing early (a known weakness of the method).
///
/// Coefficients: reflection 1, expansion 2, contraction ½, shrink ½.
/// - SeeAlso: J. Nelder, R. Mead (1965), Comput. J. 7(4), 308–313; J. Lagarias et al. (1998),
///   "Convergence properties of the Nelder–Mead simplex method in low dimensions", SIAM J. Optim. 9(1).
public struct NelderMead: Sendable {
  /// Stop when the spread of objective values in the simplex is below
  /// `functionTolerance · (|f_best| + 1e-12)` and its diameter is below `pointTolerance`.
  public var functionTolerance: Double
  /// Simplex-diameter tolerance (max-norm, absolute).
  public var pointTolerance: Double
  /// Budget of objective evaluations over all restarts.
  public var maxEvaluations: Int
  /// Restarts from the best point after convergence.
  public var restarts: Int
  /// Initial simplex edge per coordinate, as a fraction of `max(|x₀ᵢ|, 1)` or of the box width when finite.
  public var initialStepFraction: Double

  /// Creates an optimiser with the given settings.
  public init(functionTolerance: Double = 1e-10, pointTolerance: Double = 1e-8, maxEvaluations: Int = 5000,
              restarts: Int = 1, initialStepFraction: Double = 0.1) {
    self.functionTolerance = functionTolerance
    self.pointTolerance = pointTolerance
    self.maxEvaluations = maxEvaluations
    self.restarts = restarts
    self.initialStepFraction = initialStepFraction
  }

  /// Minimises `f` from `x0`, inside `bounds` if given.
  ///
  /// - Parameters:
  ///   - f: The objective. Return `.infinity` (or NaN, treated as `.infinity`) for infeasible points.
  ///   - x0: The start; projected into the box first.
  ///   - bounds: An optional box.
  /// - Returns: The best point found; `converged` is false if the evaluation budget ran out.
  ///   When the objective is not finite anywhere on the initial simplex (or `x0` is not finite),
  ///   the search stops at once: `x` is the projected start, `value` is `+∞`, `converged` is
  ///   false and `message` says so. Callers check `value.isFinite`.
  /// - Complexity: O(n) evaluations per iteration (n + 1 on a shrink).
  public func minimize(_ f: ([Double]) -> Double, from x0: [Double], bounds: Bounds? = nil) -> OptimizationResult {
    let n = x0.count
    precondition(n > 0, "NelderMead: needs at least one variable")
    if let b = bounds { precondition(b.dimension == n, "NelderMead: \(b.dimension) bounds for \(n) variables") }
    guard x0.allSatisfy(\.isFinite) else {
      return OptimizationResult(x: x0, value: .infinity, iterations: 0, evaluations: 0, converged: false,
                                message: "start point is not finite")
    }
    var evaluations = 0
    func eval(_ x: [Double]) -> Double {
      evaluations += 1
      let v = f(x)
      return v.isNaN ? .infinity : v
    }
    func project(_ x: [Double]) -> [Double] { bounds?.project(x) ?? x }

    var best = project(x0)
    var bestValue = eval(best)
    var totalIterations = 0
    var converged = false
    var message = "evaluation budget exhausted"
    for _ in 0...restarts {
      // Initial simplex around `best`.
      var simplex: [[Double]] = [best]
      for i in 0..<n {
        var step = initialStepFraction * max(abs(best[i]), 1)
        if let b = bounds, b.lower[i].isFinite, b.upper[i].isFinite {
          step = min(step, initialStepFraction * (b.upper[i] - b.lower[i]))
        }
        if step == 0 { step = 1e-4 }
        var v = best
        v[i] += step
        if let b = bounds, v[i] > b.upper[i] { v[i] = best[i] - step }
        simplex.append(project(v))
      }
      var values = [bestValue] + simplex.dropFirst().map { eval($0) }
      converged = false
      if !values.contains(where: \.isFinite) {
        message = "objective is not finite at any point of the initial simplex"
        break
      }
      while evaluations < maxEvaluations {
        totalIterations += 1
        // Order: best first. A stable sort on (value, index) keeps runs deterministic.
        let order = (0...n).sorted { values[$0] < values[$1] || (values[$0] == values[$1] && $0 < $1) }
        simplex = order.map { simplex[$0] }
        values = order.map { values[$0] }
        var diameter = 0.0
        for k in 1...n { for i in 0..<n { diameter = max(diameter, abs(simplex[k][i] - simplex[0][i])) } }
        let spread = values[n] - values[0]
        if spread.isFinite && spread <= functionTolerance * (abs(values[0]) + 1e-12) && diameter <= pointTolerance {
          converged = true; message = "simplex converged"
          break
        }
        if diameter == 0 { converged = true; message = "simplex collapsed"; break }
        // Centroid of all but the worst.
        var centroid = Array(repeating: 0.0, count: n)
        for k in 0..<n { for i in 0..<n { centroid[i] += simplex[k][i] } }
        for i in 0..<n { centroid[i] /= Double(n) }
        func along(_ t: Double) -> [Double] {
          project((0..<n).map { centroid[$0] + t * (simplex[n][$0] - centroid[$0]) })
        }
        let xr = along(-1), fr = eval(xr)
        if fr < values[0] {
          let xe = along(-2), fe = eval(xe)
          if fe < fr { simplex[n] = xe; values[n] = fe } else { simplex[n] = xr; values[n] = fr }
        } else if fr < values[n - 1] {
          simplex[n] = xr; values[n] = fr
        } else {
          let outside = fr < values[n]
          let xc = along(outside ? -0.5 : 0.5), fc = eval(xc)
          if fc < (outside ? fr : values[n]) {
            simplex[n] = xc; values[n] = fc
          } else {
            for k in 1...n {
              simplex[k] = project((0..<n).map { simplex[0][$0] + 0.5 * (simplex[k][$0] - simplex[0][$0]) })
              values[k] = eval(simplex[k])
            }
          }
        }
      }
      let bi = (0...n).min { values[$0] < values[$1] } ?? 0
      if values[bi] <= bestValue { best = simplex[bi]; bestValue = values[bi] }
      if !converged { break }
    }
    return OptimizationResult(x: best, value: bestValue, iterations: totalIterations, evaluations: evaluations,
                              converged: converged, message: message)
  }
}
