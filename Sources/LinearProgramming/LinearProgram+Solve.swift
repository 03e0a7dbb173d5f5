extension LinearProgram {
  /// Solves the LP relaxation (integrality ignored) by the bounded revised simplex method.
  ///
  /// The method: install the warm-start basis (or the slack basis), factorise it (sparse LU,
  /// Markowitz), make it dual feasible by bound flips and cost shifts, run the dual simplex to
  /// primal feasibility (this is the phase 1; it also proves infeasibility), then remove the shifts
  /// and, if reduced costs have the wrong sign, finish with the primal simplex (which proves
  /// unboundedness). After a change of right-hand sides or bounds the previous basis stays dual
  /// feasible, so a warm start costs only the few dual iterations needed to restore feasibility;
  /// after a change of costs it stays primal feasible and the primal simplex finishes.
  ///
  /// - Parameters:
  ///   - warmStart: A basis from an earlier solve of a program with the same dimensions, or nil.
  ///     A basis with the wrong number of basic entries or a singular one is repaired with logicals.
  ///   - options: Tolerances and limits.
  /// - Returns: The solution; `status` says whether it is optimal, infeasible, unbounded or cut
  ///   short by the iteration limit. Never throws: an infeasible LP is a result.
  /// - Complexity: Exponential in the worst case, typically a small multiple of the row count in iterations.
  public func solve(warmStart: Basis? = nil, options: SimplexOptions = SimplexOptions()) -> LPSolution {
    var engine = SimplexEngine(program: self, options: options)
    engine.install(warmStart)
    let (status, message) = engine.run()
    return engine.solution(for: self, status: status, message: message)
  }
}

extension SimplexEngine {
  /// Alternates dual and primal phases until both feasibilities hold, or a status is proven.
  mutating func run() -> (LPStatus, String) {
    for _ in 0..<8 {
      makeDualFeasible()
      switch dualPhase() {
      case .infeasible:
        return (.infeasible, "infeasible: the dual simplex found a row that no nonbasic column can repair (dual ray) after \(iterations) iterations")
      case .iterationLimit:
        return (.iterationLimit, "iteration limit \(options.iterationLimit) reached in the dual simplex")
      default: break
      }
      if costsModified { workCost = cost; costsModified = false; computeDuals() }
      if dualInfeasibility() > options.dualTolerance {
        for j in 0..<m { weight[j] = 1 }
        switch primalPhase() {
        case .unbounded:
          return (.unbounded, "unbounded: the primal simplex found an improving ray with no blocking bound after \(iterations) iterations")
        case .iterationLimit:
          return (.iterationLimit, "iteration limit \(options.iterationLimit) reached in the primal simplex")
        default: break
        }
      }
      refactor()
      if primalInfeasibility() <= options.primalTolerance * 10 && dualInfeasibility() <= options.dualTolerance * 10 {
        return (.optimal, "optimal after \(iterations) iterations")
      }
    }
    return (.iterationLimit, "no convergence: primal/dual infeasibilities \(primalInfeasibility()), \(dualInfeasibility()) remain after \(iterations) iterations")
  }

  /// Packs the engine state into a solution in the program's own sense.
  func solution(for program: LinearProgram, status: LPStatus, message: String) -> LPSolution {
    let sign: Double = program.sense == .maximize ? -1 : 1
    let values = Array(x[0..<n])
    var duals = [Double](repeating: 0, count: m), reduced = [Double](repeating: 0, count: n)
    for i in 0..<m { duals[i] = sign * -(d[n + i] - workCost[n + i]) }
    for j in 0..<n { reduced[j] = sign * d[j] }
    var activities = [Double](repeating: 0, count: m)
    for i in 0..<m {
      var s = 0.0
      for e in rowStart[i]..<rowStart[i + 1] { s += rowVal[e] * x[Int(rowCol[e])] }
      activities[i] = s
    }
    func columnStatus(_ j: Int) -> BasisStatus {
      switch state[j] {
      case .basic: return .basic
      case .atLower: return .atLower
      case .atUpper: return .atUpper
      case .free: return .free
      }
    }
    // A logical at its lower bound (-rowUpper) means the row sits at its upper end.
    func rowStatus(_ i: Int) -> BasisStatus {
      switch state[n + i] {
      case .atLower: return .atUpper
      case .atUpper: return .atLower
      case let s: return s == .basic ? .basic : .free
      }
    }
    let basis = Basis(variables: (0..<n).map(columnStatus), constraints: (0..<m).map(rowStatus))
    return LPSolution(status: status, objective: program.objectiveValue(values), values: values, duals: duals,
                      reducedCosts: reduced, rowActivities: activities, basis: basis, iterations: iterations,
                      message: message)
  }
}
