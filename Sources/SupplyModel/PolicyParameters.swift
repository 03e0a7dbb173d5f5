/// A policy's named parameters, one value per SKU: the columns `kpis.csv` shows beside each
/// SKU's KPIs (for example `reorderPoint` and `orderQuantity` of an (s, Q) policy).
///
/// The names `reorderPoint`, `orderUpTo` and `orderQuantity` have a meaning reports rely on: the
/// trajectory charts draw a reorder point and an order-up-to level as lines. Any other name is
/// shown as a column only. A value may be missing for a SKU (`nil`).
public struct PolicyParameters: Sendable, Equatable {
  /// One named parameter over all SKUs.
  public struct Column: Sendable, Equatable {
    /// The parameter's name, a CSV header (letters and digits, e.g. `orderUpTo`).
    public var name: String
    /// Its value for each SKU, in SKU order; nil where it does not apply.
    public var values: [Double?]

    /// Creates a column.
    public init(name: String, values: [Double?]) {
      self.name = name
      self.values = values
    }

    /// A column of whole-unit values.
    public init(name: String, units: [Int]) {
      self.name = name
      values = units.map { Double($0) }
    }
  }

  /// The parameters, in the order the policy lists them.
  public var columns: [Column]

  /// Parameters with the given columns.
  public init(_ columns: [Column] = []) { self.columns = columns }

  /// The reorder point (s).
  public static let reorderPoint = "reorderPoint"
  /// The order-up-to level (S).
  public static let orderUpTo = "orderUpTo"
  /// The order quantity (Q).
  public static let orderQuantity = "orderQuantity"

  /// The value of parameter `name` for SKU `k`, or nil when the policy has no such parameter.
  public func value(_ name: String, ofSKU k: Int) -> Double? {
    guard let column = columns.first(where: { $0.name == name }), k < column.values.count else { return nil }
    return column.values[k]
  }

  /// The parameters of the SKUs in `range` only (SKU `range.lowerBound` becomes SKU 0).
  public func restricted(to range: Range<Int>) -> PolicyParameters {
    PolicyParameters(columns.map { Column(name: $0.name, values: Array($0.values[range.clamped(to: 0..<$0.values.count)])) })
  }

  /// The parameters of `parts` laid end to end (the inverse of splitting SKUs into ranges).
  public static func joined(_ parts: [PolicyParameters], counts: [Int]) -> PolicyParameters {
    var names: [String] = []
    for part in parts { for c in part.columns where !names.contains(c.name) { names.append(c.name) } }
    return PolicyParameters(names.map { name in
      var values: [Double?] = []
      for (part, count) in zip(parts, counts) {
        let column = part.columns.first { $0.name == name }?.values ?? []
        values += (0..<count).map { $0 < column.count ? column[$0] : nil }
      }
      return Column(name: name, values: values)
    })
  }
}
