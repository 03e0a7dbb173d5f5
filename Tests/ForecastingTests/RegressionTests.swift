import Testing
#if canImport(Glibc)
import Glibc
#endif
import LinearAlgebra
import Stochastics
import _TestSupport
@testable import Forecasting

/// y = 2.2 + 0.6 t on (1,2),(2,4),(3,5),(4,4),(5,5), solved by hand: Sxy = 6, Sxx = 10, RSS = 2.4,
/// s² = 2.4/3, (XᵀX)⁻¹ = [[1.1, −0.3], [−0.3, 0.1]]; at t = 6 the leverage is 1.1.
@Test func olsMatchesHandSolvedRegressionAndInterval() throws {
  let model = try RegressionForecaster(features: RegressionFeatures(trend: true)).fit([2, 4, 5, 4, 5])
  #expect(Approx.equal(model.coefficients, [2.2, 0.6], relative: 1e-12))
  #expect(Approx.equal(model.sigma, 0.8.squareRoot(), relative: 1e-12))
  let f = model.predict(horizon: 1, levels: [0.95])
  #expect(Approx.equal(f.mean[0], 5.8, relative: 1e-12))
  let t3 = 3.182446305283708  // SciPy t.ppf(0.975, 3)
  let expected: Double = 5.8 + t3 * (0.8 * 2.1).squareRoot()
  #expect(Approx.equal(f.intervals[0].upper[0], expected, relative: 1e-10))
}

private let y: [Double] = [3, 5, 4, 8, 9, 7, 12, 11]
private let promo = Covariates(names: ["promo"], columns: [[0, 1, 0, 1, 1, 0, 1, 0, 1, 0]])

/// Against NumPy (`np.linalg.solve(X.T@X + λD, X.T@y)`) and against our own Cholesky on the
/// normal equations, a different algorithm from the QR the forecaster uses.
@Test func ridgeMatchesClosedForm() throws {
  let input = ForecastInput(values: y, covariates: promo)
  let features = RegressionFeatures(trend: true, covariates: ["promo"])
  let all = try RegressionForecaster(features: features, ridge: 2, penalizeIntercept: true).fit(input)
  #expect(Approx.equal(all.coefficients, [0.71782178, 1.29455446, 1.30445545], relative: 1e-7))
  let noIntercept = try RegressionForecaster(features: features, ridge: 2).fit(input)
  #expect(Approx.equal(noIntercept.coefficients, [1.64772727, 1.14772727, 1.125], relative: 1e-7))
  // Closed form by Cholesky.
  let x = Matrix((0..<8).map { [1, Double($0 + 1), promo.columns[0][$0]] })
  let normal = x.gram + Matrix.diagonal([2, 2, 2])
  let beta = try CholeskyDecomposition(normal).solve(x.transposeTimes(y))
  #expect(Approx.equal(all.coefficients, beta, relative: 1e-12))
}

/// OLS with a promotion covariate: coefficients, the forecast at a promoted future step and its
/// standard error against NumPy.
@Test func covariateRegressionUsesFuturePromotions() throws {
  let input = ForecastInput(values: y, covariates: promo)
  let model = try RegressionForecaster(features: RegressionFeatures(trend: true)).fit(input)
  #expect(Approx.equal(model.coefficients, [0.83928571428571, 1.20238095238095, 2.25], relative: 1e-10))
  let f = model.predict(horizon: 3, levels: [0.95])
  #expect(Approx.equal(f.mean[0], 13.910714285714288, relative: 1e-12))
  let t5 = 2.570581835636314  // SciPy t.ppf(0.975, 5)
  #expect(Approx.equal(f.intervals[0].upper[0] - f.mean[0], t5 * 1.0244979689757192, relative: 1e-10))
  // Step 3 is past the covariate rows: promo taken as 0.
  #expect(Approx.equal(f.mean[2], 0.83928571428571 + 1.20238095238095 * 11, relative: 1e-10))
  #expect(model.notes.contains { $0.contains("2 future steps") })
}

