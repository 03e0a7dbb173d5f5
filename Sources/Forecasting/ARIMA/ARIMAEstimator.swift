#if canImport(Glibc)
import Glibc
#endif

/// Fits one (p,d,q)(P,D,Q)m model with optional constant/drift and covariates: differencing first,
/// conditional sum of squares (CSS) for starting values, then exact maximum likelihood (ML).
///
/// AR and MA polynomials (seasonal and not) are each parametrised by partial autocorrelations
/// through `tanh`, so every trial point is stationary and invertible; the regression coefficients
/// and σ² are concentrated out of both objectives.
/// - SeeAlso: R's `arima(method = "CSS-ML")` (B. D. Ripley (2002), "Time series in R 1.5.0",
///   R News 2(2), 2–7) for the overall procedure.
struct ARIMAEstimator {
  /// How a model is estimated.
  enum Method: Sendable { case css, ml, cssML }

  let order: ARIMAOrder
  let values: [Double]
  /// Regressor columns over the history, original scale.
  let regressors: [[Double]]
  /// Their names (`intercept`, `drift`, covariate names).
  let regressorNames: [String]
  /// The differenced series.
  let w: [Double]
  /// The differenced regressors.
  let xw: [[Double]]

  /// Prepares the data; `constant` adds an intercept when `d + D = 0`, a drift when `d + D = 1`.
  init(values: [Double], order: ARIMAOrder, constant: Bool, covariates: Covariates?) {
    self.order = order
    self.values = values
    let n = values.count
    var cols: [[Double]] = [], names: [String] = []
    let totalD = order.d + order.seasonalD
    if constant && totalD == 0 { cols.append([Double](repeating: 1, count: n)); names.append("intercept") }
    if constant && totalD == 1 { cols.append((0..<n).map { Double($0 + 1) }); names.append("drift") }
    if let c = covariates {
      for (j, col) in c.columns.enumerated() { cols.append(Array(col.prefix(n))); names.append(c.names[j]) }
    }
    regressors = cols
    regressorNames = names
    w = ARIMAPolynomial.difference(values, d: order.d, seasonalD: order.seasonalD, period: order.period)
    xw = cols.map { ARIMAPolynomial.difference($0, d: order.d, seasonalD: order.seasonalD, period: order.period) }
  }

  /// The cap on unconstrained values (partial autocorrelation `tanh(4) ≈ 0.99933`).
  static let transformBound = 4.0

  /// The raw coefficient blocks for an unconstrained parameter vector.
  func coefficients(_ u: [Double]) -> (ar: [Double], ma: [Double], sar: [Double], sma: [Double]) {
    let o = order
    var i = 0
    // Partial autocorrelations are capped at tanh(4) ≈ 0.9993: beyond that the model is rejected
    // as near-unit-root anyway, and the flat objective stops the optimiser crawling to the boundary.
    func take(_ k: Int) -> [Double] {
      let s = u[i..<(i + k)].map { min(max($0, -Self.transformBound), Self.transformBound) }
      i += k
      return s
    }
    let ar = ARIMAPolynomial.stationaryAR(fromUnconstrained: take(o.p))
    let ma = ARIMAPolynomial.stationaryAR(fromUnconstrained: take(o.q)).map { -$0 }
    let sar = ARIMAPolynomial.stationaryAR(fromUnconstrained: take(o.seasonalP))
    let sma = ARIMAPolynomial.stationaryAR(fromUnconstrained: take(o.seasonalQ)).map { -$0 }
    return (ar, ma, sar, sma)
  }

  /// The expanded ARMA for raw coefficients laid out as `[ar, ma, sar, sma]`.
  func arma(raw c: [Double]) -> KalmanARMA {
    let o = order
    let ar = Array(c[0..<o.p]), ma = Array(c[o.p..<(o.p + o.q)])
    let sar = Array(c[(o.p + o.q)..<(o.p + o.q + o.seasonalP)])
    let sma = Array(c[(o.p + o.q + o.seasonalP)...])
    return KalmanARMA(phi: ARIMAPolynomial.expandAR(ar, seasonal: sar, period: o.period),
                      theta: ARIMAPolynomial.expandMA(ma, seasonal: sma, period: o.period))
  }

  /// Raw coefficients `[ar, ma, sar, sma]` for an unconstrained vector.
  func raw(_ u: [Double]) -> [Double] {
    let c = coefficients(u)
    return c.ar + c.ma + c.sar + c.sma
  }

