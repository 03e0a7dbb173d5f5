import Testing
@testable import Experiments

/// `BestPolicyRule` stars a policy only when the paired t-interval of its difference from every
/// other policy excludes zero. The intervals are checked against hand computations:
/// t(0.975, 2) = 4.302653, t(0.975, 4) = 2.776445.
@Suite struct BestPolicyRuleTests {
  let rule = BestPolicyRule()

  @Test func aTieGetsNoStar() {
    let same = [10.0, 12, 11, 9]
    #expect(rule.best(of: [same, same, same], higherIsBetter: false) == nil)
    #expect(rule.best(of: [same, same], higherIsBetter: true) == nil)
  }

  /// Differences 1, 2, 3: mean 2, sd 1, half-width 4.302653 / √3 = 2.484138, so the interval
  /// [−0.484, 4.484] contains 0: the lower mean is not significantly lower.
  @Test func aLeadWithinNoiseGetsNoStar() throws {
    let a = [10.0, 20, 30], b = [11.0, 22, 33]
    let ci = try #require(rule.differenceInterval(b, a))
    #expect(abs(ci.lower - (2 - 2.484138)) < 1e-5 && abs(ci.upper - (2 + 2.484138)) < 1e-5)
    #expect(rule.best(of: [a, b], higherIsBetter: false) == nil)
  }

  /// Differences 0.9, 1, 1.1: mean 1, sd 0.1, half-width 0.248414, interval [0.752, 1.248].
  @Test func aClearLeadGetsTheStar() throws {
    let a = [10.0, 20, 30], b = [10.9, 21, 31.1]
    let ci = try #require(rule.differenceInterval(b, a))
    #expect(abs(ci.lower - 0.751586) < 1e-5 && abs(ci.upper - 1.248414) < 1e-5)
    #expect(rule.best(of: [b, a], higherIsBetter: false) == 1)
    #expect(rule.best(of: [a, b], higherIsBetter: true) == 1)
  }

  /// The best must beat every other policy: clearly better than one but tied with a second
  /// gives no star, even though it has the best mean.
  @Test func theBestMustBeatEveryOtherPolicy() {
    let best = [10.0, 20, 30], clearlyWorse = [15.0, 25, 35], almostAsGood = [10.5, 19.8, 30.1]
    #expect(rule.best(of: [clearlyWorse, best], higherIsBetter: false) == 1)
    #expect(rule.best(of: [clearlyWorse, best, almostAsGood], higherIsBetter: false) == nil)
  }

  @Test func oneReplicationOrOnePolicyGivesNoStar() {
    #expect(rule.best(of: [[1.0], [100.0]], higherIsBetter: false) == nil)
    #expect(rule.differenceInterval([1.0], [100.0]) == nil)
    #expect(rule.best(of: [[1.0, 2, 3]], higherIsBetter: false) == nil)
    #expect(rule.best(of: [[.nan, 2], [3, 4]], higherIsBetter: false) == nil)
  }

  /// A stricter level widens the interval: differences 1, 1.5, 0.5, 1.2, 0.8 (mean 1,
  /// sd 0.380789) give a 95% half-width of 0.472813 (significant) and a 99.9% half-width of
  /// t(0.9995, 4) = 8.610302 × 0.170294 = 1.466277 (not significant).
  @Test func theLevelDecides() {
    let a = [0.0, 0, 0, 0, 0], b = [1.0, 1.5, 0.5, 1.2, 0.8]
    #expect(BestPolicyRule(level: 0.95).best(of: [a, b], higherIsBetter: false) == 0)
    #expect(BestPolicyRule(level: 0.999).best(of: [a, b], higherIsBetter: false) == nil)
  }

  @Test func theStatementNamesTheTestOrWhyThereIsNone() {
    let many = rule.statement(replications: 10)
    #expect(many.contains("paired t-interval at 95%") && many.contains("10 replications") && many.contains("excludes 0"))
    let one = rule.statement(replications: 1)
    #expect(one.contains("one replication") && !one.contains("★ ="))
    #expect(BestPolicyRule.percent(0.95) == "95%" && BestPolicyRule.percent(0.995) == "99.5%")
  }
}
