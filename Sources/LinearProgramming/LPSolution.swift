/// The result of an LP solve. An infeasible or unbounded problem is reported in `status`, not thrown.
public struct LPSolution: Sendable, Equatable {
  /// How the solve ended.
  public var status: LPStatus
  /// The objective value in the program's own sense, including its offset (meaningful when optimal).
  public var objective: Double
  /// The value of each variable.
  public var values: [Double]
  /// The row prices: `duals[i]` is the rate of change of the objective per unit increase of
  /// constraint `i`'s right-hand side (in the program's own sense).
  public var duals: [Double]
  /// The reduced cost of each variable: `cost[j] - sum_i a[i][j] * duals[i]`.
  public var reducedCosts: [Double]
  /// The activity `sum(a[i][j] * x[j])` of each constraint.
  public var rowActivities: [Double]
  /// The final basis; pass it as `warmStart` to re-solve a modified program.
  public var basis: Basis
  /// Simplex iterations done (dual plus primal).
  public var iterations: Int
  /// A one-line human-readable account of the outcome.
  public var message: String
}

/// Tolerances and limits of the simplex method.
public struct SimplexOptions: Sendable, Equatable {
  /// Largest bound or row violation accepted as feasible.
  public var primalTolerance: Double = 1e-9
  /// Largest reduced-cost sign violation accepted as optimal.
  public var dualTolerance: Double = 1e-9
  /// Smallest pivot magnitude accepted by the ratio tests.
  public var pivotTolerance: Double = 1e-7
  /// Iteration limit over all phases.
  public var iterationLimit: Int = 10_000_000
  /// Basis updates between refactorisations.
  public var refactorInterval: Int = 100
  /// Seed of the cost perturbation used against stalling (deterministic).
  public var perturbationSeed: UInt64 = 0x5eed
  /// Dual pricing: exact dual steepest edge (one extra FTRAN per iteration) when true, a
  /// Devex-style approximation of the same weights when false.
  public var dualSteepestEdge: Bool = true
  /// Whether `ReplenishmentLP.solve` starts from its decomposition crash basis (true) or from the
  /// slack basis; `LinearProgram.solve` without a warm start always uses the slack basis.
  public var crash: Bool = true

  /// Creates options with the defaults above.
  public init() {}
}
