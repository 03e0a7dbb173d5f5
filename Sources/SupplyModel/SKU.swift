/// A stock-keeping unit (its day-0 stock is the network's, `SupplyNetwork.initialStock`): its demand, where it comes from, and what it costs.
public struct SKU: Sendable, Equatable {
  /// The identifier scenarios and reports use.
  public var id: String
  /// Index of the supplier in `SupplyNetwork.suppliers`.
  public var supplierIndex: Int
  /// A lead time for this SKU that overrides the supplier's, if any.
  public var leadTimeOverride: LeadTimeModel?
  /// Daily demand.
  public var demand: DemandModel
  /// The costs that the KPIs add up.
  public var costs: CostRates
  /// What happens to demand that cannot be met from stock.
  public var unmetDemand: UnmetDemandRule

  /// Creates a SKU.
  public init(id: String, supplierIndex: Int, leadTimeOverride: LeadTimeModel? = nil, demand: DemandModel, costs: CostRates, unmetDemand: UnmetDemandRule) {
    self.id = id
    self.supplierIndex = supplierIndex
    self.leadTimeOverride = leadTimeOverride
    self.demand = demand
    self.costs = costs
    self.unmetDemand = unmetDemand
  }
}

/// The cost rates of one SKU.
public struct CostRates: Sendable, Equatable, Codable {
  /// Purchase price per unit ordered.
  public var unitCost: Double
  /// Cost of holding one unit for one day, charged on closing stock.
  public var holdingCostPerUnitDay: Double
  /// Cost of one unit backordered for one day, charged on closing backorders.
  public var backorderCostPerUnitDay: Double
  /// Penalty per unit of lost sale.
  public var lostSalePenaltyPerUnit: Double
  /// Fixed cost of placing one order.
  public var orderCost: Double
  /// Cost of moving one unit into the stocking point (a lane's rate; 0 for a single warehouse).
  public var transportCostPerUnit: Double

  /// Creates cost rates.
  public init(unitCost: Double, holdingCostPerUnitDay: Double, backorderCostPerUnitDay: Double, lostSalePenaltyPerUnit: Double, orderCost: Double,
              transportCostPerUnit: Double = 0) {
    self.transportCostPerUnit = transportCostPerUnit
    self.unitCost = unitCost
    self.holdingCostPerUnitDay = holdingCostPerUnitDay
    self.backorderCostPerUnitDay = backorderCostPerUnitDay
    self.lostSalePenaltyPerUnit = lostSalePenaltyPerUnit
    self.orderCost = orderCost
  }
}
