#if canImport(Glibc)
import Glibc
#endif

/// A quasi-Newton (BFGS) minimiser with finite-difference gradients and a backtracking
/// Armijo line search, for the handful of parameters an ARIMA model has.
///
/// - SeeAlso: J. Nocedal and S. J. Wright (2006), *Numerical Optimization*, 2nd ed., §6.1
///   (BFGS inverse-Hessian update) and §3.1 (backtracking); J. C. Nash (1990), *Compact Numerical
///   Methods for Computers*, Algorithm 21 (the variable-metric method behind R's `optim`).
struct ARIMAOptimizer {
  /// Relative change in the objective below which the search stops (R's `reltol` default).
  var relativeTolerance = 1e-8
  /// Iteration cap.
  var maxIterations = 100
  /// Finite-difference step.
  var step = 1e-4
  /// Central differences (2k evaluations per gradient) or forward (k evaluations).
  var central = true

  /// The result of a minimisation.
  struct Result {
    var x: [Double]
    var value: Double
    var iterations: Int
    var evaluations: Int
    var converged: Bool
    /// The final inverse-Hessian approximation (row-major), to warm-start a related problem.
    var inverseHessian: [Double]
  }

  /// Minimises `f` from `x0`. `f` returns `+∞` (or NaN) where it is undefined.
  /// - Parameters:
  ///   - x0: The starting point.
  ///   - initialInverseHessian: A warm start for the inverse-Hessian approximation.
  ///   - abandon: Checked after every accepted step; returning true ends the search unconverged.
  ///   - f: The objective.
  func minimize(_ x0: [Double], initialInverseHessian: [Double]? = nil,
                abandon: (([Double]) -> Bool)? = nil, _ f: ([Double]) -> Double) -> Result {
    let k = x0.count
    var evaluations = 0
    func value(_ x: [Double]) -> Double {
      evaluations += 1
      let v = f(x)
      return v.isNaN ? .infinity : v
    }
    var x = x0
    var fx = value(x)
    if k == 0 || !fx.isFinite {
      return Result(x: x, value: fx, iterations: 0, evaluations: evaluations, converged: k == 0, inverseHessian: [])
    }
    func gradient(_ x: [Double], _ fx: Double) -> [Double] {
      var g = [Double](repeating: 0, count: k)
      var xp = x
      for i in 0..<k {
        let h = step
        xp[i] = x[i] + h
        let fp = value(xp)
        if central {
          xp[i] = x[i] - h
          let fm = value(xp)
          if fp.isFinite && fm.isFinite {
            g[i] = (fp - fm) / (2 * h)
          } else if fp.isFinite {
            g[i] = (fp - fx) / h
          } else if fm.isFinite {
            g[i] = (fx - fm) / h
          }
        } else {
          if fp.isFinite { g[i] = (fp - fx) / h } else {
            xp[i] = x[i] - h
            let fm = value(xp)
            if fm.isFinite { g[i] = (fx - fm) / h }
          }
        }
        xp[i] = x[i]
      }
      return g
    }
    var g = gradient(x, fx)
    var H = [Double](repeating: 0, count: k * k)
    for i in 0..<k { H[i * k + i] = 1 }
    let warm = initialInverseHessian?.count == k * k
    if warm { H = initialInverseHessian! }
    var iterations = 0
    var converged = false
    var resetCount = 0
    while iterations < maxIterations {
      iterations += 1
      var d = [Double](repeating: 0, count: k)
      for i in 0..<k {
        var s = 0.0
        for j in 0..<k { s -= H[i * k + j] * g[j] }
        d[i] = s
      }
      var slope = zip(d, g).reduce(0.0) { $0 + $1.0 * $1.1 }
      if !(slope < 0) {
        for i in 0..<(k * k) { H[i] = 0 }
        for i in 0..<k { H[i * k + i] = 1; d[i] = -g[i] }
        slope = -g.reduce(0.0) { $0 + $1 * $1 }
        if slope == 0 { converged = true; break }
      }
      // Keep the first trial step within a unit box.
      let dmax = d.reduce(0.0) { max($0, abs($1)) }
      var t = dmax > 1 ? 1 / dmax : 1.0
      var xn = x, fn = Double.infinity
      var accepted = false
      for _ in 0..<30 {
        for i in 0..<k { xn[i] = x[i] + t * d[i] }
        fn = value(xn)
        if fn.isFinite && fn <= fx + 1e-4 * t * slope { accepted = true; break }
        t *= 0.2
      }
      if !accepted {
        if resetCount == 0 && iterations > 1 {
          resetCount += 1
          for i in 0..<(k * k) { H[i] = 0 }
          for i in 0..<k { H[i * k + i] = 1 }
          continue
        }
        converged = true  // no descent possible at this resolution
        break
      }
      resetCount = 0
      if let abandon, abandon(xn) {
        return Result(x: xn, value: fn, iterations: iterations, evaluations: evaluations, converged: false,
                      inverseHessian: H)
      }
      let gn = gradient(xn, fn)
      let s = (0..<k).map { xn[$0] - x[$0] }
      let y = (0..<k).map { gn[$0] - g[$0] }
      let sy = zip(s, y).reduce(0.0) { $0 + $1.0 * $1.1 }
      let change = fx - fn
      x = xn; g = gn
      let previous = fx
      fx = fn
      if abs(change) <= relativeTolerance * (abs(previous) + relativeTolerance) {
        converged = true
        break
      }
      if sy > 1e-12 {
        if iterations == 1 && !warm {
          // Scale the initial inverse Hessian (Nocedal & Wright eq. 6.20).
          let yy = y.reduce(0.0) { $0 + $1 * $1 }
          let scale = sy / yy
          for i in 0..<k { H[i * k + i] = scale }
        }
        var Hy = [Double](repeating: 0, count: k)
        for i in 0..<k {
          var acc = 0.0
          for j in 0..<k { acc += H[i * k + j] * y[j] }
          Hy[i] = acc
        }
        let yHy = zip(y, Hy).reduce(0.0) { $0 + $1.0 * $1.1 }
        let rho = 1 / sy
        for i in 0..<k {
          for j in 0..<k {
            H[i * k + j] += (1 + yHy * rho) * rho * s[i] * s[j] - rho * (Hy[i] * s[j] + s[i] * Hy[j])
          }
        }
      }
    }
    return Result(x: x, value: fx, iterations: iterations, evaluations: evaluations, converged: converged,
                  inverseHessian: H)
  }

