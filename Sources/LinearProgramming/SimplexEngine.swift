#if canImport(Glibc)
import Glibc
#endif

/// Nonbasic position codes of `SimplexEngine.state`.
enum VariableState: UInt8 {
  case basic = 0, atLower = 1, atUpper = 2, free = 3
}

/// The working form of an LP for the bounded-variable revised simplex method.
///
/// Columns `0..<n` are the structural variables, `n..<n+m` the logicals: row `i` reads
/// `sum_j a_ij x_j + s_i = 0` with `s_i` bounded by `[-rowUpper_i, -rowLower_i]`, so the logical
/// column is the unit vector `e_i`. The objective is always minimised (a maximisation is negated).
struct SimplexEngine {
  let n: Int
  let m: Int
  var N: Int { n + m }
  // A column-wise and row-wise (structural columns only).
  var colStart: [Int], colRow: [Int32], colVal: [Double]
  var rowStart: [Int], rowCol: [Int32], rowVal: [Double]
  /// Row `i`'s entries `rowStart[i]..<rowNonbasicEnd[i]` belong to nonbasic columns, the rest to
  /// basic ones, so the pivot row skips basic columns (kept up to date at every basis change).
  var rowNonbasicEnd: [Int] = []
  var lower: [Double], upper: [Double]
  /// The true (minimisation) costs, logicals included (zero).
  var cost: [Double]
  /// Costs in use: `cost` plus shifts and perturbations.
  var workCost: [Double]
  var x: [Double]
  var d: [Double]
  var basic: [Int32]
  var state: [VariableState]
  var factor: BasisFactor
  var weight: [Double]
  var options: SimplexOptions
  var iterations = 0
  var costsModified = false
  // Work vectors.
  var rho: SparseVector, column: SparseVector, tau: SparseVector, flipColumn: SparseVector
  var rowAlpha: SparseVector
  var rng: UInt64
  var leaving: LeavingRowCandidates
  var candJ: [Int32] = [], candRatio: [Double] = [], candRelaxed: [Double] = [], candMag: [Double] = []
  var flipList: [Int] = []
  /// Running average of the fraction of nonzeros in the BTRAN result (chooses hypersparse or dense solves).
  var rhoDensity = 0.0

  /// Builds the working form; row duplicates are summed.
  init(program: LinearProgram, options: SimplexOptions) {
    self.options = options
    n = program.variableCount; m = program.constraintCount
    let total = n + m
    let sign: Double = program.sense == .maximize ? -1 : 1
    lower = [Double](repeating: 0, count: total); upper = lower; cost = lower
    for (j, v) in program.variables.enumerated() { lower[j] = v.lower; upper[j] = v.upper; cost[j] = sign * v.cost }
    // Rows, merging duplicate indices.
    var rs = [Int](repeating: 0, count: m + 1)
    var rc: [Int32] = [], rv: [Double] = []
    rc.reserveCapacity(program.constraints.reduce(0) { $0 + $1.indices.count }); rv.reserveCapacity(rc.capacity)
    var slot = [Int](repeating: -1, count: n)
    for (i, c) in program.constraints.enumerated() {
      let begin = rc.count
      for t in c.indices.indices {
        let j = c.indices[t]
        if slot[j] >= begin { rv[slot[j]] += c.coefficients[t] } else { slot[j] = rc.count; rc.append(Int32(j)); rv.append(c.coefficients[t]) }
      }
      rs[i + 1] = rc.count
      let (lo, hi) = c.activityBounds
      lower[n + i] = -hi; upper[n + i] = -lo
    }
    rowStart = rs; rowCol = rc; rowVal = rv
    // Columns by counting sort.
    var cs = [Int](repeating: 0, count: n + 1)
    for e in 0..<rc.count { cs[Int(rc[e]) + 1] += 1 }
    for j in 0..<n { cs[j + 1] += cs[j] }
    var fill = cs
    var cr = [Int32](repeating: 0, count: rc.count), cv = [Double](repeating: 0, count: rc.count)
    for i in 0..<m {
      for e in rs[i]..<rs[i + 1] { let j = Int(rc[e]); cr[fill[j]] = Int32(i); cv[fill[j]] = rv[e]; fill[j] += 1 }
    }
    colStart = cs; colRow = cr; colVal = cv
    workCost = cost
    x = [Double](repeating: 0, count: total); d = x
    let nn = n, mm = m
    basic = (0..<mm).map { Int32(nn + $0) }
    state = [VariableState](repeating: .atLower, count: total)
    factor = BasisFactor(dimension: m)
    weight = [Double](repeating: 1, count: m)
    rho = SparseVector(dimension: m); column = rho; tau = rho; flipColumn = rho
    rowAlpha = SparseVector(dimension: total)
    rng = options.perturbationSeed | 1
    leaving = LeavingRowCandidates(dimension: m)
  }

