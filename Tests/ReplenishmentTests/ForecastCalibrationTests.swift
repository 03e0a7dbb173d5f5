import Testing
import Forecasting
import Stochastics
import SupplyModel
@testable import Replenishment

/// Holdout accuracy, interval coverage and the conformal calibration of the safety-stock spread,
/// checked against hand computations and known values.
@Suite struct ForecastCalibrationTests {
  /// The mean forecast with its prediction intervals shrunk to a third of their width: its
  /// intervals are too narrow by construction.
  struct NarrowForecaster: Forecaster {
    struct Model: FittedForecast {
      var inner: BaselineModel
      func predict(horizon: Int, levels: [Double]) -> Forecast {
        var f = inner.predict(horizon: horizon, levels: levels)
        for i in f.intervals.indices {
          for h in 0..<horizon {
            let m = f.mean[h]
            f.intervals[i].lower[h] = m - (m - f.intervals[i].lower[h]) / 3
            f.intervals[i].upper[h] = m + (f.intervals[i].upper[h] - m) / 3
          }
        }
        return f
      }
      var fittedValues: [Double] { inner.fittedValues }
    }
    var name: String { "narrow" }
    var minimumHistory: Int { 2 }
    func fit(_ input: ForecastInput) throws(ForecastError) -> Model { Model(inner: try MeanForecaster().fit(input)) }
  }

  /// A reproducible uniform stream (64-bit LCG, top 53 bits).
  struct Uniforms {
    var state: UInt64
    mutating func next() -> Double {
      state = state &* 6364136223846793005 &+ 1442695040888963407
      return Double(state >> 11) / 9007199254740992
    }
    /// A standard normal draw (inverse distribution function).
    mutating func normal() -> Double {
      Normal(mean: 0, standardDeviation: 1).quantile(min(max(next(), 1e-12), 1 - 1e-12))
    }
  }

  static func settings(_ f: any Forecaster, retrainEvery: Int = 1, seasonalPeriod: Int = 1, calibration: ForecastSettings.Calibration = .none) -> ForecastSettings {
    ForecastSettings(forecaster: f, label: f.name, retrainEvery: retrainEvery, historyDays: 365, seasonalPeriod: seasonalPeriod, calibration: calibration)
  }

  @Test func holdoutMetricsMatchAHandComputation() {
    // 14 fit days alternating 10, 12 (every one-day change is 2), then 15 and 9 held out.
    let fit: [Double] = (0..<14).map { (d: Int) -> Double in d % 2 == 0 ? 10 : 12 }
    let series = fit + [15, 9]
    let r = ForecastHoldout.evaluate(series, settings: Self.settings(NaiveForecaster()), protection: 2)
    #expect(r.fits == 1 && r.failedFits == 0)
    let a = r.totals.accuracy()
    // The naive forecast is 12 for both days: errors +3 and −3.
    #expect(a.days == 2)
    #expect(a.mae == 3 && a.rmse == 3 && a.bias == 0)
    #expect(a.wape == 6.0 / 24)
    // MASE: MAE 3 over the fit window's mean absolute change 2.
    #expect(a.mase == 1.5)
    // σ̂ = √(13·4 / 13) = 2; 80% bands 12 ± 1.2816·2·√h miss 15 on day 1, hold 9 on day 2; 95% bands hold both.
    #expect(a.coverage80 == 0.5 && a.coverage95 == 1)
    // The conformal score of the two-day sum: (15 + 9 − 24) / σ = 0.
    #expect(r.scores == [0])
  }

  @Test func naiveMASEOnARandomWalkIsAboutOne() {
    var u = Uniforms(state: 7)
    var walk: [Double] = [1000]
    for _ in 1..<700 { walk.append(walk[walk.count - 1] + 3 * u.normal()) }
    let r = ForecastHoldout.evaluate(walk, settings: Self.settings(NaiveForecaster()), protection: 1, origins: 300)
    #expect(r.fits == 300)
    let mase = r.totals.accuracy().mase
    #expect(abs(mase - 1) < 0.12, "MASE \(mase)")
    // The naive intervals are right for a Gaussian random walk: coverage near nominal (±3 standard errors).
    let a = r.totals.accuracy()
    #expect(abs(a.coverage80 - 0.8) < 3 * (0.8 * 0.2 / 300).squareRoot(), "80% coverage \(a.coverage80)")
    #expect(abs(a.coverage95 - 0.95) < 3 * (0.95 * 0.05 / 300).squareRoot(), "95% coverage \(a.coverage95)")
  }

