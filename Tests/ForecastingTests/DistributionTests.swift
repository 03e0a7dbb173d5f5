import Testing
import _TestSupport
@testable import Forecasting

/// Reference values from SciPy 1.17 (`scipy.stats.t.ppf`, `t.cdf`, `norm.ppf`).
@Test("Student-t quantiles match SciPy", arguments: [
  (3.0, 0.975, 3.1824463052837078), (5.0, 0.975, 2.5705818356363146), (10.0, 0.95, 1.8124611228116756),
  (30.0, 0.995, 2.7499956535672254), (4.5, 0.9, 1.5008853175085577), (7.0, 0.025, -2.3646242515927844),
  (100.0, 0.975, 1.9839715185235518), (3.0, 0.999, 10.214531852407383),
])
func studentTQuantile(nu: Double, p: Double, expected: Double) {
  #expect(Approx.equal(StudentT(degreesOfFreedom: nu).quantile(p), expected, relative: 1e-10))
}

@Test func studentTClosedFormsAndCDF() {
  #expect(Approx.equal(StudentT(degreesOfFreedom: 1).quantile(0.975), 12.706204736174707, relative: 1e-12))
  #expect(Approx.equal(StudentT(degreesOfFreedom: 2).quantile(0.975), 4.302652729749464, relative: 1e-12))
  #expect(Approx.equal(StudentT(degreesOfFreedom: 3).cdf(1.3), 0.8577662456360515, relative: 1e-12))
  #expect(Approx.equal(StudentT(degreesOfFreedom: 30).cdf(1.3), 0.8982495207309416, relative: 1e-12))
}

@Test("Normal quantiles match SciPy", arguments: [
  (0.975, 1.959963984540054), (0.9, 1.2815515655446004), (0.5, 0.0), (0.001, -3.090232306167813),
  (1e-10, -6.361340902404056),
])
func normalQuantile(p: Double, expected: Double) {
  #expect(Approx.equal(StandardNormal.quantile(p), expected, relative: 1e-13, absolute: 1e-15))
}
