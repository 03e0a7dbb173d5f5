import Foundation
import Testing
@testable import Forecasting

/// Automatic order selection and fallbacks.
@Suite struct ARIMAAutoTests {
  @Test func logAirPassengersSelectsAirlineModelOrBetter() throws {
    let y = ARIMAFixtures.series("airpassengers.csv").map { log($0) }
    let input = ForecastInput(values: y, seasonalPeriod: 12)
    let auto = try AutoARIMA().fit(input)
    let airline = try ARIMAForecaster(d: 1, q: 1, seasonalD: 1, seasonalQ: 1).fit(input)
    #expect(auto.order.d == 1 && auto.order.seasonalD == 1)
    #expect(auto.order == airline.order || auto.aicc <= airline.aicc + 1e-6, "\(auto.order) aicc \(auto.aicc) vs airline \(airline.aicc)")
    #expect(auto.notes.contains { $0.contains("selected") })
  }

  @Test("Degenerate series do not crash and say what happened",
        arguments: [[Double](repeating: 5, count: 40), [Double](repeating: 0, count: 30), [1, 2, 4], [7, 7, 7], [3], [2, 5]])
  func degenerateSeriesFallBack(_ y: [Double]) throws {
    let model = try AutoARIMA().fit(ForecastInput(values: y, seasonalPeriod: 12))
    let fc = model.predict(horizon: 6, levels: [0.8, 0.95])
    #expect(fc.mean.count == 6 && fc.mean.allSatisfy(\.isFinite))
    #expect(fc.intervals.allSatisfy { $0.lower.allSatisfy(\.isFinite) && $0.upper.allSatisfy(\.isFinite) })
    if ARIMAData.isConstant(y) { #expect(fc.mean.allSatisfy { $0 == y[0] }) }
    #expect(!model.notes.isEmpty)
    #expect(model.fittedValues.count == y.count)
  }

  @Test func emptySeriesThrowsHistoryTooShort() {
    #expect(throws: ForecastError.historyTooShort(method: "auto_arima", needed: 1, got: 0)) {
      try AutoARIMA().fit(ForecastInput(values: []))
    }
  }

  @Test func fixedOrderRejectsTooShortHistoryAndUnknownParameters() {
    #expect(throws: ForecastError.self) {
      try ARIMAForecaster(p: 2, d: 1, q: 1).fit(ForecastInput(values: [1, 2, 3]))
    }
    let error = #expect(throws: ForecastError.self) { try ARIMAForecaster(parameters: ["p": 1, "dirft": 1]) }
    #expect(error?.description.contains("dirft") == true)
    let f = try? ARIMAForecaster(parameters: ["p": 1, "d": 1, "Q": 1, "drift": 1])
    #expect(f?.p == 1 && f?.d == 1 && f?.seasonalQ == 1 && f?.includeConstant == true)
    #expect(f?.name == "arima" && AutoARIMA().name == "auto_arima")
  }
}

/// The benchmark entry point returns one result per series, in input order.
@Suite struct ARIMABenchmarkTests {
  @Test func parallelBatchKeepsIndexOrderAndMatchesSequentialFits() throws {
    var g = ARIMATestGaussian(seed: 21)
    let inputs = (0..<6).map { i in
      ForecastInput(values: g.arma(n: 60 + 10 * i, ar: [0.5], ma: [], mean: Double(i) * 10), seasonalPeriod: 1)
    }
    let parallel = ARIMABenchmark.fitAutoARIMA(inputs)
    #expect(parallel.models.count == 6 && parallel.seriesPerSecond > 0)
    for (i, outcome) in parallel.models.enumerated() {
      let model = try outcome.get()
      #expect(model.fittedValues.count == inputs[i].values.count)
      let sequential = try AutoARIMA().fit(inputs[i])
      #expect(model.order == sequential.order && model.coefficients == sequential.coefficients)
    }
  }
}

/// Settings, covariates and long seasonal periods.
@Suite struct ARIMAAutoSettingsTests {
  @Test func registryParametersAreParsedAndValidated() throws {
    let auto = try AutoARIMA(parameters: ["max_p": 3, "approximation": 1, "drift": 0])
    #expect(auto.maxP == 3 && auto.approximation == true && !auto.allowConstant && auto.maxQ == 5)
    let error = #expect(throws: ForecastError.self) { try AutoARIMA(parameters: ["MAX_P": 2]) }
    #expect(error?.description.contains("max_p") == true)
    #expect(throws: ForecastError.self) { try AutoARIMA(parameters: ["approximation": 2]) }
  }

  @Test func maxOrderCapsTheSearch() throws {
    let y = ARIMAFixtures.series("monthly/co2_monthly.csv")
    let model = try AutoARIMA(maxOrder: 3).fit(ForecastInput(values: Array(y.dropLast(12)), seasonalPeriod: 12))
    let o = model.order
    #expect(o.p + o.q + o.seasonalP + o.seasonalQ <= 3)
  }

  @Test func nonFiniteValuesAreRejected() {
    #expect(throws: ForecastError.self) { try AutoARIMA().fit(ForecastInput(values: [1, .nan, 3])) }
    #expect(throws: ForecastError.self) { try ARIMAForecaster(p: 1).fit(ForecastInput(values: [1, 2, .infinity, 4, 5])) }
  }

  @Test func autoUsesCovariatesAsRegressors() throws {
    var g = ARIMATestGaussian(seed: 31)
    let noise = g.arma(n: 120, ar: [0.5], ma: [])
    let promo = (0..<132).map { $0 % 5 == 0 ? 1.0 : 0.0 }
    let y = (0..<120).map { 50 + 8 * promo[$0] + noise[$0] }
    let model = try AutoARIMA().fit(ForecastInput(values: y, seasonalPeriod: 1,
                                                  covariates: Covariates(names: ["promo"], columns: [promo])))
    let beta = try #require(model.coefficient("promo"))
    #expect(abs(beta - 8) < 3 * model.standardError("promo")!)
    let fc = model.predict(horizon: 12, levels: [0.95])
    #expect(fc.mean[5] - fc.mean[4] > 4)  // step 126 (index 125) is a promotion, 125 is not.
  }

  @Test func weeklySeasonalPeriodFitsWithoutTrouble() throws {
    var g = ARIMATestGaussian(seed: 41)
    let y = (0..<260).map { 100 + 10 * sin(2 * Double.pi * Double($0) / 52) + g.normal() }
    let model = try AutoARIMA().fit(ForecastInput(values: y, seasonalPeriod: 52))
    let fc = model.predict(horizon: 52, levels: [0.9])
    let finite = fc.mean.allSatisfy { $0.isFinite }
    #expect(finite)
    var error = 0.0
    for (h, value) in fc.mean.enumerated() {
      error += abs(value - (100 + 10 * sin(2 * Double.pi * Double(260 + h) / 52)))
    }
    #expect(error / 52 < 2.5)
  }
}
