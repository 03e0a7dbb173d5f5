import SupplyModel

/// The one definition of every KPI the reports show: its key, name, column title, unit and a
/// definition sentence.
///
/// `report.html`'s glossary, `report.md`'s Definitions, `summary.json`'s `definitions` object and
/// the KPI table of `reports/README.md` are all generated from `all` (a test keeps the README's
/// table equal to `markdownTable()`), so the texts cannot contradict each other. The sentences
/// say what the engine computes (`KPIs`, `SKUStatistics`).
public struct KPIDefinition: Sendable, Equatable {
  /// The key in `summary.json`, CSV headers and rules files ("purchaseCost"), or "bullwhip".
  public var key: String
  /// The name in prose ("Purchase cost").
  public var name: String
  /// The short column title in tables ("Purchase").
  public var column: String
  /// The unit ("currency units over the measured days").
  public var unit: String
  /// What the KPI is, in one or two sentences.
  public var definition: String

  /// Creates a definition.
  public init(key: String, name: String, column: String, unit: String, definition: String) {
    self.key = key
    self.name = name
    self.column = column
    self.unit = unit
    self.definition = definition
  }

  static let cost = "currency, total over the measured days"

  /// Every KPI of `KPIs.names` in that order, then the bullwhip ratio.
  public static let all: [KPIDefinition] = [
    KPIDefinition(key: "totalCost", name: "Total cost", column: "Total cost", unit: cost,
                  definition: "Holding + shortage + ordering + purchase + transport cost; in a network, over every node."),
    KPIDefinition(key: "holdingCost", name: "Holding cost", column: "Holding", unit: cost,
                  definition: "Sum over the measured days of closing on-hand units × the SKU's holding cost per unit-day (in a network × the node's holding-cost factor)."),
    KPIDefinition(key: "shortageCost", name: "Shortage cost", column: "Shortage", unit: cost,
                  definition: "Sum over the measured days of closing backordered units × the backorder cost per unit-day, plus units lost × the lost-sale penalty per unit; in a network only customer backorders are charged."),
    KPIDefinition(key: "orderingCost", name: "Ordering cost", column: "Ordering", unit: cost,
                  definition: "Orders placed × the fixed cost per order (in a network × the node's order-cost factor)."),
    KPIDefinition(key: "purchaseCost", name: "Purchase cost", column: "Purchase", unit: cost,
                  definition: "Unit cost × the units the measured demand consumed: units ordered from suppliers during the measured days less the growth of the inventory position (on hand + on order − backorders; in a network the echelon position of the node that buys), so stock carried across the start or end of the measured days neither charges nor credits a policy. Under backorders it is unit cost × units demanded, the same for every policy; with lost sales, unit cost × units sold."),
    KPIDefinition(key: "transportCost", name: "Transport cost", column: "Transport", unit: cost,
                  definition: "Units received over a lane × the lane's cost per unit, charged to the receiving node; 0 for a single warehouse."),
    KPIDefinition(key: "fillRate", name: "Fill rate", column: "Fill rate", unit: "share of units (shown in %)",
                  definition: "Units met from stock on the day they were demanded ÷ units demanded (1 when nothing was demanded); in a network, at the customer-facing nodes."),
    KPIDefinition(key: "cycleServiceLevel", name: "Cycle service level (CSL)", column: "CSL", unit: "share of cycles (shown in %)",
                  definition: "Share of replenishment cycles (from one receipt to the next) without a stockout; in a network, at the customer-facing nodes."),
    KPIDefinition(key: "stockoutDays", name: "Stockout days", column: "Stockout days", unit: "SKU-days",
                  definition: "Days on which some demand was not met from stock, summed over SKUs (in a network, over the customer-facing nodes)."),
    KPIDefinition(key: "unitsShort", name: "Units short", column: "Units short", unit: "units",
                  definition: "Units not met from stock on the day they were demanded (backordered or lost); in a network, at the customer-facing nodes."),
    KPIDefinition(key: "demand", name: "Demand", column: "Demand", unit: "units",
                  definition: "Units demanded by customers during the measured days (at the customer-facing nodes of a network)."),
    KPIDefinition(key: "averageOnHand", name: "Average on hand", column: "Avg on hand", unit: "units",
                  definition: "Mean over the measured days of closing on-hand units, summed over SKUs (and nodes)."),
    KPIDefinition(key: "averageBackorders", name: "Average backorders", column: "Avg backorders", unit: "units",
                  definition: "Mean over the measured days of closing backordered units, summed over SKUs (in a network, over the customer-facing nodes)."),
    KPIDefinition(key: "averageOnOrder", name: "Average on order", column: "Avg on order", unit: "units",
                  definition: "Mean over the measured days of units ordered and not yet received, summed over SKUs (and nodes)."),
    KPIDefinition(key: "inventoryTurnover", name: "Inventory turnover", column: "Turns/yr", unit: "per year",
                  definition: "Units shipped per 365 days ÷ average on-hand units (in a network: units shipped to customers ÷ stock in the whole network)."),
    KPIDefinition(key: "ordersPlaced", name: "Orders placed", column: "Orders", unit: "orders",
                  definition: "Replenishment orders placed during the measured days, summed over SKUs (and nodes)."),
    KPIDefinition(key: "meanOrderSize", name: "Mean order size", column: "Mean order", unit: "units per order",
                  definition: "Units ordered ÷ orders placed."),
    KPIDefinition(key: "bullwhip", name: "Bullwhip ratio", column: "Bullwhip", unit: "ratio",
                  definition: "Of a node: Σ variance(daily units ordered) ÷ Σ variance(daily demand received) over its SKUs, each SKU's variance about its own mean (demand received: customer demand, or downstream orders); of an echelon, the same sums over all its nodes. Above 1, orders vary more than the demand the node sees; replications where demand did not vary are left out."),
  ]

  /// The definition of `key`.
  ///
  /// - Precondition: `key` is one of `all`'s keys.
  public static func named(_ key: String) -> KPIDefinition {
    guard let d = all.first(where: { $0.key == key }) else { preconditionFailure("no KPI definition for '\(key)'") }
    return d
  }

  /// The definitions a run's report shows: all, without transport cost and the bullwhip ratio for a
  /// single warehouse (they are 0 and undefined there).
  public static func shown(network: Bool) -> [KPIDefinition] {
    network ? all : all.filter { $0.key != "transportCost" && $0.key != "bullwhip" }
  }

  /// The Markdown table of every definition: `| KPI | key | unit | definition |`, as in
  /// `report.md` and `reports/README.md`.
  public static func markdownTable(_ definitions: [KPIDefinition] = all) -> String {
    var md = "| KPI | key | unit | definition |\n|---|---|---|---|\n"
    for d in definitions { md += "| \(d.name) | `\(d.key)` | \(d.unit) | \(d.definition) |\n" }
    return md
  }
}
