import Testing
import Stochastics
import _TestSupport
@testable import Forecasting

private let fixture = try! Fixture.decode(ETSFixture.self, "ets_statsmodels.json")

private func forecaster(_ c: ETSFixture.Case, fixed: Bool) -> ExponentialSmoothingForecaster {
  let trend = ETSTrend(rawValue: c.trend)!, season = ETSSeasonality(rawValue: c.seasonality)!
  guard fixed else { return ExponentialSmoothingForecaster(trend: trend, seasonality: season) }
  return ExponentialSmoothingForecaster(
    trend: trend, seasonality: season, alpha: c.fixedAlpha, beta: trend == .none ? nil : c.fixedBeta,
    gamma: season == .none ? nil : c.fixedGamma, phi: trend == .damped ? c.fixedPhi : nil)
}

private func input(_ c: ETSFixture.Case) -> ForecastInput {
  ForecastInput(values: fixture.series[c.series]!, seasonalPeriod: c.seasonality == "none" ? 1 : fixture.period)
}

/// With the same parameters and initial states, the recursions must reproduce statsmodels'
/// SSE and forecasts to rounding error.
///
/// Seasonal models are compared for h < m only: statsmodels 0.15 (`_predict`) overwrites the
/// last seasonal state `s_T` with `s_{T−m}` before forecasting, so its forecasts at h = m, 2m…
/// differ from the textbook `ŷ_{T+h} = ℓ_T + h b_T + s_{T+h−m(k+1)}` (FPP §8.3) that we follow.
@Test("ETS recursions match statsmodels at fixed parameters", arguments: fixture.cases.indices)
func etsFixedParametersMatchStatsmodels(index: Int) throws {
  let c = fixture.cases[index]
  let model = try forecaster(c, fixed: true).fit(input(c))
  #expect(Approx.equal(model.sse, c.fixedSSE, relative: 1e-10))
  let steps = c.seasonality == "none" ? 12 : fixture.period - 1
  let ours = model.predict(horizon: steps, levels: []).mean
  #expect(Approx.equal(ours, Array(c.fixedForecast.prefix(steps)), relative: 1e-10))
}

/// Cases whose statsmodels optimum is interior (no bound active): parameters agree to the
/// optimisers' tolerance and our SSE is no worse than statsmodels'.
@Test("ETS fitted parameters match statsmodels", arguments: fixture.cases.indices.filter { fixture.cases[$0].trend != "damped" })
func etsOptimisedParametersMatchStatsmodels(index: Int) throws {
  let c = fixture.cases[index]
  let model = try forecaster(c, fixed: false).fit(input(c))
  let p = model.parameters
  #expect(model.sse <= c.sse * (1 + 1e-6))
  #expect(Approx.equal(model.sse, c.sse, relative: 1e-4))
  #expect(abs(p.alpha - c.alpha) < 2e-3)
  #expect(abs(p.beta - c.beta) < 2e-3)
  #expect(abs(p.gamma - c.gamma) < 2e-3)
}

@Test func simpleSmoothingAnalyticSDMatchesFormula() throws {
  // ETS(A,N,N): var_h = σ²(1 + (h − 1)α²).
  let model = try ExponentialSmoothingForecaster.simple(alpha: 0.4).fit(fixture.series["nile"]!)
  let expected: Double = model.sigma * (1 + 4 * 0.16).squareRoot()
  #expect(Approx.equal(model.analyticStandardDeviation(horizon: 5), expected, relative: 1e-12))
}

@Test func optimisedInitialStatesDoNotIncreaseSSE() throws {
  let y = fixture.series["co2"]!
  let heuristic = try ExponentialSmoothingForecaster.holtWinters(.additive).fit(ForecastInput(values: y, seasonalPeriod: 12))
  var f = ExponentialSmoothingForecaster.holtWinters(.additive)
  f.initialization = .optimized
  let optimised = try f.fit(ForecastInput(values: y, seasonalPeriod: 12))
  #expect(optimised.sse <= heuristic.sse)
  #expect(abs(optimised.initialState.seasonal.reduce(0, +)) < 1e-9)
}

@Test func multiplicativeRejectsNonPositiveValues() {
  #expect(throws: ForecastError.self) {
    try ExponentialSmoothingForecaster.holtWinters(.multiplicative).fit(
      ForecastInput(values: [1, 2, 0, 3, 1, 2, 1, 3, 2, 2], seasonalPeriod: 2))
  }
}

