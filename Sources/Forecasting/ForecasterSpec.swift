/// A forecaster named as in scenarios and the CLI, with numeric settings.
///
/// Flags are numbers too (0 = off, 1 = on). `members` is used by `"ensemble"` only.
public struct ForecasterSpec: Sendable, Equatable {
  /// The method's name, e.g. `"ets"`; `ForecasterRegistry.names` lists them.
  public var name: String
  /// Settings by key; `ForecasterRegistry.parameters(for:)` lists each method's keys.
  public var parameters: [String: Double]
  /// Member specifications of an ensemble.
  public var members: [ForecasterSpec]

  /// Creates a specification.
  public init(name: String, parameters: [String: Double] = [:], members: [ForecasterSpec] = []) {
    self.name = name; self.parameters = parameters; self.members = members
  }
}
