#if canImport(Glibc)
import Glibc
#endif

/// Exact Gaussian likelihood of a stationary ARMA process observed with regression effects,
/// by the Kalman filter on Harvey's state-space form.
///
/// The model is `w_t = x_t'β + u_t`, `φ(B)u_t = θ(B)ε_t`, `ε_t ~ N(0, σ²)`, where `w` is the
/// (already differenced) series and `x_t` the (already differenced) regressors. The state has
/// dimension `r = max(p, q + 1)`; its initial covariance is the stationary covariance of the
/// ARMA state, computed from the process autocovariances (the role Gardner, Harvey and
/// Phillips's algorithm plays in R's `arima`). `σ²` and `β` are concentrated out: the filter's
/// gains do not depend on the data, so the series and every regressor column are filtered
/// together and `β` is the generalised-least-squares estimate from their innovations.
///
/// - SeeAlso: A. C. Harvey (1989), *Forecasting, Structural Time Series Models and the Kalman
///   Filter*, §3.4; G. Gardner, A. C. Harvey and G. D. A. Phillips (1980), Appl. Stat. 29,
///   311–322; P. J. Brockwell and R. A. Davis (1991), *Time Series: Theory and Methods*, §3.3.
struct KalmanARMA {
  /// Expanded AR coefficients `φ₁…φₚ` (AR sign convention).
  var phi: [Double]
  /// Expanded MA coefficients `θ₁…θ_q`.
  var theta: [Double]

  /// What one filter pass produces.
  struct Output {
    /// Observations used.
    var count: Int
    /// `Σ v_t² / F_t` of the regression-adjusted series (σ² units).
    var sumOfSquares: Double
    /// `Σ log F_t`.
    var sumLogF: Double
    /// GLS regression coefficients (empty without regressors).
    var beta: [Double]
    /// `(Σ v_x v_x' / F)⁻¹`: multiply by σ² for the covariance of `beta`.
    var betaInverseInformation: [[Double]]
    /// Innovations `v_t` of the adjusted series (only when requested).
    var innovations: [Double]
    /// Predicted state `a_{n+1|n}` of the adjusted series.
    var finalState: [Double]
    /// Its covariance `P_{n+1|n}` in σ² units, row-major `r × r`.
    var finalCovariance: [Double]

    /// `σ̂² = S / n`, the maximum-likelihood innovation variance.
    var sigma2: Double { sumOfSquares / Double(count) }
    /// The exact log-likelihood with σ² and β at their maximum-likelihood values.
    var logLikelihood: Double {
      let n = Double(count)
      return -0.5 * (n * (log(2 * Double.pi * sigma2) + 1) + sumLogF)
    }
    /// The objective minimised by the optimiser: `½ log σ̂² + ½ Σ log F / n` (R's `arima`).
    var objective: Double { 0.5 * (log(sigma2) + sumLogF / Double(count)) }
  }

  /// The state dimension.
  var stateDimension: Int { max(phi.count, theta.count + 1) }

