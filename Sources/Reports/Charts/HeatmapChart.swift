/// A grid of coloured cells, one per pair of values of two parameters, each labelled with its
/// value, with a colour legend: e.g. total cost over a two-parameter sweep.
///
/// Columns run left to right, rows top to bottom, in the order given; the row parameter's name
/// sits above the rows (long JSON paths fit) and the column parameter's below. Colours follow a
/// `ColorRamp` over `domain` (by default the range of this chart's values; small multiples of one
/// quantity pass one shared domain, so a colour means the same value in each, and draw one
/// shared `ColorScaleLegend` instead of their own), and every cell also prints its value, so the
/// chart reads without colour vision.
public struct HeatmapChart: Sendable, Equatable {
  /// The element id.
  public var id: String
  /// The title.
  public var title: String
  /// A line under the title, or nil.
  public var subtitle: String?
  /// The text alternative.
  public var description: String
  /// Column labels (values of the horizontal parameter).
  public var columns: [String]
  /// Row labels (values of the vertical parameter), top to bottom.
  public var rows: [String]
  /// The horizontal parameter's name.
  public var xTitle: String
  /// The vertical parameter's name.
  public var yTitle: String
  /// `values[row][column]`; a non-finite value leaves its cell blank.
  public var values: [[Double]]
  /// How values print in cells and on the legend.
  public var format: TickFormat
  /// Decimals of the cell labels.
  public var decimals: Int
  /// The colour scale.
  public var ramp: ColorRamp
  /// The legend's title, e.g. "Total cost".
  public var legendTitle: String
  /// A cell to outline (row, column), e.g. the scenario as written; nil for none.
  public var outlined: (row: Int, column: Int)?
  /// What the outline means, for its key, e.g. "scenario as written".
  public var outlineLabel: String
  /// Width in pixels at 100%; the height follows from the number of rows.
  public var width: Double
  /// Extra classes on the `<svg>` element.
  public var className: String
  /// The values mapped to the ends of the ramp, or nil for the range of `values`.
  public var domain: ClosedRange<Double>?
  /// Whether the chart draws its own colour legend (false when the page shows a shared one).
  public var showsLegend: Bool
  /// Whether positive cell labels carry a "+" (for changes).
  public var signedLabels: Bool

  /// Creates a heatmap.
  ///
  /// - Precondition: `values` has one row per row label and one value per column label.
  public init(id: String, title: String, subtitle: String? = nil, description: String, columns: [String], rows: [String],
              xTitle: String, yTitle: String, values: [[Double]], format: TickFormat = .number, decimals: Int = 0,
              ramp: ColorRamp, legendTitle: String, outlined: (row: Int, column: Int)? = nil, outlineLabel: String = "",
              width: Double = 640, className: String = "chart-heatmap", domain: ClosedRange<Double>? = nil, showsLegend: Bool = true,
              signedLabels: Bool = false) {
    precondition(values.count == rows.count && values.allSatisfy { $0.count == columns.count },
                 "heatmap needs \(rows.count) rows of \(columns.count) values")
    self.id = id
    self.title = title
    self.subtitle = subtitle
    self.description = description
    self.columns = columns
    self.rows = rows
    self.xTitle = xTitle
    self.yTitle = yTitle
    self.values = values
    self.format = format
    self.decimals = decimals
    self.ramp = ramp
    self.legendTitle = legendTitle
    self.outlined = outlined
    self.outlineLabel = outlineLabel
    self.width = width
    self.className = className
    self.domain = domain
    self.showsLegend = showsLegend
    self.signedLabels = signedLabels
  }

  /// Equality of every field (the outlined cell compared by row and column).
  public static func == (a: HeatmapChart, b: HeatmapChart) -> Bool {
    a.id == b.id && a.title == b.title && a.subtitle == b.subtitle && a.description == b.description && a.columns == b.columns
      && a.rows == b.rows && a.xTitle == b.xTitle && a.yTitle == b.yTitle && a.values == b.values && a.format == b.format
      && a.decimals == b.decimals && a.ramp == b.ramp && a.legendTitle == b.legendTitle && a.outlined?.row == b.outlined?.row
      && a.outlined?.column == b.outlined?.column && a.outlineLabel == b.outlineLabel && a.width == b.width && a.className == b.className
      && a.domain == b.domain && a.showsLegend == b.showsLegend && a.signedLabels == b.signedLabels
  }

  static let cellHeight = 34.0
  static let legendWidth = 96.0

  /// The label of a value.
  func label(_ v: Double) -> String {
    guard v.isFinite else { return "–" }
    let text = format.label(v, decimals: format == .percent ? decimals + 2 : decimals)
    return signedLabels && v > 0 && text.contains(where: { $0 != "0" && $0.isNumber }) ? "+" + text : text
  }

