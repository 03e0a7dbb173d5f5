/// Running mean and variance by Welford's update, mergeable across parallel shards.
///
/// A value type: each shard accumulates its own `RunningMoments`, and `merge` combines them by
/// Chan's pairwise formula; merging shards in index order gives a reproducible result.
///
/// - SeeAlso: B. P. Welford (1962), Technometrics 4(3), 419–420; T. Chan, G. Golub, R. LeVeque
///   (1979), "Updating formulae and a pairwise algorithm for computing sample variances".
public struct RunningMoments: Sendable, Equatable {
  /// The number of observations.
  public private(set) var count: Int = 0
  /// The sample mean; 0 when empty.
  public private(set) var mean: Double = 0
  /// The sum of squared deviations from the mean.
  public private(set) var sumOfSquaredDeviations: Double = 0
  /// The smallest observation; +infinity when empty.
  public private(set) var minimum: Double = .infinity
  /// The largest observation; −infinity when empty.
  public private(set) var maximum: Double = -.infinity

  /// Creates an empty accumulator.
  public init() {}

  /// Creates an accumulator holding `values`.
  public init<S: Sequence>(_ values: S) where S.Element == Double {
    for v in values { add(v) }
  }

  /// Adds one observation.
  ///
  /// - Complexity: O(1).
  public mutating func add(_ x: Double) {
    count += 1
    let delta = x - mean
    mean += delta / Double(count)
    sumOfSquaredDeviations += delta * (x - mean)
    minimum = Swift.min(minimum, x)
    maximum = Swift.max(maximum, x)
  }

  /// Adds every observation held by `other`, as if they had been added one by one.
  public mutating func merge(_ other: RunningMoments) {
    if other.count == 0 { return }
    if count == 0 { self = other; return }
    let n = Double(count), m = Double(other.count), total = n + m
    let delta = other.mean - mean
    mean += delta * m / total
    sumOfSquaredDeviations += other.sumOfSquaredDeviations + delta * delta * n * m / total
    count += other.count
    minimum = Swift.min(minimum, other.minimum)
    maximum = Swift.max(maximum, other.maximum)
  }

  /// The two accumulators merged; see `merge(_:)`.
  public func merged(with other: RunningMoments) -> RunningMoments {
    var copy = self
    copy.merge(other)
    return copy
  }

  /// The unbiased sample variance (divisor n − 1); 0 with fewer than two observations.
  public var variance: Double { count > 1 ? sumOfSquaredDeviations / Double(count - 1) : 0 }

  /// The population variance (divisor n); 0 when empty.
  public var populationVariance: Double { count > 0 ? sumOfSquaredDeviations / Double(count) : 0 }

  /// The sample standard deviation, √variance.
  public var standardDeviation: Double { variance.squareRoot() }

  /// The standard error of the mean, √(variance / n); 0 when empty.
  public var standardErrorOfMean: Double { count > 0 ? (variance / Double(count)).squareRoot() : 0 }
}
