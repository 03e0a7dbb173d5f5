import Experiments
import SupplyModel

/// The Network section of the page, for multi-echelon scenarios: a diagram of the nodes and
/// lanes, the node list, per-node KPI tables per policy and the bullwhip ratio by echelon.
extension HTMLReport {
  /// The fill colour of a node kind in the diagram.
  static func fill(_ kind: NodeKind) -> String {
    switch kind {
    case .distributionCenter: ChartPalette.blue
    case .warehouse: ChartPalette.bluishGreen
    case .store: ChartPalette.orange
    }
  }

  /// The fill of supplier boxes (with a grey outline).
  static let supplierFill = "#EEF1F4"

  /// A short kind for diagram boxes: "DC", "warehouse", "store".
  static func shortName(_ kind: NodeKind) -> String { kind == .distributionCenter ? "DC" : NetworkDescription.phrase(kind) }

  /// A short allocation rule for diagram boxes: "FCFS", "fair share", "priority".
  static func shortName(_ rule: AllocationRule) -> String { rule == .firstComeFirstServed ? "FCFS" : NetworkDescription.phrase(rule) }

  /// The diagram: suppliers on the left, then one column per echelon down to the customer-facing
  /// nodes on the right; lanes labelled with their mean lead time.
  func networkDiagram(_ network: NetworkDescription) -> NetworkDiagram {
    let n = result.scenario.network
    let suppliers = network.suppliersUsed
    let echelons = network.echelonCount
    var boxes: [NetworkDiagram.Box] = suppliers.map { j in
      NetworkDiagram.Box(title: n.suppliers[j].id, subtitle: "supplier", column: 0, fill: Self.supplierFill, stroke: ChartPalette.grey,
                         tooltip: "\(n.suppliers[j].id): external supplier, lead time \(NetworkDescription.days(n.suppliers[j].leadTime.mean)) days on average")
    }
    for node in network.nodes {
      let detail = node.isCustomerFacing ? "demand ×\(NumberFormat.shortest(node.demandFactor))" : NetworkDescription.phrase(node.allocation)
      boxes.append(NetworkDiagram.Box(
        title: node.id, subtitle: "\(Self.shortName(node.kind)) · \(node.isCustomerFacing ? "×" + NumberFormat.shortest(node.demandFactor) : Self.shortName(node.allocation))",
        column: 1 + echelons - node.echelon, fill: Self.fill(node.kind),
        tooltip: "\(node.id): \(NetworkDescription.phrase(node.kind)), echelon \(node.echelon), \(detail)"))
    }
    var links: [NetworkDiagram.Link] = []
    var dashed = false
    let skuCount = n.skus.count
    for (i, node) in network.nodes.enumerated() {
      for source in node.sources {
        let from = source.node.map { suppliers.count + $0 } ?? suppliers.firstIndex(of: source.supplier!)!
        dashed = dashed || source.lane == nil
        links.append(NetworkDiagram.Link(from: from, to: suppliers.count + i, label: NetworkDescription.days(source.meanLeadTimeDays) + " d",
                                         dashed: source.lane == nil,
                                         tooltip: "\(source.from) → \(node.id): " + NetworkDescription.phrase(source, skuCount: skuCount)))
      }
    }
    var items = [LegendItem(name: "Supplier", color: Self.supplierFill, symbol: .swatch)]
    for kind in NodeKind.allCases where network.nodes.contains(where: { $0.kind == kind }) {
      items.append(LegendItem(name: NetworkDescription.phrase(kind).capitalizedFirst, color: Self.fill(kind), symbol: .swatch))
    }
    items.append(LegendItem(name: "Lane (mean lead time)", color: "#424A53", symbol: .line(dash: nil)))
    if dashed { items.append(LegendItem(name: "Bought without a lane (supplier's lead time)", color: "#424A53", symbol: .line(dash: "5 4"))) }
    let titles = ["Suppliers"] + (1...echelons).reversed().map { "Echelon \($0)" + ($0 == 1 ? " (customers)" : "") }
    let text = network.nodes.map { node in
      "\(node.id) (\(NetworkDescription.phrase(node.kind)), echelon \(node.echelon)) from " + node.sources.map { "\($0.from) in \(NetworkDescription.days($0.meanLeadTimeDays)) days" }.joined(separator: " and ")
    }.joined(separator: "; ")
    return NetworkDiagram(
      id: "network-diagram", title: "Network: \(network.nodes.count) nodes in \(echelons) echelon\(echelons == 1 ? "" : "s")",
      subtitle: "Stock flows left to right; labels are mean lead times in days",
      description: "Suppliers on the left, customer-facing nodes on the right. " + text + ".",
      columnTitles: titles, boxes: boxes, links: links, legend: Legend(items: items), width: 760)
  }

