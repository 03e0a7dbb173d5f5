import Stochastics

/// Unannounced network-wide demand shocks: on any day a shock starts with probability
/// 1/`meanDaysBetween`, lasts a duration drawn from `duration` (at least one day) and multiplies
/// every SKU's demand by a factor drawn uniformly from `factor`. Shocks do not overlap.
///
/// Each replication draws its own shocks from one stream keyed by (seed, "demand shocks",
/// replication), so every policy and every chunk of SKUs sees the same shocks, and policies do not
/// know them in advance (static plans use the profile without them).
public struct RandomDemandShocks: Sendable, Equatable {
  /// Mean days between shock starts.
  public var meanDaysBetween: Double
  /// Length of a shock in days.
  public var duration: LeadTimeModel
  /// Range of the demand multiplier.
  public var factor: ClosedRange<Double>

  /// Creates a shock process.
  public init(meanDaysBetween: Double, duration: LeadTimeModel, factor: ClosedRange<Double>) {
    precondition(meanDaysBetween > 1 && factor.lowerBound >= 0, "need meanDaysBetween > 1 and factors >= 0, got \(meanDaysBetween), \(factor)")
    self.meanDaysBetween = meanDaysBetween
    self.duration = duration
    self.factor = factor
  }

  /// The shocks of one replication over `days` days, as demand windows.
  public func windows(days: Int, seed: UInt64, replication: UInt64) -> [DemandWindow] {
    var rng = Xoshiro256(seed: seed, entity: StreamKey.entity("demand shocks", namespace: "network"), purpose: .shock, replication: replication)
    let length = duration.makeSampler()
    var out: [DemandWindow] = []
    var d = 0
    while d < days {
      if rng.nextUnit() < 1 / meanDaysBetween {
        let n = max(1, length.sample(using: &rng))
        let f = factor.lowerBound + (factor.upperBound - factor.lowerBound) * rng.nextUnit()
        out.append(DemandWindow(startDay: d, endDay: min(days, d + n) - 1, factor: f, cause: "random shock"))
        d += n
      } else {
        d += 1
      }
    }
    return out
  }
}

extension SupplyNetwork {
  /// The network as replication `replication` sees it: with that replication's random demand
  /// shocks added to every SKU's profile (the network itself when it has none).
  public func realized(replication: UInt64) -> SupplyNetwork {
    guard let randomShocks else { return self }
    let windows = randomShocks.windows(days: horizonDays, seed: seed, replication: replication)
    guard !windows.isEmpty else { return self }
    var copy = self
    copy.randomShocks = nil
    for k in copy.skus.indices { copy.skus[k].demand.profile.windows += windows }
    return copy
  }
}