  /// Padded coefficients (`phiR[1...r]`, `thetaR[0...r-1]`), ψ-weights `ψ₀…ψ_r` and autocovariances
  /// `γ(0…r)` in σ² units; nil if the AR part is not stationary.
  func autocovarianceParts() -> (phiR: [Double], thetaR: [Double], psi: [Double], gamma: [Double])? {
    let p = phi.count, q = theta.count, r = stateDimension
    // phiR[k], k = 1...r; thetaR[k], k = 0...r-1.
    var phiR = [Double](repeating: 0, count: r + 1)
    for k in 0..<p { phiR[k + 1] = phi[k] }
    var thetaR = [Double](repeating: 0, count: r + 1)
    thetaR[0] = 1
    for k in 0..<q { thetaR[k + 1] = theta[k] }
    // psi weights 0...r
    var psi = [Double](repeating: 0, count: r + 1)
    for j in 0...r {
      var s = j <= q ? thetaR[j] : 0
      if j == 0 { s = 1 }
      var i = 1
      while i <= min(j, p) { s += phiR[i] * psi[j - i]; i += 1 }
      psi[j] = s
    }
    // Autocovariances gamma(0...r) in sigma^2 units.
    var rhs = [Double](repeating: 0, count: r + 1)
    for k in 0...r where k <= q {
      var s = 0.0
      for j in k...q { s += thetaR[j] * psi[j - k] }
      rhs[k] = s
    }
    var gamma = [Double](repeating: 0, count: r + 1)
    if p == 0 {
      for k in 0...r { gamma[k] = rhs[k] }
    } else {
      let m = p + 1
      var a = [Double](repeating: 0, count: m * m)
      var b = [Double](repeating: 0, count: m)
      for k in 0...p {
        a[k * m + k] += 1
        for i in 1...p { a[k * m + abs(k - i)] -= phiR[i] }
        b[k] = rhs[k]
      }
      guard let g = ARIMALinearSolve.solve(a, b, size: m) else { return nil }
      for k in 0...p { gamma[k] = g[k] }
      if p < r {
        for k in (p + 1)...r {
          var s = rhs[k]
          for i in 1...p { s += phiR[i] * gamma[k - i] }
          gamma[k] = s
        }
      }
      if !(gamma[0] > 0) || !gamma[0].isFinite { return nil }
    }
    return (phiR, thetaR, psi, gamma)
  }

  /// The first column of the stationary state covariance, `Cov(α_t, y_t)` in σ² units.
  ///
  /// Element i (1-based) is `Σ_{k≥i} φ_k γ(k−i+1) + Σ_{k≥i−1} θ_k ψ_{k−i+1}`.
  func initialCovarianceFirstColumn() -> [Double]? {
    guard let (phiR, thetaR, psi, gamma) = autocovarianceParts() else { return nil }
    let p = phi.count, r = stateDimension
    var column = [Double](repeating: 0, count: r)
    for i in 1...r {
      var s = 0.0
      var k = i
      while k <= p { s += phiR[k] * gamma[k - i + 1]; k += 1 }
      k = i - 1
      while k <= r - 1 { s += thetaR[k] * psi[k - i + 1]; k += 1 }
      column[i - 1] = s
    }
    return column
  }

  /// The stationary covariance of the state in σ² units (row-major), or nil if the AR part is
  /// not stationary (the autocovariance system is singular or gives a negative variance).
  func initialCovariance() -> [Double]? {
    guard let (phiR, thetaR, psi, gamma) = autocovarianceParts() else { return nil }
    let p = phi.count, r = stateDimension
    var nonzeroPhi: [Int] = []
    for k in 1...max(p, 1) where k <= p && phiR[k] != 0 { nonzeroPhi.append(k) }
    var nonzeroTheta: [Int] = []
    for k in 0..<r where thetaR[k] != 0 { nonzeroTheta.append(k) }
    var P = [Double](repeating: 0, count: r * r)
    nonzeroPhi.withUnsafeBufferPointer { nzPhi in
      nonzeroTheta.withUnsafeBufferPointer { nzTheta in
        for i in 1...r {
          for j in i...r {
            var s = 0.0
            for k in nzPhi where k >= i {
              // Cov(U_i, U_j)
              var t = 0.0
              for l in nzPhi where l >= j { t += phiR[l] * gamma[abs(i - k - j + l)] }
              // Cov(U_i, V_j)
              for l in nzTheta where l >= j - 1 {
                let h = i - k - j + l
                if h >= 0 { t += thetaR[l] * psi[h] }
              }
              s += phiR[k] * t
            }
            // Cov(V_i, U_j)
            for l in nzPhi where l >= j {
              var t = 0.0
              for k in nzTheta where k >= i - 1 {
                let h = j - l - i + k
                if h >= 0 { t += thetaR[k] * psi[h] }
              }
              s += phiR[l] * t
            }
            // Cov(V_i, V_j) = sum over k >= j-1 of theta_k theta_{k-j+i}
            for k in nzTheta where k >= j - 1 {
              let kk = k - j + i
              if kk < r { s += thetaR[kk] * thetaR[k] }
            }
            P[(i - 1) * r + (j - 1)] = s
            P[(j - 1) * r + (i - 1)] = s
          }
        }
      }
    }
    return P
  }

