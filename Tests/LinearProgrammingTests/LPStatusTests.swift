import Testing
@testable import LinearProgramming

@Test func statusEncodesAsItsName() {
  #expect(LPStatus.infeasible.rawValue == "infeasible")
}
