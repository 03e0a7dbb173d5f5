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
  /// - Complexity: O(B · m · ⌈n/8⌉) for B flips, m comparisons and n replications (each
  ///   comparison ranks its B statistics by radix sort, in linear time).
  public static func pValues(_ differences: [[Double]], directions: [KPIRule.Direction]) -> (raw: [Double], adjusted: [Double]) {
    precondition(differences.count == directions.count, "one direction per comparison, got \(differences.count) and \(directions.count)")
    let m = differences.count
    guard m > 0 else { return ([], []) }
    let n = differences[0].count
    precondition(differences.allSatisfy { $0.count == n }, "every comparison needs the same replications")
    let flips = signs(replications: n)
    let b = flips.count
    // counts[f * m + j]: flips whose statistic j is at least flip f's.
    var counts = [Int](repeating: 0, count: b * m)
    var values = [Double](repeating: 0, count: b)
    for j in 0..<m {
      let e = directions[j] == .noDecrease ? differences[j].map { -$0 } : differences[j]
      let twoSided = directions[j] == .bothWays
      // T(ε) = Σ_r ±e_r, summed a byte of replications at a time from tables of the 256 sums
      // of each byte's replications: ⌈n/8⌉ lookups per flip instead of n sign tests.
      let bytes = (n + 7) / 8
      var table = [Double](repeating: 0, count: bytes * 256)
      for byte in 0..<bytes {
        let first = byte * 8, last = min(n, first + 8)
        for pattern in 0..<256 where pattern >> (last - first) == 0 {
          var sum = 0.0
          for r in first..<last { sum += pattern & (1 << (r - first)) != 0 ? -e[r] : e[r] }
          table[byte * 256 + pattern] = sum
        }
      }
      flips.withUnsafeBufferPointer { flips in
        table.withUnsafeBufferPointer { table in
          values.withUnsafeMutableBufferPointer { values in
            for f in 0..<b {
              var mask = flips[f], sum = table[Int(mask & 0xFF)]
              var offset = 256
              while offset < bytes * 256 {
                mask >>= 8
                sum += table[offset + Int(mask & 0xFF)]
                offset += 256
              }
              values[f] = twoSided ? abs(sum) : sum
            }
          }
        }
      }
      let tolerance = 1e-9 * e.reduce(0) { $0 + abs($1) }
      // Flip f's count is b − (the first sorted position whose value is at least
      // values[f] − tolerance); visiting the flips in ascending order, that position only moves up.
      let ranked = ascendingOrder(values)
      values.withUnsafeBufferPointer { values in
        ranked.withUnsafeBufferPointer { ranked in
          counts.withUnsafeMutableBufferPointer { counts in
            var first = 0
            for k in 0..<b {
              let x = values[Int(ranked[k])] - tolerance
              while first < b && values[Int(ranked[first])] < x { first += 1 }
              counts[Int(ranked[k]) * m + j] = b - first
            }
          }
        }
      }
    }
    let raw = (0..<m).map { Double(counts[$0]) / Double(b) }
    let order = (0..<m).sorted { counts[$0] != counts[$1] ? counts[$0] < counts[$1] : $0 < $1 }
    var hits = [Int](repeating: 0, count: m)
    counts.withUnsafeBufferPointer { counts in
      order.withUnsafeBufferPointer { order in
        hits.withUnsafeMutableBufferPointer { hits in
          for f in 0..<b {
            var smallest = Int.max, i = m - 1
            while i >= 0 {
              let count = counts[f * m + order[i]]
              if count < smallest { smallest = count }
              if smallest <= counts[order[i]] { hits[i] += 1 }
              i -= 1
            }
          }
        }
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
  /// - Complexity: O(B · n) expected for B flips of n replications (the end is selected, not sorted).
  public static func interval(_ differences: [Double], direction: KPIRule.Direction, level: Double) -> ConfidenceInterval {
    let n = differences.count
    let mean = differences.reduce(0, +) / Double(max(1, n))
    let flips = signs(replications: n)
    // Means of the flipped sets (the identity, F = ∅, left out), of the oriented differences.
    func subsetMeans(_ e: [Double]) -> [Double] {
      var means = [Double](repeating: 0, count: flips.count - 1)
      flips.withUnsafeBufferPointer { flips in
        e.withUnsafeBufferPointer { e in
          means.withUnsafeMutableBufferPointer { means in
            for f in 1..<flips.count {
              let mask = flips[f]
              var sum = 0.0, count = 0
              for r in 0..<n where mask & (1 << UInt64(r)) != 0 { sum += e[r]; count += 1 }
              // A drawn flip that flips nothing is the identity again: it always qualifies.
              means[f - 1] = count > 0 ? sum / Double(count) : -.infinity
            }
          }
        }
      }
      return means
    }
    // The c-th smallest flipped-set mean, c the fewest with 1 + c > α·B; −∞ when c = 0.
    func lowest(_ means: [Double], alpha: Double) -> Double {
      var c = 0
      while Double(1 + c) <= alpha * Double(flips.count) { c += 1 }
      return c == 0 ? -.infinity : c > means.count ? .infinity : orderStatistic(means, c - 1)
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

  /// The flips, one mask each: bit r set flips replication r. The identity (0) comes first.
  ///
  /// They depend on n alone (a fixed generator draws them above `exhaustiveLimit`), and a check
  /// asks for them once for its p-values and once per comparison for its interval, so they are
  /// made once per n and kept (the last few n used).
  static func signs(replications n: Int) -> [UInt64] {
    precondition(n <= maximumReplications, "sign flips take at most \(maximumReplications) replications, got \(n)")
    if let kept = keptSigns.withLock({ $0[n] }) { return kept }
    let made = makeSigns(replications: n)
    keptSigns.withLock { kept in
      if kept.count >= 4 { kept.removeAll() }
      kept[n] = made
    }
    return made
  }

  /// The flips made for recent replication counts.
  private static let keptSigns = Mutex<[Int: [UInt64]]>([:])

  /// Makes the flips of `signs(replications:)`: every mask below 2ⁿ up to `exhaustiveLimit`,
  /// else the identity and `randomFlips` − 1 masks whose bits are drawn one by one, replication 0 first.
  static func makeSigns(replications n: Int) -> [UInt64] {
    if n <= exhaustiveLimit { return (0..<(UInt64(1) << UInt64(n))).map { $0 } }
    var rng = Xoshiro256(seed: 0x5167_4E46_4C49_5053)
    var out: [UInt64] = [0]
    out.reserveCapacity(randomFlips)
    for _ in 1..<randomFlips {
      var mask: UInt64 = 0
      for r in 0..<n where rng.next() & 1 == 1 { mask |= 1 << UInt64(r) }
      out.append(mask)
    }
    return out
  }

  /// The indices of `values` in ascending order of value (ties in index order), by a
  /// least-significant-digit radix sort of the values' order-preserving bit patterns: linear in
  /// the count, which matters because a check ranks 2¹⁶ flips for every comparison. Values that
  /// compare equal (−0 and +0) may come in either order; NaN sorts by its bits.
  static func ascendingOrder(_ values: [Double]) -> [UInt32] {
    let count = values.count
    precondition(count <= Int(UInt32.max), "at most 2³² values, got \(count)")
    // Flip every bit of a negative value and the sign bit of a positive one: unsigned order
    // of the keys is then numeric order of the values.
    var keys = values.map { v -> UInt64 in
      let bits = v.bitPattern
      return bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
    }
    var order = (0..<UInt32(count)).map { $0 }
    var nextKeys = keys, nextOrder = order
    var histogram = [Int](repeating: 0, count: 1 << 16)
    for pass in 0..<4 {
      let shift = UInt64(16 * pass)
      keys.withUnsafeBufferPointer { keys in
        histogram.withUnsafeMutableBufferPointer { histogram in
          for i in 0..<(1 << 16) { histogram[i] = 0 }
          for i in 0..<count { histogram[Int((keys[i] >> shift) & 0xFFFF)] += 1 }
          var total = 0
          for digit in 0..<(1 << 16) {
            let c = histogram[digit]
            histogram[digit] = total
            total += c
          }
          order.withUnsafeBufferPointer { order in
            nextKeys.withUnsafeMutableBufferPointer { nextKeys in
              nextOrder.withUnsafeMutableBufferPointer { nextOrder in
                for i in 0..<count {
                  let digit = Int((keys[i] >> shift) & 0xFFFF)
                  let to = histogram[digit]
                  histogram[digit] = to + 1
                  nextKeys[to] = keys[i]
                  nextOrder[to] = order[i]
                }
              }
            }
          }
        }
      }
      swap(&keys, &nextKeys)
      swap(&order, &nextOrder)
    }
    return order
  }

  /// The k-th smallest (from 0) of `values`: what `values.sorted()[k]` gives, found by selection
  /// in linear expected time (with a sort when a NaN makes the order partial, or when selection
  /// degrades).
  static func orderStatistic(_ values: [Double], _ k: Int) -> Double {
    precondition(values.indices.contains(k), "order statistic \(k) of \(values.count) values")
    if values.contains(where: \.isNaN) { return values.sorted()[k] }
    var a = values
    var lo = 0, hi = a.count - 1, rounds = 0
    while lo < hi {
      rounds += 1
      if rounds > 64 { return a[lo...hi].sorted()[k - lo] }
      // Median of three as pivot; Hoare partition.
      let mid = lo + (hi - lo) / 2
      let pivot = max(min(a[lo], a[mid]), min(max(a[lo], a[mid]), a[hi]))
      var i = lo, j = hi
      while i <= j {
        while a[i] < pivot { i += 1 }
        while a[j] > pivot { j -= 1 }
        if i <= j { a.swapAt(i, j); i += 1; j -= 1 }
      }
      if k <= j { hi = j } else if k >= i { lo = i } else { return a[k] }
    }
    return a[k]
  }
}
