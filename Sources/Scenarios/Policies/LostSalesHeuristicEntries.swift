import Replenishment

extension PolicyRegistry {
  /// `cappedBaseStock`: S and cap for every SKU, or both left out for each SKU's exact optimum.
  static let cappedBaseStockEntry = Entry(
    name: "cappedBaseStock",
    summary: "order min(cap, S − position) daily (lost-sales heuristic); S and cap optimal per SKU unless given",
    keys: [("orderUpTo", "S in units, 0 to 10^9 (with cap; leave both out for the optimum)"),
           ("cap", "the largest order in units, 1 to 10^9")]
  ) { reader in
    switch (reader.has("orderUpTo"), reader.has("cap")) {
    case (false, false): return LostSalesHeuristicModel(.cappedBaseStock(orderUpTo: nil, cap: nil))
    case (true, false): reader.fail("cap", "is required with orderUpTo (or leave both out for each SKU's optimum)"); return nil
    case (false, true): reader.fail("orderUpTo", "is required with cap (or leave both out for each SKU's optimum)"); return nil
    case (true, true):
      guard let S = reader.int("orderUpTo", min: 0, max: 1_000_000_000), let cap = reader.int("cap", min: 1, max: 1_000_000_000) else { return nil }
      return LostSalesHeuristicModel(.cappedBaseStock(orderUpTo: S, cap: cap))
    }
  }

  /// `constantOrder`: the same quantity every day, or left out for each SKU's best.
  static let constantOrderEntry = Entry(
    name: "constantOrder",
    summary: "order the same quantity every day (lost-sales heuristic); the best quantity per SKU unless given",
    keys: [("units", "units per day, 0 to 10^9 (leave out for the optimum)")]
  ) { reader in
    guard reader.has("units") else { return LostSalesHeuristicModel(.constantOrder(units: nil)) }
    guard let units = reader.int("units", min: 0, max: 1_000_000_000) else { return nil }
    return LostSalesHeuristicModel(.constantOrder(units: units))
  }

  /// `myopic`: the one-period-lookahead lost-sales policy; no keys.
  static let myopicEntry = Entry(
    name: "myopic",
    summary: "order what minimises the expected cost of the day the order arrives (lost-sales heuristic, Zipkin 2008); no keys",
    keys: []
  ) { _ in LostSalesHeuristicModel(.myopic) }
}
