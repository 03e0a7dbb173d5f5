/// One series of a `GroupedDotChart`: a value per group with an optional interval.
public struct DotSeries: Sendable, Equatable {
  /// The series' name in the legend, e.g. a policy.
  public var name: String
  /// Its colour.
  public var color: String
  /// One value per group.
  public var values: [Double]
  /// One interval per group (e.g. a 95% confidence interval), or nil for none.
  public var intervals: [ClosedRange<Double>?]
  /// Its marker, so series differ by shape as well as colour.
  public var shape: MarkerShape

  /// Creates a series.
  public init(name: String, color: String, values: [Double], intervals: [ClosedRange<Double>?]? = nil, shape: MarkerShape = .circle) {
    self.name = name
    self.color = color
    self.shape = shape
    self.values = values
    self.intervals = intervals ?? Array(repeating: nil, count: values.count)
  }
}
