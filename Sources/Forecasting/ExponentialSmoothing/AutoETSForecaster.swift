/// Chooses among exponential smoothing variants by AICc, as R's `forecast::ets` does for the
/// additive-error models.
///
/// Candidates: trend none / additive / damped × seasonality none / additive / multiplicative.
/// Seasonal candidates are tried only when the period is ≥ 2 and the history covers two seasons;
/// multiplicative ones only for strictly positive data; damped ones only when `allowDamped`.
/// All candidates have additive errors and are fitted to the same data, so their Gaussian
/// likelihoods (and AICc) are comparable. Candidates that fail to fit are skipped.
/// - SeeAlso: R. Hyndman, A. Koehler, R. Snyder, S. Grose (2002), "A state space framework for
///   automatic forecasting using exponential smoothing methods", IJF 18(3), 439–454.
public struct AutoETSForecaster: Forecaster {
  /// Overrides `ForecastInput.seasonalPeriod` when set.
  public var period: Int?
  /// Try damped trends.
  public var allowDamped: Bool
  /// Try multiplicative seasonality (positive data only).
  public var allowMultiplicative: Bool
  /// Initial states of every candidate.
  public var initialization: ExponentialSmoothingForecaster.Initialization

  /// Creates the selector.
  public init(period: Int? = nil, allowDamped: Bool = true, allowMultiplicative: Bool = true,
              initialization: ExponentialSmoothingForecaster.Initialization = .heuristic) {
    self.period = period; self.allowDamped = allowDamped
    self.allowMultiplicative = allowMultiplicative; self.initialization = initialization
  }

  /// `"auto_ets"`.
  public var name: String { "auto_ets" }
  /// Three observations (simple exponential smoothing).
  public var minimumHistory: Int { 3 }

  /// The candidate forecasters for an input, in a fixed order (ties in AICc go to the first).
  public func candidates(for input: ForecastInput) -> [ExponentialSmoothingForecaster] {
    let m = period ?? input.seasonalPeriod
    var seasons: [ETSSeasonality] = [.none]
    if m >= 2 && input.values.count >= max(2 * m, m + 3) {
      seasons.append(.additive)
      if allowMultiplicative && input.values.allSatisfy({ $0 > 0 }) { seasons.append(.multiplicative) }
    }
    let trends: [ETSTrend] = allowDamped ? [.none, .additive, .damped] : [.none, .additive]
    return seasons.flatMap { s in
      trends.map { t in ExponentialSmoothingForecaster(trend: t, seasonality: s, initialization: initialization, period: m) }
    }
  }

  /// Fits every candidate and keeps the lowest AICc; when the history is too short for any
  /// AICc, keeps the first candidate that fits (simple exponential smoothing).
  ///
  /// - Throws: `.historyTooShort` below 3 values; `.fitFailed` when no candidate fits.
  public func fit(_ input: ForecastInput) throws(ForecastError) -> ExponentialSmoothingModel {
    guard input.values.count >= minimumHistory else {
      throw .historyTooShort(method: name, needed: minimumHistory, got: input.values.count)
    }
    var best: ExponentialSmoothingModel? = nil
    var fallback: ExponentialSmoothingModel? = nil
    var tried: [String] = []
    for candidate in candidates(for: input) {
      guard let model = try? candidate.fit(input) else { continue }
      if fallback == nil { fallback = model }
      guard model.aicc.isFinite else { continue }
      tried.append("\(model.label) \(formatted(model.aicc))")
      if best == nil || model.aicc < best!.aicc { best = model }
    }
    if var chosen = best {
      chosen.notes.append("auto_ets: chose \(chosen.label) by AICc among \(tried.joined(separator: ", "))")
      return chosen
    }
    // Too few observations for any AICc (T ≤ k + 2): keep the simplest model that fitted.
    guard var simplest = fallback else { throw .fitFailed("auto_ets: no candidate model could be fitted") }
    simplest.notes.append("auto_ets: history too short for AICc; using \(simplest.label)")
    return simplest
  }

  private func formatted(_ x: Double) -> String {
    let r = (x * 10).rounded() / 10
    return "\(r)"
  }
}
