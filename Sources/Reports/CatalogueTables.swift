import Experiments
import SupplyModel

/// The large-catalogue sections of `report.md` and `report.html` (`CatalogueSummary`), as titled
/// tables that both formats render, so the two reports show the same figures.
struct CatalogueTables: Sendable {
  /// One titled table with a sentence on how to read it.
  struct Part: Sendable {
    /// The subsection's title.
    var title: String
    /// What the table shows.
    var note: String
    /// The table.
    var table: TextTable
  }

  /// The parts in report order: distributions, ABC classes, XYZ classes, worst SKUs by cost and
  /// by stockouts, featured SKUs.
  var parts: [Part] = []

  /// The tables of `summary` for `result`.
  init(result: ExperimentResult, summary: CatalogueSummary) {
    let outcomes = result.outcomes
    let skus = result.scenario.network.skus
    let levels = CatalogueSummary.quantileLevels.map { $0 == 0 ? "Min" : $0 == 1 ? "Max" : $0 == 0.5 ? "Median" : NumberFormat.percent($0, 0) }
    var distribution = TextTable(header: ["Policy", "KPI per SKU"] + levels, rightAligned: [false, false] + levels.map { _ in true })
    let formats: [(Double) -> String] = [{ NumberFormat.percent($0, 2) }, { NumberFormat.grouped($0, 0) }, { NumberFormat.fixed($0, 1) }]
    for (p, outcome) in outcomes.enumerated() {
      for (i, kpi) in CatalogueSummary.distributionKPIs.enumerated() {
        distribution.rows.append([outcome.name, kpi.title] + summary.quantiles[p][i].map(formats[i]))
      }
    }
    parts.append(Part(title: "Distribution of per-SKU KPIs",
                      note: "Quantiles over the \(NumberFormat.grouped(Double(summary.skuCount), 0)) SKUs of each SKU's mean over replications (5% = the value 5% of SKUs are at or below).",
                      table: distribution))
    func classTable(_ rows: [CatalogueSummary.ClassRow]) -> TextTable {
      var table = TextTable(header: ["Class", "SKUs", "Demand value", "Policy", "Fill rate", "Total cost", "Stockout days"],
                            rightAligned: [false, true, true, false, true, true, true])
      for row in rows {
        for (p, outcome) in outcomes.enumerated() {
          table.rows.append([row.name, NumberFormat.grouped(Double(row.skuCount), 0), NumberFormat.percent(row.valueShare, 1), outcome.name,
                             NumberFormat.percent(row.fillRate[p], 2), NumberFormat.grouped(row.totalCost[p], 0), NumberFormat.grouped(row.stockoutDays[p], 0)])
        }
      }
      return table
    }
    parts.append(Part(title: "ABC classes (by demand value)",
                      note: "Demand value = mean units demanded × unit cost. A: the SKUs that make up the first 80% of the value, highest first; B: the next 15%; C: the rest. Fill rate over a class = units met from stock ÷ units demanded.",
                      table: classTable(summary.abc)))
    parts.append(Part(title: "XYZ classes (by demand variability)",
                      note: "Coefficient of variation of daily demand from the scenario's demand model (sd ÷ mean at the average mean over the measured days). X: up to 0.5; Y: up to 1; Z: above 1 or no demand.",
                      table: classTable(summary.xyz)))
    let abcNames = ["A", "B", "C"], xyzNames = ["X", "Y", "Z"]
    func skuTable(_ lists: [[Int]]) -> TextTable {
      var table = TextTable(header: ["Policy", "Rank", "SKU", "Class", "Demand", "Fill rate", "Stockout days", "Total cost"],
                            rightAligned: [false, true, false, false, true, true, true, true])
      for (p, outcome) in outcomes.enumerated() {
        for (rank, k) in lists[p].enumerated() {
          let m = summary.means[p][k]
          table.rows.append([outcome.name, String(rank + 1), skus[k].id, abcNames[Int(summary.abcClass[k])] + xyzNames[Int(summary.xyzClass[k])],
                             NumberFormat.grouped(m.demand, 0), NumberFormat.percent(m.fillRate, 2), NumberFormat.fixed(m.stockoutDays, 1),
                             NumberFormat.grouped(m.totalCost, 0)])
        }
      }
      return table
    }
    parts.append(Part(title: "Highest-cost SKUs",
                      note: "Per policy, the \(CatalogueSummary.worstCount) SKUs with the highest total cost (ties in catalogue order).",
                      table: skuTable(summary.worstByCost)))
    parts.append(Part(title: "SKUs with the most stockout days",
                      note: "Per policy, the \(CatalogueSummary.worstCount) SKUs with the most stockout days (SKUs without stockouts are not listed).",
                      table: skuTable(summary.worstByStockouts)))
    var featured = TextTable(header: ["SKU", "Why", "Policy", "Demand", "Fill rate", "Stockout days", "Total cost"],
                             rightAligned: [false, false, false, true, true, true, true])
    for pick in FeaturedSKU.select(from: result) {
      for (p, outcome) in outcomes.enumerated() {
        let m = summary.means[p][pick.index]
        featured.rows.append([skus[pick.index].id, pick.reason, outcome.name, NumberFormat.grouped(m.demand, 0), NumberFormat.percent(m.fillRate, 2),
                              NumberFormat.fixed(m.stockoutDays, 1), NumberFormat.grouped(m.totalCost, 0)])
      }
    }
    parts.append(Part(title: "Featured SKUs",
                      note: "The SKUs the trajectory charts show: the highest demand, the most stockouts and the slowest mover.",
                      table: featured))
  }

  /// The sentence that opens the section.
  static func lede(skus: Int) -> String {
    "\(NumberFormat.grouped(Double(skus), 0)) SKUs are more than the \(CatalogueSummary.perSKUTableLimit) a report lists one by one, so this section summarises them; every SKU's figures are in kpis.csv."
  }

  /// The parts in Markdown, each under a level-3 heading.
  func markdown() -> String {
    parts.map { "### \($0.title)\n\n\($0.note)\n\n" + $0.table.markdown() + "\n" }.joined()
  }

  /// The parts in HTML, each under an `h3` heading; the first column is a row header.
  func html() -> String {
    var h = ""
    for part in parts {
      h += "<h3>\(XMLEscape.escape(part.title))</h3>\n<p>\(XMLEscape.escape(part.note))</p>\n"
      h += "<div class=\"table-wrap\">\n<table class=\"catalogue\">\n<thead><tr>"
      for (c, title) in part.table.header.enumerated() {
        h += c == 0 || part.table.rightAligned[c] ? "<th scope=\"col\">" : "<th scope=\"col\" style=\"text-align: left\">"
        h += XMLEscape.escape(title) + "</th>"
      }
      h += "</tr></thead>\n<tbody>\n"
      for row in part.table.rows {
        h += "<tr><th scope=\"row\">\(XMLEscape.escape(row[0]))</th>"
        for (c, cell) in row.enumerated().dropFirst() {
          h += part.table.rightAligned[c] ? "<td>" : "<td style=\"text-align: left\">"
          h += XMLEscape.escape(cell) + "</td>"
        }
        h += "</tr>\n"
      }
      h += "</tbody>\n</table>\n</div>\n"
    }
    return h
  }
}
