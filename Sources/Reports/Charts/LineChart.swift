import SupplyModel

/// A line in a `LineChart`.
public struct LineSeries: Sendable, Equatable {
  /// How consecutive points are joined.
  public enum Interpolation: Sendable, Equatable {
    /// Straight segments.
    case linear
    /// Horizontal then vertical: the value holds until the next point (levels such as stock).
    case step
  }

  /// The series' name in the legend.
  public var name: String
  /// Its colour.
  public var color: String
  /// x values, ascending.
  public var x: [Double]
  /// y values, one per x; a non-finite value breaks the line.
  public var y: [Double]
  /// An SVG dash array ("6 4"), or nil for a solid line.
  public var dash: String?
  /// Stroke width.
  public var width: Double
  /// How points are joined.
  public var interpolation: Interpolation

  /// Creates a line.
  public init(name: String, color: String, x: [Double], y: [Double], dash: String? = nil, width: Double = 1.8, interpolation: Interpolation = .linear) {
    precondition(x.count == y.count, "line \(name): \(x.count) x values but \(y.count) y values")
    self.name = name
    self.color = color
    self.x = x
    self.y = y
    self.dash = dash
    self.width = width
    self.interpolation = interpolation
  }
}

/// A shaded band between a lower and an upper curve, such as a prediction interval.
public struct BandSeries: Sendable, Equatable {
  /// The band's name in the legend.
  public var name: String
  /// Its colour (drawn translucent).
  public var color: String
  /// x values, ascending.
  public var x: [Double]
  /// Lower bounds, one per x.
  public var lower: [Double]
  /// Upper bounds, one per x.
  public var upper: [Double]
  /// Fill opacity.
  public var opacity: Double

  /// Creates a band.
  public init(name: String, color: String, x: [Double], lower: [Double], upper: [Double], opacity: Double = 0.22) {
    precondition(x.count == lower.count && x.count == upper.count, "band \(name): \(x.count) x values, \(lower.count) lower, \(upper.count) upper")
    self.name = name
    self.color = color
    self.x = x
    self.lower = lower
    self.upper = upper
    self.opacity = opacity
  }
}

/// Point markers at chosen (x, y) positions, such as order events.
public struct MarkerSeries: Sendable, Equatable {
  /// The series' name in the legend.
  public var name: String
  /// Its colour.
  public var color: String
  /// The marker shape.
  public var shape: MarkerShape
  /// x values.
  public var x: [Double]
  /// y values, one per x.
  public var y: [Double]
  /// Hover texts, one per point, or empty.
  public var tooltips: [String]

  /// Creates markers.
  public init(name: String, color: String, shape: MarkerShape = .triangle, x: [Double], y: [Double], tooltips: [String] = []) {
    precondition(x.count == y.count, "markers \(name): \(x.count) x values but \(y.count) y values")
    self.name = name
    self.color = color
    self.shape = shape
    self.x = x
    self.y = y
    self.tooltips = tooltips
  }
}

/// A shaded stretch of the x axis with a label, such as a warm-up period.
public struct XHighlight: Sendable, Equatable {
  /// The stretch.
  public var range: ClosedRange<Double>
  /// Its label, drawn at the top.
  public var label: String

  /// Creates a highlight.
  public init(range: ClosedRange<Double>, label: String) {
    self.range = range
    self.label = label
  }
}

/// A labelled horizontal reference line, such as a policy's reorder point.
public struct YReference: Sendable, Equatable {
  /// The label drawn at the line's right end ("s = 615").
  public var label: String
  /// The y value.
  public var value: Double
  /// Its colour.
  public var color: String
  /// An SVG dash array.
  public var dash: String

  /// Creates a reference line.
  public init(label: String, value: Double, color: String, dash: String = "6 4") {
    self.label = label
    self.value = value
    self.color = color
    self.dash = dash
  }
}

