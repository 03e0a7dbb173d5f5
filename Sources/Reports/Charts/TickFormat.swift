import SupplyModel

/// How an axis prints its tick values.
public enum TickFormat: Sendable, Equatable {
  /// Numbers with thousands separators and as many decimals as the step needs.
  case number
  /// Fractions printed as percentages (0.985 → "98.5%").
  case percent

  /// The label of `value` on an axis whose ticks need `decimals` decimals.
  public func label(_ value: Double, decimals: Int) -> String {
    switch self {
    case .number: NumberFormat.grouped(value, decimals)
    case .percent: NumberFormat.percent(value, max(0, decimals - 2))
    }
  }
}
