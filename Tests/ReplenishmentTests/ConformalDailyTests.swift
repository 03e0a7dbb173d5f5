import Testing
import Forecasting
import Stochastics
import SupplyModel
@testable import Replenishment

/// The conformal calibration learning from every matured decision day, the holdout with the
/// history's promotions, and the coverage of the calibrated bound, checked by hand and against
/// the nominal level.
@Suite struct ConformalDailyTests {
  /// Forecasts 10 + h for the h-th day ahead (h = 0, 1, …) whatever it is fitted on, with an 80%
  /// interval of ± 1.2816 · 2 (σ = 2 a day) and a 95% one of ± 1.96 · 2.
  struct StepForecaster: Forecaster {
    struct Model: FittedForecast {
      func predict(horizon: Int, levels: [Double]) -> Forecast {
        let mean = (0..<horizon).map { 10 + Double($0) }
        let z80 = 1.2815515655446004, z95 = 1.959963984540054
        return Forecast(mean: mean, intervals: [
          PredictionInterval(level: 0.8, lower: mean.map { $0 - 2 * z80 }, upper: mean.map { $0 + 2 * z80 }),
          PredictionInterval(level: 0.95, lower: mean.map { $0 - 2 * z95 }, upper: mean.map { $0 + 2 * z95 }),
        ])
      }
      var fittedValues: [Double] { [] }
    }
    var name: String { "step" }
    var minimumHistory: Int { 1 }
    func fit(_ input: ForecastInput) throws(ForecastError) -> Model { Model() }
  }