  // MARK: Basis setup

  /// The nonbasic state a variable should take given a preference.
  func nonbasicState(_ j: Int, preferUpper: Bool) -> VariableState {
    let lf = lower[j].isFinite, uf = upper[j].isFinite
    switch (lf, uf) {
    case (true, true): return preferUpper && lower[j] != upper[j] ? .atUpper : .atLower
    case (true, false): return .atLower
    case (false, true): return .atUpper
    case (false, false): return .free
    }
  }

  /// Places nonbasic `j` at the value its state names.
  mutating func placeNonbasic(_ j: Int) {
    switch state[j] {
    case .atLower: x[j] = lower[j]
    case .atUpper: x[j] = upper[j]
    case .free: x[j] = 0
    case .basic: break
    }
  }

  /// Installs a basis: the slack basis when `warm` is nil, otherwise the given statuses (repaired to
  /// exactly `m` basic columns and made nonsingular).
  mutating func install(_ warm: Basis?) {
    if let warm, warm.variables.count == n, warm.constraints.count == m {
      var basics: [Int] = []
      for j in 0..<N {
        let s = j < n ? warm.variables[j] : warm.constraints[j - n]
        // Row statuses name the row's end; the logical sits at the opposite bound.
        let upperEnd = j < n ? s == .atUpper : s == .atLower
        switch s {
        case .basic: state[j] = .basic; basics.append(j)
        default: state[j] = nonbasicState(j, preferUpper: upperEnd)
        }
      }
      // Too many basics: demote the last ones. Too few: leave holes that the factorisation fills with logicals.
      while basics.count > m { let j = basics.removeLast(); state[j] = nonbasicState(j, preferUpper: false) }
      basic = [Int32](repeating: -1, count: m)
      for (p, j) in basics.enumerated() { basic[p] = Int32(j) }
    } else {
      for j in 0..<n { state[j] = nonbasicState(j, preferUpper: cost[j] < 0) }
      for i in 0..<m { state[n + i] = .basic; basic[i] = Int32(n + i) }
    }
    for j in 0..<N where state[j] != .basic { placeNonbasic(j) }
    weight = [Double](repeating: 1, count: m)
    refactor()
  }

  /// Factorises the current basis, replacing dependent columns by logicals, then recomputes the
  /// basic primal values and the reduced costs.
  mutating func refactor() {
    for _ in 0..<3 {
      var start = [Int](repeating: 0, count: m + 1)
      var idx: [Int32] = [], val: [Double] = []
      idx.reserveCapacity(m * 2); val.reserveCapacity(m * 2)
      for p in 0..<m {
        let j = Int(basic[p])
        if j < 0 {
        } else if j < n {
          for e in colStart[j]..<colStart[j + 1] { idx.append(colRow[e]); val.append(colVal[e]) }
        } else { idx.append(Int32(j - n)); val.append(1) }
        start[p + 1] = idx.count
      }
      let singular = factor.factor(colStart: start, rowIndex: idx, value: val)
      if singular.positions.isEmpty { break }
      for (p, i) in zip(singular.positions, singular.rows) {
        let old = Int(basic[p])
        if old >= 0 {
          state[old] = nonbasicState(old, preferUpper: upper[old].isFinite && x[old] > 0.5 * (lower[old] + upper[old]))
          placeNonbasic(old)
        }
        // The logical of an unpivoted row cannot already be basic (its unit column would pivot it).
        basic[p] = Int32(n + i); state[n + i] = .basic
        weight[p] = 1
      }
    }
    partitionRows()
    computePrimal()
    computeDuals()
  }

  /// Orders every row's entries as nonbasic columns first, basic after.
  mutating func partitionRows() {
    if rowNonbasicEnd.count != m { rowNonbasicEnd = [Int](repeating: 0, count: m) }
    for i in 0..<m {
      var front = rowStart[i], back = rowStart[i + 1] - 1
      while front <= back {
        if state[Int(rowCol[front])] != .basic { front += 1 } else {
          rowCol.swapAt(front, back); rowVal.swapAt(front, back); back -= 1
        }
      }
      rowNonbasicEnd[i] = front
    }
  }