  @Test func simulatedNaiveMASERefittedDailyIsExactlyOne() {
    // Refitted every day, the naive forecast of day t is the demand of day t − 1: the MASE scale itself
    // (days from 20 on, once the forecaster has its 14 days and the running mean no longer stands in).
    var u = Uniforms(state: 3)
    var tracker = DemandForecastTracker(settings: Self.settings(NaiveForecaster()), promotions: [nil], warmUpDays: 20)
    for day in 0..<200 {
      tracker.observe(demand: [Int((20 + 5 * u.normal()).rounded())], day: day)
      _ = tracker.refit(day: day, horizon: 1, protection: [1])
    }
    let a = tracker.errors.accuracy()
    #expect(a.days > 150)
    #expect(abs(a.mase - 1) < 1e-12, "MASE \(a.mase)")
  }

  @Test func conformalQuantileIsTheFiniteSampleRank() {
    var s = ConformalScores(capacity: 100)
    for v in (1...19).reversed() { s.add(Double(v)) }
    // ⌈20 · 0.95⌉ = 19th smallest of 19.
    #expect(s.quantile(0.95) == 19)
    // ⌈20 · 0.5⌉ = 10th smallest.
    #expect(s.quantile(0.5) == 10)
    s.add(.infinity)
    #expect(s.count == 19)
    var few = ConformalScores()
    for v in 1...10 { few.add(Double(v)) }
    // ⌈11 · 0.95⌉ = 11 > 10 scores: no quantile yet, and the factor stays 1.
    #expect(few.quantile(0.95) == nil)
    #expect(DemandForecastTracker.conformalFactor(few, level: 0.95) == 1)
    var capped = ConformalScores(capacity: 3)
    for v in 1...5 { capped.add(Double(v)) }
    #expect(capped.scores == [3, 4, 5])
  }

  @Test func conformalCoverageIsNominalWhereTheForecastersIntervalsAreTooNarrow() {
    // Normal demand, a forecaster whose intervals are a third as wide as they should be.
    var u = Uniforms(state: 11)
    let series = (0..<3000).map { _ in 50 + 10 * u.normal() }
    let r = ForecastHoldout.evaluate(series, settings: Self.settings(NarrowForecaster()), protection: 1, origins: 2000)
    #expect(r.scores.count == 2000)
    // Raw central 80% coverage: 2Φ(1.2816 / 3) − 1 ≈ 0.33, far below nominal.
    let raw = r.totals.accuracy().coverage80
    #expect(abs(raw - 0.331) < 0.04, "raw 80% coverage \(raw)")
    // Split conformal, causal: each score's bound at 90% uses only the scores before it.
    let level = 0.9, z = Normal(mean: 0, standardDeviation: 1).quantile(level)
    var past = ConformalScores(capacity: 250)
    var rawHits = 0, calibratedHits = 0, tested = 0
    for (i, score) in r.scores.enumerated() {
      if i >= 250 {
        tested += 1
        if score <= z { rawHits += 1 }
        if score <= z * DemandForecastTracker.conformalFactor(past, level: level) { calibratedHits += 1 }
      }
      past.add(score)
    }
    let se = (level * (1 - level) / Double(tested)).squareRoot()
    let rawCoverage = Double(rawHits) / Double(tested), calibrated = Double(calibratedHits) / Double(tested)
    // Raw one-sided: Φ(1.2816 / 3) ≈ 0.665.
    #expect(abs(rawCoverage - 0.665) < 4 * se, "raw \(rawCoverage)")
    #expect(abs(calibrated - level) < 4 * se, "conformal \(calibrated)")
  }

