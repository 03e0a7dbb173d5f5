#if canImport(Glibc)
import Glibc
#endif

/// A fitted seasonal ARIMA model, `φ(B)Φ(Bᵐ)(1−B)ᵈ(1−Bᵐ)ᴰ(y_t − x_t'β) = θ(B)Θ(Bᵐ)ε_t`,
/// with its estimates, information criteria and forecasts.
///
/// Forecasts come from the Kalman filter's final state of the differenced series, integrated
/// back through the differencing polynomial; interval variances propagate the state covariance
/// (so they include the uncertainty about the final state, as R's `predict.Arima` and
/// statsmodels' `SARIMAX` do), not just ψ-weights. Parameter uncertainty is not included.
/// - SeeAlso: G. E. P. Box, G. M. Jenkins, G. C. Reinsel (2008), *Time Series Analysis*, 4th ed.,
///   ch. 5; J. Durbin and S. J. Koopman (2012), *Time Series Analysis by State Space Methods*, §4.11.
public struct ARIMAModel: FittedForecast, Sendable {
  /// The model orders.
  public let order: ARIMAOrder
  /// Coefficient names in R's style: `ar1…`, `ma1…`, `sar1…`, `sma1…`, then `intercept` or
  /// `drift`, then covariate names.
  public let coefficientNames: [String]
  /// Estimates, aligned with `coefficientNames`.
  public let coefficients: [Double]
  /// Standard errors from the numeric Hessian (ARMA part) and GLS (regression part); NaN where
  /// unavailable (CSS-only fits, boundary estimates, fallbacks).
  public let standardErrors: [Double]
  /// The innovation variance σ² (maximum-likelihood value, sum of squares over used observations).
  public let sigma2: Double
  /// The exact Gaussian log-likelihood of the differenced series (R's `arima` convention; equal to
  /// the exact-diffuse likelihood statsmodels reports).
  public let logLikelihood: Double
  /// Akaike's criterion, `−2 logL + 2k`, with k counting σ².
  public let aic: Double
  /// AIC corrected for small samples, `AIC + 2k(k+1)/(n−k−1)` with n the used observations.
  public let aicc: Double
  /// The Bayesian criterion, `−2 logL + k log n`.
  public let bic: Double
  /// Observations after differencing, the n of the criteria.
  public let usedObservations: Int
  /// One-step-ahead in-sample predictions aligned with the history; NaN for the first `d + D·m`.
  public let fittedValues: [Double]
  /// In-sample one-step prediction errors (NaN where `fittedValues` is NaN).
  public let residuals: [Double]
  /// Fallbacks taken, convergence problems, approximations used.
  public let notes: [String]

  // Internal state for prediction.
  let history: [Double]
  let regressorKinds: [RegressorKind]
  let beta: [Double]
  let phiFull: [Double]
  let thetaFull: [Double]
  let finalState: [Double]
  let finalCovariance: [Double]

  /// What a regression column is, so that it can be extended into the future.
  enum RegressorKind: Sendable, Equatable {
    case intercept
    case drift
    /// A covariate column over history and future.
    case covariate([Double])
  }

  init(order: ARIMAOrder, coefficientNames: [String], coefficients: [Double], standardErrors: [Double],
       sigma2: Double, logLikelihood: Double, parameterCount: Int, usedObservations: Int,
       fittedValues: [Double], residuals: [Double], notes: [String], history: [Double],
       regressorKinds: [RegressorKind], beta: [Double], phiFull: [Double], thetaFull: [Double],
       finalState: [Double], finalCovariance: [Double]) {
    self.order = order
    self.coefficientNames = coefficientNames
    self.coefficients = coefficients
    self.standardErrors = standardErrors
    self.sigma2 = sigma2
    self.logLikelihood = logLikelihood
    let k = Double(parameterCount), n = Double(usedObservations)
    aic = -2 * logLikelihood + 2 * k
    aicc = n - k - 1 > 0 ? aic + 2 * k * (k + 1) / (n - k - 1) : .infinity
    bic = -2 * logLikelihood + k * log(n)
    self.usedObservations = usedObservations
    self.fittedValues = fittedValues
    self.residuals = residuals
    self.notes = notes
    self.history = history
    self.regressorKinds = regressorKinds
    self.beta = beta
    self.phiFull = phiFull
    self.thetaFull = thetaFull
    self.finalState = finalState
    self.finalCovariance = finalCovariance
  }

