import Parallelism

/// The data of one multi-period replenishment LP instance (the `LP-1` fixtures and the simulator's
/// rolling-horizon policy). Field names in JSON are snake_case as in the fixture files.
public struct ReplenishmentInstance: Sendable, Codable, Equatable {
  /// Instance name, e.g. `LP-1_K10_T30`.
  public var name: String
  /// Number of SKUs.
  public var K: Int
  /// Number of periods.
  public var T: Int
  /// Lead time in periods: an order placed in period `t` arrives in period `t + L`.
  public var L: Int
  /// Purchase cost per unit, by SKU.
  public var unitCost: [Double]
  /// Holding cost per unit-period of on-hand inventory, by SKU.
  public var holdingCost: [Double]
  /// Backlog cost per unit-period of unmet demand, by SKU.
  public var backlogCost: [Double]
  /// Demand by SKU then period (`demand[k][t-1]` for period `t`).
  public var demand: [[Double]]
  /// Shared ordering capacity per period (`capacity[t-1]` for period `t`).
  public var capacity: [Double]
  /// On-hand inventory at the start, by SKU.
  public var initialInventory: [Double]
  /// Backlog at the start, by SKU (zero when absent).
  public var initialBacklog: [Double]?
  /// Receipts already ordered: `pipeline[k][j]` arrives in period `j + 1` (absent: none).
  public var pipeline: [[Double]]?

  enum CodingKeys: String, CodingKey {
    case name, K, T, L, demand, capacity, pipeline
    case unitCost = "unit_cost", holdingCost = "holding_cost", backlogCost = "backlog_cost"
    case initialInventory = "initial_inventory", initialBacklog = "initial_backlog"
  }

  /// Creates an instance; see the properties for the meaning of each argument.
  public init(name: String = "replenishment", K: Int, T: Int, L: Int, unitCost: [Double], holdingCost: [Double],
              backlogCost: [Double], demand: [[Double]], capacity: [Double], initialInventory: [Double],
              initialBacklog: [Double]? = nil, pipeline: [[Double]]? = nil) {
    self.name = name; self.K = K; self.T = T; self.L = L; self.unitCost = unitCost; self.holdingCost = holdingCost
    self.backlogCost = backlogCost; self.demand = demand; self.capacity = capacity
    self.initialInventory = initialInventory; self.initialBacklog = initialBacklog; self.pipeline = pipeline
  }

  /// The fixture files' descriptive fields: read (so that a decoder that rejects unknown keys
  /// accepts them) and not kept.
  enum DescriptionKeys: String, CodingKey { case workload, note, seed }

  /// Decodes an instance and checks it (`problems()`), so that a decoded instance always builds.
  ///
  /// - Throws: `DecodingError` for a missing or mistyped field; `DecodingError.dataCorrupted`
  ///   whose description is the first problem, e.g. `demand[2]: must have T = 8 periods, got 7`.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    name = try c.decode(String.self, forKey: .name)
    K = try c.decode(Int.self, forKey: .K)
    T = try c.decode(Int.self, forKey: .T)
    L = try c.decode(Int.self, forKey: .L)
    unitCost = try c.decode([Double].self, forKey: .unitCost)
    holdingCost = try c.decode([Double].self, forKey: .holdingCost)
    backlogCost = try c.decode([Double].self, forKey: .backlogCost)
    demand = try c.decode([[Double]].self, forKey: .demand)
    capacity = try c.decode([Double].self, forKey: .capacity)
    initialInventory = try c.decode([Double].self, forKey: .initialInventory)
    initialBacklog = try c.decodeIfPresent([Double].self, forKey: .initialBacklog)
    pipeline = try c.decodeIfPresent([[Double]].self, forKey: .pipeline)
    let description = try decoder.container(keyedBy: DescriptionKeys.self)
    _ = try description.decodeIfPresent(String.self, forKey: .workload)
    _ = try description.decodeIfPresent(String.self, forKey: .note)
    _ = try description.decodeIfPresent(UInt64.self, forKey: .seed)
    if let first = problems().first {
      throw DecodingError.dataCorrupted(DecodingError.Context(codingPath: [], debugDescription: first.description))
    }
  }
}