/// Events along the x axis drawn as short ticks in a strip at the bottom of the plot, such as
/// orders: each tick's height grows with its size, and ticks thin out when they are dense.
public struct EventRug: Sendable, Equatable {
  /// The name in the legend and the strip's label ("orders").
  public var name: String
  /// Its colour.
  public var color: String
  /// x values of the events.
  public var x: [Double]
  /// The size of each event (e.g. units ordered), scaling the tick's height; one per x.
  public var sizes: [Double]
  /// Hover texts, one per event, or empty.
  public var tooltips: [String]

  /// Creates a rug.
  public init(name: String, color: String, x: [Double], sizes: [Double], tooltips: [String] = []) {
    precondition(x.count == sizes.count, "rug \(name): \(x.count) x values but \(sizes.count) sizes")
    self.name = name
    self.color = color
    self.x = x
    self.sizes = sizes
    self.tooltips = tooltips
  }

  /// The strip's height in pixels.
  static let height = 16.0
}

/// A chart of lines over a numeric x axis, with optional bands, markers and highlighted ranges:
/// time series, trajectories, and forecasts with prediction intervals.
public struct LineChart: Sendable, Equatable {
  /// The element id (unique in the page).
  public var id: String
  /// The title shown above the chart and read by screen readers.
  public var title: String
  /// A line under the title, or nil.
  public var subtitle: String?
  /// The text alternative.
  public var description: String
  /// The x axis.
  public var xAxis: Axis
  /// The y axis.
  public var yAxis: Axis
  /// Bands, drawn first.
  public var bands: [BandSeries]
  /// Lines, drawn over the bands.
  public var lines: [LineSeries]
  /// Markers, drawn on top.
  public var markers: [MarkerSeries]
  /// Shaded x ranges, drawn under everything.
  public var highlights: [XHighlight]
  /// Horizontal reference lines, drawn under the bands and lines with their labels.
  public var references: [YReference] = []
  /// Event ticks in a strip at the bottom of the plot (below every data value), or nil.
  public var rug: EventRug?
  /// Whether to draw the legend (by default when there are two or more series).
  public var showsLegend: Bool
  /// Width in pixels at 100%.
  public var width: Double
  /// Height in pixels at 100%.
  public var height: Double
  /// Extra classes on the `<svg>` element.
  public var className: String

  /// Creates a line chart.
  public init(id: String, title: String, subtitle: String? = nil, description: String, xAxis: Axis, yAxis: Axis,
              bands: [BandSeries] = [], lines: [LineSeries] = [], markers: [MarkerSeries] = [], highlights: [XHighlight] = [],
              showsLegend: Bool? = nil, width: Double = 640, height: Double = 320, className: String = "chart-line") {
    self.id = id
    self.title = title
    self.subtitle = subtitle
    self.description = description
    self.xAxis = xAxis
    self.yAxis = yAxis
    self.bands = bands
    self.lines = lines
    self.markers = markers
    self.highlights = highlights
    self.showsLegend = showsLegend ?? (bands.count + lines.count + markers.count >= 2)
    self.width = width
    self.height = height
    self.className = className
  }

  /// The legend entries: bands, lines, then markers. Markers named and coloured like a line
  /// (the line's points) share the line's entry.
  public var legend: Legend {
    Legend(items: bands.map { LegendItem(name: $0.name, color: $0.color, symbol: .band) }
      + lines.map { LegendItem(name: $0.name, color: $0.color, symbol: .line(dash: $0.dash)) }
      + markers.filter { m in !lines.contains { $0.name == m.name && $0.color == m.color } }
        .map { LegendItem(name: $0.name, color: $0.color, symbol: .marker($0.shape)) }
      + (rug.map { [LegendItem(name: $0.name, color: $0.color, symbol: .line(dash: nil))] } ?? []))
  }

  /// The smallest and largest finite values of `values`, or nil when there are none.
  static func extent(_ values: [Double]) -> (Double, Double)? {
    var lo = Double.infinity, hi = -Double.infinity
    for v in values where v.isFinite { lo = min(lo, v); hi = max(hi, v) }
    return lo <= hi ? (lo, hi) : nil
  }

