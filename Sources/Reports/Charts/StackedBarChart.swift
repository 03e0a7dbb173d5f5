/// One component of a `StackedBarChart`: its value in every bar.
public struct BarSegment: Sendable, Equatable {
  /// The component's name in the legend.
  public var name: String
  /// Its colour.
  public var color: String
  /// Its value per bar (category), non-negative.
  public var values: [Double]

  /// Creates a component.
  public init(name: String, color: String, values: [Double]) {
    self.name = name
    self.color = color
    self.values = values
  }
}

/// Horizontal bars, one per category, each split into stacked components, with the total
/// printed at the end of the bar; e.g. cost components per policy.
public struct StackedBarChart: Sendable, Equatable {
  /// The element id.
  public var id: String
  /// The title.
  public var title: String
  /// A line under the title, or nil.
  public var subtitle: String?
  /// The text alternative.
  public var description: String
  /// The bar labels, top to bottom.
  public var categories: [String]
  /// The stacked components, left to right.
  public var segments: [BarSegment]
  /// The value axis (horizontal); it always includes 0.
  public var valueAxis: Axis
  /// Width in pixels at 100%; the height follows from the number of bars.
  public var width: Double
  /// Extra classes on the `<svg>` element.
  public var className: String

  /// Creates a stacked bar chart.
  ///
  /// - Precondition: every segment has one value per category.
  public init(id: String, title: String, subtitle: String? = nil, description: String, categories: [String],
              segments: [BarSegment], valueAxis: Axis, width: Double = 640, className: String = "chart-bars") {
    for s in segments {
      precondition(s.values.count == categories.count, "segment \(s.name): \(s.values.count) values for \(categories.count) bars")
    }
    self.id = id
    self.title = title
    self.subtitle = subtitle
    self.description = description
    self.categories = categories
    self.segments = segments
    self.valueAxis = valueAxis
    self.width = width
    self.className = className
  }

  static let barHeight = 26.0
  static let barGap = 12.0

  /// The sum of all segments per bar.
  public var totals: [Double] {
    categories.indices.map { c in segments.reduce(0) { $0 + max($1.values[c], 0) } }
  }

  /// The `<svg>` element.
  public func render() -> String {
    let legend = Legend(items: segments.map { LegendItem(name: $0.name, color: $0.color, symbol: .swatch) })
    let headerHeight = 28 + (subtitle == nil ? 0 : 17) + legend.height(width: width - 16)
    let height = headerHeight + 6 + Double(categories.count) * (Self.barHeight + Self.barGap) + 44
    var canvas = SVGCanvas(width: width, height: height)
    let top = ChartFrame.drawHeader(into: &canvas, title: title, subtitle: subtitle, legend: legend, width: width)
    var axis = valueAxis
    axis.includesZero = true
    let totals = self.totals
    let longest = totals.map { SVGCanvas.textWidth(axis.format.label($0, decimals: 0), size: 11) }.max() ?? 0
    var frame = ChartFrame(width: width, height: height, top: top, xAxis: axis, yAxis: Axis(title: ""),
                           xData: (0, totals.max() ?? 1), yData: (0, 1), rightMargin: longest + 12)
    // Categorical y axis: the left margin fits the longest category label.
    let labelWidth = categories.map { SVGCanvas.textWidth($0, size: 12) }.max() ?? 0
    frame.left = 10 + labelWidth + 8
    frame.x = LinearScale(domain: frame.xTicks.lower...frame.xTicks.upper, start: frame.left, end: frame.right)

    canvas.beginGroup(class: "axes")
    for v in frame.xTicks.values {
      let px = frame.x.map(v)
      canvas.line(px, frame.top, px, frame.bottom, stroke: "#D8DEE4", width: 1)
      canvas.text(axis.format.label(v, decimals: frame.xTicks.decimals), x: px, y: frame.bottom + 18, size: 11, anchor: .middle, fill: "#424A53")
    }
    canvas.line(frame.left, frame.bottom, frame.right, frame.bottom, stroke: "#424A53", width: 1)
    canvas.line(frame.left, frame.top, frame.left, frame.bottom, stroke: "#424A53", width: 1)
    canvas.text(axis.title, x: (frame.left + frame.right) / 2, y: frame.bottom + 36, size: 12, anchor: .middle)
    canvas.endGroup()

    canvas.beginGroup(class: "bars")
    for (c, category) in categories.enumerated() {
      let y0 = frame.top + Self.barGap / 2 + Double(c) * (Self.barHeight + Self.barGap)
      canvas.text(category, x: frame.left - 8, y: y0 + Self.barHeight / 2 + 4, size: 12, anchor: .end, weight: "600")
      var running = 0.0
      for s in segments {
        let v = max(s.values[c], 0)
        let x0 = frame.x.map(running), x1 = frame.x.map(running + v)
        canvas.rect(x: x0, y: y0, width: x1 - x0, height: Self.barHeight, fill: s.color,
                    tooltip: "\(category): \(s.name) \(axis.format.label(v, decimals: 0))")
        let label = axis.format.label(v, decimals: 0)
        if x1 - x0 > SVGCanvas.textWidth(label, size: 11) + 8 {
          canvas.text(label, x: (x0 + x1) / 2, y: y0 + Self.barHeight / 2 + 4, size: 11, anchor: .middle, fill: ChartPalette.textColor(on: s.color))
        }
        running += v
      }
      canvas.text(axis.format.label(totals[c], decimals: 0), x: frame.x.map(running) + 6, y: y0 + Self.barHeight / 2 + 4, size: 11, weight: "600")
    }
    canvas.endGroup()
    return canvas.document(id: id, className: "chart " + className, title: title, description: description)
  }
}