  /// The bullwhip ratio per echelon and policy: a dot per policy within each echelon's band, with
  /// its 95% interval, on a categorical axis (no lines between echelons, no dot hidden under
  /// another).
  func bullwhipChart(_ network: NetworkDescription) -> GroupedDotChart {
    let titles = RunReport(result: result, version: version).echelonTitles(network)
    var series: [DotSeries] = []
    var text: [String] = []
    for (p, o) in result.outcomes.enumerated() {
      let summaries = (0..<network.echelonCount).map { RunReport.bullwhipSummary(o.echelonBullwhip, at: $0) }
      series.append(DotSeries(name: o.name, color: Self.policyColor(p), values: summaries.map { $0?.mean ?? .nan },
                              intervals: summaries.map { s in s?.interval.map { $0.lower...$0.upper } }))
      text.append("\(o.name): " + summaries.enumerated().map { "echelon \($0 + 1) \(RunReport.ratio($1?.mean))" }.joined(separator: ", "))
    }
    return GroupedDotChart(
      id: "chart-bullwhip-echelon", title: "Variance of orders ÷ variance of demand received",
      subtitle: "One band per echelon (1 = customer-facing), one dot per policy; mean over \(Self.plural(result.replications, "replication"))\(result.replications > 1 ? " with 95% intervals" : "")",
      description: "Bullwhip ratio per echelon and policy. " + text.joined(separator: "; ") + ".",
      groups: titles, series: series,
      valueAxis: Axis(title: "Bullwhip ratio (1 = orders vary as much as demand)", includesZero: true),
      width: 760, className: "chart-bullwhip")
  }

