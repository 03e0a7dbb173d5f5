import Experiments
import SupplyModel

/// A KPI column of the comparison table.
struct KPIColumn: Sendable {
  var key: String
  var title: String
  var format: @Sendable (Double) -> String
}

extension HTMLReport {
  static let kpiColumns: [KPIColumn] = [
    KPIColumn(key: "totalCost", title: KPIDefinition.named("totalCost").column, format: { NumberFormat.grouped($0, 0) }),
    KPIColumn(key: "holdingCost", title: KPIDefinition.named("holdingCost").column, format: { NumberFormat.grouped($0, 0) }),
    KPIColumn(key: "shortageCost", title: KPIDefinition.named("shortageCost").column, format: { NumberFormat.grouped($0, 0) }),
    KPIColumn(key: "orderingCost", title: KPIDefinition.named("orderingCost").column, format: { NumberFormat.grouped($0, 0) }),
    KPIColumn(key: "purchaseCost", title: KPIDefinition.named("purchaseCost").column, format: { NumberFormat.grouped($0, 0) }),
    KPIColumn(key: "fillRate", title: KPIDefinition.named("fillRate").column, format: { NumberFormat.percent($0, 2) }),
    KPIColumn(key: "cycleServiceLevel", title: KPIDefinition.named("cycleServiceLevel").column, format: { NumberFormat.percent($0, 1) }),
    KPIColumn(key: "stockoutDays", title: KPIDefinition.named("stockoutDays").column, format: { NumberFormat.fixed($0, 1) }),
    KPIColumn(key: "averageOnHand", title: KPIDefinition.named("averageOnHand").column, format: { NumberFormat.grouped($0, 0) }),
    KPIColumn(key: "inventoryTurnover", title: KPIDefinition.named("inventoryTurnover").column, format: { NumberFormat.fixed($0, 1) }),
    KPIColumn(key: "ordersPlaced", title: KPIDefinition.named("ordersPlaced").column, format: { NumberFormat.grouped($0, 0) }),
  ]

  /// The columns of this page's comparison table: `kpiColumns`, with transport cost after
  /// purchase for multi-echelon networks.
  var comparisonColumns: [KPIColumn] {
    guard result.scenario.network.hasSeveralNodes else { return Self.kpiColumns }
    var columns = Self.kpiColumns
    columns.insert(KPIColumn(key: "transportCost", title: KPIDefinition.named("transportCost").column, format: { NumberFormat.grouped($0, 0) }), at: 5)
    return columns
  }

