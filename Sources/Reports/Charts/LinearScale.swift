/// A linear map from data values (the domain) to drawing coordinates (the range).
///
/// The range may run backwards, as a vertical axis does in SVG (larger values higher up,
/// smaller y coordinates).
public struct LinearScale: Sendable, Equatable {
  /// The data value mapped to `start`.
  public var domainLower: Double
  /// The data value mapped to `end`.
  public var domainUpper: Double
  /// The coordinate of `domainLower`.
  public var start: Double
  /// The coordinate of `domainUpper`.
  public var end: Double

  /// Creates a scale mapping `domain` onto `start...end` (in that direction).
  public init(domain: ClosedRange<Double>, start: Double, end: Double) {
    domainLower = domain.lowerBound
    domainUpper = domain.upperBound
    self.start = start
    self.end = end
  }

  /// The coordinate of `value`; a zero-width domain maps everything to the middle.
  public func map(_ value: Double) -> Double {
    let width = domainUpper - domainLower
    guard width != 0 else { return (start + end) / 2 }
    return start + (value - domainLower) / width * (end - start)
  }
}
