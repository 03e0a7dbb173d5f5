#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Experiments
import Replenishment
import Scenarios
import SupplyModel

/// The files of a run's report, built from an experiment's result.
///
/// - `summary.json`: stable keys, documented in the README; per policy and KPI the mean, standard
///   deviation and 95% interval across replications.
/// - `kpis.csv`: one row per policy and SKU (mean over replications) plus a `TOTAL` row per policy.
/// - `daily.csv`: one row per policy, day and SKU of replication 0 (when the trace was kept).
/// - `report.md`: the comparison tables in Markdown.
public struct RunReport: Sendable {
  /// The experiment's result.
  public var result: ExperimentResult
  /// The version string written into outputs.
  public var version: String

  /// Creates a report.
  public init(result: ExperimentResult, version: String) {
    self.result = result
    self.version = version
  }

  /// The KPI columns shown in comparison tables: (key, title, formatter).
  static let tableColumns: [(String, String, @Sendable (Double) -> String)] = [
    ("totalCost", "Total cost", { NumberFormat.grouped($0, 0) }),
    ("holdingCost", "Holding", { NumberFormat.grouped($0, 0) }),
    ("shortageCost", "Shortage", { NumberFormat.grouped($0, 0) }),
    ("orderingCost", "Ordering", { NumberFormat.grouped($0, 0) }),
    ("purchaseCost", "Purchase", { NumberFormat.grouped($0, 0) }),
    ("fillRate", "Fill rate", { NumberFormat.percent($0, 2) }),
    ("cycleServiceLevel", "CSL", { NumberFormat.percent($0, 1) }),
    ("stockoutDays", "Stockout days", { NumberFormat.fixed($0, 0) }),
    ("averageOnHand", "Avg on hand", { NumberFormat.grouped($0, 0) }),
    ("inventoryTurnover", "Turns/yr", { NumberFormat.fixed($0, 1) }),
    ("ordersPlaced", "Orders", { NumberFormat.fixed($0, 0) }),
  ]

  /// The policy comparison: one row per policy, means over replications (± CI half-width when
  /// there are several).
  public func comparisonTable() -> TextTable {
    var table = TextTable(header: ["Policy"] + Self.tableColumns.map(\.1))
    for outcome in result.outcomes {
      var row = [outcome.name]
      for (key, _, format) in Self.tableColumns {
        let s = outcome.summary(of: key)
        var cell = format(s.mean)
        if let ci = s.interval, result.replications > 1, key == "totalCost" || key == "fillRate" {
          cell += " ± " + (key == "fillRate" ? NumberFormat.percent(ci.halfWidth, 2) : NumberFormat.grouped(ci.halfWidth, 0))
        }
        row.append(cell)
      }
      table.rows.append(row)
    }
    return table
  }

  /// `summary.json`.
  public func summaryJSON() -> String {
    let s = result.scenario
    var policies: [JSONValue] = []
    for outcome in result.outcomes {
      var kpis: [(key: String, value: JSONValue)] = []
      for name in KPIs.names {
        let sum = outcome.summary(of: name)
        kpis.append((name, .object([
          ("mean", JSONWriter.number(sum.mean)),
          ("sd", JSONWriter.number(sum.standardDeviation)),
          ("ci95Lower", sum.interval.map { JSONWriter.number($0.lower) } ?? .null),
          ("ci95Upper", sum.interval.map { JSONWriter.number($0.upper) } ?? .null),
        ])))
      }
      policies.append(.object([
        ("name", .string(outcome.name)),
        ("type", .string(outcome.specification.family.rawValue)),
        ("reviewPeriod", JSONWriter.number(outcome.specification.effectiveReviewPeriod)),
        ("kpis", .object(kpis)),
      ]))
    }
    let doc: JSONValue = .object([
      ("format", .string("supplysim.summary/1")),
      ("supplysimVersion", .string(version)),
      ("scenario", .object([
        ("name", .string(s.spec.name)),
        ("file", .string(s.file)),
        ("seed", .number(String(s.network.seed))),
        ("horizonDays", JSONWriter.number(s.network.horizonDays)),
        ("warmUpDays", JSONWriter.number(s.network.warmUpDays)),
        ("skus", JSONWriter.number(s.network.skus.count)),
        ("replications", JSONWriter.number(result.replications)),
      ])),
      ("policies", .array(policies)),
    ])
    return JSONWriter.render(doc)
  }

  /// `kpis.csv`.
  public func kpisCSV() -> String {
    var csv = CSVWriter(header: ["policy", "sku", "reorderPoint", "orderUpTo", "orderQuantity"] + KPIs.names)
    let network = result.scenario.network
    for outcome in result.outcomes {
      for (k, sku) in network.skus.enumerated() {
        let levels = outcome.policy.levels(ofSKU: k)
        let cells = [levels.reorderPoint, levels.orderUpTo, levels.orderQuantity].map { $0.map(String.init) ?? "" }
        csv.appendRow([outcome.name, sku.id] + cells + outcome.meanKPIs(ofSKU: k).values.map(NumberFormat.shortest))
      }
      let totals = KPIs.names.map { outcome.summary(of: $0).mean }
      csv.appendRow([outcome.name, "TOTAL", "", "", ""] + totals.map(NumberFormat.shortest))
    }
    return csv.text
  }

