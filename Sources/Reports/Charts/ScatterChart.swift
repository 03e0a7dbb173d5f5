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

  /// The `<svg>` element.
  public func render() -> String {
    var canvas = SVGCanvas(width: width, height: height)
    let legend = points.count > 1 ? Legend(items: points.map { LegendItem(name: $0.label, color: $0.color, symbol: .marker(.circle)) }) : nil
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

    canvas.beginGroup(class: "whiskers")
    for p in points {
      let px = frame.x.map(p.x), py = frame.y.map(p.y)
      if let xi = p.xInterval {
        let a = frame.x.map(xi.lowerBound), b = frame.x.map(xi.upperBound)
        canvas.line(a, py, b, py, stroke: p.color, width: 1.5)
        canvas.line(a, py - 5, a, py + 5, stroke: p.color, width: 1.5)
        canvas.line(b, py - 5, b, py + 5, stroke: p.color, width: 1.5)
      }
      if let yi = p.yInterval {
        let a = frame.y.map(yi.lowerBound), b = frame.y.map(yi.upperBound)
        canvas.line(px, a, px, b, stroke: p.color, width: 1.5)
        canvas.line(px - 5, a, px + 5, a, stroke: p.color, width: 1.5)
        canvas.line(px - 5, b, px + 5, b, stroke: p.color, width: 1.5)
      }
    }
    canvas.endGroup()

    // Labels to the right of each point (left near the right edge), nudged apart vertically.
    var placed: [(x0: Double, x1: Double, y: Double)] = []
    let order = points.indices.sorted { (frame.y.map(points[$0].y), $0) < (frame.y.map(points[$1].y), $1) }
    var labelY = Array(repeating: 0.0, count: points.count)
    for i in order {
      let p = points[i]
      let px = frame.x.map(p.x)
      let w = SVGCanvas.textWidth(p.label, size: 12)
      let onLeft = px + 10 + w > frame.right
      let x0 = onLeft ? px - 10 - w : px + 10
      var y = frame.y.map(p.y) - 8
      while placed.contains(where: { abs($0.y - y) < 15 && $0.x0 < x0 + w && x0 < $0.x1 }) { y += 15 }
      placed.append((x0, x0 + w, y))
      labelY[i] = y
    }
    canvas.beginGroup(class: "points")
    for (i, p) in points.enumerated() {
      let px = frame.x.map(p.x), py = frame.y.map(p.y)
      canvas.circle(cx: px, cy: py, r: 5.5, fill: p.color, stroke: "#FFFFFF", tooltip: p.label)
      let onLeft = px + 10 + SVGCanvas.textWidth(p.label, size: 12) > frame.right
      canvas.text(p.label, x: onLeft ? px - 10 : px + 10, y: labelY[i], size: 12, anchor: onLeft ? .end : .start, weight: "600", class: "point-label")
    }
    canvas.endGroup()
    return canvas.document(id: id, className: "chart " + className, title: title, description: description)
  }
}
