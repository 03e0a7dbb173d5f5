import Foundation
import Testing
import _TestSupport
@testable import LinearProgramming

/// Reads the fixture instances and their reference optima.
enum Fixture {
  static let directory = SourceTree.root() + "/Tests/LinearProgrammingTests/Fixtures/"

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
