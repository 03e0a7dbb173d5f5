/// A checked stress test of a scenario: its name and the values it sets.
public struct StressTest: Sendable, Equatable {
  /// The name from the scenario, unique within it.
  public var name: String
  /// What the test stands for, if the scenario says.
  public var description: String?
  /// The values it sets, in file order.
  public var variations: [ScenarioVariation]
  /// Its position in the scenario's `stressTests`.
  public var index: Int

  /// Creates a stress test.
  public init(name: String, description: String? = nil, variations: [ScenarioVariation], index: Int) {
    self.name = name
    self.description = description
    self.variations = variations
    self.index = index
  }

  /// Where it is in the file and what it is called, for error messages:
  /// `stress test 'promo 3x' (stressTests[1])`.
  public var context: String { "stress test '\(name)' (stressTests[\(index)])" }
}
