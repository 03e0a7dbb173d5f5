/// The bounded dual simplex method with dual steepest-edge pricing and a bound-flipping Harris ratio test.
///
/// - SeeAlso: A. Koberstein (2005), *The dual simplex method, techniques for a fast and stable
///   implementation*, PhD thesis, Universität Paderborn (Algorithms 4, 7 and 9); J. Forrest,
///   D. Goldfarb (1992), Math. Programming 57, 341–374 (dual steepest edge).
extension SimplexEngine {
  /// How a simplex phase ended.
  enum PhaseResult { case optimal, infeasible, unbounded, iterationLimit }

  /// Makes the current basis dual feasible for `workCost`: boxed variables move to the bound their
  /// reduced cost favours; other dual infeasibilities are removed by shifting their cost.
  /// - Returns: Whether any primal value moved (the basic values were then recomputed).
  @discardableResult
  mutating func makeDualFeasible() -> Bool {
    let tol = options.dualTolerance
    var moved = false
    for j in 0..<N where state[j] != .basic && lower[j] != upper[j] {
      let dj = d[j]
      switch state[j] {
      case .atLower where dj < -tol:
        if upper[j].isFinite { state[j] = .atUpper; x[j] = upper[j]; moved = true } else { shiftCost(j, by: -dj + tol * (1 + uniform())) }
      case .atUpper where dj > tol:
        if lower[j].isFinite { state[j] = .atLower; x[j] = lower[j]; moved = true } else { shiftCost(j, by: -dj - tol * (1 + uniform())) }
      case .free where abs(dj) > tol:
        shiftCost(j, by: -dj)
      default: break
      }
    }
    if moved { computePrimal() }
    return moved
  }

  /// Adds `delta` to the working cost and reduced cost of nonbasic `j`.
  mutating func shiftCost(_ j: Int, by delta: Double) {
    workCost[j] += delta; d[j] += delta; costsModified = true
  }

  /// Perturbs the working costs of nonbasic structurals towards dual feasibility, against stalling.
  mutating func perturbCosts() {
    for j in 0..<n where state[j] != .basic && lower[j] != upper[j] {
      let size = (1e-7 + 1e-7 * abs(cost[j])) * (1 + uniform())
      switch state[j] {
      case .atLower: shiftCost(j, by: size)
      case .atUpper: shiftCost(j, by: -size)
      default: break
      }
    }
  }

  /// Chooses the leaving position by dual steepest edge (largest `infeasibility^2 / weight`), or by
  /// the smallest basic index under Bland's rule. Returns -1 when the basis is primal feasible.
  func chooseLeavingRow(bland: Bool) -> Int {
    let tol = options.primalTolerance
    var best = -1, bestScore = 0.0, bestIndex = Int.max
    x.withUnsafeBufferPointer { xs in
      lower.withUnsafeBufferPointer { lo in
        upper.withUnsafeBufferPointer { up in
          basic.withUnsafeBufferPointer { bs in
            weight.withUnsafeBufferPointer { w in
              for p in 0..<m {
                let j = Int(bs[p]); let v = xs[j]
                var infeas = lo[j] - v
                if infeas <= tol {
                  infeas = v - up[j]
                  if infeas <= tol { continue }
                }
                if bland {
                  if j < bestIndex { bestIndex = j; best = p }
                } else if infeas * infeas > bestScore * w[p] {
                  bestScore = infeas * infeas / w[p]; best = p
                }
              }
            }
          }
        }
      }
    }
    return best
  }

