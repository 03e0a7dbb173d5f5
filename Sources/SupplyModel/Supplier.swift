/// An external supplier: the source of replenishment, with its lead time and daily capacity.
public struct Supplier: Sendable, Equatable {
  /// The identifier scenarios use.
  public var id: String
  /// The lead time of shipments from this supplier, unless a SKU overrides it.
  public var leadTime: LeadTimeModel
  /// Units the supplier can ship per day across all SKUs; `nil` means unlimited. Orders beyond
  /// capacity wait at the supplier, first come first served, and ship in parts.
  public var capacityPerDay: Int?
  /// Outages, capacity cuts and lead-time spikes.
  public var disruptions: SupplierDisruptions
  /// The share of shipped units that arrive usable (1 = no yield loss); each unit is lost
  /// independently, so an order arrives short by a binomial number of units and closes.
  public var yieldRate: Double = 1

  /// Creates a supplier.
  public init(id: String, leadTime: LeadTimeModel, capacityPerDay: Int? = nil, disruptions: SupplierDisruptions = SupplierDisruptions()) {
    self.id = id
    self.leadTime = leadTime
    self.capacityPerDay = capacityPerDay
    self.disruptions = disruptions
  }
}

/// What happens to demand that cannot be met from stock.
public enum UnmetDemandRule: String, Sendable, Equatable, Codable {
  /// Customers wait; the shortfall is served first from later receipts.
  case backorder
  /// Customers go elsewhere; the sale is lost.
  case lostSales
}
