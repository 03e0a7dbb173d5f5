import Testing
import _TestSupport
@testable import Forecasting

/// One extreme history: a label for the test name, the values and their seasonal period.
struct ExtremeSeries: Sendable, CustomTestStringConvertible {
  var label: String
  var values: [Double]
  var period: Int = 4
  var testDescription: String { label }

  /// 48 positive values with a trend, a period-4 pattern and a few bumps, around 20–32.
  static let ordinary: [Double] = (0..<48).map { t in
    let pattern: [Double] = [3, -1, -2, 0]
    return 20 + 0.2 * Double(t) + pattern[t % 4] + ((t * 7) % 5 == 0 ? 1 : 0)
  }

  static func scaled(_ label: String, by c: Double) -> ExtremeSeries {
    ExtremeSeries(label: label, values: ordinary.map { $0 * c })
  }

  /// Every shape the issue lists, except the lengths that depend on the method (see below).
  static let all: [ExtremeSeries] = [
    scaled("values ~1e200", by: 1e200),
    scaled("values ~1e300 (squares and sums overflow)", by: 1e300 / 32),
    scaled("values ~8e307 (near Double.max)", by: 0x1p1023 / 32),
    scaled("values ~1e-300", by: 1e-300),
    ExtremeSeries(label: "subnormal values", values: ordinary.map { $0.rounded() * 5e-324 }),
    ExtremeSeries(label: "0 and 1e300 alternating", values: (0..<48).map { $0 % 2 == 0 ? 1e300 : 0 }),
    ExtremeSeries(label: "all zeros", values: Array(repeating: 0, count: 48)),
    ExtremeSeries(label: "all equal", values: Array(repeating: 7.25, count: 48)),
    ExtremeSeries(label: "single spike of 1e300", values: ordinary.enumerated().map { $0.offset == 30 ? 1e300 : $0.element }),
    scaled("negative values ~-1e200", by: -1e200),
    ExtremeSeries(label: "length 1", values: [5]),
    ExtremeSeries(label: "length 2", values: [5, 6]),
    ExtremeSeries(label: "0 and 1e-300 intermittent", values: (0..<48).map { $0 % 3 == 0 ? 1e-300 : 0 }),
  ]
}

/// Registered names with the members an ensemble needs.
func registrySpec(_ name: String) -> ForecasterSpec {
  ForecasterSpec(name: name, members: name == "ensemble" ? [ForecasterSpec(name: "naive"), ForecasterSpec(name: "ses")] : [])
}

/// Fits and predicts; returns the forecast, or the error, which must be a sentence. Any trap
/// ends the test run, so reaching the end is itself the "no trap" check.
func fitAndPredict(_ name: String, _ values: [Double], period: Int, horizon: Int = 5,
                   levels: [Double] = [0.5, 0.8, 0.999999]) throws -> Result<Forecast, ForecastError> {
  let forecaster = try ForecasterRegistry.make(registrySpec(name))
  do {
    let model = try fitMember(forecaster, ForecastInput(values: values, seasonalPeriod: period))
    let forecast = try model.checkedPredict(horizon: horizon, levels: levels, method: name)
    return .success(forecast)
  } catch {
    return .failure(error)
  }
}

