import Testing
@testable import Experiments

@Test func intervalContainsItsEstimate() {
  let ci = ConfidenceInterval(estimate: 1, lower: 0.5, upper: 1.5, level: 0.95)
  #expect(ci.contains(1) && !ci.contains(2) && ci.halfWidth == 0.5)
}