  /// The `<svg>` element.
  public func render() -> String {
    var canvas = SVGCanvas(width: width, height: height)
    let top = ChartFrame.drawHeader(into: &canvas, title: title, subtitle: subtitle, legend: showsLegend ? legend : nil, width: width)
    let xs = bands.flatMap(\.x) + lines.flatMap(\.x) + markers.flatMap(\.x) + highlights.flatMap { [$0.range.lowerBound, $0.range.upperBound] }
    let ys = bands.flatMap { $0.lower + $0.upper } + lines.flatMap(\.y) + markers.flatMap(\.y) + references.map(\.value)
    let xr = Self.extent(xs) ?? (0, 1), yr = Self.extent(ys) ?? (0, 1)
    var frame = ChartFrame(width: width, height: height, top: top, xAxis: xAxis, yAxis: yAxis, xData: xr, yData: yr)
    // The rug's strip sits between the lowest value and the x axis, so no data hides it.
    if rug != nil { frame.y = LinearScale(domain: frame.yTicks.lower...frame.yTicks.upper, start: frame.bottom - EventRug.height, end: frame.top) }
    func clampX(_ v: Double) -> Double { min(max(frame.x.map(v), frame.left), frame.right) }
    func clampY(_ v: Double) -> Double { min(max(frame.y.map(v), frame.top), frame.bottom) }

    for h in highlights {
      let x0 = clampX(h.range.lowerBound), x1 = clampX(h.range.upperBound)
      canvas.rect(x: x0, y: frame.top, width: x1 - x0, height: frame.bottom - frame.top, fill: "#EEF1F4", class: "highlight")
      canvas.text(h.label, x: x0 + 4, y: frame.top + 20, size: 11, fill: ChartPalette.grey)
    }
    frame.drawAxes(into: &canvas)
    drawReferences(into: &canvas, frame: frame)
    for band in bands {
      var outline: [(Double, Double)] = []
      for i in band.x.indices where band.lower[i].isFinite && band.upper[i].isFinite { outline.append((clampX(band.x[i]), clampY(band.upper[i]))) }
      for i in band.x.indices.reversed() where band.lower[i].isFinite && band.upper[i].isFinite { outline.append((clampX(band.x[i]), clampY(band.lower[i]))) }
      canvas.path(SVGCanvas.pathData(outline, closed: true), fill: band.color, fillOpacity: band.opacity, class: "band")
    }
    for line in lines {
      var points: [(Double, Double)] = []
      points.reserveCapacity(line.x.count * 2)
      for i in line.x.indices {
        let p = (clampX(line.x[i]), line.y[i].isFinite ? clampY(line.y[i]) : Double.nan)
        if line.interpolation == .step, let last = points.last, last.1.isFinite, p.1.isFinite { points.append((p.0, last.1)) }
        points.append(p)
      }
      canvas.path(SVGCanvas.pathData(points), stroke: line.color, width: line.width, dash: line.dash, class: "series")
    }
    for series in markers {
      canvas.beginGroup(class: "markers")
      for i in series.x.indices where series.x[i].isFinite && series.y[i].isFinite {
        series.shape.draw(into: &canvas, x: clampX(series.x[i]), y: clampY(series.y[i]), r: 3.5, color: series.color,
                          tooltip: i < series.tooltips.count ? series.tooltips[i] : nil)
      }
      canvas.endGroup()
    }
    if let rug { draw(rug, into: &canvas, frame: frame) }
    return canvas.document(id: id, className: "chart " + className, title: title, description: description)
  }

