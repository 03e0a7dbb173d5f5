import Testing
import Forecasting
@testable import Replenishment

/// The bound on what one global refit trains on, checked by hand.
@Suite struct GlobalTrainingTests {
  @Test func planKeepsEverySKUWhenTheCapAllows() {
    // m = 22: a series of n values gives n − 14 windows. 3 SKUs with 100, 30, 10 values; the one with 10 is too short.
    let plan = GlobalTraining.plan(lengths: [100, 30, 10], minimumHistory: 22, maxWindows: 4096)
    #expect(plan.map(\.sku) == [0, 1])
    #expect(plan.map(\.length) == [100, 30])
  }

  @Test func planTrimsEachSeriesToItsShareOfTheCap() {
    // Cap 100 over 2 SKUs: 50 windows each, i.e. 64 values (64 − 14 = 50); the short one keeps its 30.
    let plan = GlobalTraining.plan(lengths: [365, 30], minimumHistory: 22, maxWindows: 100)
    #expect(plan.map(\.length) == [64, 30])
    let windows = plan.map { $0.length - 22 + 8 }.reduce(0, +)
    #expect(windows <= 100)
  }

  @Test func planSpreadsASubsetOfSKUsWhenEightWindowsEachAreTooMany() {
    // 100 eligible SKUs, cap 80: 10 SKUs (every tenth) with 8 windows (22 values) each.
    let plan = GlobalTraining.plan(lengths: Array(repeating: 365, count: 100), minimumHistory: 22, maxWindows: 80)
    #expect(plan.map(\.sku) == [0, 10, 20, 30, 40, 50, 60, 70, 80, 90])
    #expect(plan.allSatisfy { $0.length == 22 })
    #expect(GlobalTraining.plan(lengths: [5, 6], minimumHistory: 22, maxWindows: 80).isEmpty)
  }

  @Test func trackerWithoutAGlobalForecasterFallsBackToTheRunningMean() {
    var settings = ForecastSettings(forecaster: SeasonalNaiveForecaster(period: 7), label: "snaive", retrainEvery: 7, historyDays: 365, seasonalPeriod: 7)
    settings.global = true
    let past: [Double] = (0..<60).map { Double($0 % 7) }
    var tracker = DemandForecastTracker(settings: settings, promotions: [nil], warmUpDays: 0, past: [past])
    tracker.observe(demand: [3], day: 0)
    let e = tracker.refit(day: 0, horizon: 7, protection: [2])[0]
    let mean = (past.reduce(0, +) + 3) / 61
    #expect(abs(e.cumulative - 2 * mean) < 1e-9)
    #expect(tracker.failedFits == 1)
  }
}
