/// Sparse LU factorisation `P B Q = L U` of a simplex basis, with product-form (eta) updates.
///
/// Factorisation first pivots column and row singletons (which need no arithmetic and cause no
/// fill), then factors the remaining nucleus by Markowitz pivot selection with threshold partial
/// pivoting (`|a_ic| >= 0.1 * max_i |a_ic|`), as in Suhl & Suhl (1990). All triangular factors are
/// stored in pivot order both column- and row-wise, so FTRAN and BTRAN can run hypersparse: when the
/// right-hand side is sparse, the nonzero pattern of the result is found first by depth-first search
/// (Gilbert & Peierls 1988) and only those pivots are visited. Basis changes append an eta column
/// (product form of the inverse, Dantzig & Orchard-Hays 1954) until the next refactorisation.
///
/// - SeeAlso: U. Suhl, L. Suhl (1990), ORSA J. Computing 2(4), 325–335; J. Gilbert, T. Peierls
///   (1988), SIAM J. Sci. Stat. Comput. 9(5), 862–874.
struct BasisFactor {
  /// Basis dimension.
  private(set) var m: Int
  // Pivot sequence: pivot k sits in row pivotRow[k] and basis position pivotCol[k].
  private var pivotRow: [Int32]
  private var pivotCol: [Int32]
  private var rowPivot: [Int32]
  private var colPivot: [Int32]
  private var diag: [Double]
  // L in pivot space, column-wise (pivot k -> later pivots) and row-wise (pivot k -> earlier pivots).
  private var lcStart: [Int], lcIndex: [Int32], lcValue: [Double]
  private var lrStart: [Int], lrIndex: [Int32], lrValue: [Double]
  // U in pivot space, column-wise (pivot k -> earlier pivots) and row-wise (pivot k -> later pivots).
  private var ucStart: [Int], ucIndex: [Int32], ucValue: [Double]
  private var urStart: [Int], urIndex: [Int32], urValue: [Double]
  // Eta file in basis-position space.
  private var etaPos: [Int32] = [], etaPivot: [Double] = [], etaStart: [Int] = [0]
  private var etaIndex: [Int32] = [], etaValue: [Double] = []
  // Work space.
  private var work: [Double]
  private var mark: [UInt32]
  private var stamp: UInt32 = 0
  private var stackNode: [Int32], stackEdge: [Int]
  private var order: [Int32]
  /// Nonzeros in L and U (for deciding when to refactorise).
  private(set) var factorNonzeros = 0
  /// Nonzeros in the eta file.
  var etaNonzeros: Int { etaIndex.count }
  /// Number of eta columns since the last factorisation.
  var updateCount: Int { etaPos.count }

  /// An empty factor of dimension `m`; call `factor` before solving.
  init(dimension m: Int) {
    self.m = m
    pivotRow = [Int32](repeating: 0, count: m); pivotCol = pivotRow; rowPivot = pivotRow; colPivot = pivotRow
    diag = [Double](repeating: 1, count: m)
    lcStart = [Int](repeating: 0, count: m + 1); lcIndex = []; lcValue = []
    lrStart = lcStart; lrIndex = []; lrValue = []
    ucStart = lcStart; ucIndex = []; ucValue = []
    urStart = lcStart; urIndex = []; urValue = []
    work = [Double](repeating: 0, count: m)
    mark = [UInt32](repeating: 0, count: m)
    stackNode = [Int32](repeating: 0, count: m); stackEdge = [Int](repeating: 0, count: m)
    order = [Int32](repeating: 0, count: m)
  }

  /// The outcome of a factorisation: positions whose column could not be pivoted and rows left
  /// without a pivot (equal in number; empty when the basis is nonsingular).
  struct Singularity { var positions: [Int]; var rows: [Int] }

