import Experiments
import SupplyModel

extension HTMLReport {
  /// Colour of policy `p` in every chart.
  static func policyColor(_ p: Int) -> String { ChartPalette.color(p) }

  func costChartsSection() -> String {
    let names = result.outcomes.map(\.name)
    func means(_ key: String) -> [Double] { result.outcomes.map { $0.summary(of: key).mean } }
    let holding = BarSegment(name: "Holding", color: ChartPalette.blue, values: means("holdingCost"))
    let shortage = BarSegment(name: "Shortage", color: ChartPalette.vermillion, values: means("shortageCost"))
    let ordering = BarSegment(name: "Ordering", color: ChartPalette.orange, values: means("orderingCost"))
    let purchase = BarSegment(name: "Purchase", color: ChartPalette.skyBlue, values: means("purchaseCost"))
    // Networks pay for transport on lanes too; a single warehouse has none, and its charts stay as they were.
    let network = result.scenario.network.hasSeveralNodes
    let transport = BarSegment(name: "Transport", color: ChartPalette.reddishPurple, values: means("transportCost"))
    let operatingSegments = network ? [holding, shortage, ordering, transport] : [holding, shortage, ordering]
    let operatingText = network ? "holding, shortage, ordering and transport" : "holding, shortage and ordering"
    let operating = StackedBarChart(
      id: "chart-cost-operating", title: "Operating cost per policy",
      subtitle: "\(network ? "Holding + shortage + ordering + transport" : "Holding + shortage + ordering"); mean over \(Self.plural(result.replications, "replication"))",
      description: "Stacked horizontal bars of \(operatingText) cost per policy, without purchase cost. " + barText(operatingSegments, names),
      categories: names, segments: operatingSegments,
      valueAxis: Axis(title: "Cost over \(measuredDays) measured days (currency units)"), width: 760, className: "chart-cost")
    // The sentences about purchase cost say what the figures show: its share of the total.
    let purchaseTotal = purchase.values.reduce(0, +)
    let allTotal = purchaseTotal + operatingSegments.reduce(0) { $0 + $1.values.reduce(0, +) }
    let purchaseShare = allTotal > 0 ? purchaseTotal / allTotal : 0
    let total = StackedBarChart(
      id: "chart-cost-total", title: "Total cost per policy, with purchase",
      subtitle: purchaseShare > 0.5 ? "Purchase dominates; the operating part is on the left"
        : "Purchase is \(NumberFormat.percent(purchaseShare, 0)) of the total; the operating part is on the left",
      description: "Stacked horizontal bars of all \(network ? "five" : "four") cost components per policy. " + barText(operatingSegments + [purchase], names),
      categories: names, segments: operatingSegments + [purchase],
      valueAxis: Axis(title: "Cost over \(measuredDays) measured days (currency units)"), width: 760, className: "chart-cost")
    var h = "<section id=\"costs\">\n<h2>Cost breakdown</h2>\n"
    h += purchaseShare > 0.5
      ? "<p>Purchase cost is most of the total (\(NumberFormat.percent(purchaseShare, 0))) and hides the components a policy trades off, so the first chart leaves it out; the second shows the full total.</p>\n"
      : "<p>The first chart shows the operating cost a policy trades off; the second adds purchase cost (\(NumberFormat.percent(purchaseShare, 0)) of the total here).</p>\n"
    h += figure(operating.render(), caption: "\(network ? "Holding, shortage, ordering and transport" : "Holding, shortage and ordering") cost; labels inside bars where they fit, totals at the end of each bar.", className: "single")
    h += figure(total.render(), caption: "All \(network ? "five" : "four") components. Purchase cost counts the units the measured demand consumed, so under backorders it is the same for every policy; with lost sales it follows the units sold.", className: "single")
    h += "</section>\n"
    return h
  }

  /// A text alternative listing each bar's components.
  func barText(_ segments: [BarSegment], _ names: [String]) -> String {
    names.enumerated().map { c, name in
      name + ": " + segments.map { "\($0.name.lowercased()) \(NumberFormat.grouped($0.values[c], 0))" }.joined(separator: ", ")
    }.joined(separator: "; ") + "."
  }

