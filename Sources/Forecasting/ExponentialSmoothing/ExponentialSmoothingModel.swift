#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Stochastics

func logValue(_ x: Double) -> Double { log(x) }

/// A fitted exponential smoothing model (see `ExponentialSmoothingForecaster`).
public struct ExponentialSmoothingModel: FittedForecast, Sendable {
  /// The trend component.
  public let trend: ETSTrend
  /// The seasonal component.
  public let seasonality: ETSSeasonality
  /// The seasonal period (1 without seasonality).
  public let period: Int
  /// The smoothing parameters used.
  public let parameters: ETSParameters
  /// The state before the first observation.
  public let initialState: ETSState
  /// The state after the last observation, from which forecasts start.
  public let finalState: ETSState
  /// Sum of squared one-step errors.
  public let sse: Double
  /// `σ̂ = √(SSE/(T − k))`.
  public let sigma: Double
  /// The Gaussian log-likelihood at `σ² = SSE/T`.
  public let logLikelihood: Double
  /// AICc with `k + 1` parameters (the `k` estimated ones plus `σ²`).
  public let aicc: Double
  /// `k`: estimated smoothing parameters plus initial states.
  public let parameterCount: Int
  /// One-step in-sample forecasts.
  public let fittedValues: [Double]
  /// Parameters that ended on a bound, and similar remarks.
  public internal(set) var notes: [String]
  var simulationPaths = 2000
  var simulationSeed: UInt64 = 2008

  init(trend: ETSTrend, seasonality: ETSSeasonality, period: Int, parameters: ETSParameters, initialState: ETSState,
       finalState: ETSState, sse: Double, sigma: Double, logLikelihood: Double, aicc: Double, parameterCount: Int,
       fittedValues: [Double], notes: [String]) {
    self.trend = trend; self.seasonality = seasonality; self.period = period; self.parameters = parameters
    self.initialState = initialState; self.finalState = finalState; self.sse = sse; self.sigma = sigma
    self.logLikelihood = logLikelihood; self.aicc = aicc; self.parameterCount = parameterCount
    self.fittedValues = fittedValues; self.notes = notes
  }

  /// A short label such as `ETS(A,Ad,M)`.
  public var label: String {
    let t = switch trend { case .none: "N"; case .additive: "A"; case .damped: "Ad" }
    let s = switch seasonality { case .none: "N"; case .additive: "A"; case .multiplicative: "M" }
    return "ETS(A,\(t),\(s))"
  }

  var core: ETSCore { ETSCore(trend: trend, seasonality: seasonality, period: period) }

  /// The forecast standard deviation `h` steps ahead for the additive models (class 1).
  ///
  /// - Returns: `σ̂ √(1 + Σⱼ₌₁ʰ⁻¹ cⱼ²)`, `cⱼ = α + αβ*·φⱼ + γ·[j mod m = 0]`, with `φⱼ = j`
  ///   undamped, `φ + … + φʲ` damped, 0 without trend; `σ̂` for `h <= 1`.
  public func analyticStandardDeviation(horizon h: Int) -> Double {
    analyticStandardDeviations(horizon: h).last!
  }

  /// `analyticStandardDeviation(horizon:)` for every step `1...horizon` in one pass, in O(horizon)
  /// rather than O(horizon²); the first element is `σ̂` (also for `horizon <= 1`).
  func analyticStandardDeviations(horizon: Int) -> [Double] {
    let p = parameters
    var out = [sigma]
    out.reserveCapacity(max(1, horizon))
    var sum = 1.0
    var phiSum = 0.0, phiPow = 1.0
    for j in stride(from: 1, to: horizon, by: 1) {
      phiPow *= p.phi
      phiSum += phiPow
      var c = p.alpha
      switch trend {
      case .none: break
      case .additive: c += p.alpha * p.beta * Double(j)
      case .damped: c += p.alpha * p.beta * phiSum
      }
      if seasonality != .none && j % period == 0 { c += p.gamma }
      sum += c * c
      out.append(sigma * sum.squareRoot())
    }
    return out
  }

  /// Point forecasts, with analytic intervals for additive models and simulated ones for
  /// multiplicative seasonality.
  public func predict(horizon: Int, levels: [Double]) -> Forecast {
    precondition(horizon >= 1, "predict: horizon must be >= 1, got \(horizon)")
    let c = core
    let mean = c.pointForecasts(finalState, p: parameters, horizon: horizon)
    if seasonality != .multiplicative || levels.isEmpty {
      return .gaussian(mean: mean, standardDeviations: analyticStandardDeviations(horizon: horizon), levels: levels)
    }
    return Forecast(mean: mean, intervals: simulatedIntervals(horizon: horizon, levels: levels))
  }

  /// Intervals from empirical quantiles of simulated sample paths (type-7 interpolation).
  func simulatedIntervals(horizon: Int, levels: [Double]) -> [PredictionInterval] {
    let c = core
    let n = max(simulationPaths, 10)
    var rng = Xoshiro256(seed: simulationSeed, entity: 0, purpose: .auxiliary)
    var gauss = GaussianSampler()
    var draws = Array(repeating: Array(repeating: 0.0, count: n), count: horizon)
    for path in 0..<n {
      var st = finalState
      for h in 0..<horizon {
        let y = c.forecast(st, phi: parameters.phi) + sigma * gauss.next(using: &rng)
        draws[h][path] = y
        if !c.update(&st, y: y, p: parameters) { st = finalState }
      }
    }
    for h in 0..<horizon { draws[h].sort() }
    func quantile(_ sorted: [Double], _ p: Double) -> Double {
      let pos = p * Double(sorted.count - 1)
      let i = Int(pos.rounded(.down)), f = pos - Double(i)
      return i + 1 < sorted.count ? sorted[i] + f * (sorted[i + 1] - sorted[i]) : sorted[i]
    }
    return levels.map { level in
      precondition(level > 0 && level < 1, "prediction level must be in (0, 1), got \(level)")
      return PredictionInterval(level: level,
                                lower: draws.map { quantile($0, (1 - level) / 2) },
                                upper: draws.map { quantile($0, (1 + level) / 2) })
    }
  }
}
