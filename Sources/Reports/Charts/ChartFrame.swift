/// The plot area of a chart with two numeric axes: its edges, scales and ticks, and the
/// drawing of title, grid, axes and axis titles shared by the chart types.
struct ChartFrame {
  /// Plot area edges in canvas coordinates.
  var left: Double, top: Double, right: Double, bottom: Double
  var x: LinearScale
  var y: LinearScale
  var xTicks: NiceTicks
  var yTicks: NiceTicks
  var xAxis: Axis
  var yAxis: Axis

  static let tickSize = 11.0
  static let titleSize = 12.0

  /// Lays out the plot area below `top` for data spanning the given ranges.
  init(width: Double, height: Double, top: Double, xAxis: Axis, yAxis: Axis,
       xData: (Double, Double), yData: (Double, Double), rightMargin: Double = 18) {
    self.xAxis = xAxis
    self.yAxis = yAxis
    let xt = xAxis.ticks(low: xData.0, high: xData.1)
    let yt = yAxis.ticks(low: yData.0, high: yData.1)
    xTicks = xt
    yTicks = yt
    let labelWidth = yt.values.map { SVGCanvas.textWidth(yAxis.format.label($0, decimals: yt.decimals), size: Self.tickSize) }.max() ?? 0
    left = 22 + labelWidth + 8
    self.top = top + 6
    let lastLabel = xt.values.last.map { SVGCanvas.textWidth(xAxis.format.label($0, decimals: xt.decimals), size: Self.tickSize) / 2 } ?? 0
    right = width - max(rightMargin, lastLabel + 4)
    bottom = height - 44
    x = LinearScale(domain: xt.lower...xt.upper, start: left, end: right)
    y = LinearScale(domain: yt.lower...yt.upper, start: bottom, end: self.top)
  }

  /// Draws the chart title and legend; returns the y below them.
  static func drawHeader(into canvas: inout SVGCanvas, title: String, subtitle: String?, legend: Legend?, width: Double) -> Double {
    var y = 20.0
    canvas.text(title, x: 8, y: y, size: 15, weight: "600", class: "chart-title")
    if let subtitle, !subtitle.isEmpty {
      y += 17
      canvas.text(subtitle, x: 8, y: y, size: 12, fill: ChartPalette.grey)
    }
    y += 8
    if let legend, !legend.items.isEmpty {
      legend.draw(into: &canvas, x: 8, y: y, width: width - 16)
      y += legend.height(width: width - 16)
    }
    return y
  }

  /// Draws grid lines, the axis lines, tick labels and axis titles.
  func drawAxes(into canvas: inout SVGCanvas, verticalGrid: Bool = false, xTicksShown: Bool = true) {
    canvas.beginGroup(class: "axes")
    for v in yTicks.values {
      let py = y.map(v)
      canvas.line(left, py, right, py, stroke: "#D8DEE4", width: 1)
      canvas.text(yAxis.format.label(v, decimals: yTicks.decimals), x: left - 6, y: py + 4, size: Self.tickSize, anchor: .end, fill: "#424A53")
    }
    for v in xTicks.values where xTicksShown {
      let px = x.map(v)
      if verticalGrid { canvas.line(px, top, px, bottom, stroke: "#E6EAEF", width: 1) }
      canvas.line(px, bottom, px, bottom + 5, stroke: "#424A53", width: 1)
      canvas.text(xAxis.format.label(v, decimals: xTicks.decimals), x: px, y: bottom + 18, size: Self.tickSize, anchor: .middle, fill: "#424A53")
    }
    canvas.line(left, bottom, right, bottom, stroke: "#424A53", width: 1)
    canvas.line(left, top, left, bottom, stroke: "#424A53", width: 1)
    canvas.text(xAxis.title, x: (left + right) / 2, y: bottom + 36, size: Self.titleSize, anchor: .middle, fill: "#1F2328")
    canvas.text(yAxis.title, x: 13, y: (top + bottom) / 2, size: Self.titleSize, anchor: .middle, fill: "#1F2328", rotation: -90)
    canvas.endGroup()
  }
}
