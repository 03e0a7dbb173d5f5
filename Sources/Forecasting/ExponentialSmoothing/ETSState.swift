/// The state of an exponential smoothing model: level, trend and the last `m` seasonal terms.
public struct ETSState: Sendable, Equatable {
  /// The level `ℓ`.
  public var level: Double
  /// The trend `b` (0 without a trend).
  public var trend: Double
  /// Seasonal terms in the order they will next be used: `seasonal[0]` applies to the next
  /// step. Empty without seasonality.
  public var seasonal: [Double]

  /// Creates a state.
  public init(level: Double, trend: Double = 0, seasonal: [Double] = []) {
    self.level = level; self.trend = trend; self.seasonal = seasonal
  }
}