  func comparisonSection() -> String {
    let outcomes = result.outcomes
    let columns = comparisonColumns
    var h = "<section id=\"comparison\">\n<h2>KPI comparison</h2>\n"
    h += result.replications > 1
      ? "<p>Means over \(result.replications) replications; the smaller line is the half-width of the 95% confidence interval. "
      : "<p>One replication: no intervals. "
    h += "\(esc(BestPolicyRule().statement(replications: result.replications)))</p>\n"
    h += "<div class=\"table-wrap\">\n<table class=\"kpi-comparison\">\n<thead><tr><th scope=\"col\">Policy</th>"
    for c in columns { h += "<th scope=\"col\">\(esc(c.title))</th>" }
    h += "</tr></thead>\n<tbody>\n"
    let summaries = outcomes.map { o in columns.map { o.summary(of: $0.key) } }
    let best = columns.map { result.significantlyBest(of: $0.key) }
    for (p, outcome) in outcomes.enumerated() {
      h += "<tr><th scope=\"row\">\(esc(outcome.name))</th>"
      for (c, column) in columns.enumerated() {
        let s = summaries[p][c]
        let isBest = best[c] == p
        let half = s.interval.map { "± " + column.format($0.halfWidth) } ?? ""
        h += "<td\(isBest ? " class=\"best\"" : "")>\(isBest ? "<span class=\"star\" title=\"significantly best in column\">★</span> " : "")\(esc(column.format(s.mean)))\(half.isEmpty ? "" : "<span class=\"ci\">\(esc(half))</span>")</td>"
      }
      h += "</tr>\n"
    }
    h += "</tbody>\n</table>\n</div>\n</section>\n"
    return h
  }

  /// The sentence describing a paired comparison of total cost.
  func costSentence(_ c: PairedComparison) -> String {
    let d = c.difference
    let days = "over the \(measuredDays) measured days"
    guard d.mean != 0 else { return "\(c.first) and \(c.second) cost the same \(days)." }
    let firstCheaper = d.mean < 0
    let (cheaper, dearer) = firstCheaper ? (c.first, c.second) : (c.second, c.first)
    var s = "\(cheaper) costs \(NumberFormat.grouped(abs(d.mean), 0)) less than \(dearer) \(days)"
    guard let ci = d.interval else { return s + "." }
    let (lo, hi) = firstCheaper ? (-ci.upper, -ci.lower) : (ci.lower, ci.upper)
    s += " (95% CI \(NumberFormat.grouped(lo, 0)) to \(NumberFormat.grouped(hi, 0)))"
    return s + (c.isSignificant ? ", a significant difference." : ", not a significant difference.")
  }

  /// The sentence describing a paired comparison of fill rate.
  func fillSentence(_ c: PairedComparison) -> String {
    let d = c.difference
    guard d.mean != 0 else { return "\(c.first) and \(c.second) have the same fill rate." }
    let firstHigher = d.mean > 0
    let (higher, lower) = firstHigher ? (c.first, c.second) : (c.second, c.first)
    var s = "\(higher) fills \(NumberFormat.fixed(abs(d.mean) * 100, 2)) percentage points more of demand from stock than \(lower)"
    guard let ci = d.interval else { return s + "." }
    let (lo, hi) = firstHigher ? (ci.lower, ci.upper) : (-ci.upper, -ci.lower)
    s += " (95% CI \(NumberFormat.fixed(lo * 100, 2)) to \(NumberFormat.fixed(hi * 100, 2)) pp)"
    return s + (c.isSignificant ? ", a significant difference." : ", not a significant difference.")
  }

  func pairedSection() -> String {
    var h = "<section id=\"paired\">\n<h2>Paired comparisons</h2>\n"
    guard result.outcomes.count > 1 else {
      return h + "<p>Only one policy: nothing to compare.</p>\n</section>\n"
    }
    let cost = result.pairedComparisons(of: "totalCost")
    let fill = result.pairedComparisons(of: "fillRate")
    let intervals = result.replications > 1
    h += "<p>Each replication runs every policy on the same demand and lead times (common random numbers), so the difference A − B is taken replication by replication"
    h += intervals ? " and its 95% interval removes the noise both policies share. A difference is significant when its interval excludes zero.</p>\n"
      : ". One replication: no intervals, so no difference below is shown to be significant (run with <code>--replications 10</code> or more).</p>\n"
    h += "<div class=\"table-wrap\">\n<table class=\"paired\">\n<thead><tr><th scope=\"col\">A − B</th>"
    let extra = intervals ? "<th scope=\"col\">95% CI</th><th scope=\"col\">Significant</th>" : ""
    h += "<th scope=\"col\">Δ total cost</th>\(extra)<th scope=\"col\">Δ fill rate (pp)</th>\(extra)</tr></thead>\n<tbody>\n"
    func cells(_ c: PairedComparison, scale: Double, digits: Int, grouped: Bool) -> String {
      let f: (Double) -> String = { grouped ? NumberFormat.grouped($0 * scale, digits) : NumberFormat.fixed($0 * scale, digits) }
      guard let ci = c.difference.interval else { return "<td>\(esc(f(c.difference.mean)))</td>" }
      return "<td>\(esc(f(c.difference.mean)))</td><td>\(esc("\(f(ci.lower)) to \(f(ci.upper))"))</td><td class=\"\(c.isSignificant ? "yes" : "no")\">\(c.isSignificant ? "yes" : "no")</td>"
    }
    for (c, f) in zip(cost, fill) {
      h += "<tr><th scope=\"row\">\(esc(c.first)) − \(esc(c.second))</th>"
      h += cells(c, scale: 1, digits: 0, grouped: true) + cells(f, scale: 100, digits: 2, grouped: false) + "</tr>\n"
    }
    h += "</tbody>\n</table>\n</div>\n<ul class=\"findings\">\n"
    for (c, f) in zip(cost, fill) {
      h += "<li>\(esc(costSentence(c))) \(esc(fillSentence(f)))</li>\n"
    }
    h += "</ul>\n</section>\n"
    return h
  }

  /// Each policy's gap to the optimum with its interval, when a policy of the run knows the optimum.
  func optimalityGapSection() -> String {
    guard let gap = optimalityGap else { return "" }
    let days = Double(gap.days)
    var h = "<section id=\"optimum\">\n<h2>Distance to the optimum</h2>\n"
    h += "<p>\(esc(gap.explanation)) Over all SKUs it is \(esc(NumberFormat.grouped(gap.optimum / days, 2))) per day. "
    h += "Each policy's gap is its total cost per day minus the optimum, with a 95% interval across replications"
    if case .policy = gap.basis { h += "; the reference policy's own gap is its simulation error and its interval should contain zero" }
    h += ".</p>\n"
    let intervals = result.replications > 1
    if !intervals { h += "<p>One replication: no intervals.</p>\n" }
    h += "<div class=\"table-wrap\">\n<table class=\"gap\">\n<thead><tr><th scope=\"col\">Policy</th><th scope=\"col\">Cost per day</th><th scope=\"col\">Gap per day</th>\(intervals ? "<th scope=\"col\">95% CI</th>" : "")<th scope=\"col\">Gap</th></tr></thead>\n<tbody>\n"
    for (policy, summary) in gap.gaps {
      let interval = summary.interval.map { "<td>\(esc("\(NumberFormat.fixed($0.lower / days, 2)) to \(NumberFormat.fixed($0.upper / days, 2))"))</td>" } ?? ""
      h += "<tr><th scope=\"row\">\(esc(policy))</th><td>\(esc(NumberFormat.grouped((summary.mean + gap.optimum) / days, 2)))</td><td>\(esc(NumberFormat.fixed(summary.mean / days, 2)))</td>"
      h += "\(interval)<td>\(esc(NumberFormat.percent(summary.mean / gap.optimum, 2)))</td></tr>\n"
    }
    h += "</tbody>\n</table>\n</div>\n</section>\n"
    return h
  }

  func perSKUSection() -> String {
    let skus = result.scenario.network.skus
    let points = StockingPoints(network: result.scenario.network)
    var h = "<section id=\"per-sku\">\n<h2>Per SKU</h2>\n<p>Means over replications; s, S and Q are the planned levels (– where the policy family has none).</p>\n"
    if let node = points.featuredNode {
      h += "<p>Each SKU over the whole network: demand, fill rate, CSL, stockout days and backorders at the customer-facing nodes; stock, orders and costs at every node. s, S and Q are the levels at \(esc(points.nodeIDs[node])), the first customer-facing node.</p>\n"
    }
    let header = ["SKU", "s", "S", "Q", "Demand", "Fill rate", "CSL", "Stockout days", "Avg on hand", "Avg backorders", "Orders", "Total cost"]
    for outcome in result.outcomes {
      h += "<details class=\"per-sku\">\n<summary>\(esc(outcome.name)) <span class=\"note\">(\(skus.count) SKUs)</span></summary>\n"
      h += "<div class=\"table-wrap\">\n<table class=\"per-sku\">\n<thead><tr>"
      for title in header { h += "<th scope=\"col\">\(esc(title))</th>" }
      h += "</tr></thead>\n<tbody>\n"
      for (k, sku) in skus.enumerated() {
        let m = outcome.meanKPIs(ofSKU: k)
        let levels = points.featuredParameters(of: outcome)
        let cells = PolicyParameters.levelNames.map { levels.text($0, ofSKU: k) ?? "–" } + [
          NumberFormat.grouped(m.demand, 0), NumberFormat.percent(m.fillRate, 2), NumberFormat.percent(m.cycleServiceLevel, 1),
          NumberFormat.fixed(m.stockoutDays, 1), NumberFormat.grouped(m.averageOnHand, 1), NumberFormat.fixed(m.averageBackorders, 2),
          NumberFormat.fixed(m.ordersPlaced, 1), NumberFormat.grouped(m.totalCost, 0),
        ]
        h += "<tr><th scope=\"row\">\(esc(sku.id))</th>" + cells.map { "<td>\(esc($0))</td>" }.joined() + "</tr>\n"
      }
      h += "</tbody>\n</table>\n</div>\n</details>\n"
    }
    h += "</section>\n"
    return h
  }
}
