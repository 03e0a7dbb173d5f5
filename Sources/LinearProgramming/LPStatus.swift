/// How an LP or MIP solve ended. An infeasible or unbounded problem is a result, not an error.
public enum LPStatus: String, Sendable, Codable, Equatable {
  /// An optimal solution was found.
  case optimal
  /// No point satisfies every constraint and bound.
  case infeasible
  /// The objective can improve without limit.
  case unbounded
  /// The iteration or node limit was reached first.
  case iterationLimit
}
