import SupplyModel

extension PolicyParameters {
  /// The three levels every report lays out in columns of their own, in order.
  static let levelNames = [reorderPoint, orderUpTo, orderQuantity]
  /// Their symbols in tables and chart subtitles: s, S and Q.
  static let levelSymbols = ["s", "S", "Q"]

  /// Parameter `name` of SKU `k` as a report writes it (whole numbers without a decimal point),
  /// or nil when the policy has no such parameter or none for this SKU.
  func text(_ name: String, ofSKU k: Int) -> String? {
    value(name, ofSKU: k).map(NumberFormat.shortest)
  }
}
