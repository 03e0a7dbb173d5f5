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
/// - `daily.csv`: one row per policy, day and SKU of replication 0 (when the trace was kept); for
///   a multi-echelon network one row per policy, day, node and SKU.
/// - `nodes.csv`: multi-echelon networks only; one row per policy and node (see `nodesCSV()`).
/// - `report.md`: the comparison tables in Markdown.
/// - `report.html`: one self-contained page with the tables and inline SVG charts (see `HTMLReport`).
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
    ("totalCost", KPIDefinition.named("totalCost").column, { NumberFormat.grouped($0, 0) }),
    ("holdingCost", KPIDefinition.named("holdingCost").column, { NumberFormat.grouped($0, 0) }),
    ("shortageCost", KPIDefinition.named("shortageCost").column, { NumberFormat.grouped($0, 0) }),
    ("orderingCost", KPIDefinition.named("orderingCost").column, { NumberFormat.grouped($0, 0) }),
    ("purchaseCost", KPIDefinition.named("purchaseCost").column, { NumberFormat.grouped($0, 0) }),
    ("fillRate", KPIDefinition.named("fillRate").column, { NumberFormat.percent($0, 2) }),
    ("cycleServiceLevel", KPIDefinition.named("cycleServiceLevel").column, { NumberFormat.percent($0, 1) }),
    ("stockoutDays", KPIDefinition.named("stockoutDays").column, { NumberFormat.fixed($0, 0) }),
    ("averageOnHand", KPIDefinition.named("averageOnHand").column, { NumberFormat.grouped($0, 0) }),
    ("inventoryTurnover", KPIDefinition.named("inventoryTurnover").column, { NumberFormat.fixed($0, 1) }),
    ("ordersPlaced", KPIDefinition.named("ordersPlaced").column, { NumberFormat.fixed($0, 0) }),
  ]

  /// The columns of this report's comparison table: `tableColumns`, with transport cost after
  /// purchase for multi-echelon networks (a single warehouse has no lanes to pay for).
  var comparisonColumns: [(String, String, @Sendable (Double) -> String)] {
    guard result.scenario.network.hasSeveralNodes else { return Self.tableColumns }
    var columns = Self.tableColumns
    columns.insert(("transportCost", KPIDefinition.named("transportCost").column, { NumberFormat.grouped($0, 0) }), at: 5)
    return columns
  }

  /// The policy comparison: one row per policy, means over replications (± CI half-width when
  /// there are several).
  public func comparisonTable() -> TextTable {
    let columns = comparisonColumns
    var table = TextTable(header: ["Policy"] + columns.map(\.1))
    for outcome in result.outcomes {
      var row = [outcome.name]
      for (key, _, format) in columns {
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
  public func summaryJSON() -> String { summaryJSON(optimalityGap: OptimalityGap.of(result)) }

  /// `summary.json`, with the distance to the optimum already computed (it may solve Clark and
  /// Scarf's model, so `write` computes it once for every file).
  func summaryJSON(optimalityGap: OptimalityGap?) -> String {
    let s = result.scenario
    var policies: [JSONValue] = []
    let accuracy = ForecastAccuracyFigures(result: result)
    for (index, outcome) in result.outcomes.enumerated() {
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
      var members: [(key: String, value: JSONValue)] = [
        ("name", .string(outcome.name)),
        ("type", .string(outcome.definition.type)),
        ("reviewPeriod", JSONWriter.number(outcome.definition.model.effectiveReviewPeriod)),
        ("kpis", .object(kpis)),
      ]
      if let settings = outcome.definition.model.forecast, let accuracy = outcome.meanForecastAccuracy {
        members.append(("forecast", .object([
          ("model", .string(settings.label)),
          ("retrainEvery", JSONWriter.number(settings.retrainEvery)),
          ("mae", JSONWriter.number(accuracy.mae)), ("rmse", JSONWriter.number(accuracy.rmse)),
          ("bias", JSONWriter.number(accuracy.bias)), ("wape", JSONWriter.number(accuracy.wape)),
          ("mase", JSONWriter.number(accuracy.mase)),
        ])))
      }
      if let json = Self.forecastAccuracyJSON(accuracy, outcome: index) { members.append(("forecastAccuracy", json)) }
      policies.append(.object(members))
    }
    let scenario = SweepReport.scenarioFields(s, replications: result.replications)
    var members: [(key: String, value: JSONValue)] = [
      ("format", .string("supplysim.summary/1")),
      ("supplysimVersion", .string(version)),
      ("scenario", .object(scenario)),
      ("policies", .array(policies)),
      ("pairedComparisons", .array(pairedJSON())),
      ("definitions", Self.definitionsJSON()),
    ]
    if let history = Self.historyJSON(s) { members.append(("history", history)) }
    if let fits = Self.demandFitsJSON(s) { members.append(("demandFits", fits)) }
    if let network = networkJSON() { members.append(("network", network)) }
    if let gap = optimalityGap { members.append(("optimalityGap", Self.gapJSON(gap))) }
    if !s.warnings.isEmpty { members.append(("warnings", .array(s.warnings.map { .string($0.description) }))) }
    let doc: JSONValue = .object(members)
    return JSONWriter.render(doc)
  }

  /// `summary.json`'s `definitions`: per KPI key its `name`, `unit` and `definition` (see `KPIDefinition`).
  static func definitionsJSON() -> JSONValue {
    .object(KPIDefinition.all.map { d in
      (d.key, .object([("definition", .string(d.definition)), ("name", .string(d.name)), ("unit", .string(d.unit))]))
    })
  }

  /// Paired differences of every KPI for every pair of policies (empty with one replication).
  func pairedJSON() -> [JSONValue] {
    guard result.replications > 1 else { return [] }
    var out: [JSONValue] = []
    for i in result.outcomes.indices {
      for j in result.outcomes.indices where j > i {
        var kpis: [(key: String, value: JSONValue)] = []
        for name in KPIs.names {
          let c = PairedComparison(result.outcomes[i], result.outcomes[j], kpi: name)
          kpis.append((name, .object([
            ("meanDifference", JSONWriter.number(c.difference.mean)),
            ("ci95Lower", JSONWriter.number(c.difference.interval!.lower)),
            ("ci95Upper", JSONWriter.number(c.difference.interval!.upper)),
            ("significant", .bool(c.isSignificant)),
          ])))
        }
        out.append(.object([("a", .string(result.outcomes[i].name)), ("b", .string(result.outcomes[j].name)), ("kpis", .object(kpis))]))
      }
    }
    return out
  }

  /// `daily.csv`, or nil when no trace was kept. A network of several nodes gets a `node` column
  /// after `day` and one row per stocking point (nodes in scenario order, then SKUs).
  public func dailyCSV() -> String? {
    if result.dailySpool != nil {
      // The trace is on disk: stream it to a scratch file and read that back.
      let scratch = FileManager.default.temporaryDirectory.path + "/supplysim-daily-\(UInt64.random(in: 0...UInt64.max)).csv"
      defer { try? FileManager.default.removeItem(atPath: scratch) }
      guard (try? streamDailyCSV(to: scratch)) == true, let data = FileManager.default.contents(atPath: scratch) else { return nil }
      return String(decoding: data, as: UTF8.self)
    }
    guard result.outcomes.allSatisfy({ $0.trace != nil }) else { return nil }
    let skus = result.scenario.network.skus
    // A presentation choice: the node column appears for several nodes only.
    let network = result.scenario.network
    let nodes = network.hasSeveralNodes ? network.topology.nodes.map { CSVWriter.escape($0.id) + "," } : [""]
    let skuIDs = skus.map { CSVWriter.escape($0.id) }
    var out = "policy,day,\(result.scenario.network.hasSeveralNodes ? "node," : "")sku,demand,shipped,onHand,onOrder,backordered,ordered,received\n"
    for outcome in result.outcomes {
      let t = outcome.trace!
      precondition(t.skuCount == nodes.count * skus.count, "trace of \(outcome.name) has \(t.skuCount) slots for \(nodes.count) nodes × \(skus.count) SKUs")
      let policy = CSVWriter.escape(outcome.name)
      for day in 0..<t.dayCount {
        for slot in 0..<t.skuCount {
          let i = t.index(day: day, sku: slot)
          let node = nodes[slot / skus.count], sku = skuIDs[slot % skus.count]
          out += "\(policy),\(day),\(node)\(sku),\(t.demand[i]),\(t.shipped[i]),\(t.onHand[i]),\(t.onOrder[i]),\(t.backordered[i]),\(t.ordered[i]),\(t.received[i])\n"
        }
      }
    }
    return out
  }

  /// Most rows of a daily.csv that `run` writes without `--daily all`.
  public static let dailyRowLimit = 2_000_000

  /// The rows of `scenario`'s daily.csv: policies × days × stocking points (as a Double, which
  /// cannot overflow).
  public static func dailyRows(of scenario: Scenario) -> Double {
    let n = scenario.network
    return Double(scenario.policies.count) * Double(n.horizonDays) * Double(n.topology.nodes.count) * Double(n.skus.count)
  }

  /// Writes `dailyCSV()` to `path` row by row through a bounded buffer (`AtomicFile.stream`), so
  /// the text is never held whole in memory; the bytes are the same.
  ///
  /// - Returns: False (writing nothing) when no trace was kept.
  public func streamDailyCSV(to path: String) throws -> Bool {
    if let spool = result.dailySpool {
      _ = try streamSpooledDailyCSV(spool, to: path)
      return true
    }
    guard result.outcomes.allSatisfy({ $0.trace != nil }) else { return false }
    let network = result.scenario.network
    let nodes = network.hasSeveralNodes ? network.topology.nodes.map { CSVWriter.escape($0.id) + "," } : [""]
    let slotPrefix = dailySlotPrefixes()
    try AtomicFile.stream(to: path) { out in
      out.append("policy,day,\(network.hasSeveralNodes ? "node," : "")sku,demand,shipped,onHand,onOrder,backordered,ordered,received\n")
      for outcome in result.outcomes {
        let t = outcome.trace!
        precondition(t.skuCount == slotPrefix.count, "trace of \(outcome.name) has \(t.skuCount) slots for \(nodes.count) nodes × \(network.skus.count) SKUs")
        let policy = Array((CSVWriter.escape(outcome.name) + ",").utf8)
        let comma = UInt8(ascii: ","), newline = UInt8(ascii: "\n")
        for day in 0..<t.dayCount {
          for slot in 0..<t.skuCount {
            let i = t.index(day: day, sku: slot)
            out.append(bytes: policy); out.append(decimal: day); out.append(byte: comma); out.append(bytes: slotPrefix[slot])
            out.append(decimal: t.demand[i]); out.append(byte: comma); out.append(decimal: t.shipped[i]); out.append(byte: comma)
            out.append(decimal: t.onHand[i]); out.append(byte: comma); out.append(decimal: t.onOrder[i]); out.append(byte: comma)
            out.append(decimal: t.backordered[i]); out.append(byte: comma); out.append(decimal: t.ordered[i]); out.append(byte: comma)
            out.append(decimal: t.received[i]); out.append(byte: newline)
          }
          try out.flushIfFull()
        }
      }
    }
    return true
  }

  /// Per trace slot, the bytes "node,sku," (or "sku," for one node) of its daily.csv rows.
  func dailySlotPrefixes() -> [[UInt8]] {
    let network = result.scenario.network
    let nodes = network.hasSeveralNodes ? network.topology.nodes.map { CSVWriter.escape($0.id) + "," } : [""]
    var slotPrefix: [[UInt8]] = []
    for node in nodes { for sku in network.skus { slotPrefix.append(Array((node + CSVWriter.escape(sku.id) + ",").utf8)) } }
    return slotPrefix
  }

  /// Writes daily.csv from a trace streamed to disk, day by day (the same bytes as from a trace
  /// in memory), and finds each outcome's stockout runs on the way, for the HTML report.
  ///
  /// - Returns: Per outcome, its stockout runs (`HTMLReport.stockoutSection`'s slots).
  func streamSpooledDailyCSV(_ spool: DailyTraceSpool, to path: String) throws -> [StockoutRuns] {
    let network = result.scenario.network
    let slotPrefix = dailySlotPrefixes()
    precondition(spool.slotCount == slotPrefix.count && spool.runCount == result.outcomes.count,
                 "the daily-trace spool has \(spool.runCount) runs of \(spool.slotCount) slots for \(result.outcomes.count) policies × \(slotPrefix.count) stocking points")
    let points = StockingPoints(network: network)
    var stockouts: [StockoutRuns] = []
    try AtomicFile.stream(to: path) { out in
      out.append("policy,day,\(network.hasSeveralNodes ? "node," : "")sku,demand,shipped,onHand,onOrder,backordered,ordered,received\n")
      let comma = UInt8(ascii: ","), newline = UInt8(ascii: "\n")
      for (run, outcome) in result.outcomes.enumerated() {
        let policy = Array((CSVWriter.escape(outcome.name) + ",").utf8)
        var runs = StockoutRuns.Builder(slotCount: spool.slotCount, dayCount: spool.dayCount, measuredDays: network.measuredDays,
                                        slots: points.hasSeveralNodes ? points.customerFacingSlots : nil)
        try spool.forEachSegment(run: run) { day, segment in
          runs.add(day: day, segment: segment)
          for k in 0..<segment.width {
            out.append(bytes: policy); out.append(decimal: day); out.append(byte: comma); out.append(bytes: slotPrefix[segment.firstSlot + k])
            for column in 0..<6 {
              out.append(decimal: segment.value(column, k)); out.append(byte: comma)
            }
            out.append(decimal: segment.value(6, k)); out.append(byte: newline)
          }
          try out.flushIfFull()
        }
        stockouts.append(runs.finish())
      }
    }
    return stockouts
  }

  /// `report.md`.
  public func markdown() -> String { markdown(catalogue: nil, optimalityGap: OptimalityGap.of(result)) }

  /// `report.md`, with the catalogue summary when already computed and the distance to the
  /// optimum.
  func markdown(catalogue: CatalogueSummary?, optimalityGap: OptimalityGap?) -> String {
    let s = result.scenario
    let n = s.network
    var md = "# SupplySim report: \(s.spec.name)\n\n"
    if let d = s.spec.description { md += d + "\n\n" }
    md += "## Answer\n\n"
    for line in RunAnswer(result: result).lines { md += "- **\(line.label)**: \(line.text)\n" }
    md += "\n## Run\n\n"
    md += "- Scenario file: `\(s.file)`\n"
    md += "- Seed \(n.seed); \(n.horizonDays) days simulated, the first \(n.warmUpDays) excluded as warm-up\n"
    if let network = NetworkDescription(network: n) {
      md += "- \(n.skus.count) SKUs at each of \(network.nodes.count) stocking nodes in \(network.echelonCount) echelon\(network.echelonCount == 1 ? "" : "s") (\(Self.kindCounts(network))), \(n.suppliers.count) supplier\(n.suppliers.count == 1 ? "" : "s")\n"
    } else {
      md += "- \(n.skus.count) SKUs at `\(n.warehouse)`, \(n.suppliers.count) supplier\(n.suppliers.count == 1 ? "" : "s")\n"
    }
    md += "- \(result.replications) replication\(result.replications == 1 ? "" : "s"); every policy sees the same demand (common random numbers)\n"
    if let date = s.spec.startDate { md += "- Day 0 is \(date)\n" }
    if let history = Self.historySentence(s) { md += "- \(history)\n" }
    md += "- SupplySim \(version)\n\n"
    if !s.warnings.isEmpty {
      md += "## Warnings\n\n"
      for w in s.warnings { md += "- \(w)\n" }
      md += "\n"
    }
    md += "## Policy comparison\n\n"
    md += comparisonTable().markdown() + "\n"
    if result.replications > 1 { md += "Cells with ± show the half-width of the 95% confidence interval across replications.\n\n" }
    md += pairedSection()
    md += optimalityGapSection(optimalityGap)
    md += forecastSection()
    md += forecastAccuracySection()
    md += networkSection()
    md += "## Policies\n\n"
    for outcome in result.outcomes {
      md += "- **\(outcome.name)**: \(describe(outcome.definition))\n"
    }
    if result.scenario.network.skus.count > CatalogueSummary.perSKUTableLimit {
      md += "\n## Catalogue summary\n\n" + CatalogueTables.lede(skus: n.skus.count) + "\n\n"
      md += CatalogueTables(result: result, summary: catalogue ?? CatalogueSummary(result: result)).markdown()
    } else {
      md += "\n## Per SKU (mean over replications)\n\n"
      let points = StockingPoints(network: n)
      if let node = points.featuredNode {
        md += "Each SKU over the whole network: demand, fill rate and stockout days at the customer-facing nodes, costs and stock at every node. s, S and Q are the levels at \(points.nodeIDs[node]) (the first customer-facing node); every node's figures are in the Network section and `nodes.csv`.\n\n"
      }
      for outcome in result.outcomes {
        md += "### \(outcome.name)\n\n"
        var table = TextTable(header: ["SKU", "s", "S", "Q", "Demand", "Fill rate", "Stockout days", "Avg on hand", "Total cost"])
        for (k, sku) in n.skus.enumerated() {
          let m = outcome.meanKPIs(ofSKU: k)
          let levels = points.featuredParameters(of: outcome)
          table.rows.append([sku.id] + PolicyParameters.levelNames.map { levels.text($0, ofSKU: k) ?? "–" } + [
                             NumberFormat.grouped(m.demand, 0), NumberFormat.percent(m.fillRate, 2), NumberFormat.fixed(m.stockoutDays, 1),
                             NumberFormat.grouped(m.averageOnHand, 1), NumberFormat.grouped(m.totalCost, 0)])
        }
        md += table.markdown() + "\n"
      }
    }
    md += "## Definitions\n\n"
    md += "All figures cover the \(n.measuredDays.count) measured days after warm-up.\n\n"
    md += KPIDefinition.markdownTable(KPIDefinition.shown(network: n.hasSeveralNodes))
    return md
  }

  /// Forecast accuracy of the forecast-driven policies.
  func forecastSection() -> String {
    let forecasting = result.outcomes.filter { $0.meanForecastAccuracy != nil }
    guard !forecasting.isEmpty else { return "" }
    var md = "## Forecast accuracy\n\n"
    var table = TextTable(header: ["Policy", "Forecaster", "Refit every", "MAE", "RMSE", "Bias", "WAPE", "MASE"],
                          rightAligned: [false, false, true, true, true, true, true, true])
    for o in forecasting {
      let a = o.meanForecastAccuracy!, f = o.definition.model.forecast!
      table.rows.append([o.name, f.label, "\(f.retrainEvery) d", NumberFormat.fixed(a.mae, 2), NumberFormat.fixed(a.rmse, 2),
                         NumberFormat.fixed(a.bias, 2), NumberFormat.percent(a.wape, 1), NumberFormat.fixed(a.mase, 3)])
    }
    md += table.markdown() + "\n"
    md += "Errors are actual − forecast per SKU-day after warm-up, each day forecast from the last refit before it (units per day). WAPE = Σ|error| / Σ demand; MASE scales the MAE by that of the one-day naive forecast on the same days.\n\n"
    return md
  }

  /// Paired differences of total cost and fill rate for every pair of policies.
  func pairedSection() -> String {
    guard result.outcomes.count > 1 else { return "" }
    var md = "## Paired differences (common random numbers)\n\n"
    guard result.replications > 1 else {
      return md + "One replication: no intervals, so no difference between policies is shown to be significant (run with `--replications 10` or more).\n\n"
    }
    var table = TextTable(header: ["A", "B", "Total cost A − B", "95% CI", "Fill rate A − B", "95% CI", "Verdict"],
                          rightAligned: [false, false, true, true, true, true, false])
    let costs = result.pairedComparisons(of: "totalCost")
    let fills = result.pairedComparisons(of: "fillRate")
    for (c, f) in zip(costs, fills) {
      let ci = c.difference.interval!, fi = f.difference.interval!
      var verdict: [String] = []
      if let cheaper = c.better(higherIsBetter: false) { verdict.append("\(cheaper) cheaper") } else { verdict.append("cost: no significant difference") }
      if let better = f.better(higherIsBetter: true) { verdict.append("\(better) higher fill rate") } else { verdict.append("fill rate: no significant difference") }
      table.rows.append([c.first, c.second, NumberFormat.grouped(c.difference.mean, 0),
                         "[\(NumberFormat.grouped(ci.lower, 0)), \(NumberFormat.grouped(ci.upper, 0))]",
                         NumberFormat.fixed(f.difference.mean * 100, 2) + " pp",
                         "[\(NumberFormat.fixed(fi.lower * 100, 2)), \(NumberFormat.fixed(fi.upper * 100, 2))] pp",
                         verdict.joined(separator: "; ")])
    }
    md += table.markdown() + "\n"
    md += "Each replication runs every policy on the same demand, so the differences are paired; an interval that excludes 0 is a significant difference at the 5% level.\n\n"
    return md
  }

  /// Each policy's distance to the optimum, when a policy of the run knows it (see `OptimalityGap`).
  func optimalityGapSection(_ gap: OptimalityGap?) -> String {
    guard let gap else { return "" }
    let days = Double(gap.days)
    var md = "## Distance to the optimum\n\n"
    md += "\(gap.explanation) Over all SKUs it is \(NumberFormat.grouped(gap.optimum / days, 2)) per day. Gap = a policy's total cost per day − the optimum, mean over replications with its 95% interval"
    if case .policy = gap.basis { md += "; the reference policy's own gap is its simulation error" }
    md += ".\n\n"
    let intervals = result.replications > 1
    if !intervals { md += "One replication: no intervals.\n\n" }
    var table = TextTable(header: ["Policy", "Cost per day", "Gap per day"] + (intervals ? ["95% CI"] : []) + ["Gap"],
                          rightAligned: Array(repeating: true, count: intervals ? 5 : 4).enumerated().map { $0.offset > 0 })
    for (policy, summary) in gap.gaps {
      let interval = summary.interval.map { ["[\(NumberFormat.fixed($0.lower / days, 2)), \(NumberFormat.fixed($0.upper / days, 2))]"] } ?? []
      table.rows.append([policy, NumberFormat.grouped((summary.mean + gap.optimum) / days, 2), NumberFormat.fixed(summary.mean / days, 2)] + interval
                        + [NumberFormat.percent(summary.mean / gap.optimum, 2)])
    }
    return md + table.markdown() + "\n"
  }

  /// `summary.json`'s `optimalityGap`: the optimum per day, what it is, and each policy's gap
  /// per day with its 95% interval (null bounds with one replication).
  static func gapJSON(_ gap: OptimalityGap) -> JSONValue {
    let days = Double(gap.days)
    let basis: String
    switch gap.basis {
    case .policy: basis = "policy"
    case .serialEchelon(let bound): basis = bound ? "serialEchelonBound" : "serialEchelonBaseStock"
    }
    return .object([
      ("basis", .string(basis)), ("reference", .string(gap.reference)), ("explanation", .string(gap.explanation)),
      ("optimumPerDay", JSONWriter.number(gap.optimum / days)),
      ("policies", .array(gap.gaps.map { entry in
        .object([
          ("name", .string(entry.policy)), ("gapPerDay", JSONWriter.number(entry.gap.mean / days)),
          ("ci95Lower", entry.gap.interval.map { JSONWriter.number($0.lower / days) } ?? .null),
          ("ci95Upper", entry.gap.interval.map { JSONWriter.number($0.upper / days) } ?? .null),
          ("relativeGap", JSONWriter.number(entry.gap.mean / gap.optimum)),
        ])
      })),
    ])
  }

  /// What a policy does, for reports: its model's summary, and in a network its stock basis
  /// and what it does differently at some nodes.
  func describe(_ definition: PolicyDefinition) -> String {
    var parts = [definition.model.summary]
    if result.scenario.network.hasSeveralNodes {
      let topology = result.scenario.network.topology
      if definition.echelonStock { parts.append("echelon stock: each node plans on its own stock plus everything downstream") }
      for node in definition.nodeModels.keys.sorted() {
        parts.append("at \(topology.nodes[node].id): " + definition.nodeModels[node]!.summary)
      }
    }
    return parts.joined(separator: "; ")
  }

  /// Writes every file into `directory` (created if needed). Each file is written to a
  /// temporary name and renamed into place, so a reader never sees half a report file. A
  /// `daily.csv` or `nodes.csv` left by an earlier run that this run does not write (a run with
  /// `--daily none`, or of a single warehouse) is removed, so the folder never mixes two runs.
  ///
  /// - Returns: The paths written.
  @discardableResult
  public func write(to directory: String) throws -> [String] {
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    func path(_ name: String) -> String { directory.hasSuffix("/") ? directory + name : directory + "/" + name }
    // A trace streamed to disk is read once: daily.csv first, with the stockout runs the HTML needs.
    var stockouts: [StockoutRuns]?
    if let spool = result.dailySpool {
      try spool.check()
      stockouts = try streamSpooledDailyCSV(spool, to: path("daily.csv"))
    }
    try streamKPIsCSV(to: path("kpis.csv"))
    let catalogue = result.scenario.network.skus.count > CatalogueSummary.perSKUTableLimit ? CatalogueSummary(result: result) : nil
    let gap = OptimalityGap.of(result)
    var html = HTMLReport(result: result, version: version, optimalityGap: gap)
    html.catalogue = catalogue
    html.stockouts = stockouts
    var files: [(String, String)] = [("summary.json", summaryJSON(optimalityGap: gap)), ("report.md", markdown(catalogue: catalogue, optimalityGap: gap)),
                                     ("report.html", html.render())]
    if let nodes = nodesCSV() { files.append(("nodes.csv", nodes)) }
    var written: [String] = []
    for (name, contents) in files {
      try AtomicFile.write(contents, to: path(name))
      written.append(path(name))
    }
    written.insert(path("kpis.csv"), at: 1)
    if try stockouts != nil || streamDailyCSV(to: path("daily.csv")) {
      files.append(("daily.csv", ""))
      written.insert(path("daily.csv"), at: 4)
    }
    for name in ["daily.csv", "nodes.csv"] where !files.contains(where: { $0.0 == name }) && FileManager.default.fileExists(atPath: path(name)) {
      try FileManager.default.removeItem(atPath: path(name))
    }
    return written
  }
}