  /// A cell of a node table: the mean, and the CI half-width on a second line (nothing more with
  /// one replication).
  func nodeCell(_ mean: String, halfWidth: String?) -> String {
    "<td>\(esc(mean))\(halfWidth.map { "<span class=\"ci\">\(esc("± " + $0))</span>" } ?? "")</td>"
  }

  func networkSection() -> String {
    guard let network = NetworkDescription(network: result.scenario.network) else { return "" }
    let report = RunReport(result: result, version: version)
    var h = "<section id=\"network\">\n<h2>Network</h2>\n"
    h += "<p>\(network.nodes.count) stocking nodes in \(network.echelonCount) echelon\(network.echelonCount == 1 ? "" : "s") (\(esc(RunReport.kindCounts(network)))); every node stocks every SKU and runs its own policy. "
    h += "The comparison above counts service at the customer-facing nodes and costs at every node; the tables below break it down by node. Every stocking point's days are in <code>daily.csv</code>, every node's KPIs in <code>nodes.csv</code>.</p>\n"
    h += figure(networkDiagram(network).render(), caption: "Boxes are stocking nodes (colour: kind; second line: allocation rule upstream, demand factor at customer-facing nodes); arrows are lanes, labelled with the mean lead time averaged over the SKUs they carry. Hover for transport costs and capacities.", className: "single")
    h += "<div class=\"table-wrap\">\n<table class=\"network-nodes\">\n<thead><tr>"
    for (title, left) in [("Node", true), ("Kind", true), ("Echelon", false), ("Supplied by", true), ("Allocation", true), ("Demand factor", false)] {
      h += "<th scope=\"col\"\(left ? " style=\"text-align: left\"" : "")>\(esc(title))</th>"
    }
    h += "</tr></thead>\n<tbody>\n"
    for row in report.nodeListRows(network) {
      // Words read left-aligned; the page's style right-aligns cells for numbers.
      let left = [true, false, true, true, false]
      h += "<tr><th scope=\"row\">\(esc(row[0]))</th>" + zip(row.dropFirst(), left).map { "<td\($1 ? " style=\"text-align: left\"" : "")>\(esc($0))</td>" }.joined() + "</tr>\n"
    }
    h += "</tbody>\n</table>\n</div>\n"

    h += "<h3>Per node</h3>\n<p>\(result.replications > 1 ? "Means over \(result.replications) replications; the smaller line is the half-width of the 95% confidence interval." : "One replication: no intervals.") "
    h += "Fill rate is the share of the demand a node received (customer demand, or downstream orders) shipped from stock the same day.</p>\n"
    for outcome in result.outcomes {
      h += "<h3>\(esc(outcome.name)) <span class=\"why\">— \(outcome.definition.echelonStock ? "echelon" : "installation") stock</span></h3>\n"
      h += "<div class=\"table-wrap\">\n<table class=\"per-node\">\n<thead><tr><th scope=\"col\">Node</th><th scope=\"col\">Echelon</th>"
      for column in RunReport.nodeColumns { h += "<th scope=\"col\">\(esc(column.1))</th>" }
      h += "<th scope=\"col\">Bullwhip</th></tr></thead>\n<tbody>\n"
      for (i, node) in network.nodes.enumerated() {
        h += "<tr><th scope=\"row\">\(esc(node.id))</th><td>\(node.echelon)</td>"
        for column in RunReport.nodeColumns {
          let s = RunReport.summary(outcome, node: i, kpi: column.0)
          h += nodeCell(column.2(s.mean), halfWidth: s.interval.map { column.2($0.halfWidth) })
        }
        let b = RunReport.bullwhipSummary(outcome.nodeBullwhip, at: i)
        h += nodeCell(RunReport.ratio(b?.mean), halfWidth: b?.interval.map { RunReport.ratio($0.halfWidth) }) + "</tr>\n"
      }
      h += "</tbody>\n</table>\n</div>\n"
    }

    h += "<h3>Bullwhip ratio by echelon</h3>\n"
    if network.echelonCount > 1 {
      h += figure(bullwhipChart(network).render(), caption: "Above 1, the echelon's orders vary more than the demand it receives. Echelon ratios pool the variances of all nodes and SKUs of the echelon.", className: "single")
    }
    h += "<div class=\"table-wrap single\">\n<table class=\"bullwhip-echelon\">\n<thead><tr><th scope=\"col\">Policy</th>"
    for title in report.echelonTitles(network) { h += "<th scope=\"col\">\(esc(title))</th>" }
    h += "</tr></thead>\n<tbody>\n"
    for outcome in result.outcomes {
      h += "<tr><th scope=\"row\">\(esc(outcome.name))</th>"
      for e in 0..<network.echelonCount {
        let b = RunReport.bullwhipSummary(outcome.echelonBullwhip, at: e)
        h += nodeCell(RunReport.ratio(b?.mean), halfWidth: b?.interval.map { RunReport.ratio($0.halfWidth) })
      }
      h += "</tr>\n"
    }
    h += "</tbody>\n</table>\n</div>\n"
    h += "<p class=\"note\">\(esc(RunReport.networkDefinitions))</p>\n</section>\n"
    return h
  }
}

extension String {
  /// The string with its first character upper-cased ("store" → "Store").
  var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