  /// Moves structural `j`'s row entries across the nonbasic/basic boundary after its state changed.
  mutating func repartition(_ j: Int, becameBasic: Bool) {
    guard j < n else { return }
    let jj = Int32(j)
    for e in colStart[j]..<colStart[j + 1] {
      let i = Int(colRow[e])
      if becameBasic {
        var k = rowStart[i]
        while rowCol[k] != jj { k += 1 }
        let last = rowNonbasicEnd[i] - 1
        rowCol.swapAt(k, last); rowVal.swapAt(k, last); rowNonbasicEnd[i] = last
      } else {
        var k = rowNonbasicEnd[i]
        while rowCol[k] != jj { k += 1 }
        let first = rowNonbasicEnd[i]
        rowCol.swapAt(k, first); rowVal.swapAt(k, first); rowNonbasicEnd[i] = first + 1
      }
    }
  }

  /// Recomputes `x_B = -B^{-1} (sum of nonbasic columns times their values)`.
  mutating func computePrimal() {
    leaving.invalidate()
    column.clear()
    var acc = [Double](repeating: 0, count: m)
    for j in 0..<n where state[j] != .basic && x[j] != 0 {
      for e in colStart[j]..<colStart[j + 1] { acc[Int(colRow[e])] -= colVal[e] * x[j] }
    }
    for i in 0..<m where state[n + i] != .basic { acc[i] -= x[n + i] }
    for i in 0..<m where acc[i] != 0 { column.append(i, acc[i]) }
    factor.ftran(&column)
    for p in 0..<m { x[Int(basic[p])] = 0 }
    for t in 0..<column.count { let p = Int(column.index[t]); x[Int(basic[p])] = column.values[p] }
    column.clear()
  }

  /// Recomputes the duals `y = B^{-T} c_B` and every reduced cost `d_j = c_j - a_j^T y`.
  mutating func computeDuals() {
    rho.clear()
    for p in 0..<m { let c = workCost[Int(basic[p])]; if c != 0 { rho.append(p, c) } }
    factor.btran(&rho)
    for j in 0..<n {
      var s = workCost[j]
      for e in colStart[j]..<colStart[j + 1] { s -= colVal[e] * rho.values[Int(colRow[e])] }
      d[j] = s
    }
    for i in 0..<m { d[n + i] = workCost[n + i] - rho.values[i] }
    for p in 0..<m { d[Int(basic[p])] = 0 }
    rho.clear()
  }

  /// Clears `column` and loads structural or logical column `j` into it (row-indexed).
  mutating func loadColumn(_ j: Int) {
    column.clear()
    if j < n {
      for e in colStart[j]..<colStart[j + 1] { column.append(Int(colRow[e]), colVal[e]) }
    } else { column.append(j - n, 1) }
  }

  /// Computes the pivot row `alpha_j = rho^T a_j` for every column touched by `rho` (row-wise product).
  mutating func computePivotRow() {
    rowAlpha.clear()
    rowStart.withUnsafeBufferPointer { rs in
      rowCol.withUnsafeBufferPointer { rc in
        rowVal.withUnsafeBufferPointer { rv in
          rowAlpha.values.withUnsafeMutableBufferPointer { av in
            rowAlpha.index.withUnsafeMutableBufferPointer { ai in
              var c = 0
              for t in 0..<rho.count {
                let i = Int(rho.index[t]); let r = rho.values[i]
                if r == 0 { continue }
                for e in rs[i]..<rowNonbasicEnd[i] {
                  let j = Int(rc[e]); let old = av[j]
                  if old == 0 { ai[c] = Int32(j); c += 1 }
                  let nv = old + r * rv[e]
                  av[j] = nv == 0 ? 1e-300 : nv
                }
                let j = n + i
                if av[j] == 0 { ai[c] = Int32(j); c += 1 }
                av[j] = r
              }
              rowAlpha.count = c
            }
          }
        }
      }
    }
  }

  /// A deterministic uniform draw in [0, 1) for perturbations.
  mutating func uniform() -> Double {
    rng ^= rng << 13; rng ^= rng >> 7; rng ^= rng << 17
    return Double(rng >> 11) * 0x1p-53
  }

  /// The largest primal infeasibility of the basic variables.
  func primalInfeasibility() -> Double {
    var worst = 0.0
    for p in 0..<m {
      let j = Int(basic[p])
      worst = max(worst, lower[j] - x[j], x[j] - upper[j])
    }
    return worst
  }

  /// The largest dual infeasibility of the nonbasic variables.
  func dualInfeasibility() -> Double {
    var worst = 0.0
    for j in 0..<N {
      switch state[j] {
      case .basic: continue
      case .atLower: if lower[j] != upper[j] { worst = max(worst, -d[j]) }
      case .atUpper: if lower[j] != upper[j] { worst = max(worst, d[j]) }
      case .free: worst = max(worst, abs(d[j]))
      }
    }
    return worst
  }

  /// The current objective with the true costs (minimisation form, no offset).
  func objective() -> Double {
    var s = 0.0
    for j in 0..<n { s += cost[j] * x[j] }
    return s
  }
}
