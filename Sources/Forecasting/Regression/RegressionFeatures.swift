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