  /// `daily.csv`, or nil when no trace was kept.
  public func dailyCSV() -> String? {
    guard result.outcomes.allSatisfy({ $0.trace != nil }) else { return nil }
    let skus = result.scenario.network.skus
    var out = "policy,day,sku,demand,shipped,onHand,onOrder,backordered,ordered,received\n"
    for outcome in result.outcomes {
      let t = outcome.trace!
      let policy = CSVWriter.escape(outcome.name)
      for day in 0..<t.dayCount {
        for k in 0..<t.skuCount {
          let i = t.index(day: day, sku: k)
          out += "\(policy),\(day),\(CSVWriter.escape(skus[k].id)),\(t.demand[i]),\(t.shipped[i]),\(t.onHand[i]),\(t.onOrder[i]),\(t.backordered[i]),\(t.ordered[i]),\(t.received[i])\n"
        }
      }
    }
    return out
  }

  /// `report.md`.
  public func markdown() -> String {
    let s = result.scenario
    let n = s.network
    var md = "# SupplySim report: \(s.spec.name)\n\n"
    if let d = s.spec.description { md += d + "\n\n" }
    md += "- Scenario file: `\(s.file)`\n"
    md += "- Seed \(n.seed); \(n.horizonDays) days simulated, the first \(n.warmUpDays) excluded as warm-up\n"
    md += "- \(n.skus.count) SKUs at `\(n.warehouse)`, \(n.suppliers.count) supplier\(n.suppliers.count == 1 ? "" : "s")\n"
    md += "- \(result.replications) replication\(result.replications == 1 ? "" : "s"); every policy sees the same demand (common random numbers)\n"
    md += "- SupplySim \(version)\n\n"
    md += "## Policy comparison\n\n"
    md += comparisonTable().markdown() + "\n"
    if result.replications > 1 { md += "Cells with ± show the half-width of the 95% confidence interval across replications.\n\n" }
    if let best = result.outcomes.min(by: { $0.summary(of: "totalCost").mean < $1.summary(of: "totalCost").mean }) {
      md += "Lowest total cost: **\(best.name)** (\(NumberFormat.grouped(best.summary(of: "totalCost").mean, 0))) at a fill rate of \(NumberFormat.percent(best.summary(of: "fillRate").mean, 2)).\n\n"
    }
    md += "## Policies\n\n"
    for outcome in result.outcomes {
      let spec = outcome.specification
      md += "- **\(outcome.name)**: \(describe(spec))\n"
    }
    md += "\n## Per SKU (mean over replications)\n\n"
    for outcome in result.outcomes {
      md += "### \(outcome.name)\n\n"
      var table = TextTable(header: ["SKU", "s", "S", "Q", "Demand", "Fill rate", "Stockout days", "Avg on hand", "Total cost"])
      for (k, sku) in n.skus.enumerated() {
        let m = outcome.meanKPIs(ofSKU: k)
        let l = outcome.policy.levels(ofSKU: k)
        table.rows.append([sku.id, l.reorderPoint.map(String.init) ?? "–", l.orderUpTo.map(String.init) ?? "–", l.orderQuantity.map(String.init) ?? "–",
                           NumberFormat.grouped(m.demand, 0), NumberFormat.percent(m.fillRate, 2), NumberFormat.fixed(m.stockoutDays, 1),
                           NumberFormat.grouped(m.averageOnHand, 1), NumberFormat.grouped(m.totalCost, 0)])
      }
      md += table.markdown() + "\n"
    }
    md += "## Definitions\n\n"
    md += "All figures cover the days after warm-up. Fill rate: demand met from stock on the day it arrived. CSL (cycle service level): share of replenishment cycles (receipt to receipt) without a stockout. Stockout days: days with demand not met from stock, summed over SKUs. Turns/yr: units shipped per 365 days / average on-hand. Costs: holding on closing stock, backorders per unit-day or lost-sale penalties, fixed cost per order, purchase cost per unit ordered during the measured days (so a policy that ends the run holding more stock has paid for it).\n"
    return md
  }

  func describe(_ spec: PolicySpecification) -> String {
    var parts: [String] = []
    switch spec.family {
    case .sQ: parts.append("(s,Q), continuous review")
    case .sS: parts.append(spec.effectiveReviewPeriod == 1 ? "(s,S) min–max, continuous review" : "(s,S) min–max, reviewed every \(spec.effectiveReviewPeriod) days")
    case .RS: parts.append("(R,S) order-up-to, R = \(spec.effectiveReviewPeriod) days")
    case .baseStock: parts.append("base-stock, daily review")
    }
    switch spec.target {
    case let .cycleServiceLevel(a): parts.append("s/S set for a \(NumberFormat.percent(a, 1)) cycle service level")
    case let .fillRate(b): parts.append("s/S set for a \(NumberFormat.percent(b, 1)) fill rate")
    case .costOptimal: parts.append("level at the newsvendor critical ratio b/(b+h)")
    }
    if spec.family == .sQ || spec.family == .sS {
      switch spec.lotSizing {
      case .eoq: parts.append("Q = EOQ")
      case let .units(u): parts.append("Q = \(u) units")
      case let .daysOfSupply(d): parts.append("Q = \(NumberFormat.shortest(d)) days of demand")
      }
    }
    if !spec.overrides.isEmpty { parts.append("\(spec.overrides.count) SKU override\(spec.overrides.count == 1 ? "" : "s")") }
    return parts.joined(separator: "; ")
  }

  /// Writes every file into `directory` (created if needed). Each file is written to a
  /// temporary name and renamed into place, so a reader never sees half a report file.
  ///
  /// - Returns: The paths written.
  @discardableResult
  public func write(to directory: String) throws -> [String] {
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    var files: [(String, String)] = [("summary.json", summaryJSON()), ("kpis.csv", kpisCSV()), ("report.md", markdown()), ("report.html", HTMLReport(result: result, version: version).render())]
    if let daily = dailyCSV() { files.append(("daily.csv", daily)) }
    var written: [String] = []
    for (name, contents) in files {
      let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
      try AtomicFile.write(contents, to: path)
      written.append(path)
    }
    return written
  }
}