  /// One dual simplex iteration.
  /// - Returns: nil to continue, or how the phase ended.
  mutating func dualIteration(bland: Bool, degenerate: inout Bool) -> PhaseResult? {
    let p = bland ? chooseLeavingRow(bland: true) : chooseLeavingRowFast()
    if p < 0 { return .optimal }
    let r = Int(basic[p])
    let toLower = x[r] < lower[r]
    let s: Double = toLower ? -1 : 1
    let target = toLower ? lower[r] : upper[r]
    rho.clear(); rho.append(p, 1); factor.btran(&rho, expectedCount: Int(rhoDensity * Double(m)))
    rhoDensity = 0.95 * rhoDensity + 0.05 * Double(rho.count) / Double(max(m, 1))
    computePivotRow()
    // Bound-flipping Harris ratio test.
    let entering = dualRatioTest(direction: s, slope: abs(x[r] - target), bland: bland)
    let flips = flipList
    if entering < 0 { return .infeasible }
    let q = entering
    let alphaRow = rowAlpha.values[q]
    let thetaD = max(0, d[q] / (s * alphaRow))
    degenerate = thetaD == 0
    // FTRAN the entering column and check it against the row.
    loadColumn(q); factor.ftran(&column)
    let alphaCol = column.values[p]
    if abs(alphaCol - alphaRow) > 1e-7 * (1 + abs(alphaRow)) || abs(alphaCol) < 1e-12 {
      if factor.updateCount > 0 { refactor(); return nil }
    }
    iterations += 1
    // Dual update.
    let t = s * thetaD
    if t != 0 {
      let count = rowAlpha.count
      state.withUnsafeBufferPointer { st in
      d.withUnsafeMutableBufferPointer { dd in
      rowAlpha.values.withUnsafeBufferPointer { av in
      rowAlpha.index.withUnsafeBufferPointer { ai in
        for k in 0..<count {
          let j = Int(ai[k])
          if st[j] != .basic { dd[j] -= t * av[j] }
        }
      }}}}
    }
    d[r] = -t; d[q] = 0
    // Bound flips and their effect on the basic values.
    if !flips.isEmpty {
      flipColumn.clear()
      var acc: [Int: Double] = [:]
      for j in flips {
        let delta: Double
        if state[j] == .atLower { state[j] = .atUpper; delta = upper[j] - lower[j]; x[j] = upper[j] }
        else { state[j] = .atLower; delta = lower[j] - upper[j]; x[j] = lower[j] }
        if j < n { for e in colStart[j]..<colStart[j + 1] { acc[Int(colRow[e]), default: 0] -= colVal[e] * delta } }
        else { acc[j - n, default: 0] -= delta }
      }
      for (i, v) in acc.sorted(by: { $0.key < $1.key }) where v != 0 { flipColumn.append(i, v) }
      factor.ftran(&flipColumn)
      for k in 0..<flipColumn.count { let pp = Int(flipColumn.index[k]); x[Int(basic[pp])] += flipColumn.values[pp]; leaving.note(pp) }
    }
    // Primal step.
    let thetaP = (x[r] - target) / alphaCol
    for k in 0..<column.count { let pp = Int(column.index[k]); x[Int(basic[pp])] -= thetaP * column.values[pp]; leaving.note(pp) }
    x[q] += thetaP
    x[r] = target
    // Dual steepest-edge weights.
    var wp = 0.0
    for k in 0..<rho.count { let v = rho.values[Int(rho.index[k])]; wp += v * v }
    if options.dualSteepestEdge {
      tau.clear()
      for k in 0..<rho.count { let i = Int(rho.index[k]); tau.append(i, rho.values[i]) }
      factor.ftran(&tau)
      for k in 0..<column.count {
        let pp = Int(column.index[k]); if pp == p { continue }
        let ratio = column.values[pp] / alphaCol
        let w = weight[pp] - 2 * ratio * tau.values[pp] + ratio * ratio * wp
        weight[pp] = max(w, ratio * ratio, 1e-6)
      }
    } else {
      // Devex-style approximation: weights only grow, by the pivot's reference-frame ratio.
      for k in 0..<column.count {
        let pp = Int(column.index[k]); if pp == p { continue }
        let ratio = column.values[pp] / alphaCol
        weight[pp] = max(weight[pp], ratio * ratio * wp)
      }
    }
    weight[p] = max(wp / (alphaCol * alphaCol), 1e-6)
    // Basis change.
    state[r] = toLower ? .atLower : (lower[r] == upper[r] ? .atLower : .atUpper)
    state[q] = .basic
    basic[p] = Int32(q)
    repartition(q, becameBasic: true); repartition(r, becameBasic: false)
    leaving.note(p)
    factor.update(position: p, alpha: column)
    if factor.updateCount >= options.refactorInterval || factor.etaNonzeros > 3 * factor.factorNonzeros + 10 * m {
      refactor()
    }
    return nil
  }