  /// Factorises the basis whose column at position `p` has entries
  /// `rowIndex[colStart[p]..<colStart[p+1]]`, `value[...]`.
  ///
  /// - Returns: The positions and rows left unpivoted when the matrix is (numerically) singular.
  mutating func factor(colStart: [Int], rowIndex: [Int32], value: [Double]) -> Singularity {
    etaPos.removeAll(keepingCapacity: true); etaPivot.removeAll(keepingCapacity: true)
    etaStart.removeAll(keepingCapacity: true); etaStart.append(0)
    etaIndex.removeAll(keepingCapacity: true); etaValue.removeAll(keepingCapacity: true)
    let nnz = colStart[m]
    // The pivot sequence is built in locals (moved out of self, so writes need no copies).
    var pRow = pivotRow, pCol = pivotCol, rPiv = rowPivot, cPiv = colPivot, dg = diag
    pivotRow = []; pivotCol = []; rowPivot = []; colPivot = []; diag = []
    defer { pivotRow = pRow; pivotCol = pCol; rowPivot = rPiv; colPivot = cPiv; diag = dg }
    var rowStart = [Int](repeating: 0, count: m + 1)
    var rowCol = [Int32](repeating: 0, count: nnz), rowVal = [Double](repeating: 0, count: nnz)
    var rowActive = [Bool](repeating: true, count: m), colActive = [Bool](repeating: true, count: m)
    var lPivotStart = [Int](repeating: 0, count: m + 1), uPivotStart = lPivotStart
    var lRow = [Int32](repeating: 0, count: nnz), lVal = [Double](repeating: 0, count: nnz)
    var uCol = lRow, uVal = lVal
    var lCount = 0, uCount = 0, k = 0
    // Singleton phase on raw buffers: column and row singletons need no arithmetic and cause no fill.
    let rowCount = UnsafeMutablePointer<Int32>.allocate(capacity: max(m, 1))
    let colCount = UnsafeMutablePointer<Int32>.allocate(capacity: max(m, 1))
    let colQueue = UnsafeMutablePointer<Int32>.allocate(capacity: 2 * max(m, 1))
    let rowQueue = UnsafeMutablePointer<Int32>.allocate(capacity: 2 * max(m, 1))
    let fill = UnsafeMutablePointer<Int>.allocate(capacity: m + 1)
    defer { rowCount.deallocate(); colCount.deallocate(); colQueue.deallocate(); rowQueue.deallocate(); fill.deallocate() }
    colStart.withUnsafeBufferPointer { cs in rowIndex.withUnsafeBufferPointer { ri in value.withUnsafeBufferPointer { va in
    rowStart.withUnsafeMutableBufferPointer { rs in rowCol.withUnsafeMutableBufferPointer { rc in rowVal.withUnsafeMutableBufferPointer { rv in
    rowActive.withUnsafeMutableBufferPointer { ra in colActive.withUnsafeMutableBufferPointer { ca in
    lPivotStart.withUnsafeMutableBufferPointer { lps in uPivotStart.withUnsafeMutableBufferPointer { ups in
    lRow.withUnsafeMutableBufferPointer { lr in lVal.withUnsafeMutableBufferPointer { lv in
    uCol.withUnsafeMutableBufferPointer { uc in uVal.withUnsafeMutableBufferPointer { uv in
    pRow.withUnsafeMutableBufferPointer { prw in pCol.withUnsafeMutableBufferPointer { pcl in
    rPiv.withUnsafeMutableBufferPointer { rpv in cPiv.withUnsafeMutableBufferPointer { cpv in
    dg.withUnsafeMutableBufferPointer { dgv in
      for e in 0..<nnz { rs[Int(ri[e]) + 1] += 1 }
      for i in 0..<m { rs[i + 1] += rs[i] }
      for i in 0...m { fill[i] = rs[i] }
      for p in 0..<m {
        for e in cs[p]..<cs[p + 1] {
          let i = Int(ri[e]); let f = fill[i]; rc[f] = Int32(p); rv[f] = va[e]; fill[i] = f + 1
        }
      }
      var cqEnd = 0, rqEnd = 0
      for i in 0..<m {
        rowCount[i] = Int32(rs[i + 1] - rs[i]); if rowCount[i] == 1 { rowQueue[rqEnd] = Int32(i); rqEnd += 1 }
      }
      for p in 0..<m {
        colCount[p] = Int32(cs[p + 1] - cs[p]); if colCount[p] == 1 { colQueue[cqEnd] = Int32(p); cqEnd += 1 }
      }
      var cq = 0, rq = 0
      while true {
        if cq < cqEnd {
          let c = Int(colQueue[cq]); cq += 1
          guard ca[c], colCount[c] == 1 else { continue }
          var r = -1, v = 0.0
          for e in cs[c]..<cs[c + 1] where ra[Int(ri[e])] { r = Int(ri[e]); v += va[e] }
          if abs(v) < 1e-11 { continue }
          prw[k] = Int32(r); pcl[k] = Int32(c); dgv[k] = v; rpv[r] = Int32(k); cpv[c] = Int32(k)
          for e in rs[r]..<rs[r + 1] {
            let j = Int(rc[e])
            if j != c && ca[j] {
              uc[uCount] = Int32(j); uv[uCount] = rv[e]; uCount += 1
              colCount[j] -= 1
              if colCount[j] == 1 { colQueue[cqEnd] = Int32(j); cqEnd += 1 }
            }
          }
          ra[r] = false; ca[c] = false
          k += 1; lps[k] = lCount; ups[k] = uCount
        } else if rq < rqEnd {
          let r = Int(rowQueue[rq]); rq += 1
          guard ra[r], rowCount[r] == 1 else { continue }
          var c = -1, v = 0.0
          for e in rs[r]..<rs[r + 1] where ca[Int(rc[e])] { c = Int(rc[e]); v += rv[e] }
          var biggest = 0.0
          for e in cs[c]..<cs[c + 1] where ra[Int(ri[e])] { biggest = max(biggest, abs(va[e])) }
          if abs(v) < 1e-11 || abs(v) < 0.01 * biggest { continue }
          prw[k] = Int32(r); pcl[k] = Int32(c); dgv[k] = v; rpv[r] = Int32(k); cpv[c] = Int32(k)
          for e in cs[c]..<cs[c + 1] {
            let i = Int(ri[e])
            if i != r && ra[i] {
              lr[lCount] = Int32(i); lv[lCount] = va[e] / v; lCount += 1
              rowCount[i] -= 1
              if rowCount[i] == 1 { rowQueue[rqEnd] = Int32(i); rqEnd += 1 }
            }
          }
          ra[r] = false; ca[c] = false
          k += 1; lps[k] = lCount; ups[k] = uCount
        } else { break }
      }
    }}}}}}}}}}}}}}}}}}}
    lRow.removeLast(nnz - lCount); lVal.removeLast(nnz - lCount)
    uCol.removeLast(nnz - uCount); uVal.removeLast(nnz - uCount)
    lPivotStart.removeLast(m - k); uPivotStart.removeLast(m - k)
    func record(_ r: Int, _ c: Int, _ v: Double) {
      pRow[k] = Int32(r); pCol[k] = Int32(c); dg[k] = v
      rPiv[r] = Int32(k); cPiv[c] = Int32(k)
    }
    var singular = Singularity(positions: [], rows: [])
    if k < m {
      // Markowitz on the nucleus, with values stored by row and patterns by column.
      var nRowCols = [[Int32]](repeating: [], count: m), nRowVals = [[Double]](repeating: [], count: m)
      var nColRows = [[Int32]](repeating: [], count: m)
      var activeCols: [Int] = []
      for i in 0..<m where rowActive[i] {
        for e in rowStart[i]..<rowStart[i + 1] where colActive[Int(rowCol[e])] {
          let j = Int(rowCol[e])
          if let at = nRowCols[i].firstIndex(of: Int32(j)) { nRowVals[i][at] += rowVal[e]; continue }
          nRowCols[i].append(Int32(j)); nRowVals[i].append(rowVal[e]); nColRows[j].append(Int32(i))
        }
      }
      for j in 0..<m where colActive[j] { activeCols.append(j) }
      var where_ = [Int](repeating: -1, count: m)
      func valueAt(_ i: Int, _ j: Int) -> Double {
        if let at = nRowCols[i].firstIndex(of: Int32(j)) { return nRowVals[i][at] }
        return 0
      }
      while k < m {
        // Candidate columns: the few with the smallest counts.
        var best: (r: Int, c: Int, cost: Int, mag: Double)? = nil
        var sorted = activeCols.filter { colActive[$0] }
        activeCols = sorted
        sorted.sort { nColRows[$0].count < nColRows[$1].count || (nColRows[$0].count == nColRows[$1].count && $0 < $1) }
        var examined = 0
        for c in sorted {
          if examined >= 4, best != nil { break }
          let rows = nColRows[c]
          if rows.isEmpty { continue }
          examined += 1
          var colMax = 0.0
          for i in rows { colMax = max(colMax, abs(valueAt(Int(i), c))) }
          if colMax < 1e-11 { continue }
          for i32 in rows {
            let i = Int(i32), a = abs(valueAt(i, c))
            guard a >= 0.1 * colMax else { continue }
            let cost = (nRowCols[i].count - 1) * (rows.count - 1)
            if best == nil || cost < best!.cost || (cost == best!.cost && a > best!.mag) { best = (i, c, cost, a) }
          }
        }
        guard let (r, c, _, _) = best else { break }
        let v = valueAt(r, c)
        record(r, c, v)
        // U row: the pivot row without the pivot.
        let pr = nRowCols[r], pv = nRowVals[r]
        for t in pr.indices where Int(pr[t]) != c { uCol.append(pr[t]); uVal.append(pv[t]) }
        // Remove the pivot row from column patterns.
        for j32 in pr { let j = Int(j32); if let at = nColRows[j].firstIndex(of: Int32(r)) { nColRows[j].remove(at: at) } }
        // Eliminate the pivot column from the other rows.
        for i32 in nColRows[c] {
          let i = Int(i32)
          guard let at = nRowCols[i].firstIndex(of: Int32(c)) else { continue }
          let l = nRowVals[i][at] / v
          nRowCols[i].remove(at: at); nRowVals[i].remove(at: at)
          lRow.append(i32); lVal.append(l)
          for t in nRowCols[i].indices { where_[Int(nRowCols[i][t])] = t }
          for t in pr.indices {
            let j = Int(pr[t]); if j == c { continue }
            let w = where_[j]
            if w >= 0 { nRowVals[i][w] -= l * pv[t] } else {
              nRowCols[i].append(Int32(j)); nRowVals[i].append(-l * pv[t]); nColRows[j].append(i32)
              where_[j] = nRowCols[i].count - 1
            }
          }
          for j32 in nRowCols[i] { where_[Int(j32)] = -1 }
        }
        nColRows[c] = []; nRowCols[r] = []; nRowVals[r] = []
        rowActive[r] = false; colActive[c] = false
        lPivotStart.append(lRow.count); uPivotStart.append(uCol.count); k += 1
      }
      if k < m {
        for p in 0..<m where colActive[p] { singular.positions.append(p) }
        for i in 0..<m where rowActive[i] { singular.rows.append(i) }
        // Complete the pivot sequence with unit pivots so the structure stays valid.
        for (p, i) in zip(singular.positions, singular.rows) {
          record(i, p, 1); lPivotStart.append(lRow.count); uPivotStart.append(uCol.count); k += 1
        }
        return singular
      }
    }
    // L column-wise in pivot space.
    lcStart[0] = 0
    lcIndex = [Int32](repeating: 0, count: lRow.count); lcValue = lVal
    for p in 0..<m {
      lcStart[p + 1] = lPivotStart[p + 1]
      for e in lPivotStart[p]..<lPivotStart[p + 1] { lcIndex[e] = rPiv[Int(lRow[e])] }
    }
    (lrStart, lrIndex, lrValue) = Self.transpose(m: m, start: lcStart, index: lcIndex, value: lcValue)
    urStart = uPivotStart
    urIndex = [Int32](repeating: 0, count: uCol.count); urValue = uVal
    for e in 0..<uCol.count { urIndex[e] = cPiv[Int(uCol[e])] }
    (ucStart, ucIndex, ucValue) = Self.transpose(m: m, start: urStart, index: urIndex, value: urValue)
    factorNonzeros = lcIndex.count + urIndex.count + m
    return singular
  }

