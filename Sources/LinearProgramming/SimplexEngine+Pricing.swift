/// Hypersparse selection of the leaving row for the dual simplex (after Hall & McKinnon 2005).
///
/// A full scan keeps the best `capacity` rows by dual steepest-edge merit in a candidate list and
/// remembers the best merit it left out. Afterwards only rows whose value or weight changed can have
/// overtaken that bound, so they join the list; while the list's best beats the bound it is the
/// true maximum, and a full scan is needed only when it does not.
///
/// - SeeAlso: J. Hall, K. McKinnon (2005), Comput. Optim. Appl. 32, 259–283.
struct LeavingRowCandidates {
  var list: [Int32] = []
  var listed: [Bool]
  /// The largest merit of any unlisted row at the last full scan (rows changed since are listed).
  var bound = Double.infinity
  var valid = false
  let capacity = 256
  var heapScore: [Double] = [], heapPos: [Int32] = []

  init(dimension m: Int) { listed = [Bool](repeating: false, count: m) }

  /// Marks position `p` as changed since the last scan.
  mutating func note(_ p: Int) {
    if valid && !listed[p] { listed[p] = true; list.append(Int32(p)) }
  }

  mutating func invalidate() { valid = false }
}

extension SimplexEngine {
  /// The dual steepest-edge merit `infeasibility^2 / weight` of position `p` (0 when feasible).
  @inline(__always)
  func merit(_ p: Int) -> Double {
    let j = Int(basic[p]); let v = x[j], tol = options.primalTolerance
    var infeas = lower[j] - v
    if infeas <= tol { infeas = v - upper[j]; if infeas <= tol { return 0 } }
    return infeas * infeas / weight[p]
  }

  /// Full scan: rebuilds the candidate list with the best rows and the bound on the rest.
  mutating func scanAllRows() {
    var c = leaving
    for p in c.list { c.listed[Int(p)] = false }
    c.list.removeAll(keepingCapacity: true)
    c.heapScore.removeAll(keepingCapacity: true); c.heapPos.removeAll(keepingCapacity: true)
    var bound = 0.0
    let cap = c.capacity
    for p in 0..<m {
      let s = merit(p)
      if s == 0 { continue }
      if c.heapScore.count < cap {
        // Sift up in a min-heap.
        var i = c.heapScore.count; c.heapScore.append(s); c.heapPos.append(Int32(p))
        while i > 0 {
          let parent = (i - 1) / 2
          if c.heapScore[parent] <= c.heapScore[i] { break }
          c.heapScore.swapAt(parent, i); c.heapPos.swapAt(parent, i); i = parent
        }
      } else if s > c.heapScore[0] {
        bound = max(bound, c.heapScore[0])
        c.heapScore[0] = s; c.heapPos[0] = Int32(p)
        var i = 0
        while true {
          let l = 2 * i + 1, r = l + 1
          var small = i
          if l < cap && c.heapScore[l] < c.heapScore[small] { small = l }
          if r < cap && c.heapScore[r] < c.heapScore[small] { small = r }
          if small == i { break }
          c.heapScore.swapAt(small, i); c.heapPos.swapAt(small, i); i = small
        }
      } else {
        bound = max(bound, s)
      }
    }
    for p in c.heapPos { c.list.append(p); c.listed[Int(p)] = true }
    c.bound = bound
    c.valid = true
    leaving = c
  }

  /// The leaving position by dual steepest edge, using the candidate list; -1 when primal feasible.
  mutating func chooseLeavingRowFast() -> Int {
    var scanned = false
    if !leaving.valid || leaving.list.count > 4 * leaving.capacity { scanAllRows(); scanned = true }
    while true {
      var best = -1, bestScore = 0.0
      var kept = 0
      for t in 0..<leaving.list.count {
        let p = Int(leaving.list[t]); let s = merit(p)
        if s == 0 { leaving.listed[p] = false; continue }
        leaving.list[kept] = Int32(p); kept += 1
        if s > bestScore { bestScore = s; best = p }
      }
      leaving.list.removeLast(leaving.list.count - kept)
      if best >= 0 && bestScore >= leaving.bound { return best }
      if scanned { return best }
      scanAllRows(); scanned = true
    }
  }
}