  /// The bound-flipping Harris ratio test on the pivot row in `rowAlpha`: boxed candidates whose
  /// breakpoints the dual objective's slope survives are flipped (listed in `flipList`); the entering
  /// column is the largest pivot among those within the Harris bound of the first remaining breakpoint.
  ///
  /// - Parameters:
  ///   - s: +1 when the leaving variable goes to its upper bound, -1 to its lower.
  ///   - slope: The primal infeasibility of the leaving row (initial slope of the dual objective).
  /// - Returns: The entering column, or -1 when the dual is unbounded (the LP is infeasible).
  mutating func dualRatioTest(direction s: Double, slope initialSlope: Double, bland: Bool) -> Int {
    let tol = options.dualTolerance, pivTol = options.pivotTolerance
    flipList.removeAll(keepingCapacity: true)
    if candJ.count < N { candJ = [Int32](repeating: 0, count: N); candRatio = [Double](repeating: 0, count: N); candRelaxed = candRatio; candMag = candRatio }
    var count = 0
    state.withUnsafeBufferPointer { st in
    lower.withUnsafeBufferPointer { lo in
    upper.withUnsafeBufferPointer { up in
    d.withUnsafeBufferPointer { dd in
    rowAlpha.values.withUnsafeBufferPointer { av in
    rowAlpha.index.withUnsafeBufferPointer { ai in
    candJ.withUnsafeMutableBufferPointer { cj in
    candRatio.withUnsafeMutableBufferPointer { cr in
    candRelaxed.withUnsafeMutableBufferPointer { cx in
    candMag.withUnsafeMutableBufferPointer { cm in
      for t in 0..<rowAlpha.count {
        let j = Int(ai[t])
        let code = st[j]
        if code == .basic { continue }
        let sa = s * av[j]
        if code == .atLower {
          if sa > pivTol && lo[j] != up[j] { cj[count] = Int32(j); cr[count] = max(dd[j], 0) / sa; cx[count] = (dd[j] + tol) / sa; cm[count] = sa; count += 1 }
        } else if code == .atUpper {
          if sa < -pivTol && lo[j] != up[j] { cj[count] = Int32(j); cr[count] = min(dd[j], 0) / sa; cx[count] = (dd[j] - tol) / sa; cm[count] = -sa; count += 1 }
        } else if abs(sa) > pivTol {
          cj[count] = Int32(j); cr[count] = 0; cx[count] = 0; cm[count] = abs(sa); count += 1
        }
      }
    }}}}}}}}}}
    var slope = initialSlope
    while count > 0 {
      // Clamped at 0: a candidate already dual infeasible beyond tolerance has ratio 0, so the
      // group below is never empty.
      var thetaMax = Double.infinity
      for k in 0..<count { thetaMax = min(thetaMax, candRelaxed[k]) }
      thetaMax = max(thetaMax, 0)
      var decrease = 0.0, bestMag = 0.0, pick = -1
      for k in 0..<count where candRatio[k] <= thetaMax {
        let j = Int(candJ[k])
        decrease += candMag[k] * (upper[j] - lower[j])
        if bland {
          if pick < 0 || j < Int(candJ[pick]) { pick = k }
        } else if candMag[k] > bestMag { bestMag = candMag[k]; pick = k }
      }
      if pick < 0 {
        // No ratio within the bound (only possible with NaNs): take the smallest ratio and stop.
        pick = 0
        for k in 1..<max(count, 1) where candRatio[k] < candRatio[pick] { pick = k }
        return Int(candJ[pick])
      }
      if decrease.isFinite && slope - decrease > options.primalTolerance && !bland {
        slope -= decrease
        var kept = 0
        for k in 0..<count {
          if candRatio[k] <= thetaMax { flipList.append(Int(candJ[k])) } else {
            candJ[kept] = candJ[k]; candRatio[kept] = candRatio[k]; candRelaxed[kept] = candRelaxed[k]; candMag[kept] = candMag[k]; kept += 1
          }
        }
        count = kept
        continue
      }
      return Int(candJ[pick])
    }
    return -1
  }

  /// Runs dual simplex iterations until primal feasibility, dual unboundedness or the limit.
  mutating func dualPhase() -> PhaseResult {
    leaving.invalidate()
    var stall = 0, perturbed = false, verified = false
    while iterations < options.iterationLimit {
      var degenerate = false
      let bland = stall > 2_000
      if let result = dualIteration(bland: bland, degenerate: &degenerate) {
        if result == .infeasible && !verified {
          // Confirm on a fresh factorisation before declaring infeasibility.
          verified = true; refactor(); makeDualFeasible(); continue
        }
        return result
      }
      verified = false
      stall = degenerate ? stall + 1 : 0
      if stall > 200 && !perturbed { perturbed = true; perturbCosts() }
      if bland { leaving.invalidate() }
    }
    return .iterationLimit
  }
}
