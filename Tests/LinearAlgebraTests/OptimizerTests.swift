import Testing
import _TestSupport
@testable import LinearAlgebra

private func rosenbrock(_ x: [Double]) -> Double {
  let a = 1 - x[0], b = x[1] - x[0] * x[0]
  return a * a + 100 * b * b
}

private func rosenbrockGradient(_ x: [Double]) -> [Double] {
  let b = x[1] - x[0] * x[0]
  return [-2 * (1 - x[0]) - 400 * x[0] * b, 200 * b]
}

@Test func nelderMeadFindsRosenbrockMinimum() {
  let result = NelderMead().minimize(rosenbrock, from: [-1.2, 1])
  #expect(result.converged)
  #expect(Approx.equal(result.x, [1, 1], relative: 0, absolute: 1e-5))
  #expect(result.value < 1e-10)
}

@Test func lbfgsFindsRosenbrockMinimumWithAnalyticAndNumericGradients() {
  let analytic = ProjectedLBFGS().minimize(rosenbrock, gradient: rosenbrockGradient, from: [-1.2, 1])
  #expect(Approx.equal(analytic.x, [1, 1], relative: 0, absolute: 1e-6))
  let numeric = ProjectedLBFGS().minimize(rosenbrock, from: [-1.2, 1])
  #expect(Approx.equal(numeric.x, [1, 1], relative: 0, absolute: 1e-5))
}

/// With x ≤ 0.5 the constrained minimum of Rosenbrock is at (0.5, 0.25): y = x² removes the
/// second term and (1 − x)² is smallest at the bound.
@Test func boundedOptimisersStopAtTheActiveBound() {
  let box = Bounds(lower: [-2, -2], upper: [0.5, 2])
  let lb = ProjectedLBFGS().minimize(rosenbrock, gradient: rosenbrockGradient, from: [-1.2, 1], bounds: box)
  #expect(Approx.equal(lb.x, [0.5, 0.25], relative: 0, absolute: 1e-6))
  let nm = NelderMead().minimize(rosenbrock, from: [-1.2, 1], bounds: box)
  #expect(Approx.equal(nm.x, [0.5, 0.25], relative: 0, absolute: 1e-5))
  #expect(box.contains(nm.x) && box.contains(lb.x))
}

@Test func numericGradientMatchesAnalyticOneSidedAtBounds() {
  let g = NumericGradient.central(rosenbrock, at: [0.3, 0.7])
  #expect(Approx.equal(g, rosenbrockGradient([0.3, 0.7]), relative: 1e-7))
  // At the upper bound of x the forward step is blocked: the backward difference is used.
  let box = Bounds(lower: [0, 0], upper: [0.3, 1])
  let gb = NumericGradient.central(rosenbrock, at: [0.3, 0.7], bounds: box)
  #expect(Approx.equal(gb, rosenbrockGradient([0.3, 0.7]), relative: 1e-4))
}

/// A separable quadratic Σ dᵢ(xᵢ − cᵢ)² in a box has its minimum at the clamped centre, whatever
/// the number of active bounds.
@Test func boundedQuadraticMinimumIsTheClampedCentre() {
  let d: [Double] = [1, 10, 0.5, 3, 7, 2]
  let c: [Double] = [2, -3, 0.5, 4, -1, 0]
  let f: ([Double]) -> Double = { x in
    var s = 0.0
    for i in 0..<6 { let u = x[i] - c[i]; s += d[i] * u * u }
    return s
  }
  let g: ([Double]) -> [Double] = { x in (0..<6).map { 2 * d[$0] * (x[$0] - c[$0]) } }
  let box = Bounds(lower: Array(repeating: -1.5, count: 6), upper: Array(repeating: 1, count: 6))
  let r = ProjectedLBFGS().minimize(f, gradient: g, from: Array(repeating: 0.2, count: 6), bounds: box)
  #expect(Approx.equal(r.x, box.project(c), relative: 0, absolute: 1e-8))
  #expect(r.converged)
}

/// The 10-dimensional extended Rosenbrock function has its minimum at (1, …, 1).
@Test func lbfgsSolvesTenDimensionalRosenbrock() {
  let n = 10
  let f: ([Double]) -> Double = { x in
    var s = 0.0
    for i in 0..<(n - 1) {
      let a = 1 - x[i], b = x[i + 1] - x[i] * x[i]
      s += a * a + 100 * b * b
    }
    return s
  }
  let g: ([Double]) -> [Double] = { x in
    var grad = Array(repeating: 0.0, count: n)
    for i in 0..<(n - 1) {
      let b = x[i + 1] - x[i] * x[i]
      grad[i] += -2 * (1 - x[i]) - 400 * x[i] * b
      grad[i + 1] += 200 * b
    }
    return grad
  }
  let start = (0..<n).map { $0 % 2 == 0 ? -1.2 : 1.0 }
  let r = ProjectedLBFGS(maxIterations: 2000).minimize(f, gradient: g, from: start)
  #expect(Approx.equal(r.x, Array(repeating: 1, count: n), relative: 0, absolute: 1e-5))
}
