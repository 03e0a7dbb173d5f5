#if canImport(Glibc)
import Glibc
#endif

/// Lag-polynomial helpers for ARIMA models.
///
/// Conventions: an AR polynomial `φ(B) = 1 − φ₁B − … − φₚBᵖ` is stored as `[φ₁, …, φₚ]`; an MA
/// polynomial `θ(B) = 1 + θ₁B + … + θ_qB^q` as `[θ₁, …, θ_q]` (the signs of R's `arima`).
enum ARIMAPolynomial {
  /// Expands `φ(B)Φ(B^m)` into one AR coefficient vector of length `p + P·m` (AR sign convention).
  static func expandAR(_ phi: [Double], seasonal sphi: [Double], period m: Int) -> [Double] {
    let p = phi.count, sp = sphi.count
    if sp == 0 { return phi }
    let n = p + sp * m
    // Work with full polynomials 1 - a1 B - ..., multiply, then convert back.
    var a = [Double](repeating: 0, count: p + 1); a[0] = 1
    for i in 0..<p { a[i + 1] = -phi[i] }
    var b = [Double](repeating: 0, count: sp * m + 1); b[0] = 1
    for i in 0..<sp { b[(i + 1) * m] = -sphi[i] }
    let c = multiply(a, b)
    return (1...n).map { -c[$0] }
  }

  /// Expands `θ(B)Θ(B^m)` into one MA coefficient vector of length `q + Q·m` (MA sign convention).
  static func expandMA(_ theta: [Double], seasonal stheta: [Double], period m: Int) -> [Double] {
    let q = theta.count, sq = stheta.count
    if sq == 0 { return theta }
    var a = [Double](repeating: 0, count: q + 1); a[0] = 1
    for i in 0..<q { a[i + 1] = theta[i] }
    var b = [Double](repeating: 0, count: sq * m + 1); b[0] = 1
    for i in 0..<sq { b[(i + 1) * m] = stheta[i] }
    let c = multiply(a, b)
    return Array(c[1...])
  }

  /// The product of two polynomials given by coefficients in increasing powers.
  static func multiply(_ a: [Double], _ b: [Double]) -> [Double] {
    if a.isEmpty || b.isEmpty { return [] }
    var c = [Double](repeating: 0, count: a.count + b.count - 1)
    for i in 0..<a.count where a[i] != 0 {
      for j in 0..<b.count { c[i + j] += a[i] * b[j] }
    }
    return c
  }

  /// The differencing polynomial `(1 − B)^d (1 − B^m)^D` in increasing powers, leading 1 included.
  static func differencing(d: Int, seasonalD: Int, period m: Int) -> [Double] {
    var poly: [Double] = [1]
    for _ in 0..<d { poly = multiply(poly, [1, -1]) }
    if seasonalD > 0 {
      var s = [Double](repeating: 0, count: m + 1); s[0] = 1; s[m] = -1
      for _ in 0..<seasonalD { poly = multiply(poly, s) }
    }
    return poly
  }

  /// Applies `(1 − B)^d (1 − B^m)^D` to a series; the result is shorter by `d + D·m`.
  static func difference(_ x: [Double], d: Int, seasonalD: Int, period m: Int) -> [Double] {
    var y = x
    for _ in 0..<d {
      if y.count < 2 { return [] }
      y = (1..<y.count).map { y[$0] - y[$0 - 1] }
    }
    for _ in 0..<seasonalD {
      if y.count <= m { return [] }
      y = (m..<y.count).map { y[$0] - y[$0 - m] }
    }
    return y
  }

  /// Maps unconstrained reals to the coefficients of a stationary AR polynomial.
  ///
  /// Each value goes through `tanh` to a partial autocorrelation in (−1, 1); the Durbin–Levinson
  /// recursion turns the partial autocorrelations into AR coefficients.
  /// - SeeAlso: R. H. Jones (1980), Technometrics 22(3), 389–395; O. Barndorff-Nielsen and
  ///   G. Schou (1973), J. Multivariate Anal. 3, 408–419.
  static func stationaryAR(fromUnconstrained u: [Double]) -> [Double] {
    let p = u.count
    if p == 0 { return [] }
    var phi = [Double](repeating: 0, count: p)
    var work = phi
    for k in 0..<p {
      let r = tanh(u[k])
      phi[k] = r
      for j in 0..<k { work[j] = phi[j] - r * phi[k - 1 - j] }
      for j in 0..<k { phi[j] = work[j] }
    }
    return phi
  }

