/// A labelled point of a `ScatterChart`, with optional error whiskers in each direction.
public struct ScatterPoint: Sendable, Equatable {
  /// The label drawn beside the point and used in the legend.
  public var label: String
  /// Its colour.
  public var color: String
  /// The x value.
  public var x: Double
  /// The y value.
  public var y: Double
  /// The horizontal whisker (e.g. a confidence interval for x), or nil.
  public var xInterval: ClosedRange<Double>?
  /// The vertical whisker, or nil.
  public var yInterval: ClosedRange<Double>?

  /// Creates a point.
  public init(label: String, color: String, x: Double, y: Double, xInterval: ClosedRange<Double>? = nil, yInterval: ClosedRange<Double>? = nil) {
    self.label = label
    self.color = color
    self.x = x
    self.y = y
    self.xInterval = xInterval
    self.yInterval = yInterval
  }
}

/// A scatter plot of labelled points with optional whiskers, e.g. cost against service level.
public struct ScatterChart: Sendable, Equatable {
  /// The element id.
  public var id: String
  /// The title.
  public var title: String
  /// A line under the title, or nil.
  public var subtitle: String?
  /// The text alternative.
  public var description: String
  /// The x axis.
  public var xAxis: Axis
  /// The y axis.
  public var yAxis: Axis
  /// The points, drawn in order.
  public var points: [ScatterPoint]
  /// Width in pixels at 100%.
  public var width: Double
  /// Height in pixels at 100%.
  public var height: Double
  /// Extra classes on the `<svg>` element.
  public var className: String

  /// Creates a scatter plot.
  public init(id: String, title: String, subtitle: String? = nil, description: String, xAxis: Axis, yAxis: Axis,
              points: [ScatterPoint], width: Double = 640, height: Double = 400, className: String = "chart-scatter") {
    self.id = id
    self.title = title
    self.subtitle = subtitle
    self.description = description
    self.xAxis = xAxis
    self.yAxis = yAxis
    self.points = points
    self.width = width
    self.height = height
    self.className = className
  }

  /// The `<svg>` element. Each point is labelled with its name where `LabelPlacement` finds a
  /// free spot for every name; otherwise with its number, the legend giving "1 name", "2 name", ….
  public func render() -> String {
    render(numbered: false) ?? render(numbered: true)!
  }

  /// The chart with names (nil when some name has no free spot) or numbers as labels.
  func render(numbered: Bool) -> String? {
    var canvas = SVGCanvas(width: width, height: height)
    let names = points.enumerated().map { numbered ? "\($0 + 1) \($1.label)" : $1.label }
    let legend = points.count > 1 ? Legend(items: zip(points, names).map { LegendItem(name: $1, color: $0.color, symbol: .marker(.circle)) }) : nil
    let top = ChartFrame.drawHeader(into: &canvas, title: title, subtitle: subtitle, legend: legend, width: width)
    let xs = points.flatMap { [$0.x] + ($0.xInterval.map { [$0.lowerBound, $0.upperBound] } ?? []) }
    let ys = points.flatMap { [$0.y] + ($0.yInterval.map { [$0.lowerBound, $0.upperBound] } ?? []) }
    var xr = LineChart.extent(xs) ?? (0, 1), yr = LineChart.extent(ys) ?? (0, 1)
    // Leave room so points and labels do not sit on the frame.
    let xPad = (xr.1 - xr.0) * 0.08, yPad = (yr.1 - yr.0) * 0.08
    xr = (xr.0 - xPad, xr.1 + xPad)
    yr = (yr.0 - yPad, yr.1 + yPad)
    let frame = ChartFrame(width: width, height: height, top: top, xAxis: xAxis, yAxis: yAxis, xData: xr, yData: yr)
    frame.drawAxes(into: &canvas, verticalGrid: true)

    // Points and whiskers are obstacles for the labels.
    var obstacles: [PixelRect] = []
    canvas.beginGroup(class: "whiskers")
    for p in points {
      let px = frame.x.map(p.x), py = frame.y.map(p.y)
      obstacles.append(PixelRect(x0: px - 7, y0: py - 7, x1: px + 7, y1: py + 7))
      if let xi = p.xInterval {
        let a = frame.x.map(xi.lowerBound), b = frame.x.map(xi.upperBound)
        canvas.line(a, py, b, py, stroke: p.color, width: 1.5)
        canvas.line(a, py - 5, a, py + 5, stroke: p.color, width: 1.5)
        canvas.line(b, py - 5, b, py + 5, stroke: p.color, width: 1.5)
        obstacles.append(PixelRect(x0: a - 1, y0: py - 6, x1: b + 1, y1: py + 6))
      }
      if let yi = p.yInterval {
        let a = frame.y.map(yi.lowerBound), b = frame.y.map(yi.upperBound)
        canvas.line(px, a, px, b, stroke: p.color, width: 1.5)
        canvas.line(px - 5, a, px + 5, a, stroke: p.color, width: 1.5)
        canvas.line(px - 5, b, px + 5, b, stroke: p.color, width: 1.5)
        obstacles.append(PixelRect(x0: px - 6, y0: b - 1, x1: px + 6, y1: a + 1))
      }
    }
    canvas.endGroup()

    let labels = points.enumerated().map { numbered ? String($0 + 1) : $1.label }
    let anchors = points.map { (x: frame.x.map($0.x), y: frame.y.map($0.y)) }
    let bounds = PixelRect(x0: frame.left + 2, y0: frame.top + 2, x1: frame.right - 2, y1: frame.bottom - 2)
    let spots = LabelPlacement().place(points: anchors, widths: labels.map { SVGCanvas.textWidth($0, size: 12) + 4 }, obstacles: obstacles, bounds: bounds)
    if !numbered && points.count > 1 && spots.contains(where: { $0 == nil }) { return nil }
    canvas.beginGroup(class: "points")
    for (i, p) in points.enumerated() {
      canvas.circle(cx: anchors[i].x, cy: anchors[i].y, r: 5.5, fill: p.color, stroke: "#FFFFFF", tooltip: p.label)
      // A lone label, or a number with no free spot, goes to the right of its point.
      let spot = spots[i] ?? PixelRect(x0: anchors[i].x + 8, y0: anchors[i].y - 7, x1: anchors[i].x + 8 + SVGCanvas.textWidth(labels[i], size: 12) + 4, y1: anchors[i].y + 7)
      canvas.text(labels[i], x: spot.x0 + 2, y: spot.y1 - 3, size: 12, anchor: .start, weight: "600", class: "point-label")
    }
    canvas.endGroup()
    return canvas.document(id: id, className: "chart " + className, title: title, description: description)
  }
}
