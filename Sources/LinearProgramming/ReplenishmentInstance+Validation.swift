extension ReplenishmentInstance {
  /// The problems that would make `ReplenishmentLP.make` or `LPBenchmark.run` trap, each naming
  /// the JSON path of the field at fault, in field order.
  ///
  /// - Returns: Empty when the instance is consistent: `K`, `T` >= 1, `L` >= 0; the per-SKU arrays
  ///   have K entries, `demand` is K×T, `capacity` has T entries; every number is finite, and so
  ///   is every balance row's right-hand side (`ReplenishmentLP.balanceRHS`).
  /// - Complexity: O(KT).
  public func problems() -> [LPModelError] {
    var found: [LPModelError] = []
    func check(_ ok: Bool, _ path: String, _ problem: @autoclosure () -> String) {
      if !ok { found.append(LPModelError(path: path, problem: problem())) }
    }
    func finite(_ values: [Double], _ path: String) {
      if let i = values.firstIndex(where: { !$0.isFinite }) { found.append(LPModelError(path: "\(path)[\(i)]", problem: "must be finite, got \(values[i])")) }
    }
    check(K >= 1, "K", "must be >= 1, got \(K)")
    check(T >= 1, "T", "must be >= 1, got \(T)")
    check(L >= 0, "L", "must be >= 0, got \(L)")
    let perSKU: [(String, [Double]?)] = [("unit_cost", unitCost), ("holding_cost", holdingCost), ("backlog_cost", backlogCost),
                                        ("initial_inventory", initialInventory), ("initial_backlog", initialBacklog)]
    for (path, values) in perSKU {
      guard let values else { continue }
      check(values.count == K, path, "must have K = \(K) entries, one per SKU, got \(values.count)")
      finite(values, path)
    }
    check(demand.count == K, "demand", "must have K = \(K) rows, one per SKU, got \(demand.count)")
    for (k, row) in demand.enumerated() {
      check(row.count == T, "demand[\(k)]", "must have T = \(T) periods, got \(row.count)")
      finite(row, "demand[\(k)]")
    }
    check(capacity.count == T, "capacity", "must have T = \(T) entries, one per period, got \(capacity.count)")
    finite(capacity, "capacity")
    if let pipeline {
      check(pipeline.count == K, "pipeline", "must have K = \(K) rows, one per SKU, got \(pipeline.count)")
      for (k, row) in pipeline.enumerated() { finite(row, "pipeline[\(k)]") }
    }
    // Derived: each balance row's right-hand side (-demand + receipts, plus the initial position
    // in period 1) must be finite too; finite values of opposite signs near 1e308 overflow.
    guard found.isEmpty else { return found }
    for k in 0..<K {
      for t in 1...T where !ReplenishmentLP.balanceRHS(self, sku: k, period: t).isFinite {
        found.append(LPModelError(path: "demand[\(k)][\(t - 1)]", problem: "with the initial stock and pipeline of SKU \(k), period \(t)'s balance right-hand side is beyond the range of a Double; use values of smaller magnitude"))
        return found
      }
    }
    return found
  }
}