  /// Runs the filter over `w` (and the regressor columns `x`, each as long as `w`).
  ///
  /// - Parameters:
  ///   - w: The differenced series.
  ///   - x: Differenced regressor columns; β is estimated by GLS.
  ///   - fixedBeta: When given, β is not estimated but taken as is.
  ///   - keepInnovations: Whether to return the innovations and final state.
  /// - Returns: nil when the AR part is not stationary or the filter breaks down.
  /// - Complexity: O(n r²) until the covariance reaches its steady state, O(n r) after.
  func filter(_ w: [Double], regressors x: [[Double]] = [], fixedBeta: [Double]? = nil,
              keepInnovations: Bool = false) -> Output? {
    if !keepInnovations { return likelihood(w, regressors: x, fixedBeta: fixedBeta) }
    let r = stateDimension
    guard let p0 = initialCovariance() else { return nil }
    let n = w.count
    let k = fixedBeta == nil ? x.count : 0
    let columns = 1 + k
    // Series to filter: column 0 is w (or w - X beta when beta is fixed).
    var data = [Double](repeating: 0, count: columns * n)
    for t in 0..<n {
      var v = w[t]
      if let fb = fixedBeta { for j in 0..<x.count { v -= fb[j] * x[j][t] } }
      data[t] = v
    }
    for j in 0..<k { for t in 0..<n { data[(j + 1) * n + t] = x[j][t] } }
    // One workspace: P, Pn, a, pcol, phiR, R, cross, v, innovations.
    let keep = keepInnovations ? columns * n : 0
    let size = 2 * r * r + columns * r + 3 * r + columns * columns + columns + keep
    let ws = UnsafeMutablePointer<Double>.allocate(capacity: size)
    ws.initialize(repeating: 0, count: size)
    defer { ws.deallocate() }
    var P = ws, Pn = ws + r * r
    let a = ws + 2 * r * r
    let pcol = a + columns * r
    let phiR = pcol + r
    let R = phiR + r
    let cross = R + r
    let v = cross + columns * columns
    let innov = v + columns
    for i in 0..<phi.count { phiR[i] = phi[i] }
    R[0] = 1
    for i in 0..<theta.count { R[i + 1] = theta[i] }
    for i in 0..<(r * r) { P[i] = p0[i] }
    var sumLog = 0.0
    var steady = false
    var ok = true
    data.withUnsafeBufferPointer { yb in
      let y = yb.baseAddress!
      for t in 0..<n {
        let F = steady ? 1.0 : P[0]
        if !(F > 0) || !F.isFinite { ok = false; return }
        for c in 0..<columns { v[c] = y[c * n + t] - a[c * r] }
        let invF = 1 / F
        for c in 0..<columns {
          let vc = v[c] * invF
          for d in c..<columns { cross[c * columns + d] += vc * v[d] }
        }
        if keep > 0 { for c in 0..<columns { innov[c * n + t] = v[c] } }
        if steady {
          for c in 0..<columns {
            let ac = a + c * r
            let vc = v[c]
            let a0 = ac[0] + vc
            for i in 0..<(r - 1) { ac[i] = phiR[i] * a0 + ac[i + 1] + R[i + 1] * vc }
            ac[r - 1] = phiR[r - 1] * a0
          }
          continue
        }
        sumLog += log(F)
        for i in 0..<r { pcol[i] = P[i * r] }
        for c in 0..<columns {
          let ac = a + c * r
          let g = v[c] * invF
          let a0 = ac[0] + pcol[0] * g
          for i in 0..<(r - 1) { ac[i] = phiR[i] * a0 + ac[i + 1] + pcol[i + 1] * g }
          ac[r - 1] = phiR[r - 1] * a0
        }
        // M = P - p p' / F, in place (upper triangle suffices: rows i, columns j >= i).
        for i in 0..<r {
          let pi = pcol[i] * invF
          let row = P + i * r
          for j in i..<r { row[j] -= pi * pcol[j] }
        }
        // Pn = T M T' + R R' (upper triangle), reading M's upper triangle only.
        let m00 = P[0]
        var trace = 0.0
        for i in 0..<r {
          let fi = phiR[i]
          let row = Pn + i * r
          if i + 1 < r {
            let next = P + (i + 1) * r
            // M[i+1][j+1] for j >= i: upper triangle of row i+1.
            for j in i..<(r - 1) { row[j] = next[j + 1] + R[i] * R[j] }
            row[r - 1] = R[i] * R[r - 1]
            // phi_j M[i+1][0] = phi_j M[0][i+1].
            let mi = P[i + 1]
            if mi != 0 { for j in i..<r { row[j] += phiR[j] * mi } }
          } else {
            row[r - 1] = R[r - 1] * R[r - 1]
          }
          if fi != 0 {
            for j in i..<r {
              var s = fi * phiR[j] * m00
              if j + 1 < r { s += fi * P[j + 1] }
              row[j] += s
            }
          }
          trace += row[i] - R[i] * R[i]
        }
        // Mirror to the lower triangle of column 0 only (pcol reads P[i * r]).
        for i in 1..<max(r, 1) { Pn[i * r] = Pn[i] }
        swap(&P, &Pn)
        if trace < 1e-11 { steady = true }
      }
    }
    if !ok { return nil }
    var finalP = [Double](repeating: 0, count: r * r)
    for i in 0..<r {
      for j in i..<r {
        let value = steady ? R[i] * R[j] : P[i * r + j]  // P has converged to R R' when steady.
        finalP[i * r + j] = value
        finalP[j * r + i] = value
      }
    }
    // Concentrate beta.
    var beta: [Double] = fixedBeta ?? []
    var inverseInformation: [[Double]] = []
    var ssq = cross[0]
    if k > 0 {
      var xx = [Double](repeating: 0, count: k * k)
      var xy = [Double](repeating: 0, count: k)
      for i in 0..<k {
        xy[i] = cross[0 * columns + i + 1]
        for j in i..<k {
          xx[i * k + j] = cross[(i + 1) * columns + j + 1]
          xx[j * k + i] = xx[i * k + j]
        }
      }
      guard let inv = ARIMALinearSolve.inverse(xx, size: k) else { return nil }
      beta = (0..<k).map { i in (0..<k).reduce(0.0) { $0 + inv[i * k + $1] * xy[$1] } }
      for i in 0..<k { ssq -= beta[i] * xy[i] }
      inverseInformation = (0..<k).map { i in (0..<k).map { inv[i * k + $0] } }
    }
    if ssq < 0 { ssq = 0 }
    var innovations: [Double] = []
    var finalState = Array(UnsafeBufferPointer(start: a, count: r))
    if keepInnovations {
      innovations = Array(UnsafeBufferPointer(start: innov, count: n))
      for j in 0..<k {
        for t in 0..<n { innovations[t] -= beta[j] * innov[(j + 1) * n + t] }
      }
    }
    for j in 0..<k { for i in 0..<r { finalState[i] -= beta[j] * a[(j + 1) * r + i] } }
    return Output(count: n, sumOfSquares: ssq, sumLogF: sumLog, beta: beta,
                  betaInverseInformation: inverseInformation, innovations: innovations,
                  finalState: finalState, finalCovariance: finalP)
  }

