/// Why an exact inventory optimisation could not be carried out, as a sentence a user can act on.
public enum OptimizationError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The demand distribution has no positive mean (nothing to optimise) or no usable support.
  case degenerateDemand(String)
  /// The demand's support (values with probability above the tail tolerance) is too wide to tabulate.
  case demandTooWide(support: Int, limit: Int)
  /// A cost parameter is negative or not finite.
  case invalidCost(name: String, value: Double)
  /// A lead time or review period outside the supported range.
  case invalidPeriod(name: String, value: Int, range: ClosedRange<Int>)
  /// The exact dynamic programme would need more states than the limit.
  case stateSpaceTooLarge(states: Double, limit: Int)
  /// Value iteration did not reach its tolerance.
  case notConverged(iterations: Int, gap: Double)
  /// The search for the best levels left the range of representable stock levels.
  case searchDiverged(String)

  /// One sentence.
  public var description: String {
    switch self {
    case let .degenerateDemand(why): return "demand \(why)"
    case let .demandTooWide(support, limit):
      return "the demand distribution spreads over \(support) values, more than the \(limit) an exact method tabulates; use the simulation search instead"
    case let .invalidCost(name, value): return "\(name) is \(value); it must be a finite number ≥ 0"
    case let .invalidPeriod(name, value, range): return "\(name) is \(value); the exact method needs \(range.lowerBound) to \(range.upperBound)"
    case let .stateSpaceTooLarge(states, limit):
      return "the exact problem has about \(Self.count(states)) states (on hand × pipeline), more than the limit of \(Self.count(Double(limit))); shorten the lead time or use a heuristic policy"
    case let .notConverged(iterations, gap):
      return "value iteration did not converge in \(iterations) iterations (cost bounds still \(gap) apart)"
    case let .searchDiverged(why): return why
    }
  }

  /// Throws `invalidCost` for the first named cost that is negative or not finite.
  static func checkCosts(_ costs: [(name: String, value: Double)]) throws(OptimizationError) {
    for (name, value) in costs where !(value.isFinite && value >= 0) { throw .invalidCost(name: name, value: value) }
  }

  static func count(_ x: Double) -> String {
    guard x.isFinite, x < 1e15 else { return "\(x)" }
    var digits = String(Int64(x.rounded()))
    var out = ""
    while digits.count > 3 { out = "," + digits.suffix(3) + out; digits.removeLast(3) }
    return digits + out
  }
}