@Suite struct ForecastScaleTests {
  @Test("every registered forecaster fits extreme series or says why",
        arguments: ForecasterRegistry.names, ExtremeSeries.all)
  func extremeSeriesFitOrFailWithASentence(name: String, series: ExtremeSeries) throws {
    switch try fitAndPredict(name, series.values, period: series.period) {
    case .success(let forecast):
      #expect(forecast.mean.count == 5)
      #expect(forecast.intervals.count == 3)
      for interval in forecast.intervals {
        for h in 0..<5 { #expect(interval.lower[h] <= interval.upper[h], "\(name) \(series.label)") }
      }
    case .failure(let error):
      #expect(error.description.count > 10, "\(name) on \(series.label): \(error)")
    }
  }

  /// Series the methods are meant for must fit, not merely fail politely.
  @Test("extreme magnitudes fit", arguments: ForecasterRegistry.names)
  func extremeMagnitudesFit(name: String) throws {
    for c in [1e200, 1e300 / 32, 1e-300] {
      let result = try fitAndPredict(name, ExtremeSeries.ordinary.map { $0 * c }, period: 4)
      if case .failure(let error) = result { Issue.record("\(name) at scale \(c): \(error)") }
    }
  }

  @Test("lengths minimumHistory - 1 and minimumHistory", arguments: ForecasterRegistry.names)
  func historyAtTheMinimum(name: String) throws {
    let f = try ForecasterRegistry.make(registrySpec(name))
    let m = f.minimumHistory
    let short = Array(ExtremeSeries.ordinary.prefix(max(m - 1, 0)))
    if case .success = try fitAndPredict(name, short, period: 1) {
      Issue.record("\(name): fitted \(short.count) values though minimumHistory is \(m)")
    }
    // At the minimum the fit may still need more (a seasonal model); it must not trap.
    let exact = Array(ExtremeSeries.ordinary.prefix(m))
    if case .failure(let error) = try fitAndPredict(name, exact, period: 1) {
      #expect(!error.description.isEmpty)
    }
  }

  @Test("horizon 1 and 10,000 stay finite", arguments: ForecasterRegistry.names)
  func longHorizons(name: String) throws {
    for horizon in [1, 10_000] {
      let result = try fitAndPredict(name, ExtremeSeries.ordinary, period: 4, horizon: horizon, levels: [0.8])
      switch result {
      case .success(let f): #expect(f.mean.count == horizon)
      case .failure(let error): Issue.record("\(name) horizon \(horizon): \(error)")
      }
    }
  }

  /// Forecasts of `c·y` are `c` times those of `y`: the fit must not depend on the unit.
  @Test("scale equivariance", arguments: ForecasterRegistry.names)
  func scaleEquivariance(name: String) throws {
    guard case .success(let reference) = try fitAndPredict(name, ExtremeSeries.ordinary, period: 4) else {
      Issue.record("\(name): the ordinary series does not fit"); return
    }
    // The reference's largest number (point forecasts may be 0, e.g. ARIMA(0,0,0) without a mean).
    let magnitude = (reference.mean + reference.intervals.flatMap { $0.lower + $0.upper }).map(abs).max()!
    for c in [1e-290, 1e-6, 1e6, 1e290] {
      guard case .success(let f) = try fitAndPredict(name, ExtremeSeries.ordinary.map { $0 * c }, period: 4) else {
        Issue.record("\(name) at scale \(c) does not fit"); continue
      }
      func close(_ a: [Double], _ b: [Double], _ what: String) {
        for h in 0..<a.count {
          let err = abs(a[h] / c - b[h]) / magnitude
          #expect(err < 1e-5, "\(name) c = \(c) \(what)[\(h)]: \(a[h] / c) vs \(b[h])")
        }
      }
      close(f.mean, reference.mean, "mean")
      for (i, interval) in f.intervals.enumerated() {
        close(interval.lower, reference.intervals[i].lower, "lower \(interval.level)")
        close(interval.upper, reference.intervals[i].upper, "upper \(interval.level)")
      }
    }
  }

  @Test func levelsAndHorizonOutsideTheirRangeAreSentences() throws {
    let model = try NaiveForecaster().fit([1, 2, 3])
    for level in [0.0, 1.0, -0.5, .nan] {
      let e = #expect(throws: ForecastError.self) { try model.checkedPredict(horizon: 3, levels: [level], method: "naive") }
      #expect(e?.description.hasPrefix("naive: prediction levels must be in (0, 1)") == true, "\(String(describing: e))")
    }
    #expect(throws: ForecastError.invalidInput("naive: horizon must be >= 1, got 0")) {
      try model.checkedPredict(horizon: 0, levels: [], method: "naive")
    }
  }

  /// A forecast that leaves the range of Double is an error, not an infinity.
  @Test func overflowingForecastIsAnError() throws {
    let y = (0..<20).map { Double($0) * 0x1p1019 }
    let model = try ForecasterRegistry.make(ForecasterSpec(name: "holt", parameters: ["alpha": 0.5, "beta": 0.5]))
    let fitted = try fitMember(model, ForecastInput(values: y))
    let e = #expect(throws: ForecastError.self) { try fitted.checkedPredict(horizon: 100, levels: [0.8], method: "holt") }
    #expect(e?.description.contains("beyond the range of Double") == true)
  }