  private static func transpose(m: Int, start: [Int], index: [Int32], value: [Double]) -> ([Int], [Int32], [Double]) {
    var s = [Int](repeating: 0, count: m + 1)
    for e in 0..<index.count { s[Int(index[e]) + 1] += 1 }
    for i in 0..<m { s[i + 1] += s[i] }
    var fill = s
    var idx = [Int32](repeating: 0, count: index.count), val = [Double](repeating: 0, count: index.count)
    for k in 0..<m {
      for e in start[k]..<start[k + 1] {
        let i = Int(index[e]); idx[fill[i]] = Int32(k); val[fill[i]] = value[e]; fill[i] += 1
      }
    }
    return (s, idx, val)
  }

  /// Appends the eta column of a basis change: position `p` now holds the column whose FTRAN is `alpha`.
  mutating func update(position p: Int, alpha: SparseVector) {
    etaPos.append(Int32(p)); etaPivot.append(alpha.values[p])
    for t in 0..<alpha.count {
      let i = Int(alpha.index[t])
      if i != p && alpha.values[i] != 0 { etaIndex.append(Int32(i)); etaValue.append(alpha.values[i]) }
    }
    etaStart.append(etaIndex.count)
  }

  // MARK: Solves

  /// Depth-first search over a pivot-space graph from the listed nodes; leaves the reach in
  /// `order[0..<count]` in topological order (a node before every node it updates).
  private mutating func reach(starts: UnsafeBufferPointer<Int32>, startCount: Int, adjStart: [Int], adjIndex: [Int32]) -> Int {
    stamp &+= 1
    if stamp == 0 { for i in 0..<m { mark[i] = 0 }; stamp = 1 }
    var out = m  // fill `order` from the back with postorder, so it ends in reverse postorder
    adjStart.withUnsafeBufferPointer { aS in
      adjIndex.withUnsafeBufferPointer { aI in
        mark.withUnsafeMutableBufferPointer { mk in
          stackNode.withUnsafeMutableBufferPointer { sn in
            stackEdge.withUnsafeMutableBufferPointer { se in
              order.withUnsafeMutableBufferPointer { od in
                for t in 0..<startCount {
                  let s = Int(starts[t])
                  if mk[s] == stamp { continue }
                  mk[s] = stamp
                  var top = 0; sn[0] = Int32(s); se[0] = aS[s]
                  while top >= 0 {
                    let node = Int(sn[top]); var e = se[top]; let end = aS[node + 1]
                    var pushed = false
                    while e < end {
                      let nb = Int(aI[e]); e += 1
                      if mk[nb] != stamp {
                        mk[nb] = stamp; se[top] = e
                        top += 1; sn[top] = Int32(nb); se[top] = aS[nb]; pushed = true; break
                      }
                    }
                    if !pushed { out -= 1; od[out] = Int32(node); top -= 1 }
                  }
                }
              }
            }
          }
        }
      }
    }
    // Move to the front.
    let n = m - out
    for t in 0..<n { order[t] = order[out + t] }
    return n
  }

