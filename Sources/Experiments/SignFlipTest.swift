import Stochastics
import Synchronization

/// A family of one-sided tests on paired differences by sign flipping, with Westfall and
/// Young's step-down minP adjustment for the family-wise error.
///
/// Under a change that does not alter behaviour but redraws the random numbers, replication r's
/// baseline and new runs are exchangeable, so the vector of its differences (every KPI of every
/// policy at once) is as likely as its negation. Flipping the signs of whole replications
/// therefore gives the exact null distribution of any statistic, jointly over the KPIs, whatever
/// their distributions, ties and zeros, and however they depend on one another. The statistic
/// of comparison j under flip ε is T_j(ε) = Σ_r ε_r e_jr, with e_jr the difference oriented so
/// that bad is positive (|Σ_r ε_r e_jr| for two-sided rules); its marginal p-value is the share
/// of flips at least as extreme. Adjusted p-values come from the minimum marginal p-value over
/// the family under every flip (step-down), which controls the family-wise error strongly and
/// exploits the strong correlation of the KPIs: it is never worse than Holm's correction of the
/// same p-values, and usually much better.
///
/// The flips of n replications are enumerated when n ≤ `exhaustiveLimit` (2ⁿ flips), and
/// otherwise `randomFlips` − 1 flips are drawn with a fixed generator besides the identity; in
/// both cases p-values count the observed data among the flips, so they are valid. No p-value
/// can be below 1/(number of flips): with few replications the test cannot resolve small
/// levels, which is why `BaselineCheck` uses it only from `minimumReplications(alpha:)` up.
///
/// - SeeAlso: P. H. Westfall, S. S. Young (1993), *Resampling-Based Multiple Testing*, Wiley,
///   Algorithm 2.8; B. Phipson, G. K. Smyth (2010), "Permutation p-values should never be zero",
///   Stat. Appl. Genet. Mol. Biol. 9(1).
public enum SignFlipTest {
  /// Up to this many replications every sign flip is enumerated.
  public static let exhaustiveLimit = 16
  /// Flips used (the identity included) above `exhaustiveLimit`.
  public static let randomFlips = 1 << 16
  /// The most replications `BaselineCheck` tests by sign flips; beyond, t-tests are accurate.
  public static let maximumReplications = 64

  /// The fewest replications whose smallest possible p-value, 2⁻ⁿ, is at most α/20, so the test
  /// can resolve the level and, in a family, still reject after a few tied flips.
  public static func minimumReplications(alpha: Double) -> Int {
    var n = 1
    while Double(1 << min(n, 62)) * alpha < 20 && n < 62 { n += 1 }
    return n
  }

  /// Raw and adjusted p-values of a family.
  ///
  /// - Parameters:
  ///   - differences: Per comparison, now − baseline for every replication (equal counts).
  ///   - directions: Per comparison, the bad direction.
  /// - Returns: Per comparison, the marginal p-value and the Westfall–Young adjusted one.
  /// - Complexity: O(B · m · (n + log B)) for B flips, m comparisons and n replications.
  public static func pValues(_ differences: [[Double]], directions: [KPIRule.Direction]) -> (raw: [Double], adjusted: [Double]) {
    precondition(differences.count == directions.count, "one direction per comparison, got \(differences.count) and \(directions.count)")
    let m = differences.count
    guard m > 0 else { return ([], []) }
    let n = differences[0].count
    precondition(differences.allSatisfy { $0.count == n }, "every comparison needs the same replications")
    let flips = signs(replications: n)
    let b = flips.count
    // counts[f][j]: flips whose statistic j is at least flip f's.
    var counts = Array(repeating: [Int](repeating: 0, count: m), count: b)
    for j in 0..<m {
      let e = directions[j] == .noDecrease ? differences[j].map { -$0 } : differences[j]
      let twoSided = directions[j] == .bothWays
      var values = [Double](repeating: 0, count: b)
      for f in 0..<b {
        var sum = 0.0
        for r in 0..<n { sum += flips[f][r] ? -e[r] : e[r] }
        values[f] = twoSided ? abs(sum) : sum
      }
      let tolerance = 1e-9 * e.reduce(0) { $0 + abs($1) }
      let sorted = values.sorted()
      for f in 0..<b {
        counts[f][j] = b - lowerBound(sorted, values[f] - tolerance)
      }
    }
    let raw = (0..<m).map { Double(counts[0][$0]) / Double(b) }
    let order = (0..<m).sorted { counts[0][$0] != counts[0][$1] ? counts[0][$0] < counts[0][$1] : $0 < $1 }
    var hits = [Int](repeating: 0, count: m)
    for f in 0..<b {
      var smallest = Int.max
      for i in stride(from: m - 1, through: 0, by: -1) {
        smallest = min(smallest, counts[f][order[i]])
        if smallest <= counts[0][order[i]] { hits[i] += 1 }
      }
    }
    var adjusted = [Double](repeating: 1, count: m)
    var running = 0.0
    for i in 0..<m {
      running = max(running, Double(hits[i]) / Double(b))
      adjusted[order[i]] = running
    }
    return (raw, adjusted)
  }

