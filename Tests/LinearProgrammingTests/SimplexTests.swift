import Testing
import _TestSupport
@testable import LinearProgramming

@Test("three products: the cheap two fill the demand")
func threeProducts() {
  var lp = LinearProgram()
  let x1 = lp.addVariable(name: "x1", upper: 100, cost: 10)
  let x2 = lp.addVariable(name: "x2", upper: 200, cost: 20)
  let x3 = lp.addVariable(name: "x3", upper: 150, cost: 30)
  lp.addConstraint(name: "demand", terms: [(x1, 1), (x2, 1), (x3, 1)], relation: .greaterOrEqual, rhs: 200)
  let s = lp.solve()
  #expect(s.status == .optimal)
  #expect(Approx.equal(s.objective, 3000, relative: 1e-12))
  #expect(Approx.equal(s.values, [100, 100, 0], absolute: 1e-9))
  #expect(Approx.equal(s.duals[0], 20, absolute: 1e-9))
  #expect(Approx.equal(s.reducedCosts, [-10, 0, 10], absolute: 1e-9))
}

@Test("textbook maximisation solves to its vertex")
func textbookMax() {
  // max 3x + 5y, x <= 4, 2y <= 12, 3x + 2y <= 18  ->  x = 2, y = 6, z = 36.
  var lp = LinearProgram(sense: .maximize)
  let x = lp.addVariable(cost: 3), y = lp.addVariable(cost: 5)
  lp.addConstraint(terms: [(x, 1)], relation: .lessOrEqual, rhs: 4)
  lp.addConstraint(terms: [(y, 2)], relation: .lessOrEqual, rhs: 12)
  lp.addConstraint(terms: [(x, 3), (y, 2)], relation: .lessOrEqual, rhs: 18)
  let s = lp.solve()
  #expect(s.status == .optimal)
  #expect(Approx.equal(s.objective, 36, relative: 1e-12))
  #expect(Approx.equal(s.values, [2, 6], absolute: 1e-9))
  #expect(Approx.equal(s.duals, [0, 1.5, 1], absolute: 1e-9))
}

@Test("Beale's 1955 cycling example reaches -0.05")
func bealeCycling() {
  // min -3/4 x4 + 150 x5 - 1/50 x6 + 6 x7
  //  1/4 x4 - 60 x5 - 1/25 x6 + 9 x7 <= 0
  //  1/2 x4 - 90 x5 - 1/50 x6 + 3 x7 <= 0
  //                        x6        <= 1      optimum x = (1/25, 0, 1, 0), objective -1/20.
  var lp = LinearProgram()
  let x4 = lp.addVariable(cost: -0.75), x5 = lp.addVariable(cost: 150)
  let x6 = lp.addVariable(cost: -0.02), x7 = lp.addVariable(cost: 6)
  lp.addConstraint(terms: [(x4, 0.25), (x5, -60), (x6, -0.04), (x7, 9)], relation: .lessOrEqual, rhs: 0)
  lp.addConstraint(terms: [(x4, 0.5), (x5, -90), (x6, -0.02), (x7, 3)], relation: .lessOrEqual, rhs: 0)
  lp.addConstraint(terms: [(x6, 1)], relation: .lessOrEqual, rhs: 1)
  let s = lp.solve()
  #expect(s.status == .optimal)
  #expect(Approx.equal(s.objective, -0.05, relative: 1e-9))
  #expect(Approx.equal(s.values, [0.04, 0, 1, 0], absolute: 1e-9))
}

@Test("the textbook variant of Beale's example (20 x5 - 1/2 x6) reaches -1.25")
func bealeTextbookVariant() {
  // With coefficients 20, -1/2, -8, -1, -12, -1/2 the optimum is x4 = x6 = 1, objective -5/4
  // (checked independently); -0.05 belongs to Beale's original coefficients above.
  var lp = LinearProgram()
  let x4 = lp.addVariable(cost: -0.75), x5 = lp.addVariable(cost: 20)
  let x6 = lp.addVariable(cost: -0.5), x7 = lp.addVariable(cost: 6)
  lp.addConstraint(terms: [(x4, 0.25), (x5, -8), (x6, -1), (x7, 9)], relation: .lessOrEqual, rhs: 0)
  lp.addConstraint(terms: [(x4, 0.5), (x5, -12), (x6, -0.5), (x7, 3)], relation: .lessOrEqual, rhs: 0)
  lp.addConstraint(terms: [(x6, 1)], relation: .lessOrEqual, rhs: 1)
  let s = lp.solve()
  #expect(s.status == .optimal)
  #expect(Approx.equal(s.objective, -1.25, relative: 1e-9))
  #expect(lp.maximumViolation(s.values) < 1e-9)
}

@Test("an infeasible LP is reported as a status")
func infeasible() {
  var lp = LinearProgram()
  let x = lp.addVariable(cost: 1), y = lp.addVariable(cost: 1)
  lp.addConstraint(terms: [(x, 1), (y, 1)], relation: .lessOrEqual, rhs: 1)
  lp.addConstraint(terms: [(x, 1), (y, 1)], relation: .greaterOrEqual, rhs: 2)
  let s = lp.solve()
  #expect(s.status == .infeasible)
  #expect(s.message.contains("infeasible"))
}

