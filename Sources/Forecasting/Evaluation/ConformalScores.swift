/// Split-conformal calibration of a forecaster's spread: past standardised errors (the
/// nonconformity scores) and their finite-sample quantile.
///
/// A score is a past error divided by the spread the forecaster claimed for it, e.g.
/// (actual − forecast) / σ. If the scores of the past and of the next forecast are exchangeable,
/// the next score lies at or below the ⌈(n + 1)·level⌉-th smallest of n past scores with
/// probability at least `level` (Vovk, Gammerman & Shafer 2005; Lei et al. 2018), whatever the
/// forecaster's own distributional claims. Scaling the spread by `quantile / z` therefore makes
/// a one-sided bound (signed scores) or a central interval (absolute scores) hold its nominal
/// coverage. Only the most recent `capacity` scores are kept (oldest dropped first), so the
/// calibration follows slow changes; scores are added in time order, so it only uses the past.
public struct ConformalScores: Sendable, Equatable {
  /// The scores kept, oldest first.
  public private(set) var scores: [Double] = []
  /// The most scores kept.
  public let capacity: Int

  /// An empty set keeping at most `capacity` (≥ 1) scores.
  public init(capacity: Int = 250) {
    precondition(capacity >= 1, "capacity must be >= 1, got \(capacity)")
    self.capacity = capacity
  }

  /// Adds a score; non-finite scores (a zero claimed spread) are ignored.
  public mutating func add(_ score: Double) {
    guard score.isFinite else { return }
    scores.append(score)
    if scores.count > capacity { scores.removeFirst(scores.count - capacity) }
  }

  /// The number of scores kept.
  public var count: Int { scores.count }

  /// The split-conformal quantile at `level` in (0, 1): the ⌈(n + 1)·level⌉-th smallest score,
  /// or nil when n is too small for that rank to exist (n < level / (1 − level), e.g. fewer than
  /// 19 scores for 95%).
  public func quantile(_ level: Double) -> Double? {
    guard level > 0, level < 1, !scores.isEmpty else { return nil }
    // The tolerance keeps an exact product (20 × 0.95) from rounding up past its rank.
    let rank = Int((Double(scores.count + 1) * level - 1e-9).rounded(.up))
    guard rank >= 1, rank <= scores.count else { return nil }
    return scores.sorted()[rank - 1]
  }
}
