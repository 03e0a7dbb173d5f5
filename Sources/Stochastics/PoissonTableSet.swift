#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Inversion tables for many Poisson distributions with fixed means, in flat storage.
///
/// Member m keeps its CDF F(0), F(1), … up to where 1 − F is below 1e-17, plus a guide table
/// (Chen & Asau's indexed search) that maps u to a starting index, so a draw costs one uniform
/// and one or two comparisons. A table runs until F rounds to 1 (or 14 standard deviations past
/// the mean); a uniform at or above the last tabulated F (probability below one ulp of 1) returns
/// the count where F stopped growing, the end of the support that doubles can represent. This is the
/// fast path for stationary Poisson demand in the simulator; it consumes one uniform per draw.
///
/// - SeeAlso: H.-C. Chen, Y. Asau (1974), "On generating random variates from an empirical
///   distribution", AIIE Transactions 6(2), 163–166; L. Devroye (1986), §III.2.4.
public struct PoissonTableSet: Sendable {
  @usableFromInline var cdf: [Double] = []
  @usableFromInline var guide: [Int32] = []
  @usableFromInline var offset: [Int] = []
  @usableFromInline var length: [Int] = []
  /// The means, one per member.
  public private(set) var means: [Double] = []

  /// The largest mean a table is built for; larger means should use `Poisson.sample`.
  public static let largestTabulatedMean = 5_000.0

  /// Builds one table per mean.
  ///
  /// - Precondition: every mean is in 0...`largestTabulatedMean`.
  /// - Complexity: O(Σ (λ + 12√λ)) time and memory.
  public init(means: [Double]) {
    for mean in means {
      precondition(mean >= 0 && mean <= Self.largestTabulatedMean, "PoissonTableSet: mean must be in 0...5000, got \(mean)")
      self.means.append(mean)
      offset.append(cdf.count)
      let top = Int((mean + 14 * mean.squareRoot() + 25).rounded(.up))
      var total = 0.0
      let logMean = log(mean)
      var n = 0
      for k in 0...top {
        let p = mean == 0 ? (k == 0 ? 1 : 0) : exp(Double(k) * logMean - mean - SpecialFunctions.logFactorial(k))
        total += p
        cdf.append(min(total, 1))
        n += 1
        if k > Int(mean) && 1 - total < 1e-17 { break }
      }
      length.append(n)
      // guide[j] = smallest k with F(k) > j / n.
      let first = offset.last!
      var k = 0
      for j in 0..<n {
        let threshold = Double(j) / Double(n)
        while k < n - 1 && cdf[first + k] <= threshold { k += 1 }
        guide.append(Int32(k))
      }
    }
  }

  /// The number of members.
  public var count: Int { means.count }

  /// Where member `m`'s table starts in flat storage and how long it is; pass both to `Reader.sample`.
  public func location(ofMember m: Int) -> (offset: Int, length: Int) { (offset[m], length[m]) }

  /// Draws from member `member` by guided inversion.
  ///
  /// - Parameters:
  ///   - member: Index of the distribution, in `0..<count`.
  ///   - rng: The stream to draw from; it advances by one word.
  public func sample<G: RandomSource>(member: Int, using rng: inout G) -> Int {
    withReader { $0.sample(offset: offset[member], length: length[member], using: &rng) }
  }

  /// Lends unchecked views of the tables for a hot loop.
  @inlinable
  public func withReader<R>(_ body: (Reader) -> R) -> R {
    cdf.withUnsafeBufferPointer { f in guide.withUnsafeBufferPointer { g in body(Reader(cdf: f, guide: g)) } }
  }

  /// Unchecked views of the flat tables, valid inside `withReader`.
  public struct Reader {
    @usableFromInline let cdf: UnsafeBufferPointer<Double>
    @usableFromInline let guide: UnsafeBufferPointer<Int32>
    @usableFromInline init(cdf: UnsafeBufferPointer<Double>, guide: UnsafeBufferPointer<Int32>) {
      self.cdf = cdf
      self.guide = guide
    }

    /// Draws from the table at `offset` of `length` entries (from `location(ofMember:)`).
    @inlinable @inline(__always)
    public func sample<G: RandomSource>(offset base: Int, length n: Int, using rng: inout G) -> Int {
      let u = rng.nextUnit()
      // u·n can round up to n when u is within an ulp of 1: clamp to the last guide entry.
      var k = Int(guide[base + min(Int(u * Double(n)), n - 1)])
      while k < n && u >= cdf[base + k] { k += 1 }
      if k < n { return k }
      // u is at or above the last tabulated F, which has stopped growing in floating point
      // (1 − F below one ulp of 1): return where it stopped, the end of the representable support.
      let top = cdf[base + n - 1]
      var j = n - 1
      while j > 0 && cdf[base + j - 1] >= top { j -= 1 }
      return j
    }
  }
}
