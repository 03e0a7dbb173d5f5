/// Daily demand taken from a sales history instead of a parametric distribution: either the
/// recorded days themselves (`replay`) or a moving-block bootstrap of the days before day 0.
///
/// The values stand for a mean of `reference` units a day. When the day's profile mean differs
/// from it (a holiday, a shock or a node's demand share multiplies it), the recorded value is
/// scaled by the ratio and rounded stochastically; otherwise it is drawn exactly as recorded.
public struct RecordedDemand: Sendable, Equatable {
  /// How the recorded days become simulated days.
  public enum Mode: Sendable, Equatable {
    /// Simulated day d is `values[d]`.
    case replay
    /// Simulated days come in blocks of `blockDays`; each block copies consecutive days of
    /// `values` starting on the same weekday as the block's first simulated day.
    case bootstrap(blockDays: Int)
  }

  /// Replay or bootstrap.
  public var mode: Mode
  /// Replay: the recorded days from day 0 on. Bootstrap: the history before day 0, oldest first.
  public var values: [Double]
  /// Bootstrap: the weekday (0 = Monday) of `values[0]`.
  public var firstWeekday: Int
  /// Bootstrap: the weekday (0 = Monday) of simulated day 0.
  public var dayZeroWeekday: Int
  /// The mean daily demand the values stand for (the profile's base).
  public var reference: Double
  /// The variance of one day's demand, for planners.
  public var dailyVariance: Double
  /// Days among `values` marked out of stock (their sales are censored).
  public var censoredDays: Int

  /// Creates recorded demand.
  public init(mode: Mode, values: [Double], firstWeekday: Int = 0, dayZeroWeekday: Int = 0, reference: Double, dailyVariance: Double, censoredDays: Int = 0) {
    self.mode = mode
    self.values = values
    self.firstWeekday = firstWeekday
    self.dayZeroWeekday = dayZeroWeekday
    self.reference = reference
    self.dailyVariance = dailyVariance
    self.censoredDays = censoredDays
  }

  /// The number of valid block starts in `values` on weekday `weekday`, and the first of them.
  @inlinable
  func blockStarts(onWeekday weekday: Int, blockDays: Int) -> (first: Int, count: Int) {
    let first = ((weekday - firstWeekday) % 7 + 7) % 7
    let last = values.count - blockDays
    return last < first ? (first, 0) : (first, (last - first) / 7 + 1)
  }

  /// The fewest recorded days a bootstrap with blocks of `blockDays` needs: every weekday must
  /// have a block start.
  public static func minimumBootstrapDays(blockDays: Int) -> Int { blockDays + 6 }
}
