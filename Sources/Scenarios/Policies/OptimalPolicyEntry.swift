import Replenishment

extension PolicyRegistry {
  /// `optimal`: the exact optimal policy per SKU (`OptimalPolicyModel`). Its one key sets value
  /// iteration's tolerance; the problem itself comes from the SKUs' demand, lead times and costs.
  static let optimalEntry = Entry(
    name: "optimal",
    summary: "the exact optimum per SKU: (s,S) by Zheng–Federgruen (backorders), value iteration over (on hand, in transit) (lost sales)",
    keys: [("tolerance", "relative tolerance of value iteration's cost bounds, 1e-14 to 1e-3 (default 1e-9)")]
  ) { reader in
    guard reader.has("tolerance") else { return OptimalPolicyModel() }
    guard let tolerance = reader.double("tolerance", min: 1e-14, max: 1e-3) else { return nil }
    return OptimalPolicyModel(tolerance: tolerance)
  }
}