  /// Solves `B x = a` in place: on entry `v` holds `a` indexed by row, on return `x` indexed by basis position.
  ///
  /// - Parameter expectedCount: The caller's estimate of the result's nonzeros; see `btran`.
  mutating func ftran(_ v: inout SparseVector, expectedCount: Int = 0) {
    let hyper = v.count < m / 10 && expectedCount < m / 10
    // Permute rows into pivot space.
    if hyper {
      for t in 0..<v.count {
        let i = Int(v.index[t]); let k = Int(rowPivot[i]); work[k] = v.values[i]; v.values[i] = 0; v.index[t] = Int32(k)
      }
      let n = v.index.withUnsafeBufferPointer { reach(starts: $0, startCount: v.count, adjStart: lcStart, adjIndex: lcIndex) }
      for t in 0..<n {
        let k = Int(order[t]); let x = work[k]
        if x != 0 { for e in lcStart[k]..<lcStart[k + 1] { work[Int(lcIndex[e])] -= lcValue[e] * x } }
      }
      // Starting set for U: the reach of L.
      for t in 0..<n { v.index[t] = order[t] }
      let n2 = v.index.withUnsafeBufferPointer { reach(starts: $0, startCount: n, adjStart: ucStart, adjIndex: ucIndex) }
      var c = 0
      for t in 0..<n2 {
        let k = Int(order[t]); var x = work[k]; work[k] = 0
        if x != 0 {
          x /= diag[k]
          for e in ucStart[k]..<ucStart[k + 1] { work[Int(ucIndex[e])] -= ucValue[e] * x }
          if abs(x) > 1e-14 { let p = Int(pivotCol[k]); v.values[p] = x; v.index[c] = Int32(p); c += 1 }
        }
      }
      v.count = c
    } else {
      for t in 0..<v.count { let i = Int(v.index[t]); work[Int(rowPivot[i])] = v.values[i]; v.values[i] = 0 }
      work.withUnsafeMutableBufferPointer { w in
        for k in 0..<m {
          let x = w[k]
          if x != 0 { for e in lcStart[k]..<lcStart[k + 1] { w[Int(lcIndex[e])] -= lcValue[e] * x } }
        }
        var k = m - 1
        while k >= 0 {
          var x = w[k]
          if x != 0 {
            x /= diag[k]; w[k] = x
            for e in ucStart[k]..<ucStart[k + 1] { w[Int(ucIndex[e])] -= ucValue[e] * x }
          }
          k -= 1
        }
      }
      var c = 0
      for k in 0..<m {
        let x = work[k]
        if x != 0 { work[k] = 0; if abs(x) > 1e-14 { let p = Int(pivotCol[k]); v.values[p] = x; v.index[c] = Int32(p); c += 1 } }
      }
      v.count = c
    }
    // Eta file, oldest first.
    for q in 0..<etaPos.count {
      let p = Int(etaPos[q]); var x = v.values[p]
      if x == 0 { continue }
      x /= etaPivot[q]; v.values[p] = x
      for e in etaStart[q]..<etaStart[q + 1] {
        let i = Int(etaIndex[e]); let old = v.values[i]
        if old == 0 { v.index[v.count] = Int32(i); v.count += 1 }
        let nv = old - etaValue[e] * x
        v.values[i] = nv == 0 ? 1e-300 : nv
      }
    }
    if !etaPos.isEmpty { v.prune() }
  }

