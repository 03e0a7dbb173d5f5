import Foundation
import Testing
import LinearProgramming

@Suite struct ReplenishmentInstanceValidationTests {
  func instance() -> ReplenishmentInstance {
    ReplenishmentInstance(name: "small", K: 2, T: 3, L: 1, unitCost: [1, 2], holdingCost: [0.1, 0.2], backlogCost: [3, 4],
                          demand: [[1, 2, 3], [4, 5, 6]], capacity: [10, 10, 10], initialInventory: [0, 0])
  }

  @Test func consistentInstanceHasNoProblems() {
    #expect(instance().problems().isEmpty)
  }

  @Test func raggedShortOrNonFiniteArraysNameTheirPath() {
    var a = instance()
    a.demand[1].removeLast()
    #expect(a.problems().map(\.path) == ["demand[1]"])
    var b = instance()
    b.K = 3
    #expect(b.problems().first?.description == "unit_cost: must have K = 3 entries, one per SKU, got 2")
    var c = instance()
    c.T = 0
    c.L = -1
    c.capacity[0] = .infinity
    #expect(c.problems().map(\.path).prefix(3) == ["T", "L", "demand[0]"])
    #expect(c.problems().contains { $0.path == "capacity[0]" })
  }

  /// Finite data whose balance right-hand side overflows trapped building the LP (fuzz finding).
  @Test func aBalanceRightHandSideBeyondTheRangeNamesTheDemand() {
    var a = instance()
    a.demand[1][0] = -1e308
    a.initialInventory[1] = 1e308
    #expect(a.problems().map(\.path) == ["demand[1][0]"])
    var b = instance()
    b.pipeline = [[0, 1e308], [0, 0]]
    b.demand[0][1] = -1e308
    #expect(b.problems().first?.description.hasPrefix("demand[0][1]: with the initial stock and pipeline of SKU 0, period 2's") == true)
  }

  @Test func decodingRejectsAnInstanceThatWouldNotBuild() throws {
    let text = #"{"name": "x", "K": 1, "T": 2, "L": 0, "unit_cost": [1], "holding_cost": [1], "backlog_cost": [1], "demand": [[1]], "capacity": [1, 1], "initial_inventory": [0]}"#
    let error = #expect(throws: DecodingError.self) { try JSONDecoder().decode(ReplenishmentInstance.self, from: Data(text.utf8)) }
    guard case .dataCorrupted(let context)? = error else { Issue.record("expected dataCorrupted"); return }
    #expect(context.debugDescription == "demand[0]: must have T = 2 periods, got 1")
    let fixed = text.replacingOccurrences(of: "[[1]]", with: "[[1, 2]]")
    let decoded = try JSONDecoder().decode(ReplenishmentInstance.self, from: Data(fixed.utf8))
    #expect(decoded.T == 2)
  }
}
