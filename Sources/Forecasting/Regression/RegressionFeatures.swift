#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Which columns a `RegressionForecaster` builds from a series and its covariates.
///
/// Time `t` counts steps from 0 at the first observation and continues into the future, so
/// trend and Fourier terms extend naturally past the history.
public struct RegressionFeatures: Sendable, Equatable {
  /// Fourier terms for one seasonal period: `sin(2πk(t+1)/P)`, `cos(2πk(t+1)/P)` for `k = 1…K`.
  public struct FourierTerm: Sendable, Equatable {
    /// The period `P` in steps; may be fractional (365.25 for yearly cycles in daily data).
    public var period: Double
    /// The number of harmonics `K`, at most `P/2`.
    public var harmonics: Int
    /// Creates a term.
    public init(period: Double, harmonics: Int) {
      precondition(period > 1, "Fourier period must be > 1, got \(period)")
      precondition(harmonics >= 1 && Double(harmonics) <= period / 2,
                   "Fourier harmonics must be in 1...period/2 (\(period / 2)), got \(harmonics)")
      self.period = period; self.harmonics = harmonics
    }
  }

  /// A constant column.
  public var intercept: Bool
  /// A linear trend column `t + 1`.
  public var trend: Bool
  /// Seasonal dummy columns for `ForecastInput.seasonalPeriod` (one fewer than the period
  /// when there is an intercept; the first season is the baseline).
  public var seasonalDummies: Bool
  /// Fourier terms, one entry per period.
  public var fourier: [FourierTerm]
  /// Covariate names to use; nil uses every covariate of the input, `[]` none.
  public var covariates: [String]?
  /// Lags of the series itself (1 = previous step); forecasts then run recursively.
  public var lags: [Int]

  /// Creates a specification; the default is an intercept only.
  public init(intercept: Bool = true, trend: Bool = false, seasonalDummies: Bool = false,
              fourier: [FourierTerm] = [], covariates: [String]? = nil, lags: [Int] = []) {
    precondition(lags.allSatisfy { $0 >= 1 }, "lags must be >= 1, got \(lags)")
    self.intercept = intercept; self.trend = trend; self.seasonalDummies = seasonalDummies
    self.fourier = fourier; self.covariates = covariates; self.lags = lags.sorted()
  }

  /// The largest lag, 0 without lags.
  public var maxLag: Int { lags.last ?? 0 }
}

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
