import Testing
import Foundation
@testable import Experiments
import Stochastics
import SupplyModel

/// The statistics of the CI gate: p-values of changes, degenerate cases, the family-wise
/// corrections, and the validity of the sign-flip test under a change that only redraws.
@Suite struct GateStatisticsTests {
  @Test func pairedPValueIsTheOneSidedStudentTail() throws {
    // d = 1, 2, 0, 3: mean 1.5, sd 1.291, se 0.6455, t = 2.324 on 3 df: one-sided p = 0.0514.
    let c = ChangeInterval(baseline: [10, 20, 30, 40], now: [11, 22, 30, 43], paired: true, level: 0.95)
    let rise = try #require(c.pValue(direction: .noIncrease))
    #expect(abs(rise - 0.05142) < 2e-4, "\(rise)")
    #expect(abs(try #require(c.pValue(direction: .noDecrease)) - (1 - rise)) < 1e-12)
    #expect(abs(try #require(c.pValue(direction: .bothWays)) - 2 * rise) < 1e-12)
    #expect(abs(try #require(c.standardizedEffect) - 1.5 / 1.2909944) < 1e-6)
  }

  @Test func degenerateDifferencesNeverDivideByZero() {
    // Every replication moved by the same amount: a change of behaviour, p = 0, in its direction only.
    let same = ChangeInterval(baseline: [1, 2, 3, 4, 5], now: [2, 3, 4, 5, 6], paired: true, level: 0.95)
    #expect(same.pValue(direction: .noIncrease) == 0 && same.pValue(direction: .noDecrease) == 1)
    #expect(same.standardizedEffect == nil && same.tStatistic == nil)
    // Unchanged: p = 1 both ways.
    let none = ChangeInterval(baseline: [1, 2, 3], now: [1, 2, 3], paired: true, level: 0.95)
    #expect(none.pValue(direction: .noIncrease) == 1 && none.pValue(direction: .bothWays) == 1)
    // Rounding-level differences are no change.
    let rounding = ChangeInterval(baseline: [1e6, 2e6], now: [1e6 + 1e-6, 2e6 + 1e-6], paired: true, level: 0.95)
    #expect(rounding.change == 0 && rounding.pValue(direction: .noIncrease) == 1)
    // One replication: no test.
    #expect(ChangeInterval(baseline: [1], now: [2], paired: true, level: 0.95).pValue(direction: .noIncrease) == nil)
  }