  @Test func rescaledFitsSayTheyWereRescaled() throws {
    let f = try ForecasterRegistry.make(ForecasterSpec(name: "ses"))
    let big = try fitMember(f, ForecastInput(values: ExtremeSeries.ordinary.map { $0 * 1e200 }))
    #expect(big.notes.first?.hasPrefix("fitted on the series divided by 2^") == true)
    let ordinary = try fitMember(f, ForecastInput(values: ExtremeSeries.ordinary))
    #expect(!ordinary.notes.contains { $0.contains("divided by") })
  }

  /// Series of ordinary magnitude pass through the wrapper untouched: same numbers, bit for bit.
  @Test func ordinarySeriesAreFittedExactlyAsBefore() throws {
    let input = ForecastInput(values: ExtremeSeries.ordinary, seasonalPeriod: 4)
    let direct = try AutoETSForecaster().fit(input).predict(horizon: 8, levels: [0.9])
    let wrapped = try ScaleNormalizingForecaster(base: AutoETSForecaster()).fit(input).predict(horizon: 8, levels: [0.9])
    #expect(direct == wrapped)
  }

  @Test func errorsQuoteTheUsersValuesNotTheRescaledOnes() throws {
    let f = try ForecasterRegistry.make(ForecasterSpec(name: "croston"))
    let y = ExtremeSeries.ordinary.map { $0 * -1e200 }
    let e = #expect(throws: ForecastError.self) { try fitMember(f, ForecastInput(values: y)) }
    #expect(e?.description == "croston: demand must be finite and >= 0, got values[0] = \(y[0])")
  }

  @Test func powerOfTwoFactorsAreExact() {
    #expect(SeriesScale([1, 2, 3]).isIdentity)
    #expect(SeriesScale([0, 0]).isIdentity)
    let big = SeriesScale([3e200, -5e200])
    #expect(big.factor.significandBitPattern == 0 && (0.5..<1).contains(5e200 / big.factor))
    #expect(SeriesScale([.greatestFiniteMagnitude]).factor == 0x1p1023)
    let tiny = Double.leastNonzeroMagnitude
    let sub = SeriesScale([tiny, 2 * tiny])
    #expect(sub.normalized([tiny, 2 * tiny]) == [0.25, 0.5])
    #expect(sub.restored(sub.normalized([tiny, 2 * tiny])) == [tiny, 2 * tiny])
  }

  /// The exponential smoothing family used to trap on an optimiser precondition here.
  @Test func exponentialSmoothingOnASpikeDoesNotTrap() {
    var y = ExtremeSeries.ordinary.map { $0 * 1e-300 }
    y[30] = 1
    let hw = ExponentialSmoothingForecaster(trend: .additive, seasonality: .multiplicative, period: 4)
    do {
      let m = try hw.fit(ForecastInput(values: y, seasonalPeriod: 4))
      #expect(m.sse.isFinite)
    } catch {
      #expect(error.description.hasPrefix("ets ETS(A,A,M): no smoothing parameters give a finite sum of squared errors"))
    }
  }
}

/// Long ARIMA horizons switch to the augmented-state variance recursion: it must agree with
/// the weighted covariance sums used for shorter horizons.
@Test func arimaLongHorizonVariancesAgreeWithTheWeightedSums() throws {
  let y = ExtremeSeries.ordinary.enumerated().map { $0.element + 0.3 * Double(($0.offset * 5) % 7) }
  let model = try ARIMAForecaster(p: 1, d: 1, q: 1, seasonalD: 1, seasonalQ: 1).fit(ForecastInput(values: y, seasonalPeriod: 4))
  let h = ARIMAModel.weightedVarianceHorizon
  let short = model.predict(horizon: h, levels: [0.9]), long = model.predict(horizon: h + 1, levels: [0.9])
  for i in 0..<h {
    #expect(short.mean[i] == long.mean[i])
    let a = short.intervals[0].upper[i] - short.mean[i], b = long.intervals[0].upper[i] - long.mean[i]
    #expect(abs(a - b) <= 1e-9 * abs(a), "step \(i + 1): \(a) vs \(b)")
  }
}
