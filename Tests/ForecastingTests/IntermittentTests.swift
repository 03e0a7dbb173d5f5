import Testing
import _TestSupport
@testable import Forecasting

// Demands at t = 1 (3), t = 4 (5), t = 6 (2).
private let demand: [Double] = [0, 3, 0, 0, 5, 0, 2, 0]

/// By hand, α = β = 0.2: start z = 3, p = 2; at t = 4 (q = 3) z = 3.4, p = 2.2; at t = 6 (q = 2)
/// z = 3.12, p = 2.16. Croston 3.12/2.16; SBA 0.9 × that.
@Test func crostonAndSBAMatchHandComputation() throws {
  let croston = try CrostonForecaster(alpha: 0.2).fit(demand)
  let expected = 3.12 / 2.16
  #expect(Approx.equal(croston.predict(horizon: 3, levels: []).mean, [expected, expected, expected], relative: 1e-12))
  let fitted = croston.fittedValues
  #expect(fitted[0].isNaN && fitted[1].isNaN)
  #expect(Approx.equal(Array(fitted[2...]), [1.5, 1.5, 1.5, 3.4 / 2.2, 3.4 / 2.2, expected], relative: 1e-12))
  let sba = try CrostonForecaster(variant: .sba, alpha: 0.2).fit(demand)
  #expect(Approx.equal(sba.level, 0.9 * expected, relative: 1e-12))
}

/// By hand, α = 0.2, β = 0.1: d starts at 1/2 after t = 1; d = 0.45, 0.405, 0.4645 (z = 3.4),
/// 0.41805, 0.476245 (z = 3.12), 0.4286205; forecast 0.4286205 × 3.12.
@Test func tsbMatchesHandComputation() throws {
  let model = try TSBForecaster(alpha: 0.2, beta: 0.1).fit(demand)
  #expect(Approx.equal(model.level, 0.4286205 * 3.12, relative: 1e-12))
  #expect(Approx.equal(model.fittedValues[2], 1.5, relative: 1e-12))
  #expect(Approx.equal(model.fittedValues[5], 0.4645 * 3.4, relative: 1e-12))
}

@Test func optimisedConstantsStayInBoundsAndDoNotWorsenMSE() throws {
  let y: [Double] = [0, 0, 4, 0, 0, 0, 6, 0, 3, 0, 0, 5, 0, 0, 0, 0, 7, 0, 2, 0, 0, 4, 0, 0]
  let fixed = try CrostonForecaster(alpha: 0.1).fit(y)
  let tuned = try CrostonForecaster(alpha: nil).fit(y)
  #expect(tuned.alpha >= 0.01 && tuned.alpha <= 0.5)
  #expect(tuned.rmse <= fixed.rmse + 1e-12)
  let tsb = try TSBForecaster(alpha: nil, beta: nil).fit(y)
  #expect(tsb.rmse <= (try TSBForecaster().fit(y)).rmse + 1e-12)
  // Lower bounds are floored at zero.
  #expect(tsb.predict(horizon: 2, levels: [0.95]).intervals[0].lower.allSatisfy { $0 >= 0 })
}

@Test func intermittentRejectsNegativeDemandAndHandlesNoDemand() throws {
  #expect(throws: ForecastError.self) { try TSBForecaster().fit([1, -1, 0]) }
  let none = try CrostonForecaster().fit([0, 0, 0, 0])
  #expect(none.level == 0 && !none.notes.isEmpty)
}