  func costServiceSection() -> String {
    let intervals = result.replications > 1
    var points: [ScatterPoint] = []
    for (p, o) in result.outcomes.enumerated() {
      let cost = o.summary(of: "totalCost"), fill = o.summary(of: "fillRate")
      points.append(ScatterPoint(label: o.name, color: Self.policyColor(p), x: fill.mean, y: cost.mean,
                                 xInterval: intervals ? fill.interval.map { $0.lower...$0.upper } : nil,
                                 yInterval: intervals ? cost.interval.map { $0.lower...$0.upper } : nil))
    }
    let text = points.map { "\($0.label): fill rate \(NumberFormat.percent($0.x, 2)), total cost \(NumberFormat.grouped($0.y, 0))" }.joined(separator: "; ")
    let chart = ScatterChart(
      id: "chart-cost-vs-fill", title: "Total cost versus fill rate",
      subtitle: intervals ? "Whiskers: 95% confidence intervals across \(result.replications) replications" : "One replication: no intervals",
      description: "One point per policy. " + text + ".",
      xAxis: Axis(title: "Fill rate (% of demand met from stock)", format: .percent, limits: 0...1),
      yAxis: Axis(title: "Total cost (currency units)"), points: points, width: 760, height: 440, className: "chart-scatter")
    var h = "<section id=\"cost-service\">\n<h2>Cost versus fill rate</h2>\n"
    h += "<p>Down and to the right is better: lower cost, more demand met from stock.</p>\n"
    h += figure(chart.render(), caption: "Each point is a policy's mean; whiskers are 95% intervals of each mean taken separately (the paired comparisons above are sharper).", className: "single")
    h += "</section>\n"
    return h
  }

  /// Why a run has no trace, as markup: `--no-daily` for a run whose daily.csv would be small,
  /// else its size.
  var noTraceReason: String {
    let rows = RunReport.dailyRows(of: result.scenario)
    guard rows > Double(RunReport.dailyRowLimit) else { return "the run used <code>--no-daily</code>" }
    return "daily.csv would have \(esc(NumberFormat.grouped(rows, 0))) rows, more than \(esc(NumberFormat.grouped(Double(RunReport.dailyRowLimit), 0))); <code>--daily all</code> writes it"
  }

