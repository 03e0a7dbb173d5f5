import Testing
import _TestSupport
@testable import LinearProgramming

/// The best value of a 0-1 knapsack by enumeration.
func bruteForceKnapsack(values: [Double], weights: [Double], capacity: Double) -> Double {
  var best = 0.0
  for mask in 0..<(1 << values.count) {
    var v = 0.0, w = 0.0
    for i in values.indices where mask & (1 << i) != 0 { v += values[i]; w += weights[i] }
    if w <= capacity { best = max(best, v) }
  }
  return best
}

@Test("a small knapsack reaches its known optimum 25")
func knapsack() {
  var lp = LinearProgram(sense: .maximize)
  let values = [10.0, 13, 7, 8], weights = [5.0, 7, 4, 5]
  let items = values.map { lp.addBinary(cost: $0) }
  lp.addConstraint(terms: zip(items, weights).map { ($0, $1) }, relation: .lessOrEqual, rhs: 14)
  let s = lp.solveMIP()
  #expect(s.status == .optimal)
  #expect(s.objective == 25)
  #expect(s.values.map { Approx.equal($0, [1, 0, 1, 1], absolute: 1e-9) } == true)
  #expect(bruteForceKnapsack(values: values, weights: weights, capacity: 14) == 25)
}

@Test("random knapsacks match enumeration", arguments: [1, 2, 3, 4, 5])
func randomKnapsack(seed: UInt64) {
  var state = seed &* 0x9E3779B97F4A7C15
  func next() -> Double { state ^= state << 13; state ^= state >> 7; state ^= state << 17; return Double(state % 1000) / 10 + 1 }
  let n = 12
  let values = (0..<n).map { _ in next() }, weights = (0..<n).map { _ in next() }
  let capacity = weights.reduce(0, +) / 3
  var lp = LinearProgram(sense: .maximize)
  let items = values.map { lp.addBinary(cost: $0) }
  lp.addConstraint(terms: zip(items, weights).map { ($0, $1) }, relation: .lessOrEqual, rhs: capacity)
  let s = lp.solveMIP()
  #expect(s.status == .optimal)
  #expect(Approx.equal(s.objective ?? 0, bruteForceKnapsack(values: values, weights: weights, capacity: capacity), relative: 1e-9))
}

@Test("general integers with an equality: min x + y with 3x + 5y = 23")
func generalIntegers() {
  // Integer solutions of 3x + 5y = 23 with x, y >= 0: (1, 4) and (6, 1); the cheaper is x + y = 5.
  var lp = LinearProgram()
  let x = lp.addVariable(cost: 1, isInteger: true), y = lp.addVariable(cost: 1, isInteger: true)
  lp.addConstraint(terms: [(x, 3), (y, 5)], relation: .equal, rhs: 23)
  let s = lp.solveMIP()
  #expect(s.status == .optimal)
  #expect(s.objective == 5)
}

@Test("a MIP with a feasible relaxation but no integral point is infeasible")
func integerInfeasible() {
  var lp = LinearProgram()
  let x = lp.addVariable(upper: 10, cost: 1, isInteger: true)
  lp.addConstraint(terms: [(x, 2)], relation: .equal, rhs: 3)
  let s = lp.solveMIP()
  #expect(s.status == .infeasible)
  #expect(s.values == nil)
}

@Test("the node limit stops the search with a status")
func nodeLimit() {
  var lp = LinearProgram(sense: .maximize)
  let n = 30
  let items = (0..<n).map { lp.addBinary(cost: Double(100 + $0 * 7 % 13)) }
  lp.addConstraint(terms: items.map { ($0, Double(50 + $0 * 11 % 17)) }, relation: .lessOrEqual, rhs: 700.5)
  var options = MIPOptions(); options.nodeLimit = 3; options.heuristics = false
  let s = lp.solveMIP(options: options)
  #expect(s.status == .iterationLimit || s.status == .optimal)
  #expect(s.nodes <= 3)
}

@Test("a child whose bound is repaired exactly by a bound flip is not called infeasible")
func boundFlipExactRepair() {
  // Regression: in the x0 >= 7 child the boxed x1 must move its whole range to repair x0; the
  // bound-flipping ratio test used to flip it, leave a rounding-size slope, and report infeasibility.
  var lp = LinearProgram()
  let x0 = lp.addVariable(cost: -1, isInteger: true)
  let x1 = lp.addVariable(upper: 1, cost: 8)
  let x2 = lp.addVariable(cost: 10, isInteger: true)
  lp.addConstraint(terms: [(x1, -1), (x0, 1), (x2, -1)], relation: .lessOrEqual, rhs: 3)
  lp.addConstraint(terms: [(x0, -3), (x2, -6), (x1, -4)], relation: .equal, rhs: -43)
  lp.addConstraint(terms: [(x0, 2)], relation: .greaterOrEqual, rhs: 8)
  var child = lp
  child.setBounds(x0, lower: 7, upper: .infinity)
  #expect(child.solve().status == .optimal)
  let s = lp.solveMIP()
  #expect(s.status == .optimal)
  #expect(s.objective.map { Approx.equal($0, 31, absolute: 1e-9) } == true)
}