  /// The likelihood pass without innovations or final covariance, by the Chandrasekhar recursions.
  ///
  /// With the stationary initial covariance, `P₂ − P₁ = −G₁G₁ᵀ/F₁` has rank one, and so has every
  /// later increment `P_{t+1} − P_t = W_t M_t W_tᵀ`; updating `F_t`, the gain `G_t = T P_t Z'` and
  /// `W_t, M_t` costs O(r) per step instead of the Riccati update's O(r²). The results equal the
  /// full filter's (checked in the tests).
  /// - SeeAlso: M. Morf, G. S. Sidhu and T. Kailath (1974), IEEE Trans. Autom. Control 19(4),
  ///   315–323; E. Herbst (2015), Comput. Econ. 45, 693–705.
  func likelihood(_ w: [Double], regressors x: [[Double]], fixedBeta: [Double]?) -> Output? {
    let r = stateDimension
    guard let p1 = initialCovarianceFirstColumn() else { return nil }
    let n = w.count
    let k = fixedBeta == nil ? x.count : 0
    let columns = 1 + k
    let size = 4 * r + columns * r + columns * columns + 2 * columns
    let ws = UnsafeMutablePointer<Double>.allocate(capacity: size)
    ws.initialize(repeating: 0, count: size)
    defer { ws.deallocate() }
    let phiR = ws, G = ws + r, W = ws + 2 * r, TW = ws + 3 * r
    let a = ws + 4 * r
    let cross = a + columns * r
    let v = cross + columns * columns
    let yt = v + columns
    for i in 0..<phi.count { phiR[i] = phi[i] }
    // G_1 = T P_1 Z', W_1 = G_1, M_1 = -1/F_1.
    var F = p1[0]
    if !(F > 0) || !F.isFinite { return nil }
    for i in 0..<r { G[i] = phiR[i] * p1[0] + (i + 1 < r ? p1[i + 1] : 0) }
    for i in 0..<r { W[i] = G[i] }
    var M = -1 / F
    var sumLog = 0.0
    var frozen = false
    for t in 0..<n {
      if !(F > 0) || !F.isFinite { return nil }
      var y0 = w[t]
      if let fb = fixedBeta { for j in 0..<x.count { y0 -= fb[j] * x[j][t] } }
      yt[0] = y0
      for j in 0..<k { yt[j + 1] = x[j][t] }
      for c in 0..<columns { v[c] = yt[c] - a[c * r] }
      let invF = 1 / F
      for c in 0..<columns {
        let vc = v[c] * invF
        for d in c..<columns { cross[c * columns + d] += vc * v[d] }
      }
      sumLog += log(F)
      for c in 0..<columns {
        let ac = a + c * r
        let g = v[c] * invF
        let a0 = ac[0]
        for i in 0..<(r - 1) { ac[i] = phiR[i] * a0 + ac[i + 1] + G[i] * g }
        ac[r - 1] = phiR[r - 1] * a0 + G[r - 1] * g
      }
      if frozen { continue }
      // Chandrasekhar step.
      let b = W[0]
      for i in 0..<(r - 1) { TW[i] = phiR[i] * b + W[i + 1] }
      TW[r - 1] = phiR[r - 1] * b
      let mb = M * b
      for i in 0..<r { G[i] += TW[i] * mb }
      let Fn = F + mb * b
      let ratio = b / Fn
      var change = 0.0
      for i in 0..<r { W[i] = TW[i] - G[i] * ratio; change += W[i] * W[i] }
      M *= Fn / F
      F = Fn
      // Once the increments vanish the filter is in its steady state.
      if abs(M) * change < 1e-14 { frozen = true }
    }
    var beta: [Double] = fixedBeta ?? []
    var inverseInformation: [[Double]] = []
    var ssq = cross[0]
    if k > 0 {
      var xx = [Double](repeating: 0, count: k * k)
      var xy = [Double](repeating: 0, count: k)
      for i in 0..<k {
        xy[i] = cross[i + 1]
        for j in i..<k {
          xx[i * k + j] = cross[(i + 1) * columns + j + 1]
          xx[j * k + i] = xx[i * k + j]
        }
      }
      guard let inv = ARIMALinearSolve.inverse(xx, size: k) else { return nil }
      beta = (0..<k).map { i in (0..<k).reduce(0.0) { $0 + inv[i * k + $1] * xy[$1] } }
      for i in 0..<k { ssq -= beta[i] * xy[i] }
      inverseInformation = (0..<k).map { i in (0..<k).map { inv[i * k + $0] } }
    }
    if ssq < 0 { ssq = 0 }
    return Output(count: n, sumOfSquares: ssq, sumLogF: sumLog, beta: beta,
                  betaInverseInformation: inverseInformation, innovations: [],
                  finalState: [], finalCovariance: [])
  }
}
