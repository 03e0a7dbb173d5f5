import Stochastics

/// The change of a KPI's mean from a baseline to a new run, with a confidence interval.
///
/// - Paired: when both runs used the same seed and replication count, replication r of each saw
///   the same random numbers, so the interval is the Student-t interval of d_r = now_r − base_r
///   (identical code gives d_r = 0 and the interval [0, 0]).
/// - Welch: otherwise the runs are independent samples; the interval uses the unpooled standard
///   error and the Welch–Satterthwaite degrees of freedom.
///
/// - SeeAlso: B. L. Welch (1947), Biometrika 34(1/2), 28–35; A. Law (2015), *Simulation Modeling
///   and Analysis*, 5th ed., §10.2.
public struct ChangeInterval: Sendable, Equatable {
  /// How the runs were compared.
  public enum Method: String, Sendable {
    /// Replication by replication (common random numbers).
    case paired
    /// Unpaired, Welch's unequal-variance interval.
    case welch
  }

  /// now − baseline, of the means.
  public var change: Double
  /// The interval of the change, or nil when either side has fewer than two replications.
  public var interval: ConfidenceInterval?
  /// The method used.
  public var method: Method

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
      let summary = KPISummary(values: zip(now, baseline).map { $0 - $1 }, level: level)
      change = summary.mean
      interval = summary.interval
      return
    }
    method = .welch
    let a = KPISummary(values: baseline, level: level), b = KPISummary(values: now, level: level)
    change = b.mean - a.mean
    guard a.count > 1, b.count > 1 else { interval = nil; return }
    let va = a.standardDeviation * a.standardDeviation / Double(a.count)
    let vb = b.standardDeviation * b.standardDeviation / Double(b.count)
    let se = (va + vb).squareRoot()
    guard se > 0 else {
      interval = ConfidenceInterval(estimate: change, lower: change, upper: change, level: level)
      return
    }
    let df = (va + vb) * (va + vb) / (va * va / Double(a.count - 1) + vb * vb / Double(b.count - 1))
    let half = SpecialFunctions.studentTQuantile(0.5 + level / 2, degreesOfFreedom: df) * se
    interval = ConfidenceInterval(estimate: change, lower: change - half, upper: change + half, level: level)
  }
}
