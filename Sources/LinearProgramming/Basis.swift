/// Where a variable or a constraint's logical (slack) sits in a simplex basis.
public enum BasisStatus: String, Sendable, Codable, Equatable {
  /// In the basis; its value is determined by the others.
  case basic
  /// Nonbasic at its lower bound.
  case atLower
  /// Nonbasic at its upper bound.
  case atUpper
  /// Nonbasic free variable held at zero.
  case free
}

/// A simplex basis: one status per variable and one per constraint (for the constraint's logical).
///
/// A solve returns its final basis in `LPSolution.basis`; pass it as `warmStart` to re-solve after
/// changing right-hand sides, bounds or costs (the dimensions must be unchanged). The logical of a
/// constraint is `atLower` when the row activity sits at its lower end (`>=` side), `atUpper` at its
/// upper end (`<=` side).
public struct Basis: Sendable, Codable, Equatable {
  /// Status of each variable, by variable index.
  public var variables: [BasisStatus]
  /// Status of each constraint's logical, by constraint index.
  public var constraints: [BasisStatus]

  /// Creates a basis from explicit statuses.
  ///
  /// - Parameters:
  ///   - variables: One status per variable.
  ///   - constraints: One status per constraint.
  public init(variables: [BasisStatus], constraints: [BasisStatus]) {
    self.variables = variables; self.constraints = constraints
  }

  /// The number of basic entries (a valid basis has one per constraint).
  public var basicCount: Int {
    variables.reduce(0) { $0 + ($1 == .basic ? 1 : 0) } + constraints.reduce(0) { $0 + ($1 == .basic ? 1 : 0) }
  }
}
