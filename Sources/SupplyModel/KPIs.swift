/// The key performance indicators of one SKU, or of all SKUs together, over the measured days.
///
/// Definitions (all after warm-up):
/// - cost = holding + shortage + ordering + purchase + transport; holding = Σ closing on-hand × holding rate;
///   shortage = Σ closing backorders × backorder rate + lost units × lost-sale penalty;
///   ordering = orders × fixed order cost; purchase = unit cost × (units ordered − growth of the
///   inventory position over the measured days), i.e. the purchases that the measured demand
///   consumed. This keeps stock carried across the window's edges from charging or crediting a
///   policy (a lot ordered on the last day would otherwise count in full); transport = units
///   received × the inbound lane's rate (multi-echelon networks).
/// - fill rate = units met from stock on the day / units demanded (1 when nothing was demanded).
/// - cycle service level = replenishment cycles without a stockout / cycles (a cycle ends at each receipt).
/// - stockout days = days on which some demand was not met from stock.
/// - inventory turnover = units shipped per year (365 days) / average closing on-hand.
public struct KPIs: Sendable, Equatable, Codable {
  /// Total cost.
  public var totalCost: Double
  /// Holding cost.
  public var holdingCost: Double
  /// Backorder and lost-sale cost.
  public var shortageCost: Double
  /// Fixed ordering cost.
  public var orderingCost: Double
  /// Purchase cost.
  public var purchaseCost: Double
  /// Transport cost on lanes.
  public var transportCost: Double
  /// Share of demand met from stock.
  public var fillRate: Double
  /// Share of replenishment cycles without a stockout.
  public var cycleServiceLevel: Double
  /// Days with unmet demand (summed over SKUs in totals).
  public var stockoutDays: Double
  /// Units not met from stock on the day.
  public var unitsShort: Double
  /// Units demanded.
  public var demand: Double
  /// Mean closing on-hand units.
  public var averageOnHand: Double
  /// Mean closing backordered units.
  public var averageBackorders: Double
  /// Mean units on order (pipeline).
  public var averageOnOrder: Double
  /// Annualised units shipped / average on-hand.
  public var inventoryTurnover: Double
  /// Orders placed.
  public var ordersPlaced: Double
  /// Mean units per order.
  public var meanOrderSize: Double

  /// The KPI names in report order, as they appear in CSV headers and JSON keys.
  public static let names = [
    "totalCost", "holdingCost", "shortageCost", "orderingCost", "purchaseCost", "transportCost", "fillRate",
    "cycleServiceLevel", "stockoutDays", "unitsShort", "demand", "averageOnHand",
    "averageBackorders", "averageOnOrder", "inventoryTurnover", "ordersPlaced", "meanOrderSize",
  ]

  /// The values in the order of `names`.
  public var values: [Double] {
    [totalCost, holdingCost, shortageCost, orderingCost, purchaseCost, transportCost, fillRate, cycleServiceLevel,
     stockoutDays, unitsShort, demand, averageOnHand, averageBackorders, averageOnOrder,
     inventoryTurnover, ordersPlaced, meanOrderSize]
  }

  /// The value of a KPI by name, or nil for an unknown name.
  public func value(named name: String) -> Double? {
    guard let i = Self.names.firstIndex(of: name) else { return nil }
    return values[i]
  }

  /// Rebuilds KPIs from values in the order of `names`.
  public init(values v: [Double]) {
    precondition(v.count == Self.names.count, "KPIs need \(Self.names.count) values, got \(v.count)")
    totalCost = v[0]; holdingCost = v[1]; shortageCost = v[2]; orderingCost = v[3]; purchaseCost = v[4]
    transportCost = v[5]; fillRate = v[6]; cycleServiceLevel = v[7]; stockoutDays = v[8]; unitsShort = v[9]; demand = v[10]
    averageOnHand = v[11]; averageBackorders = v[12]; averageOnOrder = v[13]; inventoryTurnover = v[14]
    ordersPlaced = v[15]; meanOrderSize = v[16]
  }

  /// The KPIs of one SKU from its totals and cost rates.
  public init(statistics s: SKUStatistics, costs c: CostRates) {
    self.init(statistics: s, costs: Self.costTerms(s, c), skuCount: 1)
  }

