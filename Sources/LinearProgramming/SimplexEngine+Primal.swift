/// The bounded primal simplex method (phase 2) with Dantzig pricing, a Harris two-pass ratio test
/// and Bland's rule as a fallback while stalling.
///
/// - SeeAlso: P. Harris (1973), Math. Programming 5, 1–28; R. Bland (1977), Math. Oper. Res. 2(2), 103–107.
extension SimplexEngine {
  /// Chooses the entering column: the largest dual infeasibility, or the smallest index under Bland's rule.
  func chooseEntering(bland: Bool) -> Int {
    let tol = options.dualTolerance
    var best = -1, bestScore = 0.0
    for j in 0..<N {
      let st = state[j]
      if st == .basic || lower[j] == upper[j] { continue }
      let dj = d[j]
      let score: Double
      switch st {
      case .atLower: score = -dj
      case .atUpper: score = dj
      case .free: score = abs(dj)
      case .basic: continue
      }
      if score > tol {
        if bland { return j }
        if score > bestScore { bestScore = score; best = j }
      }
    }
    return best
  }

  /// One primal simplex iteration from a primal feasible basis.
  /// - Returns: nil to continue, or how the phase ended.
  mutating func primalIteration(bland: Bool, degenerate: inout Bool) -> PhaseResult? {
    let q = chooseEntering(bland: bland)
    if q < 0 { return .optimal }
    let increase = state[q] == .free ? d[q] < 0 : state[q] == .atLower
    let dir: Double = increase ? 1 : -1
    loadColumn(q); factor.ftran(&column)
    // Harris pass 1: the largest step keeping every basic within its bound plus tolerance.
    let tol = options.primalTolerance, pivTol = options.pivotTolerance
    var thetaMax = upper[q] - lower[q]
    for k in 0..<column.count {
      let p = Int(column.index[k]); let a = column.values[p]
      if abs(a) <= pivTol { continue }
      let j = Int(basic[p]); let rate = -dir * a
      if rate < 0, lower[j].isFinite { thetaMax = min(thetaMax, max(0, x[j] - lower[j] + tol) / -rate) }
      if rate > 0, upper[j].isFinite { thetaMax = min(thetaMax, max(0, upper[j] - x[j] + tol) / rate) }
    }
    if thetaMax == .infinity { return .unbounded }
    // Pass 2: among rows blocking within thetaMax, the largest pivot.
    var leave = -1, bestMag = 0.0, theta = 0.0, leaveToLower = true, leaveIndex = Int.max
    for k in 0..<column.count {
      let p = Int(column.index[k]); let a = column.values[p]
      if abs(a) <= pivTol { continue }
      let j = Int(basic[p]); let rate = -dir * a
      var ratio = Double.infinity, toLower = true
      if rate < 0, lower[j].isFinite { ratio = max(0, (x[j] - lower[j]) / -rate); toLower = true }
      else if rate > 0, upper[j].isFinite { ratio = max(0, (upper[j] - x[j]) / rate); toLower = false }
      guard ratio <= thetaMax else { continue }
      let better = bland ? j < leaveIndex : abs(a) > bestMag
      if better { leave = p; bestMag = abs(a); theta = ratio; leaveToLower = toLower; leaveIndex = j }
    }
    let range = upper[q] - lower[q]
    if leave < 0 || range <= theta {
      // Bound flip of the entering variable.
      guard range.isFinite else { return .unbounded }
      iterations += 1
      for k in 0..<column.count { let p = Int(column.index[k]); x[Int(basic[p])] -= dir * range * column.values[p] }
      if increase { state[q] = .atUpper; x[q] = upper[q] } else { state[q] = .atLower; x[q] = lower[q] }
      degenerate = false
      return nil
    }
    degenerate = theta == 0
    let alphaCol = column.values[leave]
    let r = Int(basic[leave])
    // Pivot row and check.
    rho.clear(); rho.append(leave, 1); factor.btran(&rho)
    computePivotRow()
    let alphaRow = rowAlpha.values[q]
    if abs(alphaCol - alphaRow) > 1e-7 * (1 + abs(alphaRow)) {
      if factor.updateCount > 0 { refactor(); return nil }
    }
    iterations += 1
    // Primal update.
    let step = dir * theta
    for k in 0..<column.count { let p = Int(column.index[k]); x[Int(basic[p])] -= step * column.values[p] }
    x[q] += step
    x[r] = leaveToLower ? lower[r] : upper[r]
    // Dual update.
    let thetaD = d[q] / alphaCol
    for k in 0..<rowAlpha.count {
      let j = Int(rowAlpha.index[k])
      if state[j] != .basic { d[j] -= thetaD * rowAlpha.values[j] }
    }
    d[r] = -thetaD; d[q] = 0
    // Basis change; dual steepest-edge weights are reset lazily by the dual phase.
    state[r] = leaveToLower ? .atLower : .atUpper
    if lower[r] == upper[r] { state[r] = .atLower }
    if state[r] == .atLower && !lower[r].isFinite { state[r] = upper[r].isFinite ? .atUpper : .free }
    if state[r] == .atUpper && !upper[r].isFinite { state[r] = lower[r].isFinite ? .atLower : .free }
    state[q] = .basic
    basic[leave] = Int32(q)
    repartition(q, becameBasic: true); repartition(r, becameBasic: false)
    weight[leave] = 1
    factor.update(position: leave, alpha: column)
    if factor.updateCount >= options.refactorInterval || factor.etaNonzeros > 3 * factor.factorNonzeros + 10 * m {
      refactor()
    }
    return nil
  }

  /// Runs primal simplex iterations until optimality, unboundedness or the limit.
  mutating func primalPhase() -> PhaseResult {
    var stall = 0, verified = false
    while iterations < options.iterationLimit {
      var degenerate = false
      if let result = primalIteration(bland: stall > 50, degenerate: &degenerate) {
        if result == .unbounded && !verified { verified = true; refactor(); continue }
        return result
      }
      verified = false
      stall = degenerate ? stall + 1 : 0
    }
    return .iterationLimit
  }
}