  /// The confidence interval of the mean paired change that the sign-flip test implies: every
  /// shift δ of the mean change that the test, applied to d_r − δ, does not reject at α in the
  /// rule's direction. `noIncrease` gives [L, ∞), `noDecrease` (−∞, U] and `bothWays` [L, U]
  /// with α/2 in each tail; an end the flips cannot resolve is infinite.
  ///
  /// Flipping the set F of replications moves the statistic of d − δ below or to the observed
  /// one exactly when the mean of the oriented differences over F is at most δ, so the test
  /// does not reject δ once more than αB of the B flips (the identity, F = ∅, always) qualify:
  /// L is the c-th smallest mean over the flipped sets, c the fewest with 1 + c > αB
  /// (J. A. Hartigan (1969), "Using subsample values as typical values", JASA 64(328),
  /// 1303–1317). The interval excludes 0 exactly when the marginal p-value of `pValues` is at
  /// most α (ties within rounding aside), so a failed KPI's interval lies on the bad side of 0.
  ///
  /// - Parameters:
  ///   - differences: now − baseline per replication.
  ///   - direction: The bad direction.
  ///   - level: The confidence level, 1 − α.
  /// - Complexity: O(B · n + B log B) for B flips of n replications.
  public static func interval(_ differences: [Double], direction: KPIRule.Direction, level: Double) -> ConfidenceInterval {
    let n = differences.count
    let mean = differences.reduce(0, +) / Double(max(1, n))
    let flips = signs(replications: n)
    // Means of the flipped sets (the identity, F = ∅, left out), of the oriented differences.
    func subsetMeans(_ e: [Double]) -> [Double] {
      var means: [Double] = []
      means.reserveCapacity(flips.count - 1)
      for flip in flips.dropFirst() {
        var sum = 0.0, count = 0
        for r in 0..<n where flip[r] { sum += e[r]; count += 1 }
        // A drawn flip that flips nothing is the identity again: it always qualifies.
        means.append(count > 0 ? sum / Double(count) : -.infinity)
      }
      return means.sorted()
    }
    // The c-th smallest flipped-set mean, c the fewest with 1 + c > α·B; −∞ when c = 0.
    func lowest(_ means: [Double], alpha: Double) -> Double {
      var c = 0
      while Double(1 + c) <= alpha * Double(flips.count) { c += 1 }
      return c == 0 ? -.infinity : c > means.count ? .infinity : means[c - 1]
    }
    let alpha = 1 - level
    switch direction {
    case .noIncrease:
      return ConfidenceInterval(estimate: mean, lower: lowest(subsetMeans(differences), alpha: alpha), upper: .infinity, level: level)
    case .noDecrease:
      return ConfidenceInterval(estimate: mean, lower: -.infinity, upper: -lowest(subsetMeans(differences.map { -$0 }), alpha: alpha), level: level)
    case .bothWays:
      return ConfidenceInterval(estimate: mean, lower: lowest(subsetMeans(differences), alpha: alpha / 2),
                                upper: -lowest(subsetMeans(differences.map { -$0 }), alpha: alpha / 2), level: level)
    }
  }

  /// The flips: true flips replication r. The identity comes first.
  ///
  /// They depend on n alone (a fixed generator draws them above `exhaustiveLimit`), and a check
  /// asks for them once for its p-values and once per comparison for its interval, so they are
  /// made once per n and kept (the last few n used).
  static func signs(replications n: Int) -> [[Bool]] {
    if let kept = keptSigns.withLock({ $0[n] }) { return kept }
    let made = makeSigns(replications: n)
    keptSigns.withLock { kept in
      if kept.count >= 4 { kept.removeAll() }
      kept[n] = made
    }
    return made
  }

  /// The flips made for recent replication counts.
  private static let keptSigns = Mutex<[Int: [[Bool]]]>([:])

  /// Makes the flips of `signs(replications:)`.
  static func makeSigns(replications n: Int) -> [[Bool]] {
    if n <= exhaustiveLimit {
      return (0..<(1 << n)).map { mask in (0..<n).map { mask & (1 << $0) != 0 } }
    }
    var rng = Xoshiro256(seed: 0x5167_4E46_4C49_5053)
    var out: [[Bool]] = [Array(repeating: false, count: n)]
    for _ in 1..<randomFlips {
      out.append((0..<n).map { _ in rng.next() & 1 == 1 })
    }
    return out
  }

  /// The first index of `sorted` whose value is at least `x`.
  static func lowerBound(_ sorted: [Double], _ x: Double) -> Int {
    var lo = 0, hi = sorted.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if sorted[mid] < x { lo = mid + 1 } else { hi = mid }
    }
    return lo
  }
}