  @Test func everyDecisionDayAddsItsScoreOnceItsIntervalHasPassed() {
    // Refits on days 0, 3, 6 (every 3 days) over a 2-day protection interval; 14 past days so the
    // forecaster fits from day 0 and the history is too short to seed any score.
    let settings = ForecastSettings(forecaster: StepForecaster(), label: "step", retrainEvery: 3, historyDays: 365, seasonalPeriod: 1,
                                    calibration: .conformal)
    var tracker = DemandForecastTracker(settings: settings, promotions: [nil], warmUpDays: 0, past: [Array(repeating: 10, count: 14)])
    let demand = (0..<9).map { 10 + $0 }  // D[d] = 10 + d
    var counts: [Int] = []
    for day in 0..<9 {
      tracker.observe(demand: [demand[day]], day: day)
      counts.append(tracker.calibrationScores[0].count)
      if day % 3 == 0 { _ = tracker.refit(day: day, horizon: 3, protection: [2], calibrationLevels: [0.9]) }
    }
    // Origin t matures when day t + 2 is observed: none after days 0 and 1, then one a day.
    #expect(counts == [0, 0, 1, 2, 3, 4, 5, 6, 7])
    // Origin t, governed by the refit r = 3⌊t/3⌋ (offset t − r): forecast (10 + offset) + (11 + offset),
    // actual D[t+1] + D[t+2] = 2t + 23, σ = √(2² + 2²) = √8, so the score is (2r + 2) / √8.
    let expected = (0...6).map { (t: Int) -> Double in Double(2 * (3 * (t / 3)) + 2) / 8.0.squareRoot() }
    let scores = tracker.calibrationScores[0].scores
    #expect(scores.count == expected.count)
    for (a, b) in zip(scores, expected) { #expect(abs(a - b) < 1e-12, "\(scores) vs \(expected)") }
    // Too few scores for a 90% rank (9 needed) at every refit: c = 1, both bounds F + 1.2816·√8 = F + 3.62.
    // Origins 0–2 (r = 0: demand − F = 2) stay below; origins 3–6 (r = 3, 6: 8, 14) exceed it.
    let e = tracker.errors
    #expect(e.boundDays == [7] && e.insideBound == [3] && e.insideRawBound == [3])
    let a = e.accuracy()
    #expect(a.boundDays == 7 && abs(a.boundLevel! - 0.9) < 1e-12 && a.boundCoverage == 3.0 / 7 && a.rawBoundCoverage == 3.0 / 7)
  }

  @Test func scoresKeepTheLastWindowOnly() {
    // 400 simulated days add 400 scores; memory stays at the window.
    let settings = ForecastSettings(forecaster: StepForecaster(), label: "step", retrainEvery: 7, historyDays: 365, seasonalPeriod: 1,
                                    calibration: .conformal)
    var tracker = DemandForecastTracker(settings: settings, promotions: [nil], warmUpDays: 0, past: [Array(repeating: 10, count: 14)])
    for day in 0..<400 {
      tracker.observe(demand: [10], day: day)
      if day % 7 == 0 { _ = tracker.refit(day: day, horizon: 7, protection: [3], calibrationLevels: [0.95]) }
    }
    #expect(tracker.calibrationScores[0].count == DemandForecastTracker.calibrationWindow)
    #expect(tracker.calibrationRefits[0].count <= 2)
  }

  @Test func uncalibratedTrackersScoreNoBound() {
    let settings = ForecastSettings(forecaster: StepForecaster(), label: "step", retrainEvery: 3, historyDays: 365, seasonalPeriod: 1)
    var tracker = DemandForecastTracker(settings: settings, promotions: [nil], warmUpDays: 0, past: [Array(repeating: 10, count: 14)])
    for day in 0..<30 {
      tracker.observe(demand: [10], day: day)
      if day % 3 == 0 { _ = tracker.refit(day: day, horizon: 3, protection: [2]) }
    }
    #expect(tracker.calibrationScores[0].count == 0 && tracker.errors.boundDays.isEmpty)
    #expect(tracker.errors.accuracy().boundCoverage == nil)
  }

  @Test func theHoldoutWithThePromotionCalendarForecastsPromotionsBetter() {
    // Demand 20 + noise, three times as high on promotion days (every 9th day, uplift − 1 = 2).
    var u = ForecastCalibrationTests.Uniforms(state: 29)
    let days = 400
    let promotion = (0..<days).map { $0 % 9 == 4 ? 2.0 : 0 }
    let series = (0..<days).map { d in (20 + 3 * u.normal()) * (1 + promotion[d]) }
    let settings = ForecastSettings(forecaster: RegressionForecaster(), label: "regression", retrainEvery: 7, historyDays: 365, seasonalPeriod: 7)
    let blind = ForecastHoldout.evaluate(series, settings: settings, protection: 9, origins: 8)
    let seeing = ForecastHoldout.evaluate(series, settings: settings, protection: 9, origins: 8, promotion: promotion)
    #expect(blind.fits == 8 && seeing.fits == 8)
    let a = blind.totals.accuracy(), b = seeing.totals.accuracy()
    // Blind, each 9-day window misses one promotion by about 40 units and over-forecasts the
    // other days by about 4.4: MAE ≈ (40 + 8·4.4)/9 ≈ 8. Seeing the calendar, only the noise
    // (σ 3, 9 on promotion days) is left: MAE ≈ 3.
    #expect(a.mae > 6, "blind MAE \(a.mae)")
    #expect(b.mae < 4, "MAE with the calendar \(b.mae)")
    // Settings that do not use the covariate ignore the calendar.
    var off = settings
    off.usePromotionCovariate = false
    #expect(ForecastHoldout.evaluate(series, settings: off, protection: 9, origins: 8, promotion: promotion).totals == blind.totals)
  }

  @Test func theRunGivesTheHistorysPromotionsToFitsOverThePast() {
    let settings = ForecastSettings(forecaster: StepForecaster(), label: "step", seasonalPeriod: 1)
    let past: [Double] = Array(repeating: 5, count: 10)
    let pastPromotion: [Double] = [0, 0, 1.5, 0, 0, 0, 0, 0, 0.5, 0]
    let tracker = DemandForecastTracker(settings: settings, promotions: [[0, 0, 3, 0]], warmUpDays: 0, past: [past], pastPromotions: [pastPromotion])
    // Days −10 … 3: the history's column, then the simulated one.
    #expect(tracker.promotionCovariate(sku: 0, days: -10..<4)?.columns == [pastPromotion + [0, 0, 3, 0]])
    #expect(tracker.promotionCovariate(sku: 0, days: -10 ..< -2)?.columns == [Array(pastPromotion[0..<8])])
    // No promotion in the window: no covariate.
    #expect(tracker.promotionCovariate(sku: 0, days: -7 ..< -3) == nil)
    // Without a history calendar the past days are 0, as before.
    let cold = DemandForecastTracker(settings: settings, promotions: [[0, 0, 3, 0]], warmUpDays: 0, past: [past])
    #expect(cold.promotionCovariate(sku: 0, days: -2..<4)?.columns == [[0, 0, 0, 0, 3, 0]])
  }

  @Test func thePromotionColumnAddsTheKnownCalendarToTheWindows() {
    var demand = DemandModel(family: .poisson, profile: DemandProfile(base: 5, windows: [DemandWindow(startDay: 2, endDay: 3, factor: 1.5, cause: "promotion")]))
    demand.knownPromotion = [0, 2, 0, 1]
    let costs = CostRates(unitCost: 1, holdingCostPerUnitDay: 0.01, backorderCostPerUnitDay: 0.5, lostSalePenaltyPerUnit: 0, orderCost: 20)
    let plain = DemandModel(family: .poisson, profile: DemandProfile(base: 5))
    let net = SupplyNetwork(warehouse: "w", suppliers: [Supplier(id: "s", leadTime: .deterministic(days: 3))],
                            skus: [SKU(id: "a", supplierIndex: 0, demand: demand, costs: costs, unmetDemand: .backorder),
                                   SKU(id: "b", supplierIndex: 0, demand: plain, costs: costs, unmetDemand: .backorder)],
                            initialOnHand: [10, 10], horizonDays: 10, warmUpDays: 0, seed: 1)
    let columns = ForecastDrivenPolicy.promotionColumns(net)
    #expect(Array(columns[0]!.prefix(5)) == [0, 2, 0.5, 1.5, 0])
    #expect(columns[1] == nil)
  }

  /// The calibrated and raw bounds the tracker scored on stationary heavy-tailed demand (mostly
  /// 0–3 a day, one day in ten a burst of 40–60), refitting weekly at a 95% level with a
  /// forecaster whose intervals are a third too narrow. After eight refits the raw spread is the
  /// root mean square of realised errors, right in scale, but the normal quantile misplaces the
  /// bound of a skewed sum.
  static func boundCoverage() -> ForecastAccuracy {
    var u = ForecastCalibrationTests.Uniforms(state: 41)
    let days = 6000
    let demand: [Int] = (0..<(days + 400)).map { _ -> Int in u.next() < 0.1 ? 40 + Int(21 * u.next()) : Int(4 * u.next()) }
    let settings = ForecastSettings(forecaster: ForecastCalibrationTests.NarrowForecaster(), label: "narrow", retrainEvery: 7, historyDays: 365,
                                    seasonalPeriod: 1, calibration: .conformal)
    var tracker = DemandForecastTracker(settings: settings, promotions: [nil], warmUpDays: 100, past: [demand[0..<400].map(Double.init)])
    for day in 0..<days {
      tracker.observe(demand: [demand[400 + day]], day: day)
      if day % 7 == 0 { _ = tracker.refit(day: day, horizon: 7, protection: [2], calibrationLevels: [0.95]) }
    }
    return tracker.errors.accuracy()
  }

  @Test func theCalibratedBoundCoversItsNominalLevelWhereTheRawOneFallsShort() {
    let a = Self.boundCoverage()
    // Origins 100 … 5997 (the last whose two days were observed) after warm-up.
    #expect(a.boundDays == 5898)
    let raw = a.rawBoundCoverage!, calibrated = a.boundCoverage!
    // Overlapping 2-day sums are correlated: 5 binomial standard errors of the day count.
    let se = (0.95 * 0.05 / Double(a.boundDays)).squareRoot()
    #expect(raw < 0.95 - 5 * se, "raw \(raw)")
    #expect(abs(calibrated - 0.95) < 5 * se, "calibrated \(calibrated), raw \(raw)")
    #expect(abs(a.boundLevel! - 0.95) < 1e-9)
  }
}

@Suite struct ConformalSeedTests {
  @Test func seedsScoreEveryDecisionDayOfEachHistoricalRefit() {
    // 20 days v[i] = i², refits every 3 days over a 2-day interval: a fit needs 14 days, the last
    // fit forecasts 3 − 1 + 2 = 4 days, so the only origin is o = 16 (13 is too early). It governs
    // decision days 16, 17, 18: actual v[16+j] + v[17+j], forecast (10 + j) + (11 + j), σ = √8.
    let series = (0..<20).map { Double($0 * $0) }
    let settings = ForecastSettings(forecaster: ConformalDailyTests.StepForecaster(), label: "step", retrainEvery: 3, historyDays: 365,
                                    seasonalPeriod: 1)
    let expected: [Double] = (0..<3).map { (j: Int) -> Double in
      let actual = Double((16 + j) * (16 + j) + (17 + j) * (17 + j))
      let forecast = Double(21 + 2 * j)
      return (actual - forecast) / 8.0.squareRoot()
    }
    let scores = ForecastHoldout.calibrationScores(series, settings: settings, protection: 2)
    #expect(scores.count == 3)
    for (a, b) in zip(scores, expected) { #expect(abs(a - b) < 1e-9, "\(scores) vs \(expected)") }
    // At most `count`, the latest kept; nothing for an interval under a day.
    #expect(ForecastHoldout.calibrationScores(series, settings: settings, protection: 2, count: 2) == Array(scores.suffix(2)))
    #expect(ForecastHoldout.calibrationScores(series, settings: settings, protection: 0.5).isEmpty)
  }
}
