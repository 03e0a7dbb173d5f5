/// One bar of a `TornadoChart`: the range an output spans as one input runs through its values.
public struct TornadoBar: Sendable, Equatable {
  /// The input's name, e.g. a JSON path.
  public var label: String
  /// The output at the input's lowest value.
  public var atLow: Double
  /// The output at the input's highest value.
  public var atHigh: Double
  /// The smallest output over all the input's values (the bar's left end).
  public var minimum: Double
  /// The largest output (the bar's right end).
  public var maximum: Double
  /// The input's lowest value as text, shown by its marker.
  public var lowValue: String
  /// The input's highest value as text.
  public var highValue: String

  /// Creates a bar.
  public init(label: String, atLow: Double, atHigh: Double, minimum: Double, maximum: Double, lowValue: String, highValue: String) {
    self.label = label
    self.atLow = atLow
    self.atHigh = atHigh
    self.minimum = minimum
    self.maximum = maximum
    self.lowValue = lowValue
    self.highValue = highValue
  }
}