  /// Solves `B^T y = e` in place: on entry `v` holds `e` indexed by basis position, on return `y` indexed by row.
  ///
  /// - Parameter expectedCount: The caller's estimate of the result's nonzeros (for example the
  ///   average of recent solves); above a tenth of `m` the dense sweep is used, since the
  ///   depth-first searches of the hypersparse path would then cost more than they save.
  mutating func btran(_ v: inout SparseVector, expectedCount: Int = 0) {
    // Eta file, newest first.
    var q = etaPos.count - 1
    while q >= 0 {
      let p = Int(etaPos[q]); var s = 0.0
      for e in etaStart[q]..<etaStart[q + 1] { s += etaValue[e] * v.values[Int(etaIndex[e])] }
      let old = v.values[p]
      if s != 0 || old != 0 {
        let nv = (old - s) / etaPivot[q]
        if old == 0 { v.index[v.count] = Int32(p); v.count += 1 }
        v.values[p] = nv == 0 ? 1e-300 : nv
      }
      q -= 1
    }
    let hyper = v.count < m / 10 && expectedCount < m / 10
    if hyper {
      for t in 0..<v.count {
        let p = Int(v.index[t]); let k = Int(colPivot[p]); work[k] = v.values[p]; v.values[p] = 0; v.index[t] = Int32(k)
      }
      let n = v.index.withUnsafeBufferPointer { reach(starts: $0, startCount: v.count, adjStart: urStart, adjIndex: urIndex) }
      for t in 0..<n {
        let k = Int(order[t]); var x = work[k]
        if x != 0 {
          x /= diag[k]; work[k] = x
          for e in urStart[k]..<urStart[k + 1] { work[Int(urIndex[e])] -= urValue[e] * x }
        }
      }
      for t in 0..<n { v.index[t] = order[t] }
      let n2 = v.index.withUnsafeBufferPointer { reach(starts: $0, startCount: n, adjStart: lrStart, adjIndex: lrIndex) }
      var c = 0
      for t in 0..<n2 {
        let k = Int(order[t]); let x = work[k]; work[k] = 0
        if x != 0 {
          for e in lrStart[k]..<lrStart[k + 1] { work[Int(lrIndex[e])] -= lrValue[e] * x }
          if abs(x) > 1e-14 { let i = Int(pivotRow[k]); v.values[i] = x; v.index[c] = Int32(i); c += 1 }
        }
      }
      v.count = c
    } else {
      for t in 0..<v.count { let p = Int(v.index[t]); work[Int(colPivot[p])] = v.values[p]; v.values[p] = 0 }
      work.withUnsafeMutableBufferPointer { w in
        for k in 0..<m {
          var x = w[k]
          if x != 0 {
            x /= diag[k]; w[k] = x
            for e in urStart[k]..<urStart[k + 1] { w[Int(urIndex[e])] -= urValue[e] * x }
          }
        }
        var k = m - 1
        while k >= 0 {
          let x = w[k]
          if x != 0 { for e in lrStart[k]..<lrStart[k + 1] { w[Int(lrIndex[e])] -= lrValue[e] * x } }
          k -= 1
        }
      }
      var c = 0
      for k in 0..<m {
        let x = work[k]
        if x != 0 { work[k] = 0; if abs(x) > 1e-14 { let i = Int(pivotRow[k]); v.values[i] = x; v.index[c] = Int32(i); c += 1 } }
      }
      v.count = c
    }
  }
}
