/// The KPSS test of level stationarity and the differencing rule built on it.
///
/// The statistic is `η = Σ S_t² / (n² s²)`, where `S_t` are partial sums of the demeaned series
/// and `s²` is the Newey–West long-run variance with Bartlett weights `1 − l/(L+1)`.
/// - SeeAlso: D. Kwiatkowski, P. C. B. Phillips, P. Schmidt and Y. Shin (1992), J. Econometrics
///   54, 159–178 (statistic and Table 1 critical values); R. J. Hyndman and Y. Khandakar (2008),
///   J. Stat. Softw. 27(3) (repeated KPSS tests choose d).
public enum KPSSTest {
  /// The lag truncation `⌊3√n / 13⌋` used when choosing d.
  public static func defaultLags(count n: Int) -> Int { Int((3 * Double(n).squareRoot() / 13).rounded(.towardZero)) }

  /// The level-stationarity statistic with `lags` Bartlett lags (0 when `n < 2` or the series is constant).
  ///
  /// - Complexity: O(n·lags).
  public static func statistic(_ x: [Double], lags: Int) -> Double {
    let n = x.count
    if n < 2 { return 0 }
    let mean = x.reduce(0, +) / Double(n)
    let e = x.map { $0 - mean }
    var s = 0.0, partial = 0.0
    for v in e { partial += v; s += partial * partial }
    var longRun = e.reduce(0) { $0 + $1 * $1 }
    if lags > 0 {
      for l in 1...min(lags, n - 1) {
        var c = 0.0
        for t in l..<n { c += e[t] * e[t - l] }
        longRun += 2 * (1 - Double(l) / Double(lags + 1)) * c
      }
    }
    longRun /= Double(n)
    if !(longRun > 0) { return 0 }
    return s / (Double(n) * Double(n) * longRun)
  }

  /// The p-value by linear interpolation in KPSS's Table 1 (level case), clamped to [0.01, 0.10].
  public static func pValue(statistic: Double) -> Double {
    let critical = [0.347, 0.463, 0.574, 0.739]
    let p = [0.10, 0.05, 0.025, 0.01]
    if statistic <= critical[0] { return p[0] }
    if statistic >= critical[3] { return p[3] }
    var i = 0
    while statistic > critical[i + 1] { i += 1 }
    let f = (statistic - critical[i]) / (critical[i + 1] - critical[i])
    return p[i] + f * (p[i + 1] - p[i])
  }

  /// How many first differences make the series level-stationary: difference while the KPSS
  /// p-value is below `alpha`, at most `maxD` times; stops early on a constant series.
  public static func differencesNeeded(_ x0: [Double], alpha: Double = 0.05, maxD: Int = 2) -> Int {
    var x = x0
    var d = 0
    if ARIMAData.isConstant(x) { return 0 }
    func reject(_ x: [Double]) -> Bool {
      pValue(statistic: statistic(x, lags: defaultLags(count: x.count))) < alpha
    }
    var doDiff = reject(x)
    while doDiff && d < maxD {
      d += 1
      x = ARIMAPolynomial.difference(x, d: 1, seasonalD: 0, period: 1)
      if x.count < 2 || ARIMAData.isConstant(x) { return d }
      doDiff = reject(x)
    }
    return d
  }
}