  /// The estimate named `name` (e.g. `"ma1"`), or nil.
  public func coefficient(_ name: String) -> Double? {
    coefficientNames.firstIndex(of: name).map { coefficients[$0] }
  }

  /// The standard error of the estimate named `name`, or nil.
  public func standardError(_ name: String) -> Double? {
    coefficientNames.firstIndex(of: name).map { standardErrors[$0] }
  }

  /// Predicts the next `horizon` values with central normal prediction intervals.
  ///
  /// - Parameters:
  ///   - horizon: Steps ahead, at least 1.
  ///   - levels: Interval coverages in (0, 1).
  /// - Returns: Means and one interval per level. With covariates, their columns must cover
  ///   `history + horizon` rows (a precondition).
  /// - Complexity: O(h·r² + h²·r) for state dimension r up to `weightedVarianceHorizon` steps,
  ///   O(h·(r + D)²) beyond (D the order of the differencing polynomial).
  public func predict(horizon: Int, levels: [Double]) -> Forecast {
    precondition(horizon >= 1, "ARIMAModel.predict: horizon must be >= 1, got \(horizon)")
    let n = history.count
    // Regression part over history and future.
    func regressor(_ j: Int, _ t: Int) -> Double {
      switch regressorKinds[j] {
      case .intercept: return 1
      case .drift: return Double(t + 1)
      case .covariate(let col):
        precondition(t < col.count, "ARIMAModel.predict: covariate column has \(col.count) rows; horizon \(horizon) needs \(n + horizon)")
        return col[t]
      }
    }
    var u = [Double](repeating: 0, count: n + horizon)
    for t in 0..<n {
      var s = history[t]
      for j in 0..<beta.count { s -= beta[j] * regressor(j, t) }
      u[t] = s
    }
    let r = finalState.count
    var phiR = [Double](repeating: 0, count: r)
    for i in 0..<min(r, phiFull.count) { phiR[i] = phiFull[i] }
    var R = [Double](repeating: 0, count: r)
    R[0] = 1
    for i in 0..<min(r - 1, thetaFull.count) { R[i + 1] = thetaFull[i] }
    func transition(_ a: [Double]) -> [Double] {
      var b = [Double](repeating: 0, count: r)
      for i in 0..<r { b[i] = phiR[i] * a[0] + (i + 1 < r ? a[i + 1] : 0) }
      return b
    }
    // Point forecasts of the differenced series, then integrated: delta(B) u_t = w_t.
    var wf = [Double](repeating: 0, count: horizon)
    var a = finalState
    for i in 0..<horizon { wf[i] = a[0]; a = transition(a) }
    let delta = ARIMAPolynomial.differencing(d: order.d, seasonalD: order.seasonalD, period: order.period)
    for h in 0..<horizon {
      var s = wf[h]
      for k in 1..<delta.count where delta[k] != 0 { s -= delta[k] * u[n + h - k] }
      u[n + h] = s
    }
    let variances = horizon <= Self.weightedVarianceHorizon
      ? integratedVariancesByWeights(horizon: horizon, transition: transition, R: R, delta: delta)
      : integratedVariances(horizon: horizon, phiR: phiR, R: R, delta: delta)
    var mean = [Double](repeating: 0, count: horizon)
    var sd = [Double](repeating: 0, count: horizon)
    for h in 0..<horizon {
      var s = u[n + h]
      for j in 0..<beta.count { s += beta[j] * regressor(j, n + h) }
      mean[h] = s
      sd[h] = (max(variances[h], 0) * sigma2).squareRoot()
    }
    let intervals = levels.map { level -> PredictionInterval in
      precondition(level > 0 && level < 1, "ARIMAModel.predict: levels must be in (0, 1), got \(level)")
      let z = StandardNormal.quantile(0.5 + level / 2)
      return PredictionInterval(level: level, lower: (0..<horizon).map { mean[$0] - z * sd[$0] },
                                upper: (0..<horizon).map { mean[$0] + z * sd[$0] })
    }
    return Forecast(mean: mean, intervals: intervals)
  }

  /// Horizons up to this use the error-covariance matrix of the differenced forecasts and the
  /// integration weights (O(h²) memory, O(h³) time for integrated models); longer ones use the
  /// augmented state recursion, which gives the same variances in O(h) memory.
  static let weightedVarianceHorizon = 256

