#if canImport(Glibc)
import Glibc
#endif

/// Limits and tolerances of branch and bound.
public struct MIPOptions: Sendable, Equatable {
  /// Nodes (LP solves in the tree) after which the search stops with the best solution so far.
  public var nodeLimit: Int = 100_000
  /// Stop when `(incumbent - bound) / max(1, |incumbent|)` is at most this.
  public var relativeGap: Double = 1e-6
  /// Stop when `incumbent - bound` is at most this.
  public var absoluteGap: Double = 1e-9
  /// A value within this of an integer counts as integral.
  public var integralityTolerance: Double = 1e-6
  /// Whether to run the rounding and diving heuristics at the root.
  public var heuristics: Bool = true
  /// Options of every LP solve.
  public var simplex = SimplexOptions()

  /// Creates options with the defaults above.
  public init() {}
}

/// The result of branch and bound.
public struct MIPSolution: Sendable, Equatable {
  /// `optimal` when the gap closed, `infeasible` when no integral point exists, `unbounded` when the
  /// LP relaxation is unbounded, `iterationLimit` when the node limit stopped the search.
  public var status: LPStatus
  /// The best integral solution's objective in the program's own sense (nil when none was found).
  public var objective: Double?
  /// The best integral solution (nil when none was found).
  public var values: [Double]?
  /// The best bound on the optimum proven by the search, in the program's own sense.
  public var bestBound: Double
  /// The final relative gap between `objective` and `bestBound` (infinity without a solution).
  public var gap: Double
  /// Nodes solved.
  public var nodes: Int
  /// Simplex iterations over all nodes.
  public var iterations: Int
  /// A one-line account of the outcome.
  public var message: String
}

extension LinearProgram {
  /// Solves the program with integrality by LP-based branch and bound.
  ///
  /// Best-bound search (ties: deeper node first) branching on the most fractional variable; each
  /// child LP is warm-started from its parent's final basis, so the dual simplex only repairs the one
  /// changed bound. At the root, simple rounding and a fix-and-resolve dive (fix the least fractional
  /// variable, re-solve warm, repeat) look for an early incumbent.
  ///
  /// - Parameter options: Node limit, gaps, tolerances, heuristics and simplex options.
  /// - Returns: The best solution with a proven bound; an infeasible MIP is a status, not an error.
  /// - Complexity: Exponential in the worst case.
  /// - SeeAlso: A. Land, A. Doig (1960), Econometrica 28(3), 497–520.
  public func solveMIP(options: MIPOptions = MIPOptions()) -> MIPSolution {
    let sign: Double = sense == .maximize ? -1 : 1
    let integers = variables.indices.filter { variables[$0].isInteger }
    let tol = options.integralityTolerance
    var work = self
    for j in integers {
      work.variables[j].lower = (work.variables[j].lower - tol).rounded(.up)
      work.variables[j].upper = (work.variables[j].upper + tol).rounded(.down)
      if work.variables[j].lower > work.variables[j].upper {
        return MIPSolution(status: .infeasible, objective: nil, values: nil, bestBound: .infinity * sign, gap: .infinity,
                           nodes: 0, iterations: 0, message: "infeasible: variable \(variables[j].name) has no integer in its bounds")
      }
    }
    struct Node { var bound: Double; var depth: Int; var lower: [Double]; var upper: [Double]; var basis: Basis? }
    var heap = NodeHeap<Node> { a, b in a.bound < b.bound || (a.bound == b.bound && a.depth > b.depth) }
    heap.push(Node(bound: -.infinity, depth: 0, lower: integers.map { work.variables[$0].lower },
                   upper: integers.map { work.variables[$0].upper }, basis: nil))
    var incumbent = Double.infinity, best: [Double]? = nil
    var nodes = 0, iterations = 0
    var rootBound = -Double.infinity
    func closeEnough(_ bound: Double) -> Bool {
      incumbent - bound <= max(options.absoluteGap, options.relativeGap * max(1, abs(incumbent)))
    }
    func fractional(_ values: [Double]) -> Int? {
      var pick: Int? = nil, bestScore = tol
      for j in integers {
        let f = values[j] - values[j].rounded(.down)
        let score = min(f, 1 - f)
        if score > bestScore { bestScore = score; pick = j }
      }
      return pick
    }
    func consider(_ values: [Double], _ objective: Double) {
      let z = sign * objective
      if z < incumbent && maximumViolation(values) <= 1e-6 { incumbent = z; best = values }
    }
    func apply(_ node: Node, to program: inout LinearProgram) {
      for (k, j) in integers.enumerated() { program.variables[j].lower = node.lower[k]; program.variables[j].upper = node.upper[k] }
    }
    var limited = false
    while let node = heap.pop() {
      if best != nil && closeEnough(node.bound) { heap.push(node); break }
      if nodes >= options.nodeLimit { heap.push(node); limited = true; break }
      nodes += 1
      apply(node, to: &work)
      let s = work.solve(warmStart: node.basis, options: options.simplex)
      iterations += s.iterations
      switch s.status {
      case .infeasible: continue
      case .unbounded:
        if nodes == 1 {
          return MIPSolution(status: .unbounded, objective: nil, values: nil, bestBound: -.infinity * sign, gap: .infinity,
                             nodes: nodes, iterations: iterations, message: "unbounded: the LP relaxation is unbounded")
        }
        continue
      case .iterationLimit: limited = true; continue
      case .optimal: break
      }
      let z = sign * s.objective
      if nodes == 1 { rootBound = z }
      if best != nil && closeEnough(z) { continue }
      guard let j = fractional(s.values) else {
        var rounded = s.values
        for i in integers { rounded[i] = rounded[i].rounded() }
        consider(rounded, objectiveValue(rounded))
        continue
      }
      if nodes == 1 && options.heuristics {
        var rounded = s.values
        for i in integers { rounded[i] = rounded[i].rounded() }
        consider(rounded, objectiveValue(rounded))
        iterations += dive(from: s, program: work, integers: integers, options: options, consider: consider)
      }
      let k = integers.firstIndex(of: j)!
      var down = node, up = node
      down.bound = z; up.bound = z; down.depth += 1; up.depth += 1; down.basis = s.basis; up.basis = s.basis
      down.upper[k] = s.values[j].rounded(.down)
      up.lower[k] = s.values[j].rounded(.up)
      if down.lower[k] <= down.upper[k] { heap.push(down) }
      if up.lower[k] <= up.upper[k] { heap.push(up) }
    }
    let openBound = heap.peek()?.bound ?? incumbent
    let bound = min(openBound, incumbent)
    let gap = best == nil ? Double.infinity : (incumbent - bound) / max(1, abs(incumbent))
    guard let values = best else {
      if limited {
        return MIPSolution(status: .iterationLimit, objective: nil, values: nil, bestBound: sign * max(bound, rootBound), gap: .infinity,
                           nodes: nodes, iterations: iterations, message: "node limit \(options.nodeLimit) reached without an integral solution")
      }
      return MIPSolution(status: .infeasible, objective: nil, values: nil, bestBound: sign * .infinity, gap: .infinity,
                         nodes: nodes, iterations: iterations, message: "infeasible: no integral point satisfies the constraints (\(nodes) nodes)")
    }
    let status: LPStatus = limited && !closeEnough(bound) ? .iterationLimit : .optimal
    let message = status == .optimal
      ? "optimal within gap \(gap) after \(nodes) nodes"
      : "node limit \(options.nodeLimit) reached; gap \(gap)"
    return MIPSolution(status: status, objective: objectiveValue(values), values: values, bestBound: sign * bound,
                       gap: max(0, gap), nodes: nodes, iterations: iterations, message: message)
  }

