/// The seasonal component of an exponential smoothing model.
public enum ETSSeasonality: String, Sendable, CaseIterable, Equatable {
  /// No seasonality.
  case none
  /// Seasonal effects added to the level (Holt–Winters additive).
  case additive
  /// Seasonal factors multiplying the level (Holt–Winters multiplicative); needs positive data.
  case multiplicative
}
