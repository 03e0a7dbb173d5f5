/// Limited-memory BFGS with box bounds by gradient projection (a simplified L-BFGS-B).
///
/// Each iteration fixes the variables sitting on a bound whose gradient pushes outward, takes
/// the L-BFGS two-loop direction in the remaining (free) variables, and backtracks along the
/// projected path `P(x + t d)` until the Armijo condition holds. This is not the full
/// Byrd–Lu–Nocedal–Zhu algorithm (no generalised Cauchy point or subspace minimisation); it
/// converges to the same stationary points on the small, well-scaled problems it is used for,
/// at the cost of more iterations when many bounds become active at once.
///
/// - SeeAlso: J. Nocedal, S. Wright, *Numerical Optimization*, 2nd ed., Alg. 7.4 (two-loop
///   recursion) and §16.7 (gradient projection); D. Bertsekas (1982), "Projected Newton methods
///   for optimization problems with simple constraints", SIAM J. Control Optim. 20(2).
public struct ProjectedLBFGS: Sendable {
  /// Number of stored correction pairs.
  public var memory: Int
  /// Stop when the projected gradient's max-norm is below this.
  public var gradientTolerance: Double
  /// Stop when the relative decrease `(f_k − f_{k+1}) / max(|f_k|, |f_{k+1}|, 1)` is below this.
  public var functionTolerance: Double
  /// Iteration budget.
  public var maxIterations: Int

  /// Creates an optimiser with the given settings.
  public init(memory: Int = 8, gradientTolerance: Double = 1e-8, functionTolerance: Double = 1e-14,
              maxIterations: Int = 1000) {
    self.memory = memory
    self.gradientTolerance = gradientTolerance
    self.functionTolerance = functionTolerance
    self.maxIterations = maxIterations
  }