  /// Forecast-error variances (in units of σ²) of the integrated series, from the covariances of
  /// the differenced forecast errors and the weights that integrate them.
  func integratedVariancesByWeights(horizon: Int, transition: ([Double]) -> [Double], R: [Double],
                                    delta: [Double]) -> [Double] {
    let r = finalState.count
    var P = finalCovariance
    var cov = [Double](repeating: 0, count: horizon * horizon)
    for i in 0..<horizon {
      var col = (0..<r).map { P[$0 * r] }
      for j in i..<horizon {
        cov[i * horizon + j] = col[0]
        cov[j * horizon + i] = col[0]
        col = transition(col)
      }
      // P <- T P T' + R R'
      var TP = [Double](repeating: 0, count: r * r)
      for c in 0..<r {
        let column = transition((0..<r).map { P[$0 * r + c] })
        for i2 in 0..<r { TP[i2 * r + c] = column[i2] }
      }
      var next = [Double](repeating: 0, count: r * r)
      for i2 in 0..<r {
        let row = transition(Array(TP[(i2 * r)..<(i2 * r + r)]))
        for j2 in 0..<r { next[i2 * r + j2] = row[j2] + R[i2] * R[j2] }
      }
      P = next
    }
    var weights = [[Double]](repeating: [Double](repeating: 0, count: horizon), count: horizon)
    for h in 0..<horizon {
      weights[h][h] = 1
      for k in 1..<delta.count where delta[k] != 0 && h - k >= 0 {
        for j in 0...(h - k) { weights[h][j] -= delta[k] * weights[h - k][j] }
      }
    }
    return (0..<horizon).map { h in
      var v = 0.0
      for i in 0...h where weights[h][i] != 0 {
        for j in 0...h where weights[h][j] != 0 { v += weights[h][i] * weights[h][j] * cov[i * horizon + j] }
      }
      return v
    }
  }

  /// The same variances by one covariance recursion on the state `(a, U)`: the ARMA state `a`
  /// (dimension r) and the last D integrated errors `U`. With `eᵤ = a₀ − Σₖ δₖ Uₖ₋₁`, the
  /// transition is `a' = T a + R η`, `U' = (eᵤ, U₀, …, U_{D−2})`; the step-h variance is
  /// `Var(eᵤ)` under `P₀ = diag(finalCovariance, 0)`.
  func integratedVariances(horizon: Int, phiR: [Double], R: [Double], delta: [Double]) -> [Double] {
    let r = finalState.count, D = delta.count - 1, k = r + D
    var P = [Double](repeating: 0, count: k * k)
    for i in 0..<r { for j in 0..<r { P[i * k + j] = finalCovariance[i * r + j] } }
    // x -> F x, in place into `out`.
    func apply(_ x: [Double], _ out: inout [Double]) {
      var e = x[0]
      for q in 1...max(D, 1) where q <= D { e -= delta[q] * x[r + q - 1] }
      for i in 0..<r { out[i] = phiR[i] * x[0] + (i + 1 < r ? x[i + 1] : 0) }
      if D > 0 {
        for q in stride(from: D - 1, to: 0, by: -1) { out[r + q] = x[r + q - 1] }
        out[r] = e
      }
    }
    var variances = [Double](repeating: 0, count: horizon)
    var column = [Double](repeating: 0, count: k), image = column
    var FP = P
    for h in 0..<horizon {
      // Var(eᵤ) = z P zᵀ with z = (1, 0…0 | −δ₁ … −δ_D).
      var v = 0.0
      for i in 0..<k {
        let zi = i == 0 ? 1 : (i >= r ? -delta[i - r + 1] : 0)
        guard zi != 0 else { continue }
        for j in 0..<k {
          let zj = j == 0 ? 1 : (j >= r ? -delta[j - r + 1] : 0)
          if zj != 0 { v += zi * zj * P[i * k + j] }
        }
      }
      variances[h] = v
      if h + 1 == horizon { break }
      // P <- F P Fᵀ + G Gᵀ: columns first, then rows.
      for c in 0..<k {
        for i in 0..<k { column[i] = P[i * k + c] }
        apply(column, &image)
        for i in 0..<k { FP[i * k + c] = image[i] }
      }
      for i in 0..<k {
        for j in 0..<k { column[j] = FP[i * k + j] }
        apply(column, &image)
        for j in 0..<k { P[i * k + j] = image[j] + (i < r && j < r ? R[i] * R[j] : 0) }
      }
    }
    return variances
  }
}
