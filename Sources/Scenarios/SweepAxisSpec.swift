/// `sweep.vary[i]`: a JSON path and either a list of `values` or a range `from`, `to`, `count`.
public struct SweepAxisSpec: Decodable, Sendable, Equatable {
  /// Where the value goes, e.g. `suppliers[0].leadTime.mean`.
  public var path: String
  /// The values, in order (numbers, strings, booleans, or any JSON).
  public var values: [JSONValue]?
  /// First value of an evenly spaced range.
  public var from: Double?
  /// Last value of the range (included).
  public var to: Double?
  /// Number of values in the range, at least 2.
  public var count: Int?
}
