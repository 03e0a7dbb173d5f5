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
