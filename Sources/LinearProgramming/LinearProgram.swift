/// A linear (or mixed-integer) program built incrementally: bounded variables, sparse rows, one objective.
///
/// Variables and constraints are addressed by the index their `add` call returned. Rows are stored
/// sparsely as parallel index/coefficient arrays; a term list may name a variable more than once, in
/// which case the coefficients are summed when the problem is solved.
///
/// ```swift
/// var lp = LinearProgram(sense: .minimize)
/// let x = lp.addVariable(name: "x", lower: 0, upper: 100, cost: 10)
/// let y = lp.addVariable(name: "y", cost: 20)
/// lp.addConstraint(name: "demand", terms: [(x, 1), (y, 1)], relation: .greaterOrEqual, rhs: 200)
/// let solution = lp.solve()
/// ```
///
/// For files, use `LPProblemFile` (JSON) or `MPSReader`/`MPSWriter`; the synthesised `Codable` of this
/// type writes infinite bounds as non-conforming floats, so a `JSONEncoder` needs a
/// `nonConformingFloatEncodingStrategy` for it.
public struct LinearProgram: Sendable, Codable, Equatable {
  /// Whether the objective is minimised or maximised.
  public enum Sense: String, Sendable, Codable, Equatable {
    /// Minimise the objective.
    case minimize = "min"
    /// Maximise the objective (solved as the minimisation of its negation).
    case maximize = "max"
  }

  /// The relation of a constraint's left-hand side to its right-hand side.
  public enum Relation: String, Sendable, Codable, Equatable {
    /// `terms <= rhs`.
    case lessOrEqual = "<="
    /// `terms >= rhs`.
    case greaterOrEqual = ">="
    /// `terms == rhs`.
    case equal = "="
  }

  /// One decision variable.
  public struct Variable: Sendable, Codable, Equatable {
    /// A name for reports and file formats; need not be unique.
    public var name: String
    /// The lower bound; `-Double.infinity` for none.
    public var lower: Double
    /// The upper bound; `Double.infinity` for none.
    public var upper: Double
    /// The objective coefficient.
    public var cost: Double
    /// Whether branch and bound must make the value integral (ignored by the LP solve).
    public var isInteger: Bool

    /// Creates a variable; see `LinearProgram.addVariable` for the meaning of each field.
    public init(name: String, lower: Double = 0, upper: Double = .infinity, cost: Double = 0, isInteger: Bool = false) {
      self.name = name; self.lower = lower; self.upper = upper; self.cost = cost; self.isInteger = isInteger
    }
  }

  /// One sparse linear constraint `sum(coefficients[k] * x[indices[k]]) relation rhs`.
  public struct Constraint: Sendable, Codable, Equatable {
    /// A name for reports and file formats.
    public var name: String
    /// Variable indices of the nonzero terms.
    public var indices: [Int]
    /// Coefficients, parallel to `indices`.
    public var coefficients: [Double]
    /// The relation to the right-hand side.
    public var relation: Relation
    /// The right-hand side.
    public var rhs: Double
    /// An MPS-style range `R`, or nil: with it, the row holds `lo <= terms <= hi` where
    /// `<=` gives `[rhs - |R|, rhs]`, `>=` gives `[rhs, rhs + |R|]`, and `=` gives `[rhs, rhs + R]` for
    /// `R >= 0` or `[rhs + R, rhs]` for `R < 0`.
    public var range: Double?

    /// Creates a constraint; see `LinearProgram.addConstraint`.
    public init(name: String, indices: [Int], coefficients: [Double], relation: Relation, rhs: Double, range: Double? = nil) {
      precondition(indices.count == coefficients.count, "indices (\(indices.count)) and coefficients (\(coefficients.count)) differ in length")
      self.name = name; self.indices = indices; self.coefficients = coefficients
      self.relation = relation; self.rhs = rhs; self.range = range
    }

    /// The interval `[lower, upper]` that the row activity must lie in (infinite ends for one-sided rows).
    public var activityBounds: (lower: Double, upper: Double) {
      switch (relation, range) {
      case (.lessOrEqual, nil): return (-.infinity, rhs)
      case (.greaterOrEqual, nil): return (rhs, .infinity)
      case (.equal, nil): return (rhs, rhs)
      case (.lessOrEqual, let r?): return (rhs - abs(r), rhs)
      case (.greaterOrEqual, let r?): return (rhs, rhs + abs(r))
      case (.equal, let r?): return r >= 0 ? (rhs, rhs + r) : (rhs + r, rhs)
      }
    }
  }

  /// Minimise or maximise.
  public var sense: Sense
  /// The variables, in index order.
  public var variables: [Variable]
  /// The constraints, in index order.
  public var constraints: [Constraint]
  /// A constant added to the objective value (for example from an MPS objective-row RHS).
  public var objectiveOffset: Double

  /// Creates an empty program.
  ///
  /// - Parameter sense: `.minimize` (default) or `.maximize`.
  public init(sense: Sense = .minimize) {
    self.sense = sense; self.variables = []; self.constraints = []; self.objectiveOffset = 0
  }