  /// Minimises `f` from `x0` inside `bounds`.
  ///
  /// - Parameters:
  ///   - f: The objective; must be finite inside the box.
  ///   - gradient: Its gradient; when nil, `NumericGradient.central` is used (2n evaluations each).
  ///   - x0: The start; projected into the box first.
  ///   - bounds: The box; nil for unconstrained.
  /// - Returns: The final point; `converged` says whether a tolerance test passed. When the
  ///   objective or its gradient is not finite at the (projected) start, or `x0` is not finite,
  ///   the search stops at once with that point, `converged` false and a message saying so;
  ///   `value` is then `+∞` for a non-finite objective. A non-finite gradient met later ends the
  ///   search at the last finite point. Callers check `value.isFinite`.
  public func minimize(_ f: ([Double]) -> Double, gradient: (([Double]) -> [Double])? = nil,
                       from x0: [Double], bounds: Bounds? = nil) -> OptimizationResult {
    let n = x0.count
    let box = bounds ?? .unbounded(n)
    precondition(box.dimension == n, "ProjectedLBFGS: \(box.dimension) bounds for \(n) variables")
    var evaluations = 0
    func value(_ x: [Double]) -> Double { evaluations += 1; let v = f(x); return v.isNaN ? .infinity : v }
    func grad(_ x: [Double]) -> [Double] {
      if let gradient { return gradient(x) }
      evaluations += 2 * n
      return NumericGradient.central(f, at: x, bounds: box)
    }
    guard x0.allSatisfy(\.isFinite) else {
      return OptimizationResult(x: x0, value: .infinity, iterations: 0, evaluations: 0, converged: false,
                                message: "start point is not finite")
    }
    var x = box.project(x0)
    var fx = value(x)
    guard fx.isFinite else {
      return OptimizationResult(x: x, value: .infinity, iterations: 0, evaluations: evaluations, converged: false,
                                message: "objective is not finite at the start point")
    }
    var g = grad(x)
    guard g.allSatisfy(\.isFinite) else {
      return OptimizationResult(x: x, value: fx, iterations: 0, evaluations: evaluations, converged: false,
                                message: "gradient is not finite at the start point")
    }
    var sList: [[Double]] = [], yList: [[Double]] = [], rhoList: [Double] = []
    var iteration = 0
    var message = "iteration budget exhausted"
    var converged = false

    func freeMask(_ x: [Double], _ g: [Double]) -> [Bool] {
      (0..<n).map { i in
        !((x[i] <= box.lower[i] && g[i] > 0) || (x[i] >= box.upper[i] && g[i] < 0))
      }
    }
    while iteration < maxIterations {
      let free = freeMask(x, g)
      var pgNorm = 0.0
      for i in 0..<n where free[i] { pgNorm = max(pgNorm, abs(g[i])) }
      if pgNorm <= gradientTolerance { converged = true; message = "projected gradient below tolerance"; break }
      iteration += 1
      // Two-loop recursion on the free variables.
      var q = (0..<n).map { free[$0] ? g[$0] : 0 }
      var alphas = Array(repeating: 0.0, count: sList.count)
      for k in stride(from: sList.count - 1, through: 0, by: -1) {
        var sq = 0.0
        for i in 0..<n where free[i] { sq += sList[k][i] * q[i] }
        alphas[k] = rhoList[k] * sq
        for i in 0..<n where free[i] { q[i] -= alphas[k] * yList[k][i] }
      }
      if let s = sList.last, let y = yList.last {
        var sy = 0.0, yy = 0.0
        for i in 0..<n where free[i] { sy += s[i] * y[i]; yy += y[i] * y[i] }
        let gamma = (sy > 0 && yy > 0) ? sy / yy : 1
        for i in 0..<n { q[i] *= gamma }
      }
      for k in 0..<sList.count {
        var yr = 0.0
        for i in 0..<n where free[i] { yr += yList[k][i] * q[i] }
        let beta = rhoList[k] * yr
        for i in 0..<n where free[i] { q[i] += sList[k][i] * (alphas[k] - beta) }
      }
      var d = (0..<n).map { free[$0] ? -q[$0] : 0 }
      var slope = 0.0
      for i in 0..<n { slope += d[i] * g[i] }
      if !(slope < 0) {
        // Not a descent direction: drop the memory and use steepest descent.
        sList.removeAll(); yList.removeAll(); rhoList.removeAll()
        d = (0..<n).map { free[$0] ? -g[$0] : 0 }
      }
      // Projected backtracking (Armijo on the actual projected step).
      var t = 1.0
      if sList.isEmpty {
        var dn = 0.0
        for v in d { dn = max(dn, abs(v)) }
        t = dn > 0 ? min(1, 1 / dn) : 1
      }
      var xNew = x, fNew = fx
      var accepted = false
      for _ in 0..<60 {
        xNew = box.project((0..<n).map { x[$0] + t * d[$0] })
        fNew = value(xNew)
        var decrease = 0.0
        for i in 0..<n { decrease += g[i] * (xNew[i] - x[i]) }
        if fNew <= fx + 1e-4 * decrease && fNew.isFinite { accepted = true; break }
        t *= 0.5
      }
      if !accepted {
        if !sList.isEmpty { sList.removeAll(); yList.removeAll(); rhoList.removeAll(); continue }
        converged = true; message = "line search could not decrease the objective"
        break
      }
      let gNew = grad(xNew)
      guard gNew.allSatisfy(\.isFinite) else {
        // Keep the last point with a usable gradient rather than stepping on NaN directions.
        if fNew < fx { x = xNew; fx = fNew }
        message = "gradient is not finite; stopped at the last finite point"
        break
      }
      let s = (0..<n).map { xNew[$0] - x[$0] }
      let y = (0..<n).map { gNew[$0] - g[$0] }
      let sy = VectorOps.dot(s, y)
      if sy > 1e-12 * VectorOps.dot(y, y).squareRoot() * VectorOps.dot(s, s).squareRoot() && sy > 0 {
        sList.append(s); yList.append(y); rhoList.append(1 / sy)
        if sList.count > memory { sList.removeFirst(); yList.removeFirst(); rhoList.removeFirst() }
      }
      let relative = (fx - fNew) / max(abs(fx), abs(fNew), 1)
      x = xNew; g = gNew
      let previous = fx
      fx = fNew
      if relative <= functionTolerance && previous.isFinite {
        converged = true; message = "relative decrease below tolerance"
        break
      }
    }
    return OptimizationResult(x: x, value: fx, iterations: iteration, evaluations: evaluations,
                              converged: converged, message: message)
  }
}
