import Stochastics

/// The change of a KPI's mean from a baseline to a new run, with a confidence interval and the
/// Student t statistic that tests it.
///
/// - Paired: when both runs used the same seed and replication count, replication r of each saw
///   the same random numbers, so the test is Student's t on d_r = now_r − base_r (identical code
///   gives d_r = 0, the interval [0, 0] and no evidence of change). A difference smaller than
///   `roundingTolerance` of the baseline value is floating-point rounding, not behaviour, and
///   counts as 0.
/// - Welch: otherwise the runs are independent samples; the interval uses the unpooled standard
///   error and the Welch–Satterthwaite degrees of freedom.
///
/// When the standard error is 0 there is no noise to weigh a change against: a nonzero change
/// then has p-value 0 (every replication moved by the same amount: a change of behaviour, not
/// chance) and no change has p-value 1; nothing is divided by zero.
///
/// - SeeAlso: B. L. Welch (1947), Biometrika 34(1/2), 28–35; A. Law (2015), *Simulation Modeling
///   and Analysis*, 5th ed., §10.2; B. Efron (1969), "Student's t-test under symmetry
///   conditions", JASA 64(328), 1278–1302 (the paired test stays valid, indeed conservative at
///   small levels, for differences symmetric about 0, as a redraw of the random numbers makes them).
public struct ChangeInterval: Sendable, Equatable {
  /// How the runs were compared.
  public enum Method: String, Sendable {
    /// Replication by replication (common random numbers).
    case paired
    /// Unpaired, Welch's unequal-variance interval.
    case welch
  }

  /// Relative size below which a paired difference is treated as rounding: |d_r| ≤ 1e-9 ·
  /// max(1, |base_r|).
  public static let roundingTolerance = 1e-9

  /// now − baseline, of the means.
  public var change: Double
  /// The interval of the change, or nil when either side has fewer than two replications.
  public var interval: ConfidenceInterval?
  /// The method used.
  public var method: Method
  /// The standard error of the change, or nil when either side has fewer than two replications.
  public var standardError: Double?
  /// The effect size: the change in standard deviations (paired: mean/sd of the differences,
  /// Cohen's d_z; Welch: over the root mean square of the two standard deviations); nil without
  /// two replications on each side or when the spread is 0.
  public var standardizedEffect: Double?
  /// Degrees of freedom of the t statistic (n − 1 paired, Welch–Satterthwaite otherwise), or nil
  /// without a standard error.
  public var degreesOfFreedom: Double?

  /// Compares replication values.
  ///
  /// - Parameters:
  ///   - baseline: The baseline's values, one per replication.
  ///   - now: The new run's values.
  ///   - paired: Pair replication r with r; needs equal counts.
  ///   - level: The interval's coverage, in (0, 1).
  public init(baseline: [Double], now: [Double], paired: Bool, level: Double) {
    precondition(!baseline.isEmpty && !now.isEmpty, "need values on both sides, got \(baseline.count) and \(now.count)")
    if paired {
      precondition(baseline.count == now.count, "pairing needs equal counts, got \(baseline.count) and \(now.count)")
      method = .paired
      let differences = Self.roundedDifferences(baseline: baseline, now: now)
      let summary = KPISummary(values: differences, level: level)
      change = summary.mean
      interval = summary.interval
      if summary.count > 1 {
        standardError = summary.standardDeviation / Double(summary.count).squareRoot()
        degreesOfFreedom = Double(summary.count - 1)
        if summary.standardDeviation > 0 { standardizedEffect = summary.mean / summary.standardDeviation }
      }
      return
    }
    method = .welch
    let a = KPISummary(values: baseline, level: level), b = KPISummary(values: now, level: level)
    change = b.mean - a.mean
    guard a.count > 1, b.count > 1 else { interval = nil; return }
    let va = a.standardDeviation * a.standardDeviation / Double(a.count)
    let vb = b.standardDeviation * b.standardDeviation / Double(b.count)
    let se = (va + vb).squareRoot()
    standardError = se
    let spread = ((a.standardDeviation * a.standardDeviation + b.standardDeviation * b.standardDeviation) / 2).squareRoot()
    if spread > 0 { standardizedEffect = change / spread }
    guard se > 0 else {
      interval = ConfidenceInterval(estimate: change, lower: change, upper: change, level: level)
      degreesOfFreedom = Double(a.count + b.count - 2)
      return
    }
    let df = (va + vb) * (va + vb) / (va * va / Double(a.count - 1) + vb * vb / Double(b.count - 1))
    degreesOfFreedom = df
    let half = SpecialFunctions.studentTQuantile(0.5 + level / 2, degreesOfFreedom: df) * se
    interval = ConfidenceInterval(estimate: change, lower: change - half, upper: change + half, level: level)
  }

  /// now_r − base_r per replication, with differences below `roundingTolerance` set to 0.
  public static func roundedDifferences(baseline: [Double], now: [Double]) -> [Double] {
    zip(now, baseline).map { n, b in abs(n - b) <= roundingTolerance * max(1, abs(b)) ? 0 : n - b }
  }

  /// The t statistic change / standard error; nil without a standard error or when it is 0.
  public var tStatistic: Double? {
    guard let standardError, standardError > 0 else { return nil }
    return change / standardError
  }

  /// The p-value of the change in the bad `direction`: one-sided for `noIncrease` (a rise) and
  /// `noDecrease` (a fall), two-sided for `bothWays`; nil with fewer than two replications on
  /// either side (no test is possible).
  ///
  /// A zero standard error gives 0 for a change in the tested direction and 1 otherwise.
  public func pValue(direction: KPIRule.Direction) -> Double? {
    guard let standardError, let df = degreesOfFreedom else { return nil }
    guard standardError > 0 else {
      let bad = switch direction {
      case .noIncrease: change > 0
      case .noDecrease: change < 0
      case .bothWays: change != 0
      }
      return bad ? 0 : 1
    }
    let t = change / standardError
    return switch direction {
    case .noIncrease: SpecialFunctions.studentTCDF(-t, degreesOfFreedom: df)
    case .noDecrease: SpecialFunctions.studentTCDF(t, degreesOfFreedom: df)
    case .bothWays: min(1, 2 * SpecialFunctions.studentTCDF(-abs(t), degreesOfFreedom: df))
    }
  }
}
