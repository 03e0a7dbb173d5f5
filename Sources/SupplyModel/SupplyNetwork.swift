/// A single-warehouse network: suppliers, the SKUs the warehouse stocks, and the run's clock.
public struct SupplyNetwork: Sendable, Equatable {
  /// The warehouse's name, for reports.
  public var warehouse: String
  /// External suppliers.
  public var suppliers: [Supplier]
  /// SKUs, in the order reports list them.
  public var skus: [SKU]
  /// Simulated days, from day 0.
  public var horizonDays: Int
  /// Days at the start excluded from statistics.
  public var warmUpDays: Int
  /// The seed every random stream derives from.
  public var seed: UInt64
  /// Where day 0 falls in the week and the year.
  public var calendar: SimulationCalendar

  /// Creates a network.
  public init(warehouse: String, suppliers: [Supplier], skus: [SKU], horizonDays: Int, warmUpDays: Int, seed: UInt64, calendar: SimulationCalendar = SimulationCalendar()) {
    precondition(horizonDays > warmUpDays && warmUpDays >= 0, "need 0 <= warmUpDays (\(warmUpDays)) < horizonDays (\(horizonDays))")
    for sku in skus {
      precondition(suppliers.indices.contains(sku.supplierIndex), "SKU \(sku.id): supplier index \(sku.supplierIndex) out of range")
    }
    self.warehouse = warehouse
    self.suppliers = suppliers
    self.skus = skus
    self.horizonDays = horizonDays
    self.warmUpDays = warmUpDays
    self.seed = seed
    self.calendar = calendar
  }

  /// The lead-time model that applies to a SKU's shipments.
  public func leadTime(ofSKU k: Int) -> LeadTimeModel {
    skus[k].leadTimeOverride ?? suppliers[skus[k].supplierIndex].leadTime
  }

  /// The days whose outcomes count in statistics.
  public var measuredDays: Range<Int> { warmUpDays..<horizonDays }

  /// True when no supplier limits its daily capacity, so SKUs evolve independently and the
  /// simulator may split them across threads.
  public var skusAreIndependent: Bool {
    suppliers.allSatisfy { $0.capacityPerDay == nil && $0.disruptions.capacityCuts.isEmpty }
  }

  /// The sub-network of SKUs in `range`, sharing suppliers, clock and seed.
  public func restricted(to range: Range<Int>) -> SupplyNetwork {
    var copy = self
    copy.skus = Array(skus[range])
    return copy
  }
}
