/// Flags outliers by a robust rule and replaces them by a robust fitted value.
///
/// The robust fit is a running median (window `m` rounded up to odd, at least 5, kept at full
/// width near the ends by shifting it inside the series) for the trend, plus the median of the detrended values at each season position
/// (a crude, "STL-lite" seasonal). A point is flagged when its residual from that fit is more
/// than `threshold` robust standard deviations from the residuals' median, the robust standard
/// deviation being 1.4826 × MAD (consistent for Gaussian noise). Flagged values are replaced
/// by the fitted value; the fit is then redone on the cleaned series (an outlier inside a
/// running-median window shifts its rank) until the flags stop changing, at most 3 passes.
///
/// When the MAD is 0 (more than half the residuals are equal, e.g. intermittent demand or a
/// constant series) the rule has no scale and nothing is flagged: the demands of an
/// intermittent series are not outliers.
/// - SeeAlso: F. Hampel (1974), "The influence curve and its role in robust estimation", JASA
///   69(346); R. Cleveland et al. (1990), "STL: a seasonal-trend decomposition procedure based on
///   loess", J. Off. Stat. 6(1).
public struct AnomalyCleaner: Sendable, Equatable {
  /// The cut-off in robust standard deviations, default 3.5.
  public var threshold: Double
  /// Overrides `ForecastInput.seasonalPeriod` when set.
  public var period: Int?

  /// Creates a cleaner.
  public init(threshold: Double = 3.5, period: Int? = nil) {
    precondition(threshold > 0, "anomaly threshold must be > 0, got \(threshold)")
    self.threshold = threshold; self.period = period
  }

  /// What cleaning found.
  public struct Report: Sendable, Equatable {
    /// The series with flagged values replaced.
    public var cleaned: [Double]
    /// Indices of flagged values, ascending.
    public var flagged: [Int]
    /// The robust fit (trend + seasonal).
    public var fitted: [Double]
    /// The robust standard deviation of residuals used for the rule (0: nothing could be flagged).
    public var scale: Double
  }

  /// Cleans a series.
  ///
  /// - Parameters:
  ///   - values: The series.
  ///   - seasonalPeriod: Its period (1 for none); `period` overrides it.
  /// - Complexity: O(n · w log w) for the running median of width `w`.
  public func clean(_ values: [Double], seasonalPeriod: Int = 1) -> Report {
    let n = values.count
    guard n >= 5 else { return Report(cleaned: values, flagged: [], fitted: values, scale: 0) }
    let m = max(1, period ?? seasonalPeriod)
    // Outliers inside a running-median window shift its rank; refit on the cleaned series
    // (as STL's robustness loop does) until the flags stop changing, at most 3 times.
    var working = values
    var report = Report(cleaned: values, flagged: [], fitted: values, scale: 0)
    for _ in 0..<3 {
      let fitted = robustFit(working, period: m)
      let residuals = (0..<n).map { values[$0] - fitted[$0] }
      let centre = median(residuals)
      let deviations = residuals.map { abs($0 - centre) }
      let scale = 1.4826 * median(deviations)
      guard scale > 0 else { return Report(cleaned: values, flagged: [], fitted: fitted, scale: 0) }
      var cleaned = values
      var flagged: [Int] = []
      for t in 0..<n where deviations[t] > threshold * scale {
        flagged.append(t); cleaned[t] = fitted[t]
      }
      let stable = flagged == report.flagged && !flagged.isEmpty
      report = Report(cleaned: cleaned, flagged: flagged, fitted: fitted, scale: scale)
      if flagged.isEmpty || stable { break }
      working = cleaned
    }
    return report
  }

  /// Running-median trend plus per-season medians of the detrended series.
  func robustFit(_ values: [Double], period m: Int) -> [Double] {
    let n = values.count
    var w = max(5, m % 2 == 1 ? m : m + 1)
    if w > n { w = n % 2 == 1 ? n : n - 1 }
    let half = w / 2
    var trend = Array(repeating: 0.0, count: n)
    for t in 0..<n {
      let lo = min(max(0, t - half), n - w)
      trend[t] = median(Array(values[lo..<(lo + w)]))
    }
    var seasonal = Array(repeating: 0.0, count: m)
    if m > 1 {
      for j in 0..<m {
        let xs = stride(from: j, to: n, by: m).map { values[$0] - trend[$0] }
        seasonal[j] = xs.isEmpty ? 0 : median(xs)
      }
    }
    return (0..<n).map { trend[$0] + seasonal[$0 % m] }
  }
}
