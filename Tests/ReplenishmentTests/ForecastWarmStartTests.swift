import Testing
import Forecasting
import SupplyModel
@testable import Replenishment

/// Forecasters of forecast-driven policies start from the sales history before day 0.
@Suite struct ForecastWarmStartTests {
  /// A year of weekly-patterned demand around 20 a day, oldest first; the last day is a Sunday.
  static let pattern: [Double] = [26, 20, 20, 20, 20, 18, 16]
  static let past: [Double] = (0..<364).map { d in pattern[d % 7] + Double((d * 7919) % 5) - 2 }

  @Test func seasonalNaiveOnDayZeroRepeatsTheHistorysLastWeek() {
    let settings = ForecastSettings(forecaster: SeasonalNaiveForecaster(period: 7), label: "snaive", retrainEvery: 7, historyDays: 365, seasonalPeriod: 7)
    var warm = DemandForecastTracker(settings: settings, promotions: [nil], warmUpDays: 0, past: [Self.past])
    warm.observe(demand: [30], day: 0)
    let e = warm.refit(day: 0, horizon: 7, protection: [3])[0]
    // Day 0 is the Monday after the history; days 1…7 repeat the last observed week: Tuesday…Sunday of the past, then day 0.
    let lastWeek = Array(Self.past.suffix(6)) + [30]
    #expect(e.means == lastWeek)
    #expect(e.cumulative == lastWeek.prefix(3).reduce(0, +))
    #expect(warm.history[0].count == 365)
  }

  @Test func smoothingPlansTheHistorysLevelOnDayZero() {
    let settings = ForecastSettings(forecaster: ExponentialSmoothingForecaster.simple(), label: "ses", retrainEvery: 7, historyDays: 365, seasonalPeriod: 7)
    var warm = DemandForecastTracker(settings: settings, promotions: [nil], warmUpDays: 0, past: [Self.past])
    var cold = DemandForecastTracker(settings: settings, promotions: [nil], warmUpDays: 0)
    warm.observe(demand: [40], day: 0)
    cold.observe(demand: [40], day: 0)
    let mean = Self.past.reduce(0, +) / Double(Self.past.count)
    let w = warm.refit(day: 0, horizon: 7, protection: [5])[0], c = cold.refit(day: 0, horizon: 7, protection: [5])[0]
    #expect(abs(w.cumulative - 5 * mean) < 0.1 * 5 * mean, "warm \(w.cumulative) vs \(5 * mean)")
    // Without a history the first plan rests on the one day seen (40 a day).
    #expect(c.cumulative == 200)
    // Its spread is the forecaster's, from a year of errors, not the one-day fallback.
    #expect(w.variance > 0 && w.variance < 5 * 40)
  }

  @Test func forecastDrivenPolicyReceivesThePast() {
    let costs = CostRates(unitCost: 1, holdingCostPerUnitDay: 0.01, backorderCostPerUnitDay: 0.5, lostSalePenaltyPerUnit: 0, orderCost: 10)
    let sku = SKU(id: "a", supplierIndex: 0, demand: DemandModel(family: .poisson, profile: DemandProfile(base: 20), past: Self.past),
                  costs: costs, unmetDemand: .backorder)
    let net = SupplyNetwork(warehouse: "w", suppliers: [Supplier(id: "s", leadTime: .deterministic(days: 4))], skus: [sku], initialOnHand: [0],
                            horizonDays: 10, warmUpDays: 0, seed: 1)
    let spec = PolicySpecification(name: "fd", family: .sS, target: .cycleServiceLevel(0.95),
                                   forecast: ForecastSettings(forecaster: ExponentialSmoothingForecaster.simple(), label: "ses", retrainEvery: 7, historyDays: 365, seasonalPeriod: 7))
    guard let policy = spec.makePolicy(named: "fd", for: net) as? ForecastDrivenPolicy else { Issue.record("not forecast-driven"); return }
    #expect(policy.tracker.history[0] == Self.past)
    #expect(policy.restricted(to: 0..<1).tracker.history[0] == Self.past)
  }
}
