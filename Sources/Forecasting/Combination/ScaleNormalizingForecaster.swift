/// Fits a base forecaster to the series divided by a power of two near its largest magnitude,
/// then multiplies forecasts, intervals and fitted values back.
///
/// Series whose largest `|yᵢ|` is within `SeriesScale.neutralBand` (about 1e-6 to 1e6) are
/// passed through unchanged, so ordinary fits are bit-identical with and without the wrapper.
/// Beyond it, sums of squares would overflow (values near 1e200) or underflow to 0 (near
/// 1e-300); on the normalised series every method works in its usual range. Because the factor
/// is a power of two, normalising and restoring are exact, and forecasts are scale-equivariant:
/// those of `c·y` are `c` times those of `y`, up to the optimisers' tolerances.
///
/// `ForecasterRegistry.make` wraps every built-in method in this, outermost, so the CLI,
/// scenarios and backtests all get it.
public struct ScaleNormalizingForecaster<Base: Forecaster>: Forecaster {
  /// The forecaster fitted to the normalised series.
  public var base: Base

  /// Creates the wrapper.
  public init(base: Base) { self.base = base }

  /// The base forecaster's name: normalising is a pre-step, not a different method.
  public var name: String { base.name }
  /// The base forecaster's minimum.
  public var minimumHistory: Int { base.minimumHistory }

  /// Normalises, fits the base and wraps its model so that it predicts in the series' units.
  /// - Throws: `.invalidInput` for a non-finite value (naming its index); otherwise whatever
  ///   the base's `fit` throws. An `.invalidInput` from a rescaled fit is re-derived from the
  ///   original series, so the message quotes the user's values, not the rescaled ones.
  public func fit(_ input: ForecastInput) throws(ForecastError) -> RescaledModel<Base.Model> {
    if let bad = input.values.firstIndex(where: { !$0.isFinite }) {
      throw .invalidInput("\(name): values must be finite, got values[\(bad)] = \(input.values[bad])")
    }
    let scale = SeriesScale(input.values)
    do {
      return RescaledModel(base: try base.fit(scale.normalized(input)), scale: scale)
    } catch .invalidInput(let message) where !scale.isIdentity {
      // Input checks run before any arithmetic and may quote a value: quote the user's own.
      // They reject the original series for the same reason, since dividing by a power of two
      // keeps signs, zeros and order.
      do { _ = try base.fit(input) } catch .invalidInput(let original) { throw .invalidInput(original) } catch {}
      throw .invalidInput(message)
    }
  }
}