  /// The ML objective (½ log σ̂² + ½ mean log F) at unconstrained `u`; `+∞` if undefined.
  func mlObjective(_ u: [Double]) -> Double {
    guard let out = arma(raw: raw(u)).filter(w, regressors: xw) else { return .infinity }
    let v = out.objective
    return v.isFinite ? v : .infinity
  }

  /// The number of leading differenced values CSS conditions on.
  var cssConditioning: Int { order.p + order.seasonalP * order.period }

  /// CSS residuals of one series under an expanded ARMA (zero before the conditioning point).
  static func cssResiduals(_ x: [Double], phi: [Double], theta: [Double], start: Int) -> [Double] {
    let n = x.count
    var e = [Double](repeating: 0, count: n)
    if start >= n { return e }
    var lags: [Int] = [], coefs: [Double] = []
    for i in 0..<phi.count where phi[i] != 0 { lags.append(i + 1); coefs.append(phi[i]) }
    let arCount = lags.count
    for j in 0..<theta.count where theta[j] != 0 { lags.append(j + 1); coefs.append(theta[j]) }
    let total = lags.count
    x.withUnsafeBufferPointer { xp in
      e.withUnsafeMutableBufferPointer { ep in
        lags.withUnsafeBufferPointer { lg in
          coefs.withUnsafeBufferPointer { cf in
            for t in start..<n {
              var s = xp[t]
              for i in 0..<arCount { let l = lg[i]; if l <= t { s -= cf[i] * xp[t - l] } }
              for i in arCount..<total { let l = lg[i]; if l <= t { s -= cf[i] * ep[t - l] } }
              ep[t] = s
            }
          }
        }
      }
    }
    return e
  }

  /// CSS fit at raw coefficients: σ̂² (over the used residuals), β and the residuals.
  func css(raw c: [Double]) -> (sigma2: Double, beta: [Double], residuals: [Double])? {
    let model = arma(raw: c)
    let start = cssConditioning
    let used = w.count - start
    if used <= xw.count { return nil }
    let e0 = Self.cssResiduals(w, phi: model.phi, theta: model.theta, start: start)
    let ex = xw.map { Self.cssResiduals($0, phi: model.phi, theta: model.theta, start: start) }
    var beta: [Double] = []
    var e = e0
    let k = ex.count
    if k > 0 {
      var xx = [Double](repeating: 0, count: k * k), xy = [Double](repeating: 0, count: k)
      for i in 0..<k {
        for t in start..<w.count { xy[i] += ex[i][t] * e0[t] }
        for j in i..<k {
          var s = 0.0
          for t in start..<w.count { s += ex[i][t] * ex[j][t] }
          xx[i * k + j] = s; xx[j * k + i] = s
        }
      }
      guard let b = ARIMALinearSolve.solve(xx, xy, size: k) else { return nil }
      beta = b
      for j in 0..<k { for t in start..<w.count { e[t] -= b[j] * ex[j][t] } }
    }
    var ssq = 0.0
    for t in start..<w.count { ssq += e[t] * e[t] }
    let s2 = ssq / Double(used)
    if !s2.isFinite { return nil }
    return (s2, beta, e)
  }

  /// The CSS objective ½ log σ̂² at unconstrained `u`.
  func cssObjective(_ u: [Double]) -> Double {
    guard let r = css(raw: raw(u)), r.sigma2 > 0 else { return .infinity }
    return 0.5 * log(r.sigma2)
  }

