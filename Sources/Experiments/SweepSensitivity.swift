import Scenarios

/// How one KPI of one policy responds to one swept parameter while the other parameters stay
/// at their reference values.
public struct SweepSensitivity: Sendable, Equatable {
  /// The parameter.
  public var path: JSONPath
  /// The KPI.
  public var kpi: String
  /// The policy.
  public var policy: String
  /// The parameter's values, in grid order.
  public var values: [JSONValue]
  /// The KPI's mean over replications at each value.
  public var means: [Double]
  /// The KPI's mean with every parameter at its reference value.
  public var center: Double

  /// Creates a sensitivity.
  public init(path: JSONPath, kpi: String, policy: String, values: [JSONValue], means: [Double], center: Double) {
    precondition(values.count == means.count && !values.isEmpty, "\(means.count) means for \(values.count) values")
    self.path = path
    self.kpi = kpi
    self.policy = policy
    self.values = values
    self.means = means
    self.center = center
  }

  /// The position of the parameter's lowest value: the smallest number when every value is a
  /// number, else the first value.
  public var lowIndex: Int {
    let numbers = values.compactMap(\.doubleValue)
    guard numbers.count == values.count else { return 0 }
    return numbers.indices.min { (numbers[$0], $0) < (numbers[$1], $1) }!
  }
  /// The position of its highest value: the largest number, else the last value.
  public var highIndex: Int {
    let numbers = values.compactMap(\.doubleValue)
    guard numbers.count == values.count else { return values.count - 1 }
    return numbers.indices.max { (numbers[$0], -$0) < (numbers[$1], -$1) }!
  }
  /// The KPI at the parameter's lowest value.
  public var atLow: Double { means[lowIndex] }
  /// The KPI at its highest value.
  public var atHigh: Double { means[highIndex] }
  /// The smallest mean over its values.
  public var minimum: Double { means.min()! }
  /// The largest mean over its values.
  public var maximum: Double { means.max()! }
  /// `maximum − minimum`: the bar's length.
  public var range: Double { maximum - minimum }
}