  /// The number of variables.
  public var variableCount: Int { variables.count }
  /// The number of constraints.
  public var constraintCount: Int { constraints.count }
  /// Whether any variable is marked integer.
  public var hasIntegers: Bool { variables.contains { $0.isInteger } }

  /// Adds a variable and returns its index.
  ///
  /// - Parameters:
  ///   - name: A name for reports; defaults to `x<index>`.
  ///   - lower: Lower bound, `-.infinity` for a free direction. Default 0.
  ///   - upper: Upper bound, `.infinity` for none. Default `.infinity`.
  ///   - cost: Objective coefficient. Default 0.
  ///   - isInteger: Whether branch and bound must make it integral. Default false.
  /// - Returns: The new variable's index.
  /// - Complexity: Amortised O(1).
  @discardableResult
  public mutating func addVariable(name: String? = nil, lower: Double = 0, upper: Double = .infinity,
                                   cost: Double = 0, isInteger: Bool = false) -> Int {
    precondition(!lower.isNaN && !upper.isNaN && lower <= upper, "variable bounds must satisfy lower <= upper, got [\(lower), \(upper)]")
    precondition(cost.isFinite, "cost must be finite, got \(cost)")
    variables.append(Variable(name: name ?? "x\(variables.count)", lower: lower, upper: upper, cost: cost, isInteger: isInteger))
    return variables.count - 1
  }

  /// Adds a binary variable (integer in `[0, 1]`) and returns its index.
  ///
  /// - Parameters:
  ///   - name: A name for reports.
  ///   - cost: Objective coefficient.
  /// - Returns: The new variable's index.
  @discardableResult
  public mutating func addBinary(name: String? = nil, cost: Double = 0) -> Int {
    addVariable(name: name, lower: 0, upper: 1, cost: cost, isInteger: true)
  }

  /// Adds the constraint `sum(coefficient * x[index]) relation rhs` and returns its index.
  ///
  /// - Parameters:
  ///   - name: A name for reports; defaults to `c<index>`.
  ///   - terms: `(variableIndex, coefficient)` pairs; zero coefficients are dropped.
  ///   - relation: `<=`, `>=` or `=`.
  ///   - rhs: The right-hand side.
  /// - Returns: The new constraint's index.
  /// - Complexity: O(terms.count).
  @discardableResult
  public mutating func addConstraint(name: String? = nil, terms: [(Int, Double)], relation: Relation, rhs: Double) -> Int {
    var indices: [Int] = []; indices.reserveCapacity(terms.count)
    var coefficients: [Double] = []; coefficients.reserveCapacity(terms.count)
    for (j, a) in terms where a != 0 {
      precondition(j >= 0 && j < variables.count, "constraint term names variable \(j), but there are \(variables.count) variables")
      precondition(a.isFinite, "coefficient of variable \(j) must be finite, got \(a)")
      indices.append(j); coefficients.append(a)
    }
    precondition(rhs.isFinite, "rhs must be finite, got \(rhs)")
    constraints.append(Constraint(name: name ?? "c\(constraints.count)", indices: indices, coefficients: coefficients,
                                  relation: relation, rhs: rhs))
    return constraints.count - 1
  }

  /// Replaces the right-hand side of a constraint (keeping its relation and range).
  ///
  /// - Parameters:
  ///   - row: The constraint index.
  ///   - rhs: The new right-hand side.
  public mutating func setRHS(_ row: Int, _ rhs: Double) { constraints[row].rhs = rhs }

  /// Replaces the bounds of a variable.
  ///
  /// - Parameters:
  ///   - variable: The variable index.
  ///   - lower: The new lower bound.
  ///   - upper: The new upper bound.
  public mutating func setBounds(_ variable: Int, lower: Double, upper: Double) {
    precondition(lower <= upper, "bounds must satisfy lower <= upper, got [\(lower), \(upper)]")
    variables[variable].lower = lower; variables[variable].upper = upper
  }

  /// Replaces the objective coefficient of a variable.
  ///
  /// - Parameters:
  ///   - variable: The variable index.
  ///   - cost: The new coefficient.
  public mutating func setCost(_ variable: Int, _ cost: Double) { variables[variable].cost = cost }

  /// The objective value of a point (including `objectiveOffset`), in the program's own sense.
  ///
  /// - Parameter values: One value per variable.
  /// - Returns: `offset + sum(cost * value)`.
  public func objectiveValue(_ values: [Double]) -> Double {
    var total = objectiveOffset
    for j in variables.indices { total += variables[j].cost * values[j] }
    return total
  }

  /// The largest violation of any bound or constraint by a point (0 when feasible).
  ///
  /// - Parameter values: One value per variable.
  /// - Returns: The maximum absolute violation.
  public func maximumViolation(_ values: [Double]) -> Double {
    var worst = 0.0
    for (j, v) in variables.enumerated() {
      worst = max(worst, v.lower - values[j], values[j] - v.upper)
    }
    for c in constraints {
      var activity = 0.0
      for k in c.indices.indices { activity += c.coefficients[k] * values[c.indices[k]] }
      let (lo, hi) = c.activityBounds
      worst = max(worst, lo - activity, activity - hi)
    }
    return worst
  }
}