@Test("an unbounded LP is reported as a status")
func unbounded() {
  var lp = LinearProgram(sense: .maximize)
  let x = lp.addVariable(cost: 1), y = lp.addVariable(cost: 1)
  lp.addConstraint(terms: [(x, 1), (y, -1)], relation: .lessOrEqual, rhs: 1)
  let s = lp.solve()
  #expect(s.status == .unbounded)
  #expect(s.message.contains("unbounded"))
}

@Test("equality rows and free variables")
func equalityAndFree() {
  // min x + 2y + 0z,  x + y + z = 10,  x - y = 2 (x, y free), z in [0, 4]  -> z = 4, x = 4, y = 2, obj 8.
  var lp = LinearProgram()
  let x = lp.addVariable(lower: -.infinity, cost: 1)
  let y = lp.addVariable(lower: -.infinity, cost: 2)
  let z = lp.addVariable(lower: 0, upper: 4, cost: 0)
  lp.addConstraint(terms: [(x, 1), (y, 1), (z, 1)], relation: .equal, rhs: 10)
  lp.addConstraint(terms: [(x, 1), (y, -1)], relation: .equal, rhs: 2)
  let s = lp.solve()
  #expect(s.status == .optimal)
  #expect(Approx.equal(s.objective, 8, absolute: 1e-9))
  #expect(Approx.equal(s.values, [4, 2, 4], absolute: 1e-9))
}

@Test("degenerate vertex with redundant rows")
func degenerate() {
  // max x + y with many constraints through (1, 1).
  var lp = LinearProgram(sense: .maximize)
  let x = lp.addVariable(cost: 1), y = lp.addVariable(cost: 1)
  lp.addConstraint(terms: [(x, 1)], relation: .lessOrEqual, rhs: 1)
  lp.addConstraint(terms: [(y, 1)], relation: .lessOrEqual, rhs: 1)
  lp.addConstraint(terms: [(x, 1), (y, 1)], relation: .lessOrEqual, rhs: 2)
  lp.addConstraint(terms: [(x, 2), (y, 1)], relation: .lessOrEqual, rhs: 3)
  lp.addConstraint(terms: [(x, 1), (y, 2)], relation: .lessOrEqual, rhs: 3)
  lp.addConstraint(terms: [(x, 1), (y, -1)], relation: .equal, rhs: 0)
  let s = lp.solve()
  #expect(s.status == .optimal)
  #expect(Approx.equal(s.objective, 2, absolute: 1e-9))
}

@Test("the iteration limit is a status with a message")
func iterationLimit() {
  var lp = LinearProgram(sense: .maximize)
  let x = (0..<5).map { lp.addVariable(upper: 10, cost: Double($0 + 1)) }
  for i in 0..<5 { lp.addConstraint(terms: x.map { ($0, Double(($0 + i) % 3 + 1)) }, relation: .lessOrEqual, rhs: 20) }
  var options = SimplexOptions(); options.iterationLimit = 1
  let s = lp.solve(options: options)
  #expect(s.status == .iterationLimit)
  #expect(s.message.contains("iteration limit"))
}

@Test("ranged rows and boxed variables: bound flips in the dual ratio test")
func rangedAndBoxed() {
  // min -x - y - z with 2 <= x + y + z <= 2.5 (ranged), x, y, z in [0, 1]: optimum -2.5.
  var lp = LinearProgram()
  let v = (0..<3).map { _ in lp.addVariable(upper: 1, cost: -1) }
  let row = lp.addConstraint(terms: v.map { ($0, 1) }, relation: .lessOrEqual, rhs: 2.5)
  lp.constraints[row].range = 0.5
  let s = lp.solve()
  #expect(s.status == .optimal)
  #expect(Approx.equal(s.objective, -2.5, absolute: 1e-9))
  // Tighten to an equality at 0.5 and warm start: the dual simplex flips boxed variables down.
  var tight = lp
  tight.constraints[row].range = nil; tight.constraints[row].relation = .equal; tight.setRHS(row, 0.5)
  let warm = tight.solve(warmStart: s.basis)
  #expect(warm.status == .optimal)
  #expect(Approx.equal(warm.objective, -0.5, absolute: 1e-9))
  #expect(tight.maximumViolation(warm.values) < 1e-9)
}

@Test("a warm start with a basis of the wrong size is repaired, not trusted")
func badWarmStart() {
  var lp = LinearProgram()
  let x = lp.addVariable(upper: 100, cost: 10), y = lp.addVariable(upper: 200, cost: 20)
  lp.addConstraint(terms: [(x, 1), (y, 1)], relation: .greaterOrEqual, rhs: 150)
  let allBasic = Basis(variables: [.basic, .basic], constraints: [.basic])
  let s = lp.solve(warmStart: allBasic)
  #expect(s.status == .optimal)
  #expect(Approx.equal(s.objective, 2000, relative: 1e-12))
  #expect(s.basis.basicCount == 1)
}
