/// A tornado chart: one horizontal bar per input, spanning the range of an output as that input
/// runs through its values with the other inputs held at reference values, widest bar on top;
/// each input's name is written above its bar.
///
/// A dashed line marks the output at the reference point; a circle marks the output at each
/// input's lowest value and a diamond at its highest, so the direction of the effect reads off
/// the chart, and a bar wider than the span between its markers shows a response that is not
/// monotone.
public struct TornadoChart: Sendable, Equatable {
  /// The element id.
  public var id: String
  /// The title.
  public var title: String
  /// A line under the title, or nil.
  public var subtitle: String?
  /// The text alternative.
  public var description: String
  /// The bars, top to bottom (sort them widest first for the tornado shape).
  public var bars: [TornadoBar]
  /// The output at the reference point.
  public var center: Double
  /// The output's axis (horizontal).
  public var valueAxis: Axis
  /// Width in pixels at 100%; the height follows from the number of bars.
  public var width: Double
  /// Extra classes on the `<svg>` element.
  public var className: String
  /// The values the axis must cover, when small multiples share one scale (nil: the bars').
  public var domain: ClosedRange<Double>?

  /// Creates a tornado chart.
  public init(id: String, title: String, subtitle: String? = nil, description: String, bars: [TornadoBar], center: Double,
              valueAxis: Axis, width: Double = 640, className: String = "chart-tornado", domain: ClosedRange<Double>? = nil) {
    self.id = id
    self.title = title
    self.subtitle = subtitle
    self.description = description
    self.bars = bars
    self.center = center
    self.valueAxis = valueAxis
    self.width = width
    self.className = className
    self.domain = domain
  }

  static let barHeight = 20.0
  static let rowHeight = 58.0
  static let lowColor = ChartPalette.blue
  static let highColor = ChartPalette.vermillion
  static let rangeColor = "#C9D7E3"

  /// The `<svg>` element.
  public func render() -> String {
    let legend = Legend(items: [
      LegendItem(name: "range over all values", color: Self.rangeColor, symbol: .swatch),
      LegendItem(name: "at lowest value", color: Self.lowColor, symbol: .marker(.circle)),
      LegendItem(name: "at highest value", color: Self.highColor, symbol: .marker(.diamond)),
      LegendItem(name: "reference point", color: ChartPalette.black, symbol: .line(dash: "4 3")),
    ])
    let headerHeight = 28 + (subtitle == nil ? 0 : 17) + legend.height(width: width - 16)
    let height = headerHeight + 6 + Double(bars.count) * Self.rowHeight + 50
    var canvas = SVGCanvas(width: width, height: height)
    let top = ChartFrame.drawHeader(into: &canvas, title: title, subtitle: subtitle, legend: legend, width: width)
    let covered = bars.map(\.minimum) + bars.map(\.maximum) + [center] + (domain.map { [$0.lowerBound, $0.upperBound] } ?? [])
    let low = covered.filter(\.isFinite).min() ?? 0
    let high = covered.filter(\.isFinite).max() ?? 1
    let pad = high > low ? (high - low) * 0.04 : max(abs(low) * 0.05, 0.01)
    var frame = ChartFrame(width: width, height: height, top: top, xAxis: valueAxis, yAxis: Axis(title: ""),
                           xData: (low - pad, high + pad), yData: (0, 1), rightMargin: 24)
    let firstTick = frame.xTicks.values.first.map { valueAxis.format.label($0, decimals: frame.xTicks.decimals) } ?? ""
    frame.left = max(16, SVGCanvas.textWidth(firstTick, size: 11) / 2 + 6)
    frame.x = LinearScale(domain: frame.xTicks.lower...frame.xTicks.upper, start: frame.left, end: frame.right)

    canvas.beginGroup(class: "axes")
    for v in frame.xTicks.values {
      let px = frame.x.map(v)
      canvas.line(px, frame.top, px, frame.bottom, stroke: "#E6EAEF", width: 1)
      canvas.text(valueAxis.format.label(v, decimals: frame.xTicks.decimals), x: px, y: frame.bottom + 18, size: 11, anchor: .middle, fill: "#424A53")
    }
    canvas.line(frame.left, frame.bottom, frame.right, frame.bottom, stroke: "#424A53", width: 1)
    canvas.text(valueAxis.title, x: (frame.left + frame.right) / 2, y: frame.bottom + 36, size: 12, anchor: .middle)
    let cx = frame.x.map(center)
    canvas.line(cx, frame.top, cx, frame.bottom, stroke: ChartPalette.black, width: 1.2, dash: "4 3", class: "reference")
    canvas.endGroup()

    canvas.beginGroup(class: "bars")
    for (b, bar) in bars.enumerated() {
      // The input's name above its bar: JSON paths are long, and the bars keep the full width.
      let y0 = frame.top + Double(b) * Self.rowHeight + 22
      let mid = y0 + Self.barHeight / 2
      canvas.text(bar.label, x: frame.left, y: y0 - 6, size: 12, weight: "600")
      let x0 = frame.x.map(bar.minimum), x1 = frame.x.map(bar.maximum)
      let span = "\(valueAxis.format.label(bar.minimum, decimals: frame.xTicks.decimals + 1)) to \(valueAxis.format.label(bar.maximum, decimals: frame.xTicks.decimals + 1))"
      canvas.rect(x: x0, y: y0, width: max(x1 - x0, 1.5), height: Self.barHeight, fill: Self.rangeColor, tooltip: "\(bar.label): \(span)")
      MarkerShape.circle.draw(into: &canvas, x: frame.x.map(bar.atLow), y: mid, r: 5.5, color: Self.lowColor,
                              tooltip: "\(bar.label) = \(bar.lowValue): \(valueAxis.format.label(bar.atLow, decimals: frame.xTicks.decimals + 1))")
      MarkerShape.diamond.draw(into: &canvas, x: frame.x.map(bar.atHigh), y: mid, r: 5.5, color: Self.highColor,
                               tooltip: "\(bar.label) = \(bar.highValue): \(valueAxis.format.label(bar.atHigh, decimals: frame.xTicks.decimals + 1))")
      // Value labels under the markers; the one further left is anchored at its end.
      let lowX = frame.x.map(bar.atLow), highX = frame.x.map(bar.atHigh)
      let lowFirst = lowX <= highX
      canvas.text(bar.lowValue, x: lowX + (lowFirst ? -4 : 4), y: y0 + Self.barHeight + 11, size: 10,
                  anchor: lowFirst ? .end : .start, fill: Self.lowColor, class: "value-label")
      canvas.text(bar.highValue, x: highX + (lowFirst ? 4 : -4), y: y0 + Self.barHeight + 11, size: 10,
                  anchor: lowFirst ? .start : .end, fill: Self.highColor, class: "value-label")
    }
    canvas.endGroup()
    return canvas.document(id: id, className: "chart " + className, title: title, description: description)
  }
}
