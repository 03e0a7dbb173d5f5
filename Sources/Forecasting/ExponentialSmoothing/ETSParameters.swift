/// Smoothing parameters in the classical (component) form of Holt–Winters.
///
/// The level smooths with `alpha`, the trend with `beta` (β* in Hyndman et al. 2008; the
/// error-correction coefficient is `alpha · beta`), the season with `gamma` (`0 ≤ γ ≤ 1 − α`),
/// and `phi` damps the trend (1 when undamped). Unused components have 0 (and `phi` 1).
public struct ETSParameters: Sendable, Equatable {
  /// Level smoothing, in [0, 1].
  public var alpha: Double
  /// Trend smoothing β*, in [0, 1].
  public var beta: Double
  /// Seasonal smoothing, in [0, 1 − alpha].
  public var gamma: Double
  /// Trend damping, in (0, 1]; 1 means no damping.
  public var phi: Double

  /// Creates parameters.
  public init(alpha: Double, beta: Double = 0, gamma: Double = 0, phi: Double = 1) {
    self.alpha = alpha; self.beta = beta; self.gamma = gamma; self.phi = phi
  }
}