  /// Fix-and-resolve dive: repeatedly fixes the least fractional integer variable to its rounding
  /// and re-solves from the previous basis; reports integral points found. Returns the iterations used.
  private func dive(from start: LPSolution, program: LinearProgram, integers: [Int], options: MIPOptions,
                    consider: ([Double], Double) -> Void) -> Int {
    var program = program, current = start, iterations = 0
    let tol = options.integralityTolerance
    for _ in 0..<(2 * integers.count + 1) {
      var pick = -1, bestScore = 1.0
      for j in integers {
        let f = current.values[j] - current.values[j].rounded(.down)
        let score = min(f, 1 - f)
        if score > tol && score < bestScore { bestScore = score; pick = j }
      }
      if pick < 0 {
        var rounded = current.values
        for i in integers { rounded[i] = rounded[i].rounded() }
        consider(rounded, objectiveValue(rounded))
        return iterations
      }
      let v = current.values[pick]
      var next: LPSolution? = nil
      for target in [v.rounded(), v.rounded() == v.rounded(.down) ? v.rounded(.up) : v.rounded(.down)] {
        guard target >= program.variables[pick].lower, target <= program.variables[pick].upper else { continue }
        var trial = program
        trial.variables[pick].lower = target; trial.variables[pick].upper = target
        let s = trial.solve(warmStart: current.basis, options: options.simplex)
        iterations += s.iterations
        if s.status == .optimal { program = trial; next = s; break }
      }
      guard let found = next else { return iterations }
      current = found
    }
    return iterations
  }
}

/// A binary heap ordered by a caller-supplied "comes first" predicate.
struct NodeHeap<Element> {
  private var items: [Element] = []
  private let first: (Element, Element) -> Bool
  init(first: @escaping (Element, Element) -> Bool) { self.first = first }
  var isEmpty: Bool { items.isEmpty }
  func peek() -> Element? { items.first }
  mutating func push(_ e: Element) {
    items.append(e)
    var i = items.count - 1
    while i > 0 {
      let parent = (i - 1) / 2
      if !first(items[i], items[parent]) { break }
      items.swapAt(i, parent); i = parent
    }
  }
  mutating func pop() -> Element? {
    guard !items.isEmpty else { return nil }
    items.swapAt(0, items.count - 1)
    let top = items.removeLast()
    var i = 0
    while true {
      let l = 2 * i + 1, r = l + 1
      var f = i
      if l < items.count && first(items[l], items[f]) { f = l }
      if r < items.count && first(items[r], items[f]) { f = r }
      if f == i { break }
      items.swapAt(i, f); i = f
    }
    return top
  }
}