/// Builds the multi-period replenishment LP:
///
///     min  sum_{k,t} unit_cost[k] q[k][t] + holding_cost[k] I[k][t] + backlog_cost[k] B[k][t]
///     s.t. I[k][t] - B[k][t] - I[k][t-1] + B[k][t-1] - q[k][t-L] = -demand[k][t] (+ pipeline receipts)
///          with I[k][0] = initial inventory, B[k][0] = initial backlog, q[k][t-L] = 0 for t-L < 1
///          sum_k q[k][t] <= capacity[t]
///          q, I, B >= 0
///
/// Variables are ordered SKU by SKU, period by period, as `(q, I, B)`; balance rows SKU by SKU, then
/// one capacity row per period. Use the index helpers to read a solution or change one period's demand.
public enum ReplenishmentLP {
  /// The index of order variable `q[sku][period]` (period 1-based).
  public static func orderVariable(sku: Int, period: Int, periods T: Int) -> Int { 3 * (sku * T + period - 1) }
  /// The index of inventory variable `I[sku][period]`.
  public static func inventoryVariable(sku: Int, period: Int, periods T: Int) -> Int { 3 * (sku * T + period - 1) + 1 }
  /// The index of backlog variable `B[sku][period]`.
  public static func backlogVariable(sku: Int, period: Int, periods T: Int) -> Int { 3 * (sku * T + period - 1) + 2 }
  /// The index of the balance row of `sku` in `period`.
  public static func balanceRow(sku: Int, period: Int, periods T: Int) -> Int { sku * T + period - 1 }
  /// The index of the capacity row of `period`.
  public static func capacityRow(period: Int, skus K: Int, periods T: Int) -> Int { K * T + period - 1 }

  /// The right-hand side of the balance row of `sku` in `period` for the given instance data.
  ///
  /// - Returns: `-demand`, plus initial inventory minus initial backlog in period 1, plus any pipeline receipt.
  public static func balanceRHS(_ instance: ReplenishmentInstance, sku k: Int, period t: Int) -> Double {
    var rhs = -instance.demand[k][t - 1]
    if t == 1 { rhs += instance.initialInventory[k] - (instance.initialBacklog?[k] ?? 0) }
    if let pipe = instance.pipeline?[k], t - 1 < pipe.count { rhs += pipe[t - 1] }
    return rhs
  }

  /// Builds the LP of an instance.
  ///
  /// - Parameter instance: The instance data; arrays must have lengths K and K×T as documented.
  /// - Returns: A minimisation program with 3KT variables, KT equality rows and T capacity rows.
  /// - Complexity: O(KT).
  public static func make(_ instance: ReplenishmentInstance) -> LinearProgram {
    let K = instance.K, T = instance.T, L = instance.L
    precondition(instance.demand.count == K && instance.demand.allSatisfy { $0.count == T },
                 "demand must be K×T = \(K)×\(T)")
    precondition(instance.capacity.count == T, "capacity must have T = \(T) entries, got \(instance.capacity.count)")
    var lp = LinearProgram(sense: .minimize)
    lp.variables.reserveCapacity(3 * K * T)
    for k in 0..<K {
      for t in 1...T {
        lp.addVariable(name: "q[\(k)][\(t)]", cost: instance.unitCost[k])
        lp.addVariable(name: "I[\(k)][\(t)]", cost: instance.holdingCost[k])
        lp.addVariable(name: "B[\(k)][\(t)]", cost: instance.backlogCost[k])
      }
    }
    lp.constraints.reserveCapacity(K * T + T)
    for k in 0..<K {
      for t in 1...T {
        var terms: [(Int, Double)] = [(inventoryVariable(sku: k, period: t, periods: T), 1),
                                      (backlogVariable(sku: k, period: t, periods: T), -1)]
        if t > 1 {
          terms.append((inventoryVariable(sku: k, period: t - 1, periods: T), -1))
          terms.append((backlogVariable(sku: k, period: t - 1, periods: T), 1))
        }
        if t - L >= 1 { terms.append((orderVariable(sku: k, period: t - L, periods: T), -1)) }
        lp.addConstraint(name: "balance[\(k)][\(t)]", terms: terms, relation: .equal,
                         rhs: balanceRHS(instance, sku: k, period: t))
      }
    }
    for t in 1...T {
      let terms = (0..<K).map { (orderVariable(sku: $0, period: t, periods: T), 1.0) }
      lp.addConstraint(name: "capacity[\(t)]", terms: terms, relation: .lessOrEqual, rhs: instance.capacity[t - 1])
    }
    return lp
  }
}

extension ReplenishmentLP {
  /// Solves a program built by `make(instance)` from a cold start.
  ///
  /// With `options.crash` (the default) the start is structure-aware: each SKU's LP without the
  /// shared capacity rows is solved on its own (T rows each, on all cores), and
  /// their optimal bases, with every capacity slack basic, form a basis of the whole LP that is dual
  /// feasible (capacity prices zero) and violates only capacity rows. The dual simplex then only has
  /// to repair the capacity rows. Without `crash` the slack basis is used.
  ///
  /// - Parameters:
  ///   - lp: The program (possibly with changed right-hand sides).
  ///   - instance: The instance it was built from (its dimensions must match `lp`).
  ///   - options: Simplex options.
  /// - Returns: The solution, with its final basis for later warm starts.
  public static func solve(_ lp: LinearProgram, instance: ReplenishmentInstance, options: SimplexOptions = SimplexOptions()) -> LPSolution {
    guard options.crash else { return lp.solve(options: options) }
    let basis = crashBasis(lp, instance: instance, options: options)
    // From this start only capacity rows are infeasible; the exact steepest-edge weights then cost
    // more than they save (measured on LP-1_K1000_T60: same iterations, 30% more time).
    var mainOptions = options; mainOptions.dualSteepestEdge = false
    var solution = lp.solve(warmStart: basis.basis, options: mainOptions)
    solution.iterations += basis.iterations
    return solution
  }