/// Simple exponential smoothing's 80% intervals on white noise (a local level with α near 0)
/// cover about 80% one and four steps ahead.
@Test func sesIntervalsCoverWhiteNoise() throws {
  var rng = Xoshiro256(seed: 21)
  let reps = 600
  var hits1 = 0, hits4 = 0
  for _ in 0..<reps {
    let s = Simulate.whiteNoise(count: 84, rng: &rng)
    let iv = try ExponentialSmoothingForecaster.simple().fit(Array(s.prefix(80))).predict(horizon: 4, levels: [0.8]).intervals[0]
    if s[80] >= iv.lower[0] && s[80] <= iv.upper[0] { hits1 += 1 }
    if s[83] >= iv.lower[3] && s[83] <= iv.upper[3] { hits4 += 1 }
  }
  // Estimation error in α and the level widens the spread a little: allow 4 SE plus 2 points.
  #expect(abs(Double(hits1) / Double(reps) - 0.8) < fourSE(p: 0.8, n: reps) + 0.02)
  #expect(abs(Double(hits4) / Double(reps) - 0.8) < fourSE(p: 0.8, n: reps) + 0.02)
}

/// Simulated (multiplicative) intervals are reproducible and close to the analytic ones when
/// the seasonal factors are near 1.
@Test func multiplicativeIntervalsAreSeededAndReasonable() throws {
  let input = ForecastInput(values: fixture.series["co2"]!, seasonalPeriod: 12)
  let model = try ExponentialSmoothingForecaster.holtWinters(.multiplicative).fit(input)
  let a = model.predict(horizon: 6, levels: [0.9]), b = model.predict(horizon: 6, levels: [0.9])
  #expect(a == b)
  let iv = a.intervals[0]
  for h in 0..<6 {
    #expect(iv.lower[h] < a.mean[h] && a.mean[h] < iv.upper[h])
    // One step ahead the predictive distribution is N(mean, σ²) exactly.
    if h == 0 {
      let half = 1.6448536269514722 * model.sigma
      #expect(abs((iv.upper[0] - iv.lower[0]) / 2 - half) < 0.1 * half)
    }
  }
}

@Test func autoETSPicksSeasonalModelForCO2AndLevelForNoise() throws {
  let co2 = try AutoETSForecaster().fit(ForecastInput(values: fixture.series["co2"]!, seasonalPeriod: 12))
  #expect(co2.seasonality != .none && co2.trend != .none)
  #expect(co2.notes.last?.hasPrefix("auto_ets: chose \(co2.label)") == true)
  var rng = Xoshiro256(seed: 5)
  let noise = try AutoETSForecaster().fit(Simulate.whiteNoise(count: 120, rng: &rng))
  #expect(noise.label == "ETS(A,N,N)")
}

/// The analytic class-1 variance (Hyndman et al. 2008, Table 6.1) against brute force: simulate
/// the fitted model's own recursions with Gaussian errors and compare 90% half-widths. With
/// 20 000 paths the sample 5%/95% quantiles are within ~1.5% of the truth (4 SE).
@Test("Analytic ETS intervals match simulation of the recursions", arguments: ["holt_winters", "damped_holt"])
func analyticVarianceMatchesSimulation(kind: String) throws {
  let model: ExponentialSmoothingModel
  if kind == "holt_winters" {
    model = try ExponentialSmoothingForecaster.holtWinters(.additive).fit(ForecastInput(values: fixture.series["co2"]!, seasonalPeriod: 12))
  } else {
    model = try ExponentialSmoothingForecaster(trend: .damped, alpha: 0.5, beta: 0.3, phi: 0.9).fit(fixture.series["nile"]!)
  }
  var sim = model
  sim.simulationPaths = 12_000
  let horizon = 14
  let simulated = sim.simulatedIntervals(horizon: horizon, levels: [0.9])[0]
  let analytic = model.predict(horizon: horizon, levels: [0.9]).intervals[0]
  for h in 0..<horizon {
    let a = (analytic.upper[h] - analytic.lower[h]) / 2
    let s = (simulated.upper[h] - simulated.lower[h]) / 2
    #expect(abs(s / a - 1) < 0.035, "h = \(h + 1): simulated \(s), analytic \(a)")
  }
}

@Test func autoETSFallsBackOnVeryShortHistory() throws {
  let model = try AutoETSForecaster().fit([3, 4, 5])
  #expect(model.label == "ETS(A,N,N)")
  #expect(model.notes.last?.contains("too short for AICc") == true)
}