  func trajectorySection() -> String {
    var h = "<section id=\"trajectories\">\n<h2>Inventory and order trajectories</h2>\n"
    guard result.outcomes.allSatisfy({ $0.trace != nil }), let first = result.outcomes.first?.trace else {
      return h + "<p>No daily trace was recorded (\(noTraceReason)), so there are no trajectories.</p>\n</section>\n"
    }
    let network = result.scenario.network
    let featured = FeaturedSKU.select(from: result)
    let points = StockingPoints(network: network)
    let steady = TrajectoryScale.steadyStart(warmUpDays: network.warmUpDays, dayCount: first.dayCount)
    let shown = TrajectoryScale.shownDays(warmUpDays: network.warmUpDays, dayCount: first.dayCount)
    h += "<p>Replication 0, every simulated day; the shaded warm-up is excluded from the KPIs. On hand is the blue line, on order the light orange area beneath it, backorders the red area below zero. "
    h += "Dashed lines are the policy's planned levels for the SKU (s: reorder point, S: order-up-to level, s + Q: reorder point plus order quantity); they apply to the inventory position (on hand + on order − backorders), so on hand alone stays below them. "
    h += "Ticks in the grey strip at the bottom mark the days an order was placed, taller for larger orders. Each panel has its own vertical scale (read the axis), set by the days from day \(steady) on (\(network.warmUpDays > 0 ? "after the warm-up" : "the first days left out")) and the planned levels, so that the steady state fills the panel; values above it, such as the opening stock, are clipped and marked ▲.</p>\n"
    if shown < first.dayCount {
      h += "<p>The panels show days 0 to \(shown - 1) of the \(NumberFormat.grouped(Double(first.dayCount), 0)) simulated, the warm-up and the year after it, so that single days stay readable.</p>\n"
    }
    if let node = points.featuredNode {
      h += "<p>In this network each SKU is shown at \(esc(points.nodeIDs[node])), the first customer-facing node, with that node's policy levels; every stocking point's days are in <code>daily.csv</code>.</p>\n"
    }
    let key = Legend(items: [
      LegendItem(name: "On hand", color: ChartPalette.blue, symbol: .line(dash: nil)),
      LegendItem(name: "On order", color: ChartPalette.orange, symbol: .band),
      LegendItem(name: "Backordered (below 0)", color: ChartPalette.vermillion, symbol: .band),
      LegendItem(name: "Planned level", color: ChartPalette.reddishPurple, symbol: .line(dash: "6 4")),
      LegendItem(name: "Order placed (strip at the bottom)", color: "#24292F", symbol: .line(dash: nil)),
      LegendItem(name: "Clipped above the scale", color: ChartPalette.grey, symbol: .marker(.triangle)),
    ])
    var canvas = SVGCanvas(width: 640, height: 4 + key.height(width: 636))
    key.draw(into: &canvas, x: 2, y: 2, width: 636)
    h += canvas.document(id: "trajectory-legend", className: "legend-key", title: "Legend", description: "Line: on hand; light areas: on order above zero and backordered below zero; dashed lines: planned levels; ticks in the bottom strip: days an order was placed; triangles at the top: values clipped above the scale.")
    let days = (0..<shown).map(Double.init)
    for (f, pick) in featured.enumerated() {
      let k = pick.index, slot = points.featuredSlot(sku: pick.index)
      let label = points.featuredLabel(sku: network.skus[k].id)
      let levelSets = result.outcomes.map { TrajectoryScale.levels(points.featuredParameters(of: $0), sku: k) }
      h += "<h3>\(esc(label)) <span class=\"why\">— \(esc(pick.reason))</span></h3>\n<div class=\"grid trajectories\">\n"
      for (p, o) in result.outcomes.enumerated() {
        let t = o.trace!
        func column(_ values: [Int]) -> [Double] { (0..<shown).map { Double(values[t.index(day: $0, sku: slot)]) } }
        let onHand = column(t.onHand), onOrder = column(t.onOrder), backordered = column(t.backordered)
        // Each panel is scaled for its own steady state: policies' levels differ by a factor of 5
        // or more, and a shared scale would squeeze the lower ones into the bottom of the panel.
        var scale = TrajectoryScale(steadyStart: steady)
        for d in 0..<shown { scale.add(day: d, onHand: Int(onHand[d]), onOrder: Int(onOrder[d]), backordered: Int(backordered[d])) }
        for l in levelSets[p] { scale.add(level: l.value) }
        let domain = scale.domain
        var orderDays: [Double] = [], orderSizes: [Double] = [], tips: [String] = []
        for d in 0..<shown where t.ordered[t.index(day: d, sku: slot)] > 0 {
          orderDays.append(Double(d))
          orderSizes.append(Double(t.ordered[t.index(day: d, sku: slot)]))
          tips.append("day \(d): ordered \(t.ordered[t.index(day: d, sku: slot)]) units")
        }
        var clippedDays: [Double] = [], clippedTips: [String] = []
        for d in 0..<shown where max(onHand[d], onOrder[d]) > domain.upperBound && (d == 0 || max(onHand[d - 1], onOrder[d - 1]) <= domain.upperBound) {
          clippedDays.append(Double(d))
          clippedTips.append("day \(d): on hand \(NumberFormat.grouped(onHand[d], 0)), on order \(NumberFormat.grouped(onOrder[d], 0)), above the scale")
        }
        let levels = levelSets[p]
        let levelText = levels.map(\.label).joined(separator: ", ")
        let chart = LineChart(
          id: "chart-trajectory-\(f)-\(p)", title: o.name, subtitle: "\(label): \(levelText.isEmpty ? "no planned levels" : levelText); \(orderDays.count) orders",
          description: "Daily on-hand, on-order and backordered units of \(label) under \(o.name) in replication 0, with \(orderDays.count) orders marked\(levelText.isEmpty ? "" : " and the levels " + levelText).",
          xAxis: Axis(title: "Day", extendsToTicks: false), yAxis: Axis(title: "Units", domain: domain),
          bands: [BandSeries(name: "On order", color: ChartPalette.orange, x: days, lower: days.map { _ in 0 }, upper: onOrder, opacity: 0.28),
                  BandSeries(name: "Backordered", color: ChartPalette.vermillion, x: days, lower: backordered.map { -$0 }, upper: days.map { _ in 0 }, opacity: 0.6)],
          lines: [LineSeries(name: "On hand", color: ChartPalette.blue, x: days, y: onHand, width: 1.5, interpolation: .step)],
          markers: clippedDays.isEmpty ? [] : [MarkerSeries(name: "Clipped above the scale", color: ChartPalette.grey, shape: .triangle, x: clippedDays, y: clippedDays.map { _ in domain.upperBound }, tooltips: clippedTips)],
          highlights: network.warmUpDays > 0 ? [XHighlight(range: 0...Double(network.warmUpDays), label: "warm-up")] : [],
          showsLegend: false, width: 1200, height: 250, className: "chart-trajectory")
        var withLevels = chart
        withLevels.references = levels.enumerated().map { YReference(label: $1.label, value: $1.value, color: $0 == 0 ? ChartPalette.reddishPurple : ChartPalette.bluishGreen) }
        withLevels.rug = EventRug(name: "Order placed", color: "#24292F", x: orderDays, sizes: orderSizes, tooltips: tips)
        h += "<div class=\"panel\">\n" + withLevels.render() + "</div>\n"
      }
      h += "</div>\n"
    }
    h += "</section>\n"
    return h
  }

