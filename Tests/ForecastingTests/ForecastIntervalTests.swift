import Testing
import _TestSupport
@testable import Forecasting

@Test func gaussianIntervalsAndQuantileLookup() {
  let f = Forecast.gaussian(mean: [10, 20], standardDeviations: [1, 2], levels: [0.8, 0.95], lowerLimit: 17)
  let z90 = 1.2815515655446004, z975 = 1.959963984540054  // SciPy norm.ppf(0.9), norm.ppf(0.975)
  #expect(Approx.equal(f.interval(level: 0.8)!.upper, [10 + z90, 20 + 2 * z90], relative: 1e-14))
  // The floor applies to lower bounds only.
  #expect(f.interval(level: 0.95)!.lower == [17, 17])
  #expect(f.quantile(0.1) == f.interval(level: 0.8)!.lower)
  #expect(Approx.equal(f.quantile(0.975)!, [10 + z975, 20 + 2 * z975], relative: 1e-14))
  #expect(f.quantile(0.5) == [10, 20])
  #expect(f.quantile(0.3) == nil)
  // With degrees of freedom the t quantile replaces the normal one: t(4) 0.975 = 2.7764451051977934.
  let t = Forecast.gaussian(mean: [0], standardDeviations: [1], levels: [0.95], degreesOfFreedom: 4)
  #expect(Approx.equal(t.intervals[0].upper[0], 2.7764451051977934, relative: 1e-12))
}
