/// The frame shared by the sweep and stress pages: the same head, style sheet, header and
/// footer as `report.html`, XHTML-compatible and self-contained (no scripts, nothing fetched).
enum HTMLPage {
  /// Rules these pages add to `HTMLStyle.css`: left-aligned label columns inside tables, a rule
  /// between row groups, the answer box, three-up small multiples, verdict cells, and on narrow
  /// screens charts that shrink to the width (tables scroll in their own container).
  static let extraCSS = """
  th.left, td.left { text-align: left; }
  tr.group-start > * { border-top: 2px solid var(--border); }
  .answer { border: 1px solid var(--border); border-left: 5px solid var(--accent); background: #f3f8fc; border-radius: 8px; padding: 10px 16px; margin: 14px 0; }
  .answer p { margin: 0.35rem 0; max-width: 110ch; }
  .answer p.question { font-weight: 600; }
  .answer p.test { font-size: 0.85rem; color: var(--muted); }
  .grid.three { grid-template-columns: repeat(auto-fit, minmax(360px, 1fr)); }
  svg.chart-color-scale { max-width: 560px; min-width: 0; }
  td.significant { font-weight: 600; }
  td.wrap, th.wrap { white-space: normal; min-width: 12ch; }
  details.long > summary { font-weight: 600; }
  @media (max-width: 640px) { svg.chart, .panel svg.chart { min-width: 0; } .grid.three { grid-template-columns: 1fr; } }
  """

  /// Colours and marker shapes for categorical series (policies), distinct in hue and in shape:
  /// blue, orange, bluish green, reddish purple, sky blue, then vermillion (kept away from orange,
  /// which it resembles), black, yellow; circle, triangle, square, diamond, downward triangle.
  static func seriesStyle(_ i: Int) -> (color: String, shape: MarkerShape) {
    let colors = [ChartPalette.blue, ChartPalette.orange, ChartPalette.bluishGreen, ChartPalette.reddishPurple,
                  ChartPalette.skyBlue, ChartPalette.vermillion, ChartPalette.black, ChartPalette.yellow]
    let shapes: [MarkerShape] = [.circle, .triangle, .square, .diamond, .triangleDown]
    return (colors[i % colors.count], shapes[i % shapes.count])
  }

  /// The definitions of the KPIs these pages show, by key, in the order asked.
  static func definitions(keys: [String]) -> [(term: String, text: String)] {
    let all: [String: (String, String)] = [
      "totalCost": ("Total cost", "Holding + shortage + ordering + purchase (+ transport in a network) cost over the measured days."),
      "fillRate": ("Fill rate", "Units met from stock on the day they were demanded ÷ units demanded."),
      "cycleServiceLevel": ("CSL (cycle service level)", "Share of replenishment cycles (from one receipt to the next) without a stockout."),
      "stockoutDays": ("Stockout days", "Days on which some demand was not met from stock, summed over SKUs."),
      "averageOnHand": ("Avg on hand", "Mean closing on-hand units per day, summed over SKUs."),
      "ordersPlaced": ("Orders", "Replenishment orders placed."),
    ]
    return keys.compactMap { all[$0].map { (term: $0.0, text: $0.1) } }
  }

  /// A `<section id="definitions">` with the definitions of `keys`, the confidence interval and
  /// the paired difference.
  static func definitionsSection(keys: [String]) -> String {
    var h = "<section id=\"definitions\">\n<h2>Definitions</h2>\n<p>All KPIs cover the days after warm-up.</p>\n<dl class=\"definitions\">\n"
    let extra = [
      (term: "95% confidence interval", text: "Student-t interval for the mean across replications: mean ± t(0.975, n−1) × sd / √n; needs at least 2 replications."),
      (term: "Paired difference", text: "Per replication, the KPI of one candidate minus another's under the same random numbers; its interval is much narrower than the two separate intervals suggest. A difference is significant when its 95% interval excludes 0."),
    ]
    for (term, text) in definitions(keys: keys) + extra { h += "<dt>\(esc(term))</dt><dd>\(esc(text))</dd>\n" }
    return h + "</dl>\n</section>\n"
  }

