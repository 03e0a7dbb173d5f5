import Testing
@testable import Scenarios

@Test func errorNamesFilePathAndProblem() {
  let e = ScenarioError(file: "q.json", path: "skus[3].leadTime.mean", problem: "must be >= 0, got -2")
  #expect(e.description == "q.json: skus[3].leadTime.mean: must be >= 0, got -2")
}
