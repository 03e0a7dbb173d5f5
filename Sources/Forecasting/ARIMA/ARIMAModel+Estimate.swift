extension ARIMAModel {
  /// Wraps an estimate as a user-facing model.
  init(estimator e: ARIMAEstimator, estimate est: ARIMAEstimator.Estimate, covariates: Covariates?,
       standardErrors wantSE: Bool, notes: [String]) {
    let o = e.order
    var names: [String] = []
    names += (0..<o.p).map { "ar\($0 + 1)" }
    names += (0..<o.q).map { "ma\($0 + 1)" }
    names += (0..<o.seasonalP).map { "sar\($0 + 1)" }
    names += (0..<o.seasonalQ).map { "sma\($0 + 1)" }
    names += e.regressorNames
    let armaSE = wantSE && est.method != .css ? e.armaStandardErrors(raw: est.rawCoefficients)
      : [Double](repeating: .nan, count: est.rawCoefficients.count)
    let model = e.arma(raw: est.rawCoefficients)
    let n = e.values.count, loss = o.differencingLoss
    var fitted = [Double](repeating: .nan, count: n), resid = fitted
    if let f = est.filter {
      for t in 0..<f.innovations.count {
        resid[t + loss] = f.innovations[t]
        fitted[t + loss] = e.values[t + loss] - f.innovations[t]
      }
    }
    var kinds: [RegressorKind] = []
    for name in e.regressorNames {
      if name == "intercept" { kinds.append(.intercept) } else if name == "drift" { kinds.append(.drift) }
    }
    if let c = covariates { kinds += c.columns.map { .covariate($0) } }
    let r = model.stateDimension
    self.init(order: o, coefficientNames: names, coefficients: est.rawCoefficients + est.beta,
              standardErrors: armaSE + est.betaStandardErrors, sigma2: est.sigma2,
              logLikelihood: est.logLikelihood, parameterCount: est.rawCoefficients.count + est.beta.count + 1,
              usedObservations: est.usedObservations, fittedValues: fitted, residuals: resid, notes: notes,
              history: e.values, regressorKinds: kinds, beta: est.beta, phiFull: model.phi, thetaFull: model.theta,
              finalState: est.filter?.finalState ?? [Double](repeating: 0, count: r),
              finalCovariance: est.filter?.finalCovariance ?? [Double](repeating: 0, count: r * r))
  }

  /// A zero-variance model for series that differencing (or the mean) explains exactly.
  static func degenerate(estimator e: ARIMAEstimator, covariates: Covariates?, note: String) -> ARIMAModel {
    let o = e.order
    let k = o.armaParameterCount
    var names: [String] = []
    names += (0..<o.p).map { "ar\($0 + 1)" } + (0..<o.q).map { "ma\($0 + 1)" }
    names += (0..<o.seasonalP).map { "sar\($0 + 1)" } + (0..<o.seasonalQ).map { "sma\($0 + 1)" }
    names += e.regressorNames
    // Regression coefficients by least squares on the differenced data (exact fit).
    var beta = [Double](repeating: 0, count: e.xw.count)
    let kx = e.xw.count
    if kx > 0 {
      var xx = [Double](repeating: 0, count: kx * kx), xy = [Double](repeating: 0, count: kx)
      for i in 0..<kx {
        for t in 0..<e.w.count { xy[i] += e.xw[i][t] * e.w[t] }
        for j in 0..<kx { for t in 0..<e.w.count { xx[i * kx + j] += e.xw[i][t] * e.xw[j][t] } }
      }
      if let b = ARIMALinearSolve.solve(xx, xy, size: kx) { beta = b }
    }
    var kinds: [RegressorKind] = []
    for name in e.regressorNames {
      if name == "intercept" { kinds.append(.intercept) } else if name == "drift" { kinds.append(.drift) }
    }
    if let c = covariates { kinds += c.columns.map { .covariate($0) } }
    let n = e.values.count, loss = o.differencingLoss
    var fitted = [Double](repeating: .nan, count: n), resid = fitted
    for t in loss..<n {
      var pred = e.w[t - loss]
      for j in 0..<beta.count { pred -= beta[j] * e.xw[j][t - loss] }
      resid[t] = pred
      fitted[t] = e.values[t] - pred
    }
    return ARIMAModel(order: o, coefficientNames: names,
                      coefficients: [Double](repeating: 0, count: k) + beta,
                      standardErrors: [Double](repeating: .nan, count: k + beta.count), sigma2: 0,
                      logLikelihood: .infinity, parameterCount: k + beta.count + 1,
                      usedObservations: e.w.count, fittedValues: fitted, residuals: resid, notes: [note],
                      history: e.values, regressorKinds: kinds, beta: beta, phiFull: [], thetaFull: [],
                      finalState: [0], finalCovariance: [0])
  }
}
