import Testing
import _TestSupport
@testable import Forecasting

@Test func registryListsItsNames() {
  #expect(ForecasterRegistry.names == ["naive", "seasonal_naive", "mean", "moving_average", "regression", "ses", "holt",
                                       "holt_winters", "ets", "auto_ets", "croston", "sba", "tsb", "arima", "auto_arima", "ensemble"])
  #expect(ForecasterRegistry.parameters(for: "moving_average") == ["window", "clean"])
  #expect(ForecasterRegistry.parameters(for: "nope") == nil)
}

@Test func unknownNamesAndParametersListTheValidOnes() {
  let e1 = #expect(throws: ForecastError.self) { try ForecasterRegistry.make(ForecasterSpec(name: "arimax")) }
  #expect(e1?.description.contains("valid names: naive, seasonal_naive") == true)
  let e2 = #expect(throws: ForecastError.self) {
    try ForecasterRegistry.make(ForecasterSpec(name: "moving_average", parameters: ["windw": 3]))
  }
  #expect(e2?.description == "moving_average: unknown parameter \"windw\"; valid: window, clean")
  #expect(throws: ForecastError.invalidInput("moving_average: window must be an integer in [1, \(ParameterReader.largestCount)], got 2.5")) {
    try ForecasterRegistry.make(ForecasterSpec(name: "moving_average", parameters: ["window": 2.5]))
  }
}

@Test func everyRegisteredNameBuildsAndFits() throws {
  let pattern: [Double] = [3, -1, -2, 0]
  var series: [Double] = []
  for t in 0..<48 {
    let bump: Double = (t * 7) % 5 == 0 ? 1 : 0
    series.append(20 + 0.2 * Double(t) + pattern[t % 4] + bump)
  }
  let input = ForecastInput(values: series, seasonalPeriod: 4)
  for name in ForecasterRegistry.names {
    let members = name == "ensemble" ? [ForecasterSpec(name: "naive"), ForecasterSpec(name: "ses")] : []
    let f = try ForecasterRegistry.make(ForecasterSpec(name: name, members: members))
    #expect(f.name == name)
    let forecast = try fitMember(f, input).predict(horizon: 3, levels: [0.9])
    #expect(forecast.mean.count == 3 && forecast.mean.allSatisfy { $0.isFinite }, "\(name)")
  }
}

/// Built-in methods come wrapped in `ScaleNormalizingForecaster`, outermost; additional entries do not.
@Test func registryParametersReachTheForecaster() throws {
  let ets = try ForecasterRegistry.make(ForecasterSpec(name: "ets", parameters: ["trend": 2, "seasonal": 1, "period": 4]))
  let f = try #require((ets as? ScaleNormalizingForecaster<ExponentialSmoothingForecaster>)?.base)
  #expect(f.trend == .damped && f.seasonality == .additive && f.period == 4)
  let cleaned = try ForecasterRegistry.make(ForecasterSpec(name: "naive", parameters: ["clean": 3]))
  #expect(cleaned is ScaleNormalizingForecaster<AnomalyCleaningForecaster<NaiveForecaster>>)
  let sba = try ForecasterRegistry.make(ForecasterSpec(name: "sba", parameters: ["optimize": 1]))
  let croston = try #require((sba as? ScaleNormalizingForecaster<CrostonForecaster>)?.base)
  #expect(croston.alpha == nil && croston.variant == .sba)
}

/// Another module's entry (as NeuralForecasting would publish) is found, listed and usable as
/// an ensemble member.
@Test func additionalEntriesExtendTheRegistry() throws {
  let extra = ForecasterRegistry.Entry(name: "last_window_mean", summary: "test entry",
                                       parameters: [("window", "values")]) { _, p throws(ForecastError) in
    MovingAverageForecaster(window: try p.int("window", min: 1) ?? 3)
  }
  #expect(ForecasterRegistry.names(additional: [extra]).last == "last_window_mean")
  #expect(ForecasterRegistry.parameters(for: "last_window_mean", additional: [extra]) == ["window", "clean"])
  let f = try ForecasterRegistry.make(ForecasterSpec(name: "last_window_mean", parameters: ["window": 2]), additional: [extra])
  #expect((f as? MovingAverageForecaster)?.window == 2)
  let ensemble = ForecasterSpec(name: "ensemble", members: [ForecasterSpec(name: "naive"), ForecasterSpec(name: "last_window_mean")])
  #expect(try ForecasterRegistry.make(ensemble, additional: [extra]) is ScaleNormalizingForecaster<EnsembleForecaster>)
  let e = #expect(throws: ForecastError.self) { try ForecasterRegistry.make(ensemble) }
  #expect(e?.description.hasPrefix("unknown forecaster \"last_window_mean\"") == true)
}

/// Integer parameters past Int's range, or longer than any series, are errors, not traps (a
/// period of 2^63 passed `v <= Double(Int.max)` and trapped converting; 9e18 overflowed `2 * m`).
@Test("Huge integer parameters are rejected with the key", arguments: [
  ("seasonal_naive", 9_223_372_036_854_775_808.0), ("holt_winters", 9e18), ("ets", 1e300), ("auto_ets", 1_000_001.0),
])
func hugeIntegerParametersAreErrors(name: String, period: Double) {
  let spec = ForecasterSpec(name: name, parameters: name == "ets" ? ["seasonal": 1, "period": period] : ["period": period])
  let e = #expect(throws: ForecastError.self) { try ForecasterRegistry.make(spec) }
  #expect(e?.description.contains("\(name): period must be an integer in") == true, "\(String(describing: e))")
}

@Test func anIntegerReaderTakesItsBoundsUpToIntMax() throws {
  let p = ParameterReader(method: "m", values: ["seed": 9_223_372_036_854_774_784, "big": 9_223_372_036_854_775_808])
  #expect(try p.int("seed", min: 0, max: .max) == 9_223_372_036_854_774_784)
  #expect(throws: ForecastError.self) { try p.int("big", min: 0, max: .max) }
}
