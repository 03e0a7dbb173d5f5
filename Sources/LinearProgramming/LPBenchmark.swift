/// Times the simplex solver on a replenishment instance: a cold solve, then a warm re-solve after a
/// one-day demand change. `supplysim bench lp` prints these figures; build with `-c release`.
package enum LPBenchmark {
  /// Timings and results of one benchmark run.
  package struct Result: Sendable, Codable, Equatable {
    /// The instance name.
    package var name: String
    /// Number of LP variables.
    package var variables: Int
    /// Number of LP constraints.
    package var constraints: Int
    /// Seconds to build the LP from the instance data (not included in `coldSeconds`).
    package var buildSeconds: Double
    /// Seconds for the cold solve (crash basis included).
    package var coldSeconds: Double
    /// Status of the cold solve.
    package var coldStatus: LPStatus
    /// Optimal objective of the cold solve.
    package var objective: Double
    /// Simplex iterations of the cold solve.
    package var iterations: Int
    /// Seconds for the warm re-solve after the demand change.
    package var warmSeconds: Double
    /// Status of the warm re-solve.
    package var warmStatus: LPStatus
    /// Objective of the warm re-solve (of the changed problem).
    package var warmObjective: Double
    /// Simplex iterations of the warm re-solve.
    package var warmIterations: Int
    /// Seconds for a warm solve of the next day of a rolling horizon (demand and capacity shifted
    /// one period earlier, last period repeated) from the shifted cold basis.
    package var rollingSeconds: Double
    /// Status of the rolling re-solve.
    package var rollingStatus: LPStatus
    /// Objective of the rolling re-solve.
    package var rollingObjective: Double
    /// Simplex iterations of the rolling re-solve.
    package var rollingIterations: Int
  }

  /// Solves the instance cold (`ReplenishmentLP.solve`, crash start), raises every SKU's period-1
  /// demand by `demandIncrease` (relative) and re-solves from the cold solve's final basis, then
  /// solves the next day of a rolling horizon from the shifted cold basis.
  ///
  /// - Parameters:
  ///   - instance: The instance data (for example a decoded `LP-1_*.json` fixture).
  ///   - demandIncrease: Relative change of period-1 demand for the warm re-solve. Default 0.05.
  ///   - repetitions: Each solve is repeated this many times and its fastest time reported (as the
  ///     reference figures are minima of 3). Default 1.
  ///   - options: Simplex options for all solves.
  /// - Returns: Seconds, objectives and iteration counts of the three solves.
  /// - Complexity: One cold and two warm solves per repetition.
  package static func run(_ instance: ReplenishmentInstance, demandIncrease: Double = 0.05, repetitions: Int = 1,
                         options: SimplexOptions = SimplexOptions()) -> Result {
    let clock = ContinuousClock()
    var lp = LinearProgram()
    let build = clock.measure { lp = ReplenishmentLP.make(instance) }
    var cold: LPSolution? = nil
    let coldTime = (0..<max(1, repetitions)).map { _ in
      clock.measure { cold = ReplenishmentLP.solve(lp, instance: instance, options: options) }
    }.min()!
    // The next day: demand and capacity shifted one period earlier, the last period repeated.
    var next = instance
    for k in 0..<instance.K { next.demand[k] = Array(instance.demand[k].dropFirst()) + [instance.demand[k][instance.T - 1]] }
    next.capacity = Array(instance.capacity.dropFirst()) + [instance.capacity[instance.T - 1]]
    let nextLP = ReplenishmentLP.make(next)
    let shifted = ReplenishmentLP.shiftedBasis(cold!.basis, skus: instance.K, periods: instance.T)
    var rolling: LPSolution? = nil
    let rollingTime = (0..<max(1, repetitions)).map { _ in
      clock.measure { rolling = nextLP.solve(warmStart: shifted, options: options) }
    }.min()!
    var changed = instance
    for k in 0..<instance.K { changed.demand[k][0] *= 1 + demandIncrease }
    for k in 0..<instance.K {
      lp.setRHS(ReplenishmentLP.balanceRow(sku: k, period: 1, periods: instance.T), ReplenishmentLP.balanceRHS(changed, sku: k, period: 1))
    }
    var warm: LPSolution? = nil
    let warmTime = (0..<max(1, repetitions)).map { _ in
      clock.measure { warm = lp.solve(warmStart: cold!.basis, options: options) }
    }.min()!
    return Result(name: instance.name, variables: lp.variableCount, constraints: lp.constraintCount,
                  buildSeconds: seconds(build), coldSeconds: seconds(coldTime), coldStatus: cold!.status,
                  objective: cold!.objective, iterations: cold!.iterations, warmSeconds: seconds(warmTime),
                  warmStatus: warm!.status, warmObjective: warm!.objective, warmIterations: warm!.iterations,
                  rollingSeconds: seconds(rollingTime), rollingStatus: rolling!.status,
                  rollingObjective: rolling!.objective, rollingIterations: rolling!.iterations)
  }

  /// A duration in seconds.
  static func seconds(_ d: Duration) -> Double {
    Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
  }
}
