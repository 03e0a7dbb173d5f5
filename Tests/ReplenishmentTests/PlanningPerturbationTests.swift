import Testing
@testable import Replenishment
import SupplyModel

/// The power study's injected planning errors change exactly the planned quantity they name.
@Suite struct PlanningPerturbationTests {
  static let data = (0..<4).map { k in
    PlanningData(meanPerDay: [0.4, 3, 12, 40][k], variancePerDay: [0.4, 3, 20, 60][k], leadTimeMean: 5, leadTimeVariance: 1, exactPoisson: false,
                 costs: CostRates(unitCost: 1, holdingCostPerUnitDay: 0.01, backorderCostPerUnitDay: 0.5, lostSalePenaltyPerUnit: 0, orderCost: 20),
                 unmetDemand: .backorder)
  }

  static func spec(_ family: PolicyFamily, _ perturbation: PlanningPerturbation? = nil, review: Int = 1) -> PolicySpecification {
    var s = PolicySpecification(name: "p", family: family, target: .cycleServiceLevel(0.95), reviewPeriod: review)
    s.perturbation = perturbation
    return s
  }

  @Test func levelOffsetMovesEveryReorderPointAndOrderUpToLevelByOneUnit() {
    guard case let .reorderPoint(clean) = PolicyPlanner.plan(Self.spec(.sQ), data: Self.data),
          case let .reorderPoint(bug) = PolicyPlanner.plan(Self.spec(.sQ, .levelOffset(-1)), data: Self.data) else { Issue.record("not (s,Q)"); return }
    #expect(zip(clean.reorderPoint, bug.reorderPoint).allSatisfy { $0 - 1 == $1 })
    #expect(clean.orderQuantity == bug.orderQuantity)
    guard case let .orderUpTo(cleanS) = PolicyPlanner.plan(Self.spec(.RS, review: 7), data: Self.data),
          case let .orderUpTo(bugS) = PolicyPlanner.plan(Self.spec(.RS, .levelOffset(-1), review: 7), data: Self.data) else { Issue.record("not (R,S)"); return }
    #expect(zip(cleanS.level, bugS.level).allSatisfy { $0 - 1 == $1 })
  }

  @Test func safetyStockLeadTimeReviewAndLotErrorsReachThePlan() {
    guard case let .minMax(clean) = PolicyPlanner.plan(Self.spec(.sS), data: Self.data),
          case let .minMax(thin) = PolicyPlanner.plan(Self.spec(.sS, .safetyStockScale(0.9)), data: Self.data),
          case let .minMax(late) = PolicyPlanner.plan(Self.spec(.sS, .reviewPeriodOffset(1)), data: Self.data),
          case let .minMax(big) = PolicyPlanner.plan(Self.spec(.sS, .lotSizeScale(1.1)), data: Self.data) else { Issue.record("not (s,S)"); return }
    // Safety stock mean + z·sd shrinks by 10%: the fast movers' s falls, none rises.
    #expect(zip(clean.minimum, thin.minimum).allSatisfy { $1 <= $0 } && thin.minimum[3] < clean.minimum[3])
    // Reviewed every 2 days with levels planned for daily review.
    #expect(late.reviewPeriod == 2 && late.minimum == clean.minimum && late.maximum == clean.maximum)
    #expect(zip(clean.maximum.indices, big.maximum).allSatisfy { k, s in s - big.minimum[k] >= clean.maximum[k] - clean.minimum[k] })
    let short = PlanningPerturbation.leadTimeOffset(-1).planningData(Self.data)
    #expect(short.map(\.leadTimeMean) == [4, 4, 4, 4])
    guard case let .minMax(early) = PolicyPlanner.plan(Self.spec(.sS), data: short) else { return }
    #expect(zip(clean.minimum, early.minimum).allSatisfy { $1 <= $0 } && early.minimum[3] < clean.minimum[3])
  }

  @Test func perturbationsApplyOnlyWhereThePolicyHasTheQuantity() {
    #expect(!PlanningPerturbation.reviewPeriodOffset(1).applies(to: Self.spec(.sQ)))
    #expect(!PlanningPerturbation.lotSizeScale(1.1).applies(to: Self.spec(.RS, review: 7)))
    #expect(!PlanningPerturbation.forecastBias(1.05).applies(to: Self.spec(.sS)))
    #expect(!PlanningPerturbation.levelOffset(-1).applies(to: Self.spec(.lp)))
    #expect(PlanningPerturbation.leadTimeOffset(-1).applies(to: Self.spec(.lp)))
    // An inapplicable perturbation leaves the plan as it was.
    guard case let .reorderPoint(a) = PolicyPlanner.plan(Self.spec(.sQ), data: Self.data),
          case let .reorderPoint(b) = PolicyPlanner.plan(Self.spec(.sQ, .reviewPeriodOffset(1)), data: Self.data) else { return }
    #expect(a.reorderPoint == b.reorderPoint && a.orderQuantity == b.orderQuantity)
  }
}
