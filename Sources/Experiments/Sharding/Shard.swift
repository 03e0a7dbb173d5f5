/// One of N equal slices of a command's work: `--shard K/N` runs slice K (numbered from 1).
///
/// The work is a list of units numbered 0..<U (for sweeps and stress tests: one unit per scenario
/// and replication, `unit = scenario × replications + replication`). Shard K takes the
/// contiguous block `(K−1)·U/N ..< K·U/N` (integer division), so the N blocks cover every unit
/// once, differ in size by at most one, and the split depends on nothing but K, N and U. A shard
/// may get no unit when N > U; it still writes its (empty) partial result so the merge can
/// check that every shard ran.
public struct Shard: Sendable, Equatable, CustomStringConvertible {
  /// The slice, from 1.
  public var index: Int
  /// The number of slices.
  public var count: Int

  /// The most shards a command may be split into.
  public static let maximumCount = 100_000

  /// Creates a shard.
  ///
  /// - Precondition: `1 <= index <= count <= maximumCount`.
  public init(index: Int, count: Int) {
    precondition(count >= 1 && count <= Self.maximumCount && (1...count).contains(index), "shard \(index)/\(count) out of range")
    self.index = index
    self.count = count
  }

  /// The whole work as one shard.
  public static let all = Shard(index: 1, count: 1)

  /// Parses `K/N`.
  ///
  /// - Returns: The shard, or a phrase saying what is wrong (for a usage error).
  public static func parse(_ text: String) -> Result<Shard, ShardSyntaxError> {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]) else {
      return .failure(ShardSyntaxError(problem: "takes K/N (this shard's number from 1 and the number of shards, e.g. 2/8), got '\(text)'"))
    }
    guard (1...maximumCount).contains(n) else {
      return .failure(ShardSyntaxError(problem: "the number of shards must be in 1...\(maximumCount), got \(n) in '\(text)'"))
    }
    guard (1...n).contains(k) else {
      return .failure(ShardSyntaxError(problem: "the shard number must be in 1...\(n), got \(k) in '\(text)'"))
    }
    return .success(Shard(index: k, count: n))
  }

  /// The units of this shard among `total` units.
  public func units(of total: Int) -> Range<Int> {
    precondition(total >= 0, "negative unit count \(total)")
    // total × index stays far from overflow: total ≤ 10^4 points × 10^5 replications, index ≤ 10^5.
    let low = total.multipliedReportingOverflow(by: index - 1), high = total.multipliedReportingOverflow(by: index)
    precondition(!low.overflow && !high.overflow, "unit count \(total) too large to shard")
    return (low.partialValue / count)..<(high.partialValue / count)
  }

  /// `K/N`.
  public var description: String { "\(index)/\(count)" }
}

/// What is wrong with a `--shard` value.
public struct ShardSyntaxError: Error, Sendable, Equatable {
  /// What is wrong and what to write.
  public var problem: String
}