  /// The central-difference Hessian of `f` at `x` with step `h` (nil if any value is undefined).
  static func hessian(_ f: ([Double]) -> Double, at x: [Double], step h: Double = 1e-4) -> [Double]? {
    let k = x.count
    var H = [Double](repeating: 0, count: k * k)
    let f0 = f(x)
    if !f0.isFinite { return nil }
    var xp = x
    for i in 0..<k {
      for j in i..<k {
        var s = 0.0
        if i == j {
          xp[i] = x[i] + h; let fp = f(xp)
          xp[i] = x[i] - h; let fm = f(xp)
          xp[i] = x[i]
          s = (fp - 2 * f0 + fm) / (h * h)
        } else {
          var vals = [Double](repeating: 0, count: 4)
          var idx = 0
          for (a, b) in [(1.0, 1.0), (1.0, -1.0), (-1.0, 1.0), (-1.0, -1.0)] {
            xp[i] = x[i] + a * h; xp[j] = x[j] + b * h
            vals[idx] = f(xp); idx += 1
            xp[i] = x[i]; xp[j] = x[j]
          }
          s = (vals[0] - vals[1] - vals[2] + vals[3]) / (4 * h * h)
        }
        if !s.isFinite { return nil }
        H[i * k + j] = s; H[j * k + i] = s
      }
    }
    return H
  }
}
