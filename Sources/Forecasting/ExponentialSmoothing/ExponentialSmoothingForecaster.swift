import LinearAlgebra

/// Exponential smoothing (ETS with additive errors): simple, Holt (optionally damped) and
/// Holt–Winters with additive or multiplicative seasonality.
///
/// Smoothing parameters not fixed by the caller are estimated by minimising the in-sample SSE
/// of one-step errors (equivalently, maximising the Gaussian likelihood of the additive-error
/// model) with `NelderMead` over the box `α, β* ∈ [1e-4, 0.9999]`, `γ = g(1 − α)` with
/// `g ∈ [1e-4, 0.9999]`, `φ ∈ [0.8, 0.98]` (the bounds of Hyndman et al. 2008 §5.2 and R's
/// `forecast::ets`). Initial states come from the classical heuristic (`ETSCore`'s first-cycle
/// means); with `initialization: .optimized` they are then refined jointly with the smoothing
/// parameters by `ProjectedLBFGS` (seasonal terms constrained to sum to 0, or average 1).
///
/// Prediction intervals: for the additive (class 1) models, `σ̂²[1 + Σⱼ₌₁ʰ⁻¹ cⱼ²]` with
/// `cⱼ = α + αβ*·φⱼ + γ·[j mod m = 0]` (Hyndman et al. 2008, Table 6.1); for multiplicative
/// seasonality, empirical quantiles of `simulationPaths` simulated futures with Gaussian errors
/// drawn from a fixed-seed `Xoshiro256` stream, so results are reproducible. `σ̂² = SSE/(T − k)`,
/// `k` the number of estimated parameters including initial states.
///
/// - SeeAlso: R. Hyndman, A. Koehler, J. Ord, R. Snyder (2008), *Forecasting with Exponential
///   Smoothing: The State Space Approach*, Springer, ch. 2, 5 and 6; Hyndman & Athanasopoulos,
///   *FPP* 3rd ed., ch. 8.
public struct ExponentialSmoothingForecaster: Forecaster {
  /// How initial states are set.
  public enum Initialization: String, Sendable, Equatable {
    /// The classical first-cycle heuristic, not optimised.
    case heuristic
    /// The heuristic, then optimised jointly with the smoothing parameters.
    case optimized
  }

  /// The trend component.
  public var trend: ETSTrend
  /// The seasonal component.
  public var seasonality: ETSSeasonality
  /// How initial states are chosen.
  public var initialization: Initialization
  /// Overrides `ForecastInput.seasonalPeriod` when set.
  public var period: Int?
  /// Fixed `α`, or nil to estimate.
  public var alpha: Double?
  /// Fixed `β*`, or nil to estimate.
  public var beta: Double?
  /// Fixed `γ`, or nil to estimate.
  public var gamma: Double?
  /// Fixed `φ`, or nil to estimate (damped trend only).
  public var phi: Double?
  /// Simulated paths for the intervals of multiplicative models.
  public var simulationPaths: Int
  /// Seed of the simulation stream.
  public var simulationSeed: UInt64
  /// The name reported (`"ets"` by default; the registry uses `"ses"`, `"holt"`, `"holt_winters"`).
  public var name: String

  /// Creates a forecaster.
  ///
  /// - Parameters:
  ///   - trend: `.none`, `.additive` (Holt) or `.damped`.
  ///   - seasonality: `.none`, `.additive` or `.multiplicative`.
  ///   - initialization: `.heuristic` (default) or `.optimized`.
  ///   - period: The seasonal period; nil uses the input's.
  ///   - alpha, beta, gamma, phi: Fixed parameters; nil estimates them.
  ///   - simulationPaths: Paths for simulated intervals (multiplicative seasonality), default 2000.
  ///   - simulationSeed: Seed for those paths.
  public init(trend: ETSTrend = .none, seasonality: ETSSeasonality = .none, initialization: Initialization = .heuristic,
              period: Int? = nil, alpha: Double? = nil, beta: Double? = nil, gamma: Double? = nil, phi: Double? = nil,
              simulationPaths: Int = 2000, simulationSeed: UInt64 = 2008, name: String = "ets") {
    self.trend = trend; self.seasonality = seasonality; self.initialization = initialization
    self.period = period; self.alpha = alpha; self.beta = beta; self.gamma = gamma; self.phi = phi
    self.simulationPaths = simulationPaths; self.simulationSeed = simulationSeed; self.name = name
  }

  /// Simple exponential smoothing (ETS(A,N,N)).
  public static func simple(alpha: Double? = nil) -> ExponentialSmoothingForecaster {
    ExponentialSmoothingForecaster(alpha: alpha, name: "ses")
  }

  /// Holt's linear trend method, optionally damped.
  public static func holt(damped: Bool = false) -> ExponentialSmoothingForecaster {
    ExponentialSmoothingForecaster(trend: damped ? .damped : .additive, name: "holt")
  }

  /// Holt–Winters with an additive trend (optionally damped) and the given seasonality.
  public static func holtWinters(_ seasonality: ETSSeasonality, damped: Bool = false, period: Int? = nil)
    -> ExponentialSmoothingForecaster {
    ExponentialSmoothingForecaster(trend: damped ? .damped : .additive, seasonality: seasonality, period: period,
                                   name: "holt_winters")
  }

  /// Two full seasons for seasonal models (the heuristic needs them), otherwise 3 observations
  /// (4 with a trend). Uses `period`, or 2 seasons of an unknown period count as 2·1.
  public var minimumHistory: Int { minimumHistory(period: period ?? 1) }

  func minimumHistory(period m: Int) -> Int {
    seasonality == .none ? (trend == .none ? 3 : 4) : max(2 * m, m + 3)
  }

  /// Fits the model.
  ///
  /// - Throws: `.historyTooShort`; `.invalidInput` for a multiplicative season on data with
  ///   values ≤ 0, a seasonal model with period 1, or fixed parameters outside their ranges;
  ///   `.fitFailed` when no finite SSE is found.
  public func fit(_ input: ForecastInput) throws(ForecastError) -> ExponentialSmoothingModel {
    let y = input.values
    let m = seasonality == .none ? 1 : (period ?? input.seasonalPeriod)
    if seasonality != .none && m < 2 {
      throw .invalidInput("\(name): seasonality \(seasonality.rawValue) needs a seasonal period >= 2, got \(m)")
    }
    let needed = minimumHistory(period: m)
    guard y.count >= needed else { throw .historyTooShort(method: name, needed: needed, got: y.count) }
    guard y.allSatisfy(\.isFinite) else { throw .invalidInput("\(name): values must be finite") }
    if seasonality == .multiplicative, let bad = y.firstIndex(where: { $0 <= 0 }) {
      throw .invalidInput("\(name): multiplicative seasonality needs values > 0, got values[\(bad)] = \(y[bad])")
    }
    for (label, v, hi) in [("alpha", alpha, 1.0), ("beta", beta, 1.0), ("gamma", gamma, 1.0), ("phi", phi, 1.0)] {
      if let v, !(v >= 0 && v <= hi) { throw .invalidInput("\(name): \(label) must be in [0, \(hi)], got \(v)") }
    }
    let core = ETSCore(trend: trend, seasonality: seasonality, period: m)
    var fit = try ETSEstimation(core: core, forecaster: self).estimate(y)
    fit.simulationPaths = simulationPaths
    fit.simulationSeed = simulationSeed
    return fit
  }
}
