/// `stressTests[i]`: a named what-if, the values it sets by JSON path.
///
/// ```json
/// {"name": "supplier down 14 days in peak season",
///  "set": {"suppliers[0].outages": [{"start": 300, "end": 313}]}}
/// ```
public struct StressTestSpec: Decodable, Sendable, Equatable {
  /// Label in reports; non-empty and unique within the scenario.
  public var name: String
  /// What the test stands for, shown in reports.
  public var description: String?
  /// An object from JSON paths to the values they take, applied in file order.
  public var set: JSONValue
}
