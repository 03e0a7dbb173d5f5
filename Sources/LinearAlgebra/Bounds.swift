/// A box `lower ≤ x ≤ upper` for bounded optimisation; infinite entries leave a side open.
public struct Bounds: Sendable, Equatable {
  /// Lower bounds, one per variable (`-.infinity` for none).
  public var lower: [Double]
  /// Upper bounds, one per variable (`.infinity` for none).
  public var upper: [Double]

  /// Creates a box.
  ///
  /// - Precondition: equal lengths and `lower[i] ≤ upper[i]`.
  public init(lower: [Double], upper: [Double]) {
    precondition(lower.count == upper.count, "Bounds: \(lower.count) lower and \(upper.count) upper bounds")
    for i in 0..<lower.count {
      precondition(lower[i] <= upper[i], "Bounds: lower[\(i)] = \(lower[i]) exceeds upper[\(i)] = \(upper[i])")
    }
    self.lower = lower
    self.upper = upper
  }

  /// A box with no bounds in `dimension` variables.
  public static func unbounded(_ dimension: Int) -> Bounds {
    Bounds(lower: Array(repeating: -.infinity, count: dimension), upper: Array(repeating: .infinity, count: dimension))
  }

  /// The number of variables.
  public var dimension: Int { lower.count }

  /// The nearest point of the box: each coordinate clamped into `[lower, upper]`.
  public func project(_ x: [Double]) -> [Double] {
    precondition(x.count == lower.count, "Bounds.project: point of \(x.count) for \(lower.count) bounds")
    return (0..<x.count).map { min(max(x[$0], lower[$0]), upper[$0]) }
  }

  /// True when every coordinate is inside the box.
  public func contains(_ x: [Double]) -> Bool {
    x.count == lower.count && (0..<x.count).allSatisfy { x[$0] >= lower[$0] && x[$0] <= upper[$0] }
  }
}
