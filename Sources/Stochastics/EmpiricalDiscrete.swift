/// A finite discrete distribution given by values and their probabilities, sampled in O(1) by
/// Walker's alias method as constructed by Vose.
///
/// - SeeAlso: A. J. Walker (1977), "An efficient method for generating discrete random variables
///   with general distributions", ACM TOMS 3(3), 253–256; M. D. Vose (1991), "A linear algorithm
///   for generating random numbers with a given distribution", IEEE TSE 17(9), 972–975.
public struct EmpiricalDiscrete: DiscreteDistribution, Sendable {
  /// The values as given (duplicates allowed; their probabilities add).
  public let values: [Int]
  /// The probabilities as given, normalised to sum to exactly 1 up to rounding.
  public let probabilities: [Double]
  /// Alias table: column i keeps its own value with probability `keep[i]`, else `values[alias[i]]`.
  @usableFromInline let keep: [Double]
  @usableFromInline let alias: [Int]
  /// Distinct values in increasing order and the CDF at each, for `cdf` and `quantile`.
  let sortedValues: [Int]
  let cumulative: [Double]

  /// Creates the distribution.
  ///
  /// - Parameters:
  ///   - values: The support points; at least one.
  ///   - probabilities: One finite, non-negative probability per value, summing to 1 within 1e-9.
  /// - Complexity: O(n log n) for the CDF table, O(n) for the alias table.
  public init(values: [Int], probabilities: [Double]) {
    precondition(!values.isEmpty, "EmpiricalDiscrete needs at least one value")
    precondition(values.count == probabilities.count,
                 "EmpiricalDiscrete has \(values.count) values but \(probabilities.count) probabilities")
    for (i, p) in probabilities.enumerated() {
      precondition(p >= 0 && p.isFinite, "EmpiricalDiscrete probabilities[\(i)] must be finite and >= 0, got \(p)")
    }
    let total = probabilities.reduce(0, +)
    precondition(abs(total - 1) <= 1e-9, "EmpiricalDiscrete probabilities must sum to 1, got \(total)")
    let normalised = probabilities.map { $0 / total }
    self.values = values
    self.probabilities = normalised

    // Vose: scale to mean 1, pair each short column with a long one.
    let n = values.count
    var scaled = normalised.map { $0 * Double(n) }
    var keep = Array(repeating: 1.0, count: n)
    var alias = Array(0..<n)
    var small: [Int] = [], large: [Int] = []
    for i in 0..<n { if scaled[i] < 1 { small.append(i) } else { large.append(i) } }
    while let s = small.popLast() {
      guard let l = large.last else { break }
      keep[s] = scaled[s]
      alias[s] = l
      scaled[l] -= 1 - scaled[s]
      if scaled[l] < 1 { large.removeLast(); small.append(l) }
    }
    // Columns left in either list are full up to rounding.
    for i in small { keep[i] = 1 }
    for i in large { keep[i] = 1 }
    self.keep = keep
    self.alias = alias

    var merged: [Int: Double] = [:]
    for (v, p) in zip(values, normalised) { merged[v, default: 0] += p }
    let sorted = merged.keys.sorted()
    var running = 0.0
    var cumulative: [Double] = []
    for v in sorted { running += merged[v]!; cumulative.append(running) }
    cumulative[cumulative.count - 1] = 1
    sortedValues = sorted
    self.cumulative = cumulative
  }

  /// Σ p_i v_i.
  public var mean: Double { zip(values, probabilities).reduce(0) { $0 + Double($1.0) * $1.1 } }
  /// Σ p_i (v_i − mean)².
  public var variance: Double {
    let m = mean
    return zip(values, probabilities).reduce(0) { s, e in let d = Double(e.0) - m; return s + d * d * e.1 }
  }

  /// Draws a column uniformly, then its own value or its alias.
  ///
  /// - Parameter rng: The stream to draw from; only it advances (two words per draw).
  /// - Complexity: O(1).
  @inlinable
  public func sample<G: RandomSource>(using rng: inout G) -> Int {
    let i = rng.nextInt(below: keep.count)
    return rng.nextUnit() < keep[i] ? values[i] : values[alias[i]]
  }

  /// The total probability of the value `k`.
  public func probability(_ k: Int) -> Double {
    guard let i = index(of: k) else { return 0 }
    return i == 0 ? cumulative[0] : cumulative[i] - cumulative[i - 1]
  }

  /// P(X <= k).
  public func cdf(_ k: Int) -> Double {
    // Last distinct value <= k.
    var lo = 0, hi = sortedValues.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if sortedValues[mid] <= k { lo = mid + 1 } else { hi = mid }
    }
    return lo == 0 ? 0 : cumulative[lo - 1]
  }

  /// The smallest value k with P(X <= k) >= p.
  public func quantile(_ p: Double) -> Int {
    precondition(p >= 0 && p <= 1, "EmpiricalDiscrete quantile needs p in [0, 1], got \(p)")
    var lo = 0, hi = cumulative.count - 1
    while lo < hi {
      let mid = (lo + hi) / 2
      if cumulative[mid] >= p { hi = mid } else { lo = mid + 1 }
    }
    return sortedValues[lo]
  }

  private func index(of k: Int) -> Int? {
    var lo = 0, hi = sortedValues.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if sortedValues[mid] < k { lo = mid + 1 } else { hi = mid }
    }
    return lo < sortedValues.count && sortedValues[lo] == k ? lo : nil
  }
}
