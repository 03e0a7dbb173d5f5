import Stochastics

/// A discrete demand distribution tabulated on 0, 1, …, n − 1: the form the exact methods work on.
///
/// Built from any `DiscreteDistribution` by cutting the upper tail once its mass falls below a
/// tolerance (the cut mass is added back proportionally, so the table sums to 1), and combined
/// into multi-day demand by convolution. Days are independent and identically distributed.
public struct DemandPMF: Sendable, Equatable {
  /// P(D = k) for k = 0..<count; sums to 1.
  public let probabilities: [Double]

  /// The most values a table may hold.
  public static let supportLimit = 2_000_000

  /// A table from probabilities (normalised to sum to 1).
  ///
  /// - Throws: `OptimizationError.degenerateDemand` when a value is negative or not finite or
  ///   the total is 0.
  public init(probabilities: [Double]) throws(OptimizationError) {
    guard probabilities.allSatisfy({ $0.isFinite && $0 >= 0 }) else { throw .degenerateDemand("probabilities must be finite and ≥ 0") }
    let total = probabilities.reduce(0, +)
    guard total > 0, total.isFinite else { throw .degenerateDemand("probabilities sum to \(total)") }
    var p = probabilities.map { $0 / total }
    while p.count > 1, p.last == 0 { p.removeLast() }
    self.probabilities = p
  }

  /// The table of a distribution, its tail beyond P(D > k) ≤ `tailTolerance` cut.
  ///
  /// - Throws: `OptimizationError.demandTooWide` when the table would exceed `supportLimit`.
  public init<D: DiscreteDistribution>(_ distribution: D, tailTolerance: Double = 1e-13) throws(OptimizationError) {
    var p: [Double] = []
    var cumulative = 0.0
    var k = 0
    while cumulative < 1 - tailTolerance {
      guard k < Self.supportLimit else { throw .demandTooWide(support: k, limit: Self.supportLimit) }
      let mass = distribution.probability(k)
      guard mass.isFinite, mass >= 0 else { throw .degenerateDemand("has probability \(mass) at \(k)") }
      p.append(mass)
      cumulative += mass
      k += 1
      // A distribution whose probabilities stop adding up (rounding) ends at its CDF instead.
      if k % 1024 == 0, distribution.cdf(k - 1) >= 1 - tailTolerance { break }
    }
    try self.init(probabilities: p)
  }

  /// The number of tabulated values.
  public var count: Int { probabilities.count }

  /// E[D].
  public var mean: Double {
    var m = 0.0
    for (k, p) in probabilities.enumerated() { m += Double(k) * p }
    return m
  }

  /// Var[D].
  public var variance: Double {
    let m = mean
    var v = 0.0
    for (k, p) in probabilities.enumerated() { v += (Double(k) - m) * (Double(k) - m) * p }
    return v
  }

  /// P(D = k); 0 outside the table.
  public func probability(_ k: Int) -> Double { k >= 0 && k < count ? probabilities[k] : 0 }

  /// The demand of `days` independent days: the `days`-fold convolution (a point mass at 0 for 0 days).
  /// Tail mass below `tailTolerance` is cut after each step.
  ///
  /// - Throws: `OptimizationError.demandTooWide` when the table would exceed `supportLimit`.
  public func convolved(days: Int, tailTolerance: Double = 1e-13) throws(OptimizationError) -> DemandPMF {
    precondition(days >= 0, "days must be ≥ 0")
    var result = [1.0]
    var base = probabilities
    var n = days
    // Binary powering: O(log days) convolutions.
    while n > 0 {
      if n & 1 == 1 { result = try Self.convolve(result, base, tailTolerance: tailTolerance) }
      n >>= 1
      if n > 0 { base = try Self.convolve(base, base, tailTolerance: tailTolerance) }
    }
    return try DemandPMF(probabilities: result)
  }

  static func convolve(_ a: [Double], _ b: [Double], tailTolerance: Double) throws(OptimizationError) -> [Double] {
    let width = a.count + b.count - 1
    guard width <= supportLimit else { throw .demandTooWide(support: width, limit: supportLimit) }
    var c = Array(repeating: 0.0, count: width)
    for i in a.indices where a[i] != 0 {
      let ai = a[i]
      for j in b.indices { c[i + j] += ai * b[j] }
    }
    // Cut the upper tail whose total mass is below the tolerance.
    var tail = 0.0
    var end = c.count
    while end > 1, tail + c[end - 1] < tailTolerance {
      tail += c[end - 1]
      end -= 1
    }
    return Array(c[0..<end])
  }
}
