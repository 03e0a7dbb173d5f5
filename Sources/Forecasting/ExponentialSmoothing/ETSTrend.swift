/// The trend component of an exponential smoothing model.
public enum ETSTrend: String, Sendable, CaseIterable, Equatable {
  /// No trend (simple exponential smoothing, or seasonal without trend).
  case none
  /// A linear (additive) trend, Holt's method.
  case additive
  /// An additive trend damped by `φ` per step.
  case damped
}