  /// Minimises the CSS sum of squares over unconstrained `u` by Levenberg–Marquardt with a
  /// forward-difference Jacobian of the residual vector.
  ///
  /// CSS is a nonlinear least-squares problem, so Gauss–Newton steps converge in a few iterations
  /// where a general quasi-Newton method needs dozens.
  /// - Returns: The minimiser, the objective ½ log σ̂² there, and `σ̂²·n·(JᵀJ)⁻¹`-style inverse
  ///   Hessian of that objective (a warm start for the ML search); nil if no finite point is found.
  /// - SeeAlso: D. W. Marquardt (1963), J. SIAM 11(2), 431–441; Box, Jenkins and Reinsel (2008), §7.2.
  func cssLevenbergMarquardt(from u0: [Double], maxIterations: Int = 50, tolerance: Double = 1e-8)
    -> (u: [Double], value: Double, inverseHessian: [Double])? {
    let k = u0.count
    let start = cssConditioning
    let n = w.count
    let used = n - start
    func residuals(_ u: [Double]) -> [Double]? {
      guard let r = css(raw: raw(u)) else { return nil }
      return Array(r.residuals[start..<n])
    }
    func ssq(_ e: [Double]) -> Double { e.reduce(0) { $0 + $1 * $1 } }
    var u = u0
    guard var e = residuals(u) else { return nil }
    var f = ssq(e)
    if !(f > 0) || !f.isFinite { return nil }
    var lambda = 1e-3
    var JtJ = [Double](repeating: 0, count: k * k)
    let h = 1e-6
    for _ in 0..<maxIterations {
      // Jacobian by forward differences.
      var J = [[Double]](repeating: [], count: k)
      var up = u
      for j in 0..<k {
        up[j] = u[j] + h
        guard let ep = residuals(up) else { return nil }
        J[j] = (0..<used).map { (ep[$0] - e[$0]) / h }
        up[j] = u[j]
      }
      var g = [Double](repeating: 0, count: k)
      for i in 0..<k {
        var gi = 0.0
        for t in 0..<used { gi += J[i][t] * e[t] }
        g[i] = gi
        for j in i..<k {
          var s = 0.0
          for t in 0..<used { s += J[i][t] * J[j][t] }
          JtJ[i * k + j] = s; JtJ[j * k + i] = s
        }
      }
      var improved = false
      var relativeChange = 0.0
      for _ in 0..<12 {
        var A = JtJ
        for i in 0..<k { A[i * k + i] += lambda * (JtJ[i * k + i] + 1e-12) + 1e-12 }
        guard let step = ARIMALinearSolve.solve(A, g.map { -$0 }, size: k) else { lambda *= 10; continue }
        let un = (0..<k).map { min(max(u[$0] + step[$0], -Self.transformBound), Self.transformBound) }
        if let en = residuals(un) {
          let fn = ssq(en)
          if fn.isFinite && fn < f {
            relativeChange = (f - fn) / f
            u = un; e = en; f = fn
            lambda = max(lambda / 10, 1e-10)
            improved = true
            break
          }
        }
        lambda *= 10
      }
      if !improved || relativeChange < tolerance { break }
    }
    // Inverse Hessian of ½ log(S/used) ≈ S (JᵀJ)⁻¹ (Gauss–Newton).
    var A = JtJ
    for i in 0..<k { A[i * k + i] += 1e-9 * (JtJ[i * k + i] + 1) }
    var inverse = ARIMALinearSolve.inverse(A, size: k)?.map { $0 * f } ?? []
    if inverse.contains(where: { !$0.isFinite }) { inverse = [] }
    return (u, 0.5 * log(f / Double(used)), inverse)
  }

  /// An estimated model before it is wrapped for users.
  struct Estimate {
    var rawCoefficients: [Double]
    var unconstrained: [Double]
    var beta: [Double]
    var betaStandardErrors: [Double]
    var sigma2: Double
    var logLikelihood: Double
    var usedObservations: Int
    var method: Method
    var filter: KalmanARMA.Output?
    var converged: Bool
    /// The optimiser's final inverse-Hessian approximation, to warm-start a refit.
    var inverseHessian: [Double]? = nil
  }