  /// The decomposition crash basis described in `solve(_:instance:options:)`.
  ///
  /// - Returns: The basis and the simplex iterations spent on the SKU subproblems.
  public static func crashBasis(_ lp: LinearProgram, instance: ReplenishmentInstance,
                                options: SimplexOptions = SimplexOptions()) -> (basis: Basis, iterations: Int) {
    let K = instance.K, T = instance.T
    var variables = [BasisStatus](repeating: .atLower, count: lp.variableCount)
    var rows = [BasisStatus](repeating: .basic, count: lp.constraintCount)
    var blockOptions = options; blockOptions.crash = false
    let subOptions = blockOptions
    // SKU blocks are independent: solve them in chunks claimed by as many threads as there are
    // processors (16 chunks, so a busy core does not hold the rest back). Each chunk warm-starts
    // from its previous SKU, so the count is fixed, not taken from the machine: the basis is the
    // same everywhere. Chunks return their SKUs' bases, merged here in chunk order.
    let chunks = K * T < 20_000 ? 1 : min(K, 16)
    let solved = Parallel.map(chunks, threads: Parallel.defaultThreadCount) { chunk in
      // Consecutive SKUs have the same structure, so the previous optimal basis is a good start.
      var previous: Basis? = nil
      var iterations = 0
      var bases: [(sku: Int, basis: Basis)] = []
      for k in stride(from: chunk, to: K, by: chunks) {
        // The SKU's own block: its 3T variables and T balance rows, with the program's current data.
        var sub = LinearProgram()
        let first = orderVariable(sku: k, period: 1, periods: T)
        sub.variables = Array(lp.variables[first..<(first + 3 * T)])
        for t in 1...T {
          var c = lp.constraints[balanceRow(sku: k, period: t, periods: T)]
          c.indices = c.indices.map { $0 - first }
          sub.constraints.append(c)
        }
        let s = sub.solve(warmStart: previous, options: subOptions)
        iterations += s.iterations
        guard s.status == .optimal else { continue }
        previous = s.basis
        bases.append((k, s.basis))
      }
      return (iterations: iterations, bases: bases)
    }
    for (_, bases) in solved {
      for (k, basis) in bases {
        let first = orderVariable(sku: k, period: 1, periods: T)
        for j in 0..<(3 * T) { variables[first + j] = basis.variables[j] }
        for t in 1...T { rows[balanceRow(sku: k, period: t, periods: T)] = basis.constraints[t - 1] }
      }
    }
    let iterations = solved.reduce(0) { $0 + $1.iterations }
    return (Basis(variables: variables, constraints: rows), iterations)
  }
}

extension ReplenishmentLP {
  /// A warm-start basis for the next day of a rolling horizon: every status moves one period
  /// earlier, and the last period repeats its old statuses.
  ///
  /// The shifted basis usually has the wrong number of basic entries at the horizon's ends;
  /// `LinearProgram.solve(warmStart:)` repairs that (surplus basics become nonbasic, missing ones are
  /// filled with logicals), and the dual or primal simplex finishes from there.
  ///
  /// - Parameters:
  ///   - basis: The final basis of yesterday's solve of a program built by `make`.
  ///   - skus: K.
  ///   - periods: T.
  /// - Returns: A basis of the same dimensions for the shifted program.
  public static func shiftedBasis(_ basis: Basis, skus K: Int, periods T: Int) -> Basis {
    var shifted = basis
    for k in 0..<K {
      for t in 1...T {
        let from = min(t + 1, T)
        for offset in 0..<3 {
          shifted.variables[orderVariable(sku: k, period: t, periods: T) + offset] =
            basis.variables[orderVariable(sku: k, period: from, periods: T) + offset]
        }
        shifted.constraints[balanceRow(sku: k, period: t, periods: T)] = basis.constraints[balanceRow(sku: k, period: from, periods: T)]
      }
    }
    for t in 1...T {
      shifted.constraints[capacityRow(period: t, skus: K, periods: T)] =
        basis.constraints[capacityRow(period: min(t + 1, T), skus: K, periods: T)]
    }
    return shifted
  }
}
