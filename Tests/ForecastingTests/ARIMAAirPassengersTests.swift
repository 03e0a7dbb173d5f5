import Foundation
import Testing
@testable import Forecasting

/// The airline model on log(AirPassengers) against statsmodels (see Fixtures/arima/statsmodels_reference.json,
/// produced by Fixtures/arima/scripts/make_refs.py with statsmodels 0.15.0) and R's published fit
/// (`arima(log(AirPassengers), c(0,1,1), seasonal = c(0,1,1))`: ma1 -0.4018, sma1 -0.5569,
/// sigma^2 0.001348, loglik 244.7). Our likelihood is that of the differenced series with a stationary
/// initial state, which equals statsmodels' exact-diffuse likelihood and R's.
@Suite struct ARIMAAirPassengersTests {
  static let logSeries = ARIMAFixtures.series("airpassengers.csv").map { log($0) }
  static var reference: [String: Any] { ARIMAFixtures.json("statsmodels_reference.json") }

  static func airline() throws -> ARIMAModel {
    try ARIMAForecaster(p: 0, d: 1, q: 1, seasonalP: 0, seasonalD: 1, seasonalQ: 1)
      .fit(ForecastInput(values: logSeries, seasonalPeriod: 12))
  }

  @Test func airlineLogLikelihoodMatchesStatsmodelsToThreeDecimals() throws {
    #expect(Self.logSeries.count == 144)
    let model = try Self.airline()
    let ref = Self.reference["exact_diffuse"] as! [String: Double]
    #expect(abs(model.logLikelihood - ref["loglik"]!) < 5e-4)
    #expect(abs(model.coefficient("ma1")! - (-0.4018)) < 5e-4)
    #expect(abs(model.coefficient("sma1")! - (-0.5569)) < 5e-4)
    #expect(abs(model.sigma2 - 0.001348) < 1e-6)
    #expect(abs(model.aic - ref["aic"]!) < 1e-3)
    #expect(abs(model.aicc - ref["aicc"]!) < 1e-3)
    #expect(abs(model.bic - ref["bic"]!) < 1e-3)
    // Hessian-based standard errors: statsmodels cov_type="approx"; R prints 0.0896 and 0.0731.
    #expect(abs(model.standardError("ma1")! - ref["se_hessian_ma1"]!) < 1e-3)
    #expect(abs(model.standardError("sma1")! - ref["se_hessian_sma1"]!) < 1e-3)
  }

  @Test func likelihoodAtFixedCoefficientsMatchesStatsmodels() {
    let ref = Self.reference["loglik_at_fixed"] as! [String: Any]
    let params = ref["params"] as! [Double]
    let est = ARIMAEstimator(values: Self.logSeries, order: ARIMAOrder(d: 1, q: 1, seasonalD: 1, seasonalQ: 1, period: 12),
                             constant: false, covariates: nil)
    let out = est.arma(raw: [params[0], params[1]]).filter(est.w)!
    // statsmodels evaluates at sigma2 = 0.001348 rather than the concentrated value.
    let n = Double(out.count), s2 = params[2]
    let ll = -0.5 * (n * log(2 * Double.pi * s2) + out.sumOfSquares / s2 + out.sumLogF)
    #expect(abs(ll - (ref["loglik"] as! Double)) < 1e-6)
  }

  @Test func airlineForecastsAndIntervalsMatchStatsmodels() throws {
    let model = try Self.airline()
    let fc = model.predict(horizon: 24, levels: [0.95])
    let ref = Self.reference["forecast_log"] as! [String: [Double]]
    for h in 0..<24 {
      #expect(abs(fc.mean[h] - ref["mean"]![h]) < 2e-3)
      #expect(abs(fc.intervals[0].lower[h] - ref["lower95"]![h]) < 3e-3)
      #expect(abs(fc.intervals[0].upper[h] - ref["upper95"]![h]) < 3e-3)
    }
  }
}
