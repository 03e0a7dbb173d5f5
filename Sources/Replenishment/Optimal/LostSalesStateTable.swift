import SupplyModel

/// Decisions of a lost-sales policy remembered per state, for policies that decide from
/// (on hand, a₁, …, a_{L−1}): the stock on hand net of backorders and the units arriving in
/// 1 … L − 1 days, read from the simulator's pipeline. A long run then computes each reachable
/// state's order once (up to `limit` states per SKU; beyond, orders are computed every time).
struct LostSalesStateTable: Sendable {
  /// Orders already computed, per SKU, keyed by [on hand, a₁, …, a_{L−1}].
  private var memo: [[[Int]: Int]]
  /// Scratch state key.
  private var key: [Int] = []
  /// The most decisions remembered per SKU.
  static let limit = 200_000

  /// An empty table for `skuCount` SKUs.
  init(skuCount: Int) { memo = Array(repeating: [:], count: skuCount) }

  /// The order of SKU `k` on `day` under lead time `leadDays`: remembered, or `decide(onHand,
  /// inTransit)` for its state.
  mutating func order(sku k: Int, leadDays: Int, state: InventoryState, day: Int,
                      decide: (_ onHand: Int, _ inTransit: [Int]) -> Int) -> Int {
    let tail = leadDays - 1
    key.removeAll(keepingCapacity: true)
    key.append(max(0, state.onHand[k] - state.backordered[k]))
    for _ in 0..<tail { key.append(0) }
    if k < state.inTransit.count {
      for receipt in state.inTransit[k] {
        let i = receipt.day - day  // arrives in i days: a_i
        if i >= 1 && i <= tail { key[i] += receipt.units }
      }
    }
    if let q = memo[k][key] { return q }
    let q = decide(key[0], Array(key.dropFirst()))
    if memo[k].count < Self.limit { memo[k][key] = q }
    return q
  }
}
