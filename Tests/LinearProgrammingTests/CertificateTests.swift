import Testing
import _TestSupport
@testable import LinearProgramming

/// A random bounded LP built around a known feasible point, so it is feasible and bounded.
func randomBoundedLP(seed: UInt64, variables n: Int, constraints m: Int) -> LinearProgram {
  var state = seed &* 0x9E3779B97F4A7C15 | 1
  func next() -> Double { state ^= state << 13; state ^= state >> 7; state ^= state << 17; return Double(state % 10_000) / 10_000 }
  var lp = LinearProgram(sense: next() < 0.5 ? .minimize : .maximize)
  var point: [Double] = []
  for _ in 0..<n {
    let lower = (next() * 10).rounded() - 5, width = (next() * 10).rounded() + (next() < 0.1 ? 0 : 1)
    lp.addVariable(lower: lower, upper: lower + width, cost: (next() * 20).rounded() - 10)
    point.append(lower + width * next())
  }
  for _ in 0..<m {
    var terms: [(Int, Double)] = []
    for j in 0..<n where next() < 0.15 { terms.append((j, (next() * 12).rounded() - 6)) }
    if terms.isEmpty { terms.append((Int(next() * Double(n)), 1)) }
    let activity = terms.reduce(0) { $0 + $1.1 * point[$1.0] }
    switch Int(next() * 3) {
    case 0: lp.addConstraint(terms: terms, relation: .lessOrEqual, rhs: activity + next() * 3)
    case 1: lp.addConstraint(terms: terms, relation: .greaterOrEqual, rhs: activity - next() * 3)
    default: lp.addConstraint(terms: terms, relation: .equal, rhs: activity)
    }
  }
  return lp
}

@Test("random bounded LPs end with a complete optimality certificate", arguments: 1...12)
func optimalityCertificate(seed: UInt64) {
  let lp = randomBoundedLP(seed: seed, variables: 120, constraints: 90)
  let s = lp.solve()
  #expect(s.status == .optimal, "\(s.message)")
  guard s.status == .optimal else { return }
  let tol = 1e-7
  #expect(lp.maximumViolation(s.values) < tol)
  // In minimisation form, a positive reduced cost needs the variable at its lower bound, a negative
  // one at its upper bound; a positive row price needs the row at its lower end, a negative one at its upper end.
  let sign: Double = lp.sense == .maximize ? -1 : 1
  for (j, v) in lp.variables.enumerated() {
    let d = sign * s.reducedCosts[j]
    if d > tol { #expect(abs(s.values[j] - v.lower) < tol, "x\(j) = \(s.values[j]) with d = \(d)") }
    if d < -tol { #expect(abs(s.values[j] - v.upper) < tol, "x\(j) = \(s.values[j]) with d = \(d)") }
  }
  for (i, c) in lp.constraints.enumerated() {
    let y = sign * s.duals[i], (lo, hi) = c.activityBounds
    if y > tol { #expect(abs(s.rowActivities[i] - lo) < tol, "row \(i) price \(y)") }
    if y < -tol { #expect(abs(s.rowActivities[i] - hi) < tol, "row \(i) price \(y)") }
  }
  // Reduced costs are consistent with the row prices.
  var worst = 0.0
  for j in lp.variables.indices {
    var d = lp.variables[j].cost
    for (i, c) in lp.constraints.enumerated() {
      for k in c.indices.indices where c.indices[k] == j { d -= c.coefficients[k] * s.duals[i] }
    }
    worst = max(worst, abs(d - s.reducedCosts[j]))
  }
  #expect(worst < 1e-7)
  // A warm start from the optimal basis needs no iterations.
  #expect(lp.solve(warmStart: s.basis).iterations == 0)
}
