import Testing
import _TestSupport
@testable import LinearAlgebra

/// Objectives that are infinite or NaN everywhere (a series whose squares overflow) end the
/// search at once with a result saying so, instead of trapping or spending the budget.
@Test("Nelder-Mead stops on an objective that is nowhere finite", arguments: [Double.infinity, .nan])
func nelderMeadNowhereFinite(value: Double) {
  let r = NelderMead().minimize({ _ in value }, from: [0.1, 0.2], bounds: Bounds(lower: [0, 0], upper: [1, 1]))
  #expect(!r.converged && r.value == .infinity)
  #expect(r.evaluations == 3)
  #expect(r.message == "objective is not finite at any point of the initial simplex")
  #expect(r.x == [0.1, 0.2])
}

@Test func nelderMeadFindsTheFiniteRegionFromAnInfiniteStart() {
  // Infinite left of 0.5; minimum at 0.7. The start is infinite, a simplex vertex is not.
  let f: ([Double]) -> Double = { x in x[0] < 0.5 ? .infinity : (x[0] - 0.7) * (x[0] - 0.7) }
  let r = NelderMead(initialStepFraction: 0.5).minimize(f, from: [0.3], bounds: Bounds(lower: [0], upper: [1]))
  #expect(r.value.isFinite)
  #expect(abs(r.x[0] - 0.7) < 1e-4)
}

@Test func optimisersRejectANonFiniteStart() {
  let f: ([Double]) -> Double = { x in x[0] * x[0] }
  let nm = NelderMead().minimize(f, from: [.nan])
  #expect(nm.message == "start point is not finite" && nm.value == .infinity && nm.evaluations == 0)
  let lb = ProjectedLBFGS().minimize(f, from: [.infinity])
  #expect(lb.message == "start point is not finite" && lb.value == .infinity && lb.evaluations == 0)
}

@Test("L-BFGS stops on an objective that is not finite at the start", arguments: [Double.infinity, .nan])
func lbfgsInfiniteStart(value: Double) {
  let r = ProjectedLBFGS().minimize({ _ in value }, from: [0.5, 0.5], bounds: Bounds(lower: [0, 0], upper: [1, 1]))
  #expect(!r.converged && r.value == .infinity)
  #expect(r.message == "objective is not finite at the start point")
}

@Test func lbfgsStopsWhenTheGradientIsNotFinite() {
  // Finite at the start, but the analytic gradient is NaN everywhere.
  let r = ProjectedLBFGS().minimize({ x in x[0] * x[0] }, gradient: { _ in [.nan] }, from: [1])
  #expect(!r.converged && r.value == 1 && r.x == [1])
  #expect(r.message == "gradient is not finite at the start point")
  // A gradient that turns NaN after the first step keeps the last finite point.
  let later = ProjectedLBFGS().minimize({ x in (x[0] - 3) * (x[0] - 3) },
                                        gradient: { x in x[0] > 1.5 ? [.nan] : [2 * (x[0] - 3)] }, from: [1])
  #expect(later.value.isFinite && later.x[0].isFinite && later.value <= 4)
  #expect(later.message == "gradient is not finite; stopped at the last finite point")
}
