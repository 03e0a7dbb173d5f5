import Foundation
import Testing
@testable import Forecasting

/// AR, seasonal AR, intercept and drift fits against statsmodels 0.15.0 SARIMAX (exact diffuse,
/// regression with ARIMA errors via `exog`): Fixtures/arima/statsmodels_more.json, produced by
/// Fixtures/arima/scripts/more_refs.py.
@Suite struct ARIMAStatsmodelsTests {
  struct Case: Sendable, CustomTestStringConvertible {
    var name: String
    var testDescription: String { name }
  }

  static let cases = ["log_airpassengers_111_110_12", "airpassengers_110_drift", "wineind_201_mean",
                      "log_airpassengers_210_011_12"].map(Case.init)

  @Test("Maximum likelihood matches statsmodels", arguments: cases)
  func matchesStatsmodels(_ c: Case) throws {
    let all = ARIMAFixtures.json("statsmodels_more.json")["cases"] as! [[String: Any]]
    let ref = try #require(all.first { $0["name"] as! String == c.name })
    let order = ref["order"] as! [Int], seasonal = ref["seasonal_order"] as! [Int]
    let params = ref["params"] as! [String: Double]
    let ap = ARIMAFixtures.series("airpassengers.csv")
    let y: [Double] = c.name.hasPrefix("log_") ? ap.map { log($0) }
      : c.name.hasPrefix("wineind") ? ARIMAFixtures.series("monthly/wineind.csv.full") : ap
    let constant = params["x1"] != nil || params["const"] != nil
    let model = try ARIMAForecaster(p: order[0], d: order[1], q: order[2], seasonalP: seasonal[0],
                                    seasonalD: seasonal[1], seasonalQ: seasonal[2], includeConstant: constant)
      .fit(ForecastInput(values: y, seasonalPeriod: max(seasonal[3], 1)))
    let loglik = ref["loglik"] as! Double
    // Same likelihood, same maximum, to 3 decimals (the drift case differs by 1.7e-4 even at
    // identical parameters: statsmodels' diffuse filter with a 1...n regressor loses a few digits).
    #expect(abs(model.logLikelihood - loglik) < 5e-4, "loglik \(model.logLikelihood) vs \(loglik)")
    let names = ["ar.L1": "ar1", "ar.L2": "ar2", "ma.L1": "ma1", "ar.S.L12": "sar1", "ma.S.L12": "sma1",
                 "x1": "drift", "const": "intercept"]
    for (theirs, ours) in names {
      guard let expected = params[theirs] else { continue }
      let value = try #require(model.coefficient(ours))
      // Regression coefficients are flat directions for L-BFGS (ours are exact GLS): compare in SEs.
      let tolerance = ours == "drift" || ours == "intercept" ? 0.05 * model.standardError(ours)! : 2e-3
      #expect(abs(value - expected) < tolerance, "\(ours): \(value) vs \(expected)")
    }
    #expect(abs(model.sigma2 / params["sigma2"]! - 1) < 2e-3)
  }
}
