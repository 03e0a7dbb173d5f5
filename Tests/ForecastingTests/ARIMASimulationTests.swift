import Foundation
import Testing
@testable import Forecasting

/// Maximum-likelihood estimates on simulated ARMA series (n = 500, fixed seeds) recover the true
/// coefficients within 3 standard errors.
@Suite struct ARIMASimulationTests {
  struct Case: Sendable, CustomTestStringConvertible {
    var label: String
    var order: (p: Int, q: Int, sp: Int, sq: Int, m: Int)
    var truth: [String: Double]
    var ar: [Double], ma: [Double]
    var mean: Double
    var seed: UInt64
    var testDescription: String { label }
  }

  static let cases: [Case] = [
    Case(label: "AR(1) 0.7", order: (1, 0, 0, 0, 1), truth: ["ar1": 0.7], ar: [0.7], ma: [], mean: 0, seed: 1),
    Case(label: "MA(1) 0.5", order: (0, 1, 0, 0, 1), truth: ["ma1": 0.5], ar: [], ma: [0.5], mean: 0, seed: 2),
    Case(label: "ARMA(2,1)", order: (2, 1, 0, 0, 1), truth: ["ar1": 0.5, "ar2": -0.3, "ma1": 0.4],
         ar: [0.5, -0.3], ma: [0.4], mean: 0, seed: 3),
    Case(label: "ARMA(1,1) mean 10", order: (1, 1, 0, 0, 1), truth: ["ar1": 0.6, "ma1": -0.3, "intercept": 10],
         ar: [0.6], ma: [-0.3], mean: 10, seed: 4),
    // (1,0,0)(1,0,0)[4]: (1 - 0.5B)(1 - 0.4B^4) expanded.
    Case(label: "AR(1)xSAR(1)[4]", order: (1, 0, 1, 0, 4), truth: ["ar1": 0.5, "sar1": 0.4],
         ar: [0.5, 0, 0, 0.4, -0.2], ma: [], mean: 0, seed: 5),
    // (0,0,1)(0,0,1)[4]: (1 + 0.4B)(1 - 0.5B^4).
    Case(label: "MA(1)xSMA(1)[4]", order: (0, 1, 0, 1, 4), truth: ["ma1": 0.4, "sma1": -0.5],
         ar: [], ma: [0.4, 0, 0, -0.5, -0.2], mean: 0, seed: 6),
  ]

  @Test("ML recovers simulated coefficients within 3 SE", arguments: cases)
  func recoversCoefficients(_ c: Case) throws {
    var g = ARIMATestGaussian(seed: c.seed)
    let y = g.arma(n: 500, ar: c.ar, ma: c.ma, mean: c.mean)
    let model = try ARIMAForecaster(p: c.order.p, q: c.order.q, seasonalP: c.order.sp, seasonalQ: c.order.sq,
                                    includeConstant: c.mean != 0)
      .fit(ForecastInput(values: y, seasonalPeriod: c.order.m))
    for (name, value) in c.truth {
      let est = try #require(model.coefficient(name))
      let se = try #require(model.standardError(name))
      #expect(se > 0 && se < 0.5, "\(name) se \(se)")
      #expect(abs(est - value) < 3 * se, "\(c.label) \(name): estimate \(est), truth \(value), se \(se)")
    }
    #expect(abs(model.sigma2 - 1) < 3 * (2.0 / 500).squareRoot())
  }

  @Test func regressionWithARIMAErrorsRecoversCovariateEffect() throws {
    var g = ARIMATestGaussian(seed: 9)
    let noise = g.arma(n: 400, ar: [0.6], ma: [])
    let x = (0..<420).map { _ in g.normal() }
    let y = (0..<400).map { 2 + 3 * x[$0] + noise[$0] }
    let input = ForecastInput(values: y, seasonalPeriod: 1, covariates: Covariates(names: ["promo"], columns: [x]))
    let model = try ARIMAForecaster(p: 1, includeConstant: true).fit(input)
    let beta = try #require(model.coefficient("promo")), se = try #require(model.standardError("promo"))
    #expect(abs(beta - 3) < 3 * se)
    #expect(abs(model.coefficient("ar1")! - 0.6) < 3 * model.standardError("ar1")!)
    let fc = model.predict(horizon: 20, levels: [0.9])
    // Far ahead the AR error has decayed: forecast ≈ intercept + beta * x.
    #expect(abs(fc.mean[19] - (model.coefficient("intercept")! + beta * x[419])) < 0.05)
  }

  @Test func stationaryInitialCovarianceSolvesLyapunovEquation() throws {
    // P = T P T' + R R' for an ARMA with sparse seasonal AR and MA terms.
    let phi = ARIMAPolynomial.expandAR([0.5, -0.2], seasonal: [0.3], period: 4)
    let theta = ARIMAPolynomial.expandMA([0.4], seasonal: [-0.6], period: 4)
    let k = KalmanARMA(phi: phi, theta: theta)
    let r = k.stateDimension
    let P = try #require(k.initialCovariance())
    var T = [Double](repeating: 0, count: r * r)
    for i in 0..<r {
      if i < phi.count { T[i * r] = phi[i] }
      if i + 1 < r { T[i * r + i + 1] = 1 }
    }
    var R = [Double](repeating: 0, count: r); R[0] = 1
    for i in 0..<theta.count { R[i + 1] = theta[i] }
    for i in 0..<r {
      for j in 0..<r {
        var s = R[i] * R[j]
        for a in 0..<r { for b in 0..<r { s += T[i * r + a] * P[a * r + b] * T[j * r + b] } }
        #expect(abs(s - P[i * r + j]) < 1e-10)
      }
    }
  }

  @Test("Chandrasekhar likelihood pass equals the full Riccati filter",
        arguments: [([0.5, -0.2], [0.3], [0.4], [-0.6]), ([], [], [-0.4], [-0.56]), ([0.9], [0.5], [], []),
                    ([0.3, 0.2, -0.1], [], [0.5, 0.2], [0.3])])
  func chandrasekharMatchesRiccati(_ c: ([Double], [Double], [Double], [Double])) throws {
    var g = ARIMATestGaussian(seed: 17)
    let w = (0..<150).map { _ in g.normal() }
    let x = [(0..<150).map { Double($0 % 7) }]
    let k = KalmanARMA(phi: ARIMAPolynomial.expandAR(c.0, seasonal: c.1, period: 12),
                       theta: ARIMAPolynomial.expandMA(c.2, seasonal: c.3, period: 12))
    let fast = try #require(k.filter(w, regressors: x))
    let full = try #require(k.filter(w, regressors: x, keepInnovations: true))
    #expect(abs(fast.logLikelihood - full.logLikelihood) < 1e-8)
    #expect(abs(fast.sumLogF - full.sumLogF) < 1e-8)
    #expect(abs(fast.beta[0] - full.beta[0]) < 1e-10)
  }

  @Test func transformRoundTripsStationaryCoefficients() {
    let phi = [0.5, -0.3, 0.1]
    let back = ARIMAPolynomial.stationaryAR(fromUnconstrained: ARIMAPolynomial.unconstrained(fromAR: phi))
    for i in 0..<3 { #expect(abs(back[i] - phi[i]) < 1e-12) }
    #expect(abs(ARIMAPolynomial.minimumRootModulus(ar: [0.5]) - 2) < 1e-9)
    #expect(abs(ARIMAPolynomial.minimumRootModulus(ar: [0, 0.25]) - 2) < 1e-9)
  }
}