  @Test func holmAndBonferroniAdjustLikeTheTextbook() {
    let p = [0.01, 0.04, 0.03, 0.005]
    #expect(BaselineCheck.adjustedPValues(p, method: .bonferroni) == [0.04, 0.16, 0.12, 0.02])
    // Sorted 0.005, 0.01, 0.03, 0.04 → 4·0.005, 3·0.01, 2·0.03, 1·0.04 with the running maximum.
    let holm = BaselineCheck.adjustedPValues(p, method: .holm)
    for (a, b) in zip(holm, [0.03, 0.06, 0.06, 0.02]) { #expect(abs(a - b) < 1e-12) }
    #expect(BaselineCheck.adjustedPValues(p, method: .none) == p)
  }

  @Test func signFlipPValuesAreExactForSmallCases() {
    // Ten consistent rises: only the identity is as extreme; zeros give p = 1.
    let up = (1...10).map(Double.init)
    let r = SignFlipTest.pValues([up, Array(repeating: 0, count: 10)], directions: [.noIncrease, .noIncrease])
    #expect(r.raw == [1.0 / 1024, 1])
    #expect(r.adjusted[0] == 1.0 / 1024 && r.adjusted[1] == 1)
    // Six rises and four unchanged replications: the four can be flipped freely, p = 16/1024.
    let some = [0, 0, 1, 2, 1, 2, 0, 0, 5, 0.5]
    #expect(SignFlipTest.pValues([some], directions: [.noIncrease]).raw == [16.0 / 1024])
    // A fall is not a rise, but it is a change.
    let down = up.map { -$0 }
    #expect(SignFlipTest.pValues([down], directions: [.noIncrease]).raw == [1])
    #expect(SignFlipTest.pValues([down], directions: [.noDecrease]).raw == [1.0 / 1024])
    #expect(SignFlipTest.pValues([down], directions: [.bothWays]).raw == [2.0 / 1024])
    #expect(SignFlipTest.minimumReplications(alpha: 0.05) == 9)
  }

  @Test func westfallYoungNeverExceedsBonferroniOfTheSameMarginals() {
    var rng = Xoshiro256(seed: 11)
    let normal = Normal(mean: 0.3, standardDeviation: 1)
    let common = (0..<10).map { _ in normal.sample(using: &rng) }
    let family = (0..<8).map { j in common.map { $0 + 0.3 * Double(j % 3) * normal.sample(using: &rng) } }
    let r = SignFlipTest.pValues(family, directions: Array(repeating: .noIncrease, count: 8))
    for (raw, adjusted) in zip(r.raw, r.adjusted) {
      #expect(adjusted >= raw && adjusted <= min(1, 8 * raw) + 1e-12)
    }
  }

  /// Under a change that only redraws the random numbers, each replication's differences are
  /// symmetric about 0 (here: skewed, zero-inflated, correlated KPIs); the family-wise false
  /// alarm rate at 5% must stay at most 5% (within 3 standard errors of 400 trials).
  @Test func signFlipFamilyKeepsItsLevelUnderARedraw() {
    var rng = Xoshiro256(seed: 2026)
    let trials = 400
    var alarms = 0
    for _ in 0..<trials {
      // 10 replications × 6 KPIs: X and X' drawn alike, so d = X' − X is symmetric.
      func draw() -> [Double] {
        let shock = Exponential(rate: 1).sample(using: &rng)
        let any = Double(rng.next() % 3 == 0 ? 1 : 0)
        return [shock * any, shock * any * 2, shock + 0.1 * Exponential(rate: 1).sample(using: &rng), -shock * any, shock * shock, Double(rng.next() % 4)]
      }
      let pairs = (0..<10).map { _ in (draw(), draw()) }
      let family = (0..<6).map { j in pairs.map { $0.1[j] - $0.0[j] } }
      let r = SignFlipTest.pValues(family, directions: [.noIncrease, .noIncrease, .noIncrease, .noDecrease, .noIncrease, .bothWays])
      if r.adjusted.contains(where: { $0 <= 0.05 }) { alarms += 1 }
    }
    let rate = Double(alarms) / Double(trials)
    #expect(rate <= 0.05 + 3 * (0.05 * 0.95 / Double(trials)).squareRoot(), "false alarms \(alarms)/\(trials)")
  }

  @Test func checkFailsOnAConsistentWorseningAndNeverOnIdenticalRuns() {
    let before = (0..<10).map { 100 + Double($0) }
    let baseline = Baseline(supplysimVersion: "", scenarioName: "s", scenarioFile: "s.json", scenarioHash: "", seed: 1, replications: 10,
                            policies: [BaselinePolicy(name: "p", kpis: [("stockoutDays", before), ("fillRate", before.map { $0 / 200 })])])
    let same = BaselineCheck.judge(baseline.policies, against: baseline, paired: true, rules: RuleSet())
    #expect(same.statistical == 2 && same.verdicts.allSatisfy { $0.outcome == .pass && $0.adjustedPValue == 1 })
    // One more stockout day in every replication: no spread at all, still a significant rise.
    let worse = BaselinePolicy(name: "p", kpis: [("stockoutDays", before.map { $0 + 1 }), ("fillRate", before.map { $0 / 200 })])
    let judged = BaselineCheck.judge([worse], against: baseline, paired: true, rules: RuleSet())
    let stockouts = judged.verdicts.first { $0.kpi == "stockoutDays" }!
    #expect(stockouts.outcome == .fail && stockouts.test == "sign flips, Westfall–Young over 2")
    #expect(stockouts.message.contains("every replication changed by the same amount; worse in 10 of 10 replications, better in 0"))
    // The interval the sign-flip test implies: a constant +1 leaves every flipped-set mean at 1.
    #expect(stockouts.message.hasSuffix("; 95% sign-flip interval of the mean change [1, ∞)"), "\(stockouts.message)")
    // With five replications sign flips cannot resolve 5%; the paired t-test decides, and a
    // constant shift (zero variance) has p = 0 rather than a division by zero.
    let five = Baseline(supplysimVersion: "", scenarioName: "s", scenarioFile: "s.json", scenarioHash: "", seed: 1, replications: 5,
                        policies: [BaselinePolicy(name: "p", kpis: [("stockoutDays", Array(before.prefix(5)))])])
    let shifted = BaselineCheck.judge([BaselinePolicy(name: "p", kpis: [("stockoutDays", before.prefix(5).map { $0 + 1 })])], against: five, paired: true, rules: RuleSet())
    #expect(shifted.verdicts[0].outcome == .fail && shifted.verdicts[0].pValue == 0 && shifted.verdicts[0].test == "paired t")
  }

  /// The case by hand: six replications 10 worse, four unchanged. Of the 1,023 nonempty
  /// flipped sets, 15 hold only zeros (mean 0), 6 have mean 10/5 = 2, 24 mean 10/4 = 2.5, and
  /// 15 + 36 mean 20/6 = 10/3; 1 + c > 0.05 · 1024 first for c = 51, which falls among the 10/3.
  @Test func signFlipIntervalIsTheHandCountedSubsetMean() {
    let e = [10.0, 0, 10, 10, 0, 10, 0, 10, 10, 0]
    let rise = SignFlipTest.interval(e, direction: .noIncrease, level: 0.95)
    #expect(abs(rise.lower - 10.0 / 3) < 1e-12 && rise.upper == .infinity && rise.estimate == 6)
    // Mirrored: the same evidence of a fall.
    let fall = SignFlipTest.interval(e.map { -$0 }, direction: .noDecrease, level: 0.95)
    #expect(abs(fall.upper + 10.0 / 3) < 1e-12 && fall.lower == -.infinity)
    // With 2.5% per tail, c = 25: after 15 zeros and 6 twos, among the 2.5s.
    let both = SignFlipTest.interval(e, direction: .bothWays, level: 0.95)
    #expect(both.lower == 2.5 && both.upper == 10)
  }

  /// The interval excludes 0 exactly when the marginal sign-flip test rejects at the same α, in
  /// both directions, exhaustive (n = 10) and with random flips (n = 17).
  @Test func signFlipIntervalAgreesWithTheTest() {
    var rng = Xoshiro256(seed: 99)
    for trial in 0..<60 {
      let n = trial % 10 == 0 ? 17 : 10
      let shift = Double(trial % 5) * 0.3
      let d = (0..<n).map { _ in (rng.nextUnit() < 0.3 ? 0 : (rng.nextUnit() - 0.5) * 4 + shift).rounded() }
      for direction in [KPIRule.Direction.noIncrease, .noDecrease] {
        let p = SignFlipTest.pValues([d], directions: [direction]).raw[0]
        let ci = SignFlipTest.interval(d, direction: direction, level: 0.95)
        let excludesZero = direction == .noIncrease ? ci.lower > 0 : ci.upper < 0
        #expect(excludesZero == (p <= 0.05), "trial \(trial) \(direction): p \(p), interval \(ci.lower)…\(ci.upper), d \(d)")
      }
    }
  }

  /// The interval's order statistic is found by selection; it must be exactly the sorted array's
  /// k-th value for every k, with ties, infinities and NaN (where it falls back to the sort).
  @Test func orderStatisticIsTheSortedValue() {
    var rng = Xoshiro256(seed: 7)
    for trial in 0..<200 {
      let count = 1 + Int(rng.next() % 60)
      var values = (0..<count).map { _ in (rng.nextUnit() * 8).rounded() - 4 }   // many ties
      if trial % 3 == 0 { values[Int(rng.next() % UInt64(count))] = -.infinity }
      if trial % 5 == 0 { values[Int(rng.next() % UInt64(count))] = .infinity }
      if trial % 7 == 0 { values = values.sorted(by: >) }                          // reversed input
      if trial % 11 == 0 { values[Int(rng.next() % UInt64(count))] = .nan }
      let sorted = values.sorted()
      for k in 0..<count {
        let got = SignFlipTest.orderStatistic(values, k)
        #expect(got == sorted[k] || (got.isNaN && sorted[k].isNaN), "trial \(trial), k \(k): \(got) vs \(sorted[k]) in \(values)")
      }
    }
  }

  /// The flips are masks: every subset below 2ⁿ when exhaustive, the identity first and
  /// distinct random subsets of n replications otherwise.
  @Test func flipMasksCoverTheirReplications() {
    #expect(SignFlipTest.makeSigns(replications: 3) == [0, 1, 2, 3, 4, 5, 6, 7])
    let drawn = SignFlipTest.makeSigns(replications: 20)
    #expect(drawn.count == SignFlipTest.randomFlips && drawn[0] == 0)
    #expect(drawn.allSatisfy { $0 < 1 << 20 })
    // Each replication is flipped in about half the draws.
    for r in 0..<20 {
      let share = Double(drawn.filter { $0 & (1 << UInt64(r)) != 0 }.count) / Double(drawn.count)
      #expect(abs(share - 0.5) < 0.01, "replication \(r) flipped in \(share) of the draws")
    }
  }

  /// The radix ranking the p-values use orders values as a comparison sort does: a permutation,
  /// ascending, over negatives, zeros of both signs, ties, subnormals and infinities.
  @Test func radixRankingSortsLikeAComparisonSort() {
    var rng = Xoshiro256(seed: 11)
    let specials: [Double] = [-0.0, 0, .infinity, -.infinity, 5e-324, -5e-324, .greatestFiniteMagnitude, -1e300]
    for trial in 0..<100 {
      let count = Int(rng.next() % 300)
      let values = (0..<count).map { i -> Double in
        if i % 13 == trial % 13 { return specials[Int(rng.next() % UInt64(specials.count))] }
        return trial % 2 == 0 ? (rng.nextUnit() * 20).rounded() - 10 : (rng.nextUnit() - 0.5) * pow(10, Double(rng.next() % 40) - 20)
      }
      let order = SignFlipTest.ascendingOrder(values)
      #expect(Set(order).count == count && order.allSatisfy { Int($0) < count })
      #expect(order.map { values[Int($0)] } == values.sorted(), "trial \(trial)")
    }
  }
}