  /// Draws the reference lines and their labels at the right end, moving a label left when it
  /// would overlap the one drawn before it.
  func drawReferences(into canvas: inout SVGCanvas, frame: ChartFrame) {
    guard !references.isEmpty else { return }
    canvas.beginGroup(class: "references")
    var placed: [(x0: Double, x1: Double, y: Double)] = []
    for r in references.sorted(by: { $0.value > $1.value }) where r.value.isFinite {
      let py = frame.y.map(r.value)
      guard py >= frame.top - 0.5 && py <= frame.bottom + 0.5 else { continue }
      canvas.line(frame.left, py, frame.right, py, stroke: r.color, width: 1.2, dash: r.dash)
      let w = SVGCanvas.textWidth(r.label, size: 11) + 6
      var x1 = frame.right - 2
      while let clash = placed.first(where: { abs($0.y - py) < 13 && $0.x0 < x1 && x1 - w < $0.x1 }) { x1 = clash.x0 - 6 }
      canvas.rect(x: x1 - w, y: py - 13, width: w, height: 12, fill: "#FFFFFF", opacity: 0.85)
      canvas.text(r.label, x: x1 - 3, y: py - 3, size: 11, anchor: .end, weight: "600", fill: r.color)
      placed.append((x1 - w, x1, py))
    }
    canvas.endGroup()
  }

  /// Draws the rug in the strip above the x axis: one tick per event, 4 to 14 pixels high by
  /// size; when there are more events than one per 3 pixels, one lighter tick per 2-pixel column
  /// instead, its height growing with the sizes the column holds, so dense orders stay a readable
  /// profile rather than a solid bar.
  func draw(_ rug: EventRug, into canvas: inout SVGCanvas, frame: ChartFrame) {
    canvas.beginGroup(class: "rug")
    let plotWidth = frame.right - frame.left
    canvas.rect(x: frame.left, y: frame.bottom - EventRug.height, width: plotWidth, height: EventRug.height, fill: "#F6F8FA")
    func tick(_ px: Double, share: Double, width: String, opacity: String, tip: String?) {
      let h = 4 + 10 * share
      let markup = "<line x1=\"\(SVGCanvas.number(px))\" y1=\"\(SVGCanvas.number(frame.bottom))\" x2=\"\(SVGCanvas.number(px))\" y2=\"\(SVGCanvas.number(frame.bottom - h))\" stroke=\"\(rug.color)\" stroke-width=\"\(width)\"\(opacity.isEmpty ? "" : " stroke-opacity=\"\(opacity)\"")"
      canvas.raw(tip.map { markup + "><title>\(XMLEscape.escape($0))</title></line>\n" } ?? markup + "/>\n")
    }
    func pixel(_ i: Int) -> Double { min(max(frame.x.map(rug.x[i]), frame.left), frame.right) }
    func size(_ i: Int) -> Double { rug.sizes[i].isFinite ? max(rug.sizes[i], 0) : 0 }
    let events = rug.x.indices.filter { rug.x[$0].isFinite }
    if Double(events.count) * 3 <= plotWidth {
      let largest = events.map(size).max() ?? 0
      for i in events {
        tick(pixel(i), share: largest > 0 ? size(i) / largest : 1, width: "1.6", opacity: "", tip: i < rug.tooltips.count ? rug.tooltips[i] : nil)
      }
    } else {
      let columns = max(Int((plotWidth / 2).rounded(.up)), 1)
      var sums = Array(repeating: 0.0, count: columns), counts = Array(repeating: 0, count: columns)
      var first = Array(repeating: Double.infinity, count: columns), last = Array(repeating: -Double.infinity, count: columns)
      for i in events {
        let c = min(max(Int((pixel(i) - frame.left) / 2), 0), columns - 1)
        sums[c] += size(i)
        counts[c] += 1
        first[c] = min(first[c], rug.x[i])
        last[c] = max(last[c], rug.x[i])
      }
      let largest = sums.max() ?? 0
      for c in 0..<columns where counts[c] > 0 {
        let range = first[c] == last[c] ? NumberFormat.shortest(first[c]) : "\(NumberFormat.shortest(first[c]))–\(NumberFormat.shortest(last[c]))"
        tick(frame.left + 2 * Double(c) + 1, share: largest > 0 ? sums[c] / largest : 1, width: "1.2", opacity: "0.55",
             tip: "\(rug.name.lowercased()) at \(range): \(counts[c]), \(NumberFormat.shortest(sums[c])) units")
      }
    }
    canvas.endGroup()
  }
}