  /// The four cost terms of one SKU's totals (see the type's definitions).
  static func costTerms(_ s: SKUStatistics, _ c: CostRates) -> CostTerms {
    CostTerms(holding: Double(s.onHandSum) * c.holdingCostPerUnitDay,
              shortage: Double(s.backorderSum) * c.backorderCostPerUnitDay + Double(s.unitsLost) * c.lostSalePenaltyPerUnit,
              ordering: Double(s.orders) * c.orderCost,
              purchase: Double(s.unitsPurchasedForFlow) * c.unitCost,
              transport: Double(s.unitsReceived) * c.transportCostPerUnit)
  }

  /// The five cost terms of a SKU or a group.
  struct CostTerms {
    var holding = 0.0, shortage = 0.0, ordering = 0.0, purchase = 0.0, transport = 0.0
    mutating func add(_ o: CostTerms) {
      holding += o.holding; shortage += o.shortage; ordering += o.ordering; purchase += o.purchase; transport += o.transport
    }
  }

  /// KPIs of a group of SKUs: sums for counts and costs, ratios of sums for rates, and averages
  /// per SKU-day summed over SKUs for stock levels.
  /// The parts may be a lazy sequence, so that a million SKUs are summed without a list of them.
  public init<Parts: Sequence>(aggregating parts: Parts) where Parts.Element == (SKUStatistics, CostRates) {
    var total = SKUStatistics()
    var cost = CostTerms()
    var count = 0
    for (s, c) in parts {
      total.add(s)
      cost.add(Self.costTerms(s, c))
      count += 1
    }
    self.init(statistics: total, costs: cost, skuCount: max(count, 1))
  }

  /// KPIs of a multi-echelon network, or of one SKU across it: costs and stock levels over every
  /// stocking point, service (demand, fill rate, cycle service, stockouts, backorders) at the
  /// customer-facing points only, and turnover = units shipped to customers per year / average
  /// stock on hand in the whole network.
  /// The parts may be lazy sequences, so that a million SKUs are summed without a list of them.
  public init<Customers: Sequence, All: Sequence>(customerFacing: Customers, all: All)
  where Customers.Element == (SKUStatistics, CostRates), All.Element == (SKUStatistics, CostRates) {
    var customers = SKUStatistics(), everything = SKUStatistics()
    var cost = CostTerms()
    var allCount = 0, customerCount = 0
    for (s, c) in all {
      everything.add(s)
      cost.add(Self.costTerms(s, c))
      allCount += 1
    }
    for (s, _) in customerFacing {
      customers.add(s)
      customerCount += 1
    }
    var merged = customers
    merged.onHandSum = everything.onHandSum
    merged.onOrderSum = everything.onOrderSum
    merged.orders = everything.orders
    merged.unitsOrdered = everything.unitsOrdered
    // Day counts add up over points; averages are per day, summed over points.
    merged.days = everything.days / max(allCount, 1) * max(customerCount, 1)
    self.init(statistics: merged, costs: cost, skuCount: max(customerCount, 1))
  }

  private init(statistics s: SKUStatistics, costs: CostTerms, skuCount: Int) {
    let (holding, shortage, ordering, purchase) = (costs.holding, costs.shortage, costs.ordering, costs.purchase)
    transportCost = costs.transport
    // Day counts of a group add up over SKUs; stock averages are per day, summed over SKUs.
    let days = Double(max(s.days / skuCount, 1))
    holdingCost = holding
    shortageCost = shortage
    orderingCost = ordering
    purchaseCost = purchase
    totalCost = holding + shortage + ordering + purchase + costs.transport
    fillRate = s.demand > 0 ? Double(s.filledFromStock) / Double(s.demand) : 1
    cycleServiceLevel = s.cycles > 0 ? Double(s.cycles - s.cyclesWithStockout) / Double(s.cycles) : 1
    stockoutDays = Double(s.stockoutDays)
    unitsShort = Double(s.unitsShort)
    demand = Double(s.demand)
    averageOnHand = Double(s.onHandSum) / days
    averageBackorders = Double(s.backorderSum) / days
    averageOnOrder = Double(s.onOrderSum) / days
    let shippedPerYear = Double(s.unitsShipped) / days * 365
    inventoryTurnover = averageOnHand > 0 ? shippedPerYear / averageOnHand : 0
    ordersPlaced = Double(s.orders)
    meanOrderSize = s.orders > 0 ? Double(s.unitsOrdered) / Double(s.orders) : 0
  }
}
