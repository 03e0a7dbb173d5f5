import Testing
import Stochastics
import _TestSupport
@testable import Forecasting

private let y: [Double] = [1, 3, 2, 5, 4]
private let z95 = 1.959963984540054

/// Naive residuals 2, −1, 3, −1: σ̂² = 15/4; the h-step sd is σ̂√h.
@Test func naiveMatchesHandComputedIntervals() throws {
  let f = try NaiveForecaster().fit(y).predict(horizon: 3, levels: [0.95])
  #expect(f.mean == [4, 4, 4])
  let s = (15.0 / 4).squareRoot()
  #expect(Approx.equal(f.intervals[0].upper, (1...3).map { 4 + z95 * s * Double($0).squareRoot() }, relative: 1e-12))
}

/// m = 2: residuals 1, 2, 2, σ̂² = 9/3; sd at h = 3 is σ̂√2.
@Test func seasonalNaiveMatchesHandComputedIntervals() throws {
  let model = try SeasonalNaiveForecaster().fit(ForecastInput(values: y, seasonalPeriod: 2))
  let f = model.predict(horizon: 3, levels: [0.95])
  #expect(f.mean == [5, 4, 5])
  let s = 3.0.squareRoot()
  #expect(Approx.equal(f.intervals[0].lower, [5 - z95 * s, 4 - z95 * s, 5 - z95 * s * 2.0.squareRoot()], relative: 1e-12))
  #expect(model.fittedValues[2] == 1 && model.fittedValues[0].isNaN)
}

/// ȳ = 3, Σ(y − ȳ)² = 10, σ̂² = 10/4; sd σ̂√(1 + 1/5).
@Test func meanMatchesHandComputedIntervals() throws {
  let f = try MeanForecaster().fit(y).predict(horizon: 2, levels: [0.95])
  #expect(f.mean == [3, 3])
  #expect(Approx.equal(f.intervals[0].upper[1], 3 + z95 * (10.0 / 4 * 1.2).squareRoot(), relative: 1e-12))
}

/// Window 2: trailing means 2, 2.5, 3.5 then 4.5; one-step errors 0, 2.5, 0.5.
@Test func movingAverageMatchesHandValues() throws {
  let model = try MovingAverageForecaster(window: 2).fit(y)
  #expect(model.fittedValues.suffix(3) == [2, 2.5, 3.5])
  let f = model.predict(horizon: 1, levels: [0.95])
  #expect(f.mean == [4.5])
  #expect(Approx.equal(f.intervals[0].upper[0], 4.5 + z95 * (6.5 / 3).squareRoot(), relative: 1e-12))
}

@Test func baselinesRejectShortHistory() {
  #expect(throws: ForecastError.historyTooShort(method: "moving_average", needed: 4, got: 3)) {
    try MovingAverageForecaster(window: 3).fit([1, 2, 3])
  }
}

/// 80% naive intervals on Gaussian random walks cover about 80% at h = 1 and h = 5.
@Test func naiveIntervalsCoverRandomWalks() throws {
  var rng = Xoshiro256(seed: 11)
  let reps = 1500
  var hits1 = 0, hits5 = 0
  for _ in 0..<reps {
    let path = Simulate.randomWalk(count: 105, rng: &rng)
    let f = try NaiveForecaster().fit(Array(path.prefix(100))).predict(horizon: 5, levels: [0.8])
    let iv = f.intervals[0]
    if path[100] >= iv.lower[0] && path[100] <= iv.upper[0] { hits1 += 1 }
    if path[104] >= iv.lower[4] && path[104] <= iv.upper[4] { hits5 += 1 }
  }
  #expect(abs(Double(hits1) / Double(reps) - 0.8) < fourSE(p: 0.8, n: reps))
  #expect(abs(Double(hits5) / Double(reps) - 0.8) < fourSE(p: 0.8, n: reps))
}

/// 95% mean-method intervals on white noise cover about 95%.
@Test func meanIntervalsCoverWhiteNoise() throws {
  var rng = Xoshiro256(seed: 12)
  let reps = 1500
  var hits = 0
  for _ in 0..<reps {
    let s = Simulate.whiteNoise(count: 61, rng: &rng)
    let iv = try MeanForecaster().fit(Array(s.prefix(60))).predict(horizon: 1, levels: [0.95]).intervals[0]
    if s[60] >= iv.lower[0] && s[60] <= iv.upper[0] { hits += 1 }
  }
  #expect(abs(Double(hits) / Double(reps) - 0.95) < fourSE(p: 0.95, n: reps))
}