  /// Coverage of the one-sided bound cumulative + z·√variance on the next `protection` days,
  /// refitting daily on heavy-tailed demand (mostly small, sometimes a burst).
  static func trackedCoverage(_ calibration: ForecastSettings.Calibration, level: Double) -> Double {
    var u = Uniforms(state: 5)
    let days = 6000, protection = 2
    let demand: [Int] = (0..<days + 400).map { _ -> Int in u.next() < 0.1 ? 40 + Int(21 * u.next()) : Int(4 * u.next()) }
    let past = demand[0..<400].map(Double.init), future = Array(demand[400...])
    var tracker = DemandForecastTracker(settings: Self.settings(NarrowForecaster(), calibration: calibration), promotions: [nil], warmUpDays: 0, past: [past])
    let z = Normal(mean: 0, standardDeviation: 1).quantile(level)
    var hits = 0, tested = 0
    for day in 0..<(days - protection) {
      tracker.observe(demand: [future[day]], day: day)
      let e = tracker.refit(day: day, horizon: protection + 1, protection: [Double(protection)], calibrationLevels: [level])[0]
      if day >= 200 {
        tested += 1
        if Double(future[(day + 1)...(day + protection)].reduce(0, +)) <= e.cumulative + z * e.variance.squareRoot() { hits += 1 }
      }
    }
    return Double(hits) / Double(tested)
  }

  @Test func conformalCalibrationInTheTrackerReachesNominalOnHeavyTailedDemand() {
    let level = 0.95
    let raw = Self.trackedCoverage(.none, level: level), calibrated = Self.trackedCoverage(.conformal, level: level)
    // Overlapping two-day sums are correlated: allow 5 binomial standard errors of 5,800 days.
    let se = (level * (1 - level) / 5800).squareRoot()
    #expect(raw < level - 5 * se, "raw \(raw)")
    #expect(abs(calibrated - level) < 5 * se, "conformal \(calibrated)")
  }

  /// Cycle service level of an (s, S) policy planned from the too-narrow forecaster at a 95%
  /// target, on lumpy demand (mostly 0–3 a day, a burst of 30–50 one day in ten), with and
  /// without conformal calibration.
  static func cycleServiceLevel(_ calibration: ForecastSettings.Calibration) -> Double {
    var u = Uniforms(state: 17)
    func day() -> Double { u.next() < 0.1 ? Double(30 + Int(21 * u.next())) : Double(Int(4 * u.next())) }
    let costs = CostRates(unitCost: 1, holdingCostPerUnitDay: 0.01, backorderCostPerUnitDay: 0.5, lostSalePenaltyPerUnit: 0, orderCost: 20)
    let skus = (0..<4).map { k in
      SKU(id: "sku-\(k)", supplierIndex: 0,
          demand: DemandModel(family: .empirical(values: [0, 1, 2, 3, 30, 40, 50], probabilities: [0.225, 0.225, 0.225, 0.225, 0.034, 0.033, 0.033]),
                              profile: DemandProfile(base: 5.34), past: (0..<400).map { _ in day() }),
          costs: costs, unmetDemand: .backorder)
    }
    let net = SupplyNetwork(warehouse: "w", suppliers: [Supplier(id: "s", leadTime: .deterministic(days: 3))], skus: skus,
                            initialOnHand: Array(repeating: 40, count: skus.count), horizonDays: 1500, warmUpDays: 60, seed: 23)
    let spec = PolicySpecification(name: "fd", family: .sS, target: .cycleServiceLevel(0.95),
                                   forecast: Self.settings(NarrowForecaster(), retrainEvery: 7, calibration: calibration))
    return Simulation.run(net, separable: true) { ScenarioPolicy.make(spec, for: net).restricted(to: $1) }.totalKPIs(in: net).cycleServiceLevel
  }

  @Test func conformalCalibrationLiftsTheCycleServiceLevelTowardItsTarget() {
    let raw = Self.cycleServiceLevel(.none), calibrated = Self.cycleServiceLevel(.conformal)
    #expect(calibrated > raw + 0.02, "raw \(raw), conformal \(calibrated)")
    #expect(abs(calibrated - 0.95) < abs(raw - 0.95), "raw \(raw), conformal \(calibrated)")
  }
}
