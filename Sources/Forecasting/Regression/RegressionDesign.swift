#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The resolved design: column names and how to fill a row.
struct RegressionDesign: Sendable {
  var features: RegressionFeatures
  var period: Int
  var covariateIndices: [Int]
  var names: [String]

  init(features: RegressionFeatures, input: ForecastInput) throws(ForecastError) {
    self.features = features
    period = input.seasonalPeriod
    var names: [String] = []
    if features.intercept { names.append("intercept") }
    if features.trend { names.append("trend") }
    if features.seasonalDummies {
      guard period >= 2 else { throw .invalidInput("regression: seasonal dummies need a seasonal period >= 2, got \(period)") }
      for j in (features.intercept ? 1 : 0)..<period { names.append("season\(j)") }
    }
    for term in features.fourier {
      for k in 1...term.harmonics {
        if 2 * Double(k) != term.period { names.append("sin\(k)_\(term.period)") }
        names.append("cos\(k)_\(term.period)")
      }
    }
    var idx: [Int] = []
    let available = input.covariates?.names ?? []
    for name in features.covariates ?? available {
      guard let i = available.firstIndex(of: name) else {
        throw .invalidInput("regression: covariate \"\(name)\" not in input covariates \(available)")
      }
      idx.append(i); names.append(name)
    }
    covariateIndices = idx
    for l in features.lags { names.append("lag\(l)") }
    self.names = names
  }

  var columnCount: Int { names.count }

  /// Fills the row for time `t`; `series(t − L)` supplies lagged values (observed or forecast).
  func row(at t: Int, covariates: Covariates?, series: (Int) -> Double) -> [Double] {
    var r: [Double] = []
    r.reserveCapacity(names.count)
    if features.intercept { r.append(1) }
    if features.trend { r.append(Double(t + 1)) }
    if features.seasonalDummies {
      for j in (features.intercept ? 1 : 0)..<period { r.append(t % period == j ? 1 : 0) }
    }
    for term in features.fourier {
      for k in 1...term.harmonics {
        let angle = 2 * Double.pi * Double(k) * Double(t + 1) / term.period
        if 2 * Double(k) != term.period { r.append(sin(angle)) }
        r.append(cos(angle))
      }
    }
    for i in covariateIndices {
      let col = covariates!.columns[i]
      r.append(t < col.count ? col[t] : 0)
    }
    for l in features.lags { r.append(series(t - l)) }
    return r
  }
}