  /// The `<svg>` element.
  public func render() -> String {
    let finite = values.flatMap { $0 }.filter(\.isFinite)
    let lo = domain?.lowerBound ?? finite.min() ?? 0, hi = domain?.upperBound ?? finite.max() ?? 1
    let headerHeight = 28 + (subtitle == nil ? 0 : 17) + 24.0
    let height = headerHeight + Double(rows.count) * Self.cellHeight + 58
    var canvas = SVGCanvas(width: width, height: height)
    _ = ChartFrame.drawHeader(into: &canvas, title: title, subtitle: subtitle, legend: nil, width: width)
    let rowLabelWidth = rows.map { SVGCanvas.textWidth($0, size: 12) }.max() ?? 0
    let left = 10 + rowLabelWidth + 8
    let right = width - (showsLegend ? Self.legendWidth : 0) - 12
    let top = headerHeight
    let bottom = top + Double(rows.count) * Self.cellHeight
    let cellWidth = (right - left) / Double(max(columns.count, 1))
    func t(_ v: Double) -> Double { hi > lo ? (v - lo) / (hi - lo) : 0.5 }

    canvas.beginGroup(class: "cells")
    for (r, rowLabel) in rows.enumerated() {
      let y = top + Double(r) * Self.cellHeight
      for (c, columnLabel) in columns.enumerated() {
        let v = values[r][c]
        let x = left + Double(c) * cellWidth
        guard v.isFinite else {
          canvas.rect(x: x + 1, y: y + 1, width: cellWidth - 2, height: Self.cellHeight - 2, fill: "#FFFFFF", stroke: "#D8DEE4")
          continue
        }
        let fill = ramp.color(at: t(v))
        canvas.rect(x: x + 1, y: y + 1, width: cellWidth - 2, height: Self.cellHeight - 2, fill: fill,
                    tooltip: "\(yTitle) = \(rowLabel), \(xTitle) = \(columnLabel): \(legendTitle.lowercased()) \(label(v))")
        let text = label(v)
        let size = min(12, max(8, (cellWidth - 6) / max(Double(text.count) * 0.58, 1)))
        canvas.text(text, x: x + cellWidth / 2, y: y + Self.cellHeight / 2 + size * 0.35, size: size, anchor: .middle,
                    fill: ChartPalette.textColor(on: fill), class: "cell-label")
      }
    }
    if let o = outlined, rows.indices.contains(o.row), columns.indices.contains(o.column) {
      canvas.rect(x: left + Double(o.column) * cellWidth - 0.5, y: top + Double(o.row) * Self.cellHeight - 0.5,
                  width: cellWidth + 1, height: Self.cellHeight + 1, fill: "none", stroke: ChartPalette.black, class: "outlined")
    }
    canvas.endGroup()

    canvas.beginGroup(class: "axes")
    for (r, rowLabel) in rows.enumerated() {
      canvas.text(rowLabel, x: left - 8, y: top + (Double(r) + 0.5) * Self.cellHeight + 4, size: 12, anchor: .end, fill: "#424A53")
    }
    let every = max(1, Int((columns.map { SVGCanvas.textWidth($0, size: 11) + 8 }.max() ?? 0) / cellWidth) + 1)
    for (c, columnLabel) in columns.enumerated() where c % every == 0 {
      canvas.text(columnLabel, x: left + (Double(c) + 0.5) * cellWidth, y: bottom + 16, size: 11, anchor: .middle, fill: "#424A53")
    }
    canvas.text(xTitle, x: (left + right) / 2, y: bottom + 34, size: 12, anchor: .middle)
    canvas.text("↓ " + yTitle, x: 8, y: top - 8, size: 12)
    if outlined != nil, !outlineLabel.isEmpty {
      canvas.rect(x: left, y: bottom + 43, width: 12, height: 10, fill: "none", stroke: ChartPalette.black)
      canvas.text(outlineLabel, x: left + 18, y: bottom + 52, size: 11, fill: "#424A53")
    }
    canvas.endGroup()

    if showsLegend { drawLegend(into: &canvas, x: right + 18, top: top, bottom: bottom, lo: lo, hi: hi) }
    return canvas.document(id: id, className: "chart " + className, title: title, description: description)
  }

  /// The colour of value `v` on this chart's scale (lowest at 0, highest at 1 of the ramp).
  public func color(of v: Double, lo: Double, hi: Double) -> String {
    ramp.color(at: hi > lo ? (v - lo) / (hi - lo) : 0.5)
  }

  /// A vertical colour bar (high at the top) with ticks at nice values.
  func drawLegend(into canvas: inout SVGCanvas, x: Double, top: Double, bottom: Double, lo: Double, hi: Double) {
    canvas.beginGroup(class: "color-legend")
    canvas.text(legendTitle, x: x, y: top + 10, size: 11, weight: "600")
    let barTop = top + 18, barBottom = max(bottom, top + 18 + 60)
    let steps = 32
    let stepHeight = (barBottom - barTop) / Double(steps)
    for i in 0..<steps {
      let u = (Double(i) + 0.5) / Double(steps)
      canvas.rect(x: x, y: barBottom - Double(i + 1) * stepHeight, width: 14, height: stepHeight + 0.3, fill: ramp.color(at: u))
    }
    canvas.rect(x: x, y: barTop, width: 14, height: barBottom - barTop, fill: "none", stroke: "#D8DEE4")
    let scale = LinearScale(domain: lo...(hi > lo ? hi : lo + 1), start: barBottom, end: barTop)
    let ticks = hi > lo ? NiceTicks(covering: lo, hi, count: 4, extendsToTicks: false) : NiceTicks(covering: lo, lo, count: 1, extendsToTicks: false)
    for v in ticks.values where v >= lo && v <= (hi > lo ? hi : lo) {
      let y = hi > lo ? scale.map(v) : (barTop + barBottom) / 2
      canvas.line(x + 14, y, x + 18, y, stroke: "#424A53")
      canvas.text(format.label(v, decimals: ticks.decimals), x: x + 21, y: y + 4, size: 10, fill: "#424A53")
    }
    canvas.endGroup()
  }
}