  /// The inverse of `stationaryAR(fromUnconstrained:)`; partial autocorrelations are clamped to
  /// ±0.99 so that boundary or non-stationary starting values still map to finite numbers.
  static func unconstrained(fromAR phi0: [Double]) -> [Double] {
    let p = phi0.count
    if p == 0 { return [] }
    var phi = phi0
    var u = [Double](repeating: 0, count: p)
    for k in stride(from: p - 1, through: 0, by: -1) {
      var r = phi[k]
      if !r.isFinite { r = 0 }
      r = min(max(r, -0.99), 0.99)
      u[k] = atanh(r)
      if k == 0 { break }
      let denom = 1 - r * r
      var prev = [Double](repeating: 0, count: k)
      for j in 0..<k { prev[j] = (phi[j] + r * phi[k - 1 - j]) / denom }
      for j in 0..<k { phi[j] = prev[j] }
    }
    return u
  }

  /// The smallest modulus among the roots of `1 − c₁z − … − cₙzⁿ` (AR sign convention);
  /// `+∞` when the polynomial is constant.
  ///
  /// Roots come from the Durand–Kerner (Weierstrass) simultaneous iteration, which is reliable for
  /// the low degrees (≤ 5 here) it is used on.
  /// - SeeAlso: E. Durand (1960); I. O. Kerner (1966), Numer. Math. 8, 290–294.
  static func minimumRootModulus(ar c: [Double]) -> Double {
    var coeffs = c
    while let last = coeffs.last, abs(last) < 1e-12 { coeffs.removeLast() }
    let n = coeffs.count
    if n == 0 { return .infinity }
    // Monic polynomial in z: z^n + a_{n-1} z^{n-1} + ... + a0, from -c_n z^n + ... + 1.
    let lead = -coeffs[n - 1]
    var a = [Double](repeating: 0, count: n)  // a[k] coefficient of z^k, k < n
    a[0] = 1 / lead
    for k in 1..<n { a[k] = -coeffs[k - 1] / lead }
    func eval(_ zr: Double, _ zi: Double) -> (Double, Double) {
      var pr = 1.0, pi = 0.0
      for k in stride(from: n - 1, through: 0, by: -1) {
        let nr = pr * zr - pi * zi + a[k]
        let ni = pr * zi + pi * zr
        pr = nr; pi = ni
      }
      return (pr, pi)
    }
    var bound = 0.0
    for k in 0..<n { bound = max(bound, abs(a[k])) }
    let radius = 1 + bound
    var zr = [Double](repeating: 0, count: n), zi = zr
    for k in 0..<n {
      let angle = 2 * Double.pi * Double(k) / Double(n) + 0.4
      zr[k] = 0.9 * radius * cos(angle); zi[k] = 0.9 * radius * sin(angle)
    }
    for _ in 0..<500 {
      var change = 0.0
      for k in 0..<n {
        let (fr, fi) = eval(zr[k], zi[k])
        var dr = 1.0, di = 0.0
        for j in 0..<n where j != k {
          let er = zr[k] - zr[j], ei = zi[k] - zi[j]
          let nr = dr * er - di * ei, ni = dr * ei + di * er
          dr = nr; di = ni
        }
        let den = dr * dr + di * di
        if den == 0 { zr[k] += 1e-8; continue }
        let qr = (fr * dr + fi * di) / den, qi = (fi * dr - fr * di) / den
        zr[k] -= qr; zi[k] -= qi
        change = max(change, abs(qr) + abs(qi))
      }
      if change < 1e-13 { break }
    }
    var minimum = Double.infinity
    for k in 0..<n { minimum = min(minimum, (zr[k] * zr[k] + zi[k] * zi[k]).squareRoot()) }
    return minimum
  }
}
