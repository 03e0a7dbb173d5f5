/// A point mass: every draw is `value`, and no draw advances the generator.
///
/// `Deterministic(value: 3)` (an `Int`) is a `DiscreteDistribution`; `Deterministic(value: 2.5)`
/// (a `Double`) is a `ContinuousDistribution`, with an infinite density at the point. Use it for
/// fixed lead times or constant demand in scenarios that otherwise take a distribution.
public struct Deterministic<Value: Comparable & Sendable>: Sendable {
  /// The only value.
  public let value: Value

  /// Creates the point mass at `value`.
  public init(value: Value) {
    self.value = value
  }
}