  /// The answer box: a question, statements, and the test in small print.
  static func answerBox(_ lines: [String]) -> String {
    var h = "<div class=\"answer\" role=\"note\">\n"
    for (i, line) in lines.enumerated() {
      let cls = i == 0 ? " class=\"question\"" : (i == lines.count - 1 ? " class=\"test\"" : "")
      h += "<p\(cls)>\(esc(line))</p>\n"
    }
    return h + "</div>\n"
  }

  /// "+100 (-660 to +861)" split into "+100" and "-660 to +861", or nil without an interval.
  static func splitInterval(_ cell: String) -> (String, String)? {
    guard cell.hasSuffix(")"), let open = cell.firstIndex(of: "("), open > cell.startIndex else { return nil }
    let mean = cell[..<open].dropLast(cell[cell.index(before: open)] == " " ? 1 : 0)
    return (String(mean), String(cell[cell.index(after: open)..<cell.index(before: cell.endIndex)]))
  }

  /// A `<td>`: with `splitsInterval`, a "mean (lower to upper)" cell shows the paired interval
  /// on its own line under the mean.
  static func cell(_ text: String, attributes: String, splitsInterval: Bool) -> String {
    if splitsInterval, let (mean, interval) = splitInterval(text) {
      return "<td\(attributes)>\(esc(mean))<span class=\"ci\">\(esc(interval))</span></td>"
    }
    return "<td\(attributes)>\(esc(text))</td>"
  }

  /// Escapes text for the page.
  static func esc(_ s: String) -> String { XMLEscape.escape(s) }

  /// The whole page around `body` (a sequence of `<section>`s).
  ///
  /// - Parameters:
  ///   - kicker: The small line above the title, e.g. "SupplySim sweep".
  ///   - title: The scenario's name.
  ///   - lede: The scenario's description, if any.
  ///   - links: Table-of-contents entries (section id, label).
  ///   - file: The scenario file, named in the footer.
  static func render(kicker: String, title: String, lede: String?, links: [(String, String)], body: String, file: String, version: String) -> String {
    var html = "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n"
    html += "<meta charset=\"utf-8\"/>\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
    html += "<meta name=\"generator\" content=\"SupplySim \(esc(version))\"/>\n"
    html += "<title>\(esc(kicker)): \(esc(title))</title>\n"
    html += "<style>\n\(HTMLStyle.css)\n\(extraCSS)\n</style>\n</head>\n<body>\n<main>\n"
    html += "<header class=\"page\">\n<h1><span class=\"kicker\">\(esc(kicker))</span>\(esc(title))</h1>\n"
    if let lede { html += "<p class=\"lede\">\(esc(lede))</p>\n" }
    html += "<nav class=\"toc\">" + links.map { "<a href=\"#\($0.0)\">\(esc($0.1))</a>" }.joined(separator: " ") + "</nav>\n</header>\n"
    html += body
    html += "<footer>Generated by SupplySim \(esc(version)) from <code>\(esc(file))</code>. "
    html += "A single offline file: inline styles and SVG charts, no scripts.</footer>\n"
    html += "</main>\n</body>\n</html>\n"
    return html
  }

  /// A `<dl class="facts">` of (term, value) pairs.
  static func facts(_ items: [(String, String)], wide: Set<String> = ["File"]) -> String {
    var h = "<dl class=\"facts\">\n"
    for (term, value) in items { h += "<div\(wide.contains(term) ? " class=\"wide\"" : "")><dt>\(esc(term))</dt><dd>\(esc(value))</dd></div>\n" }
    return h + "</dl>\n"
  }

  /// A `<figure>` holding an SVG chart and a caption.
  static func figure(_ svg: String, caption: String, className: String = "") -> String {
    "<figure\(className.isEmpty ? "" : " class=\"\(className)\"")>\n\(svg)<figcaption>\(esc(caption))</figcaption>\n</figure>\n"
  }

  /// A table cell with a mean and, below it, the CI half-width (— without one).
  static func meanCell(_ mean: String, halfWidth: String?, className: String? = nil) -> String {
    "<td\(className.map { " class=\"\($0)\"" } ?? "")>\(esc(mean))<span class=\"ci\">\(esc(halfWidth.map { "± " + $0 } ?? "—"))</span></td>"
  }
}
