/// Times the simplex solver on a replenishment instance: a cold solve, then a warm re-solve after a
/// one-day demand change. `supplysim bench lp` prints these figures; build with `-c release`.
public enum LPBenchmark {
  /// Timings and results of one benchmark run.
  public struct Result: Sendable, Codable, Equatable {
    /// The instance name.
    public var name: String
    /// Number of LP variables.
    public var variables: Int
    /// Number of LP constraints.
    public var constraints: Int
    /// Seconds to build the LP from the instance data (not included in `coldSeconds`).
    public var buildSeconds: Double
    /// Seconds for the cold solve (crash basis included).
    public var coldSeconds: Double
    /// Status of the cold solve.
    public var coldStatus: LPStatus
    /// Optimal objective of the cold solve.
    public var objective: Double
    /// Simplex iterations of the cold solve.
    public var iterations: Int
    /// Seconds for the warm re-solve after the demand change.
    public var warmSeconds: Double
    /// Status of the warm re-solve.
    public var warmStatus: LPStatus
    /// Objective of the warm re-solve (of the changed problem).
    public var warmObjective: Double
    /// Simplex iterations of the warm re-solve.
    public var warmIterations: Int
  }

  /// Solves the instance cold, raises every SKU's period-1 demand by `demandIncrease` (relative),
  /// and re-solves from the cold solve's final basis.
  ///
  /// - Parameters:
  ///   - instance: The instance data (for example a decoded `LP-1_*.json` fixture).
  ///   - demandIncrease: Relative change of period-1 demand for the warm re-solve. Default 0.05.
  ///   - options: Simplex options for both solves.
  /// - Returns: Seconds, objectives and iteration counts of both solves.
  public static func run(_ instance: ReplenishmentInstance, demandIncrease: Double = 0.05,
                         options: SimplexOptions = SimplexOptions()) -> Result {
    let clock = ContinuousClock()
    var lp = LinearProgram()
    let build = clock.measure { lp = ReplenishmentLP.make(instance) }
    var cold: LPSolution? = nil
    let coldTime = clock.measure { cold = ReplenishmentLP.solve(lp, instance: instance, options: options) }
    var changed = instance
    for k in 0..<instance.K { changed.demand[k][0] *= 1 + demandIncrease }
    for k in 0..<instance.K {
      lp.setRHS(ReplenishmentLP.balanceRow(sku: k, period: 1, periods: instance.T), ReplenishmentLP.balanceRHS(changed, sku: k, period: 1))
    }
    var warm: LPSolution? = nil
    let warmTime = clock.measure { warm = lp.solve(warmStart: cold!.basis, options: options) }
    return Result(name: instance.name, variables: lp.variableCount, constraints: lp.constraintCount,
                  buildSeconds: seconds(build), coldSeconds: seconds(coldTime), coldStatus: cold!.status,
                  objective: cold!.objective, iterations: cold!.iterations, warmSeconds: seconds(warmTime),
                  warmStatus: warm!.status, warmObjective: warm!.objective, warmIterations: warm!.iterations)
  }

  /// A duration in seconds.
  static func seconds(_ d: Duration) -> Double {
    Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
  }
}
