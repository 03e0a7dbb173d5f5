import Testing
@testable import EventEngine

@Test func phasesRunReceiptsBeforeDemandBeforeReviewBeforeAccrual() {
  #expect(EventPhase.allCases.sorted() == [.disruption, .receipt, .demand, .review, .accrual])
}