  func stockoutSection() -> String {
    var h = "<section id=\"stockouts\">\n<h2>Stockout durations</h2>\n"
    h += "<p>A <em>stockout day</em> is a day on which some of a SKU's demand was not met from stock; a <em>stockout episode</em> is a run of consecutive stockout days of one SKU, and its length is the duration. "
    h += "Computed from the daily trace of replication 0 over the measured days: units shipped from stock = shipped − backorders served from that day's receipts; the day is a stockout day when that is below demand.</p>\n"
    guard result.outcomes.allSatisfy({ $0.trace != nil }) else {
      return h + "<p>No daily trace was recorded (\(noTraceReason)), so durations cannot be computed.</p>\n</section>\n"
    }
    let measured = result.scenario.network.measuredDays
    // In a network only customer-facing points serve demand the way the trace rule reads it.
    let points = StockingPoints(network: result.scenario.network)
    let slots = points.hasSeveralNodes ? points.customerFacingSlots : nil
    if points.hasSeveralNodes {
      h += "<p>Only the \(points.customerFacingNodes.count) customer-facing nodes count: an episode is a run of stockout days of one SKU at one of them, a stocking point (internal nodes' unfilled orders show up as the fill rates in the Network section).</p>\n"
    }
    let runs = stockouts ?? result.outcomes.map { StockoutRuns(trace: $0.trace!, measuredDays: measured, slots: slots) }
    let longest = runs.flatMap(\.lengths).max() ?? 0
    let bins = HistogramBin.wholeNumbers(upTo: max(longest, 5))
    let series = runs.enumerated().map { p, r in
      HistogramSeries(name: result.outcomes[p].name, color: Self.policyColor(p), counts: HistogramBin.counts(of: r.lengths.map(Double.init), in: bins))
    }
    let text = zip(result.outcomes, runs).map { "\($0.name): \($1.lengths.count) episodes, longest \($1.lengths.max() ?? 0) days" }.joined(separator: "; ")
    let chart = HistogramChart(
      id: "chart-stockout-durations", title: "Stockout episodes by duration",
      subtitle: "\(points.hasSeveralNodes ? "All SKUs at the customer-facing nodes" : "All SKUs"), replication 0, \(measuredDays) measured days",
      description: "Histogram of stockout episode lengths per policy. " + text + ".",
      bins: bins, series: series, xTitle: "Duration (consecutive stockout days)",
      yAxis: Axis(title: "Episodes (count)", minimumStep: 1), width: 760, height: 360, className: "chart-histogram")
    h += figure(chart.render(), caption: longest == 0 ? "No stockouts in replication 0." : "Bars side by side per duration, one colour per policy.", className: "single")
    h += "<div class=\"table-wrap single\">\n<table class=\"stockouts\">\n<thead><tr><th scope=\"col\">Policy</th><th scope=\"col\">Episodes</th><th scope=\"col\">Stockout days</th><th scope=\"col\">Mean duration (days)</th><th scope=\"col\">Longest (days)</th><th scope=\"col\">\(points.hasSeveralNodes ? "Points affected" : "SKUs affected")</th></tr></thead>\n<tbody>\n"
    for (o, r) in zip(result.outcomes, runs) {
      let lengths = r.lengths
      let mean = lengths.isEmpty ? "–" : NumberFormat.fixed(Double(lengths.reduce(0, +)) / Double(lengths.count), 2)
      let affected = r.runsPerSKU.filter { !$0.isEmpty }.count
      h += "<tr><th scope=\"row\">\(esc(o.name))</th><td>\(lengths.count)</td><td>\(r.stockoutDays.reduce(0, +))</td><td>\(mean)</td><td>\(lengths.max() ?? 0)</td><td>\(affected)</td></tr>\n"
    }
    h += "</tbody>\n</table>\n</div>\n</section>\n"
    return h
  }

  func forecastSection() -> String {
    var h = "<section id=\"forecasts\">\n<h2>Forecasts versus actual demand</h2>\n"
    h += "<p>Forecast mean (dashed) and prediction interval (band) over the forecast horizon, against the demand that occurred (black).</p>\n<div class=\"grid two\">\n"
    for (i, f) in forecasts.enumerated() {
      h += figure(f.chart(id: "chart-forecast-\(i)", width: 620, height: 300).render(), caption: "\(f.sku), \(f.method)")
    }
    h += "</div>\n</section>\n"
    return h
  }
}
