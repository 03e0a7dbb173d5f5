/// What an optimiser found.
public struct OptimizationResult: Sendable, Equatable {
  /// The best point found.
  public var x: [Double]
  /// The objective at `x`.
  public var value: Double
  /// Iterations taken.
  public var iterations: Int
  /// Objective evaluations used (gradient evaluations by differences included).
  public var evaluations: Int
  /// True when a convergence test passed; false when a budget ran out first.
  public var converged: Bool
  /// Which test stopped the run.
  public var message: String

  /// Creates a result.
  public init(x: [Double], value: Double, iterations: Int, evaluations: Int, converged: Bool, message: String) {
    self.x = x; self.value = value; self.iterations = iterations
    self.evaluations = evaluations; self.converged = converged; self.message = message
  }
}
