import Foundation
import Testing
import _TestSupport
@testable import LinearProgramming

/// Reads the fixture instances and their reference optima.
enum Fixture {
  static let directory = SourceTree.root() + "/scenarios/lp/bench/"

  static func instance(_ name: String) throws -> ReplenishmentInstance {
    let data = try Data(contentsOf: URL(fileURLWithPath: directory + name + ".json"))
    return try JSONDecoder().decode(ReplenishmentInstance.self, from: data)
  }

  struct Reference: Decodable { var objective: Double; var variables: Int }

  static func reference(_ name: String) throws -> Reference {
    let data = try Data(contentsOf: URL(fileURLWithPath: directory + "reference-optima.json"))
    return try JSONDecoder().decode([String: Reference].self, from: data)[name]!
  }
}

@Test("fixture instances solve to the reference optimum", arguments: ["LP-1_K10_T30", "LP-1_K100_T30"])
func fixtureOptimum(name: String) throws {
  let instance = try Fixture.instance(name)
  let reference = try Fixture.reference(name)
  let lp = ReplenishmentLP.make(instance)
  #expect(lp.variableCount == reference.variables)
  let s = lp.solve()
  #expect(s.status == .optimal)
  #expect(Approx.equal(s.objective, reference.objective, relative: 1e-9), "\(s.objective) vs \(reference.objective)")
  #expect(lp.maximumViolation(s.values) < 1e-6)
}

@Test("the decomposition crash start reaches the same optimum", arguments: ["LP-1_K10_T30", "LP-1_K100_T30"])
func crashStart(name: String) throws {
  let instance = try Fixture.instance(name)
  let reference = try Fixture.reference(name)
  let lp = ReplenishmentLP.make(instance)
  let s = ReplenishmentLP.solve(lp, instance: instance)
  #expect(s.status == .optimal)
  #expect(Approx.equal(s.objective, reference.objective, relative: 1e-9), "\(s.objective) vs \(reference.objective)")
}

@Test("a warm start after one period's demand change matches a cold solve in fewer iterations")
func warmStartAfterDemandChange() throws {
  var instance = try Fixture.instance("LP-1_K100_T30")
  var lp = ReplenishmentLP.make(instance)
  let first = lp.solve()
  #expect(first.status == .optimal)
  // Raise SKU 3's demand in period 5 by 40% and every SKU's period-1 demand by 5%.
  instance.demand[3][4] *= 1.4
  for k in 0..<instance.K { instance.demand[k][0] *= 1.05 }
  for k in 0..<instance.K {
    for t in [1, 5] {
      lp.setRHS(ReplenishmentLP.balanceRow(sku: k, period: t, periods: instance.T),
                ReplenishmentLP.balanceRHS(instance, sku: k, period: t))
    }
  }
  let warm = lp.solve(warmStart: first.basis)
  let cold = lp.solve()
  #expect(warm.status == .optimal && cold.status == .optimal)
  #expect(Approx.equal(warm.objective, cold.objective, relative: 1e-9), "\(warm.objective) vs \(cold.objective)")
  #expect(warm.iterations * 10 < cold.iterations, "warm \(warm.iterations) vs cold \(cold.iterations)")
  #expect(lp.maximumViolation(warm.values) < 1e-6)
}

@Test("a warm start after a cost change finishes with the primal simplex")
func warmStartAfterCostChange() throws {
  let instance = try Fixture.instance("LP-1_K10_T30")
  var lp = ReplenishmentLP.make(instance)
  let first = lp.solve()
  for k in 0..<instance.K {
    lp.setCost(ReplenishmentLP.orderVariable(sku: k, period: 3, periods: instance.T), instance.unitCost[k] * 0.5)
  }
  let warm = lp.solve(warmStart: first.basis)
  let cold = lp.solve()
  #expect(warm.status == .optimal)
  #expect(Approx.equal(warm.objective, cold.objective, relative: 1e-9), "\(warm.objective) vs \(cold.objective)")
  #expect(warm.iterations < cold.iterations)
}

@Test("row prices and reduced costs certify the K10 optimum (strong duality, dual feasibility)")
func dualCertificate() throws {
  let instance = try Fixture.instance("LP-1_K10_T30")
  let lp = ReplenishmentLP.make(instance)
  let s = lp.solve()
  #expect(s.status == .optimal)
  // All variables have lower bound 0 and no upper bound, so the dual objective is rhs . y.
  var dualObjective = 0.0
  for (i, c) in lp.constraints.enumerated() { dualObjective += c.rhs * s.duals[i] }
  #expect(Approx.equal(dualObjective, s.objective, relative: 1e-9), "\(dualObjective) vs \(s.objective)")
  #expect(s.reducedCosts.allSatisfy { $0 >= -1e-9 })
  for i in instance.T * instance.K..<lp.constraintCount { #expect(s.duals[i] <= 1e-9) }  // capacity rows (<=, min)
  for j in 0..<lp.variableCount { #expect(abs(s.reducedCosts[j] * s.values[j]) < 1e-6) }
}

@Test("LPBenchmark reports the reference objective and a successful warm re-solve")
func benchmarkSmall() throws {
  let instance = try Fixture.instance("LP-1_K10_T30")
  let reference = try Fixture.reference("LP-1_K10_T30")
  let r = LPBenchmark.run(instance)
  #expect(r.coldStatus == .optimal && r.warmStatus == .optimal)
  #expect(Approx.equal(r.objective, reference.objective, relative: 1e-9))
  #expect(r.warmObjective > r.objective)  // more demand costs more
  #expect(r.warmIterations < r.iterations)
}

@Test("a rolling-horizon shift warm-starts from the shifted basis to the cold optimum")
func rollingShift() throws {
  let instance = try Fixture.instance("LP-1_K10_T30")
  let today = ReplenishmentLP.make(instance)
  let solved = today.solve()
  var next = instance
  for k in 0..<instance.K { next.demand[k] = Array(instance.demand[k].dropFirst()) + [instance.demand[k].last!] }
  next.capacity = Array(instance.capacity.dropFirst()) + [instance.capacity.last!]
  let tomorrow = ReplenishmentLP.make(next)
  let shifted = ReplenishmentLP.shiftedBasis(solved.basis, skus: instance.K, periods: instance.T)
  let warm = tomorrow.solve(warmStart: shifted)
  let cold = tomorrow.solve()
  #expect(warm.status == .optimal)
  #expect(Approx.equal(warm.objective, cold.objective, relative: 1e-9), "\(warm.objective) vs \(cold.objective)")
  #expect(warm.iterations < cold.iterations, "warm \(warm.iterations) vs cold \(cold.iterations)")
}