@Test func fourierAndDummyTermsRecoverExactSeasonality() throws {
  let n = 42
  let series = (0..<n).map { t -> Double in
    let a = 2 * Double.pi * Double(t + 1) / 7
    return 10 + 2 * sin(a) + cos(2 * a)
  }
  let fourier = RegressionFeatures(fourier: [.init(period: 7, harmonics: 2)])
  let m1 = try RegressionForecaster(features: fourier).fit(series)
  #expect(m1.columnNames == ["intercept", "sin1_7.0", "cos1_7.0", "sin2_7.0", "cos2_7.0"])
  #expect(Approx.equal(m1.coefficients, [10, 2, 0, 0, 1], relative: 0, absolute: 1e-10))
  let next = m1.predict(horizon: 7, levels: []).mean
  #expect(Approx.equal(next, Array(series[35..<42]), relative: 1e-10))
  let dummies = try RegressionForecaster(features: RegressionFeatures(seasonalDummies: true))
    .fit(ForecastInput(values: series, seasonalPeriod: 7))
  #expect(Approx.equal(dummies.predict(horizon: 7, levels: []).mean, Array(series[35..<42]), relative: 1e-10))
  // Two periods: 2 + 2·3 columns plus the intercept; P = 4 with K = 2 drops the zero sine.
  let two = RegressionFeatures(fourier: [.init(period: 7, harmonics: 1), .init(period: 365.25, harmonics: 3)])
  #expect(try RegressionForecaster(features: two).fit(series).columnNames.count == 9)
  let even = RegressionFeatures(fourier: [.init(period: 4, harmonics: 2)])
  #expect(try RegressionForecaster(features: even).fit(series).columnNames == ["intercept", "sin1_4.0", "cos1_4.0", "cos2_4.0"])
}

/// y_t = 1 + 0.5 y_{t−1} exactly: the lag coefficient is recovered and forecasts recurse.
@Test func lagRegressionForecastsRecursively() throws {
  var series: [Double] = [10]
  for _ in 1..<20 { series.append(1 + 0.5 * series.last!) }
  let model = try RegressionForecaster(features: RegressionFeatures(lags: [1])).fit(series)
  #expect(Approx.equal(model.coefficients, [1, 0.5], relative: 1e-9))
  let f = model.predict(horizon: 2, levels: []).mean
  let h1 = 1 + 0.5 * series.last!
  #expect(Approx.equal(f, [h1, 1 + 0.5 * h1], relative: 1e-9))
  #expect(model.fittedValues[0].isNaN)
}

@Test func rankDeficientDesignIsNotedAndUnknownCovariateNamed() throws {
  let twin = Covariates(names: ["a", "b"], columns: [[1, 0, 1, 1, 0, 0, 1, 0], [1, 0, 1, 1, 0, 0, 1, 0]])
  let model = try RegressionForecaster(features: RegressionFeatures()).fit(ForecastInput(values: y, covariates: twin))
  #expect(model.notes.contains { $0.contains("rank 2 < 3") })
  #expect(throws: ForecastError.self) {
    try RegressionForecaster(features: RegressionFeatures(covariates: ["price"])).fit(ForecastInput(values: y, covariates: twin))
  }
}

/// Intercept-only OLS on Gaussian white noise: t-intervals are exact, so 90% coverage is nominal.
@Test func regressionIntervalsCoverWhiteNoise() throws {
  var rng = Xoshiro256(seed: 31)
  let reps = 2000
  var hits = 0
  for _ in 0..<reps {
    let s = Simulate.whiteNoise(count: 13, rng: &rng)
    let iv = try RegressionForecaster(features: RegressionFeatures()).fit(Array(s.prefix(12)))
      .predict(horizon: 1, levels: [0.9]).intervals[0]
    if s[12] >= iv.lower[0] && s[12] <= iv.upper[0] { hits += 1 }
  }
  #expect(abs(Double(hits) / Double(reps) - 0.9) < fourSE(p: 0.9, n: reps))
}