  /// Estimates the model.
  ///
  /// - Parameters:
  ///   - method: `.cssML` (CSS start, exact ML), `.ml` (zero start) or `.css` (CSS only).
  ///   - fast: Forward-difference gradients and a looser tolerance (model search).
  ///   - start: Optional unconstrained starting point.
  ///   - rejectNearUnitRoots: Give up (return nil) as soon as the ML search enters the region
  ///     where a root lies within 1.01 of the unit circle, which model selection rejects anyway.
  /// - Returns: nil when no finite likelihood was found.
  func estimate(method: Method, fast: Bool = false, start: [Double]? = nil, startInverseHessian: [Double]? = nil,
                rejectNearUnitRoots: Bool = false) -> Estimate? {
    let k = order.armaParameterCount
    var optimizer = ARIMAOptimizer()
    if fast { optimizer.central = false; optimizer.step = 1e-6; optimizer.relativeTolerance = 1e-7 }
    var u = start ?? [Double](repeating: 0, count: k)
    var converged = true
    var warmH: [Double]? = startInverseHessian
    if method != .ml && k > 0 && start == nil {
      if let r = cssLevenbergMarquardt(from: u, tolerance: fast ? 1e-7 : 1e-9) {
        u = r.u
        warmH = r.inverseHessian.isEmpty ? nil : r.inverseHessian
      } else {
        let r = optimizer.minimize(u, cssObjective)
        if r.value.isFinite { u = r.x; warmH = r.inverseHessian }
        converged = r.converged
      }
    }
    if method == .css {
      guard let c = css(raw: raw(u)) else { return nil }
      let used = w.count - cssConditioning
      let ll = -0.5 * Double(used) * (log(2 * Double.pi * c.sigma2) + 1)
      return Estimate(rawCoefficients: raw(u), unconstrained: u, beta: c.beta,
                      betaStandardErrors: [Double](repeating: .nan, count: c.beta.count),
                      sigma2: c.sigma2, logLikelihood: ll, usedObservations: used, method: .css,
                      filter: nil, converged: converged, inverseHessian: warmH)
    }
    if k > 0 {
      var u0 = u
      if !mlObjective(u0).isFinite { u0 = [Double](repeating: 0, count: k); warmH = nil }
      // Forward differences first, then (unless fast) a short central-difference polish.
      var coarse = optimizer
      coarse.central = false
      coarse.step = 1e-6
      var abandoned = false
      let abandon: (([Double]) -> Bool)? = rejectNearUnitRoots ? { x in
        abandoned = Self.minimumRootModulus(order: self.order, raw: self.raw(x)) < 1.01
        return abandoned
      } : nil
      func run(_ start: [Double], _ h: [Double]?) -> ARIMAOptimizer.Result? {
        abandoned = false
        let r = coarse.minimize(start, initialInverseHessian: h, abandon: abandon, mlObjective)
        return r.value.isFinite && !abandoned ? r : nil
      }
      // A CSS start can lead to a boundary optimum (a root on the unit circle) when an interior one
      // exists: then also search from the origin and keep the better.
      var best = run(u0, warmH)
      let origin = [Double](repeating: 0, count: k)
      let atBound = best.map { r in r.x.contains { abs($0) >= Self.transformBound - 1e-3 } } ?? true
      if atBound && u0 != origin, let alternative = run(origin, nil),
         best == nil || alternative.value < best!.value {
        best = alternative
      }
      guard let r = best else { return nil }
      u = r.x
      converged = r.converged
      if !fast {
        var fine = optimizer
        fine.maxIterations = 20
        let r2 = fine.minimize(u, initialInverseHessian: r.inverseHessian, mlObjective)
        if r2.value.isFinite && r2.value <= r.value { u = r2.x }
      }
      u = u.map { min(max($0, -Self.transformBound), Self.transformBound) }
    }
    let c = raw(u)
    guard let out = arma(raw: c).filter(w, regressors: xw, keepInnovations: true),
          out.sigma2 > 0, out.logLikelihood.isFinite else { return nil }
    let se = out.betaInverseInformation.enumerated().map { ($0.element[$0.offset] * out.sigma2).squareRoot() }
    return Estimate(rawCoefficients: c, unconstrained: u, beta: out.beta, betaStandardErrors: se,
                    sigma2: out.sigma2, logLikelihood: out.logLikelihood, usedObservations: out.count,
                    method: method, filter: out, converged: converged)
  }

  /// Standard errors of the raw ARMA coefficients from the numeric Hessian of the profile
  /// negative log-likelihood at `c` (NaN where the Hessian is unusable).
  func armaStandardErrors(raw c: [Double]) -> [Double] {
    let k = c.count
    if k == 0 { return [] }
    let n = Double(w.count)
    let f: ([Double]) -> Double = { x in
      guard let out = self.arma(raw: x).filter(self.w, regressors: self.xw) else { return .nan }
      return n * out.objective
    }
    guard let H = ARIMAOptimizer.hessian(f, at: c, step: 1e-4),
          let inv = ARIMALinearSolve.inverse(H, size: k) else {
      return [Double](repeating: .nan, count: k)
    }
    return (0..<k).map { inv[$0 * k + $0] > 0 ? inv[$0 * k + $0].squareRoot() : .nan }
  }

  /// The smallest root modulus over the expanded AR and MA polynomials (R's `auto.arima` check).
  static func minimumRootModulus(order o: ARIMAOrder, raw c: [Double]) -> Double {
    let ar = Array(c[0..<o.p]), ma = Array(c[o.p..<(o.p + o.q)])
    let sar = Array(c[(o.p + o.q)..<(o.p + o.q + o.seasonalP)])
    let sma = Array(c[(o.p + o.q + o.seasonalP)...])
    let m = Double(o.period)
    var r = ARIMAPolynomial.minimumRootModulus(ar: ar)
    r = min(r, ARIMAPolynomial.minimumRootModulus(ar: ma.map { -$0 }))
    r = min(r, pow(ARIMAPolynomial.minimumRootModulus(ar: sar), 1 / m))
    r = min(r, pow(ARIMAPolynomial.minimumRootModulus(ar: sma.map { -$0 }), 1 / m))
    return r
  }
}
