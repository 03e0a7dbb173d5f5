/// Dots with whiskers on a horizontal value axis, grouped in rows: one band per group (e.g. a
/// stress test), one dot per series (e.g. a policy) within it. Unlike bars, dots do not need the
/// axis to start at zero, so small differences in a fill rate near 100% stay visible.
public struct GroupedDotChart: Sendable, Equatable {
  /// The element id.
  public var id: String
  /// The title.
  public var title: String
  /// A line under the title, or nil.
  public var subtitle: String?
  /// The text alternative.
  public var description: String
  /// The group labels, top to bottom.
  public var groups: [String]
  /// The series, drawn top to bottom within each group.
  public var series: [DotSeries]
  /// The value axis (horizontal).
  public var valueAxis: Axis
  /// Width in pixels at 100%; the height follows from the number of groups and series.
  public var width: Double
  /// Extra classes on the `<svg>` element.
  public var className: String
  /// A value marked by a dashed vertical line and always on the axis, e.g. 0 for changes; nil for none.
  public var reference: Double?

  /// Creates a chart.
  ///
  /// - Precondition: every series has one value and one interval per group.
  public init(id: String, title: String, subtitle: String? = nil, description: String, groups: [String], series: [DotSeries],
              valueAxis: Axis, width: Double = 760, className: String = "chart-dots", reference: Double? = nil) {
    for s in series {
      precondition(s.values.count == groups.count && s.intervals.count == groups.count, "series \(s.name): \(s.values.count) values for \(groups.count) groups")
    }
    self.id = id
    self.title = title
    self.subtitle = subtitle
    self.description = description
    self.groups = groups
    self.series = series
    self.valueAxis = valueAxis
    self.width = width
    self.className = className
    self.reference = reference
  }

  static let lineHeight = 15.0
  static let groupPadding = 12.0

  var groupHeight: Double { Double(max(series.count, 1)) * Self.lineHeight + Self.groupPadding }

  /// The `<svg>` element.
  public func render() -> String {
    let legend = Legend(items: series.map { LegendItem(name: $0.name, color: $0.color, symbol: .marker($0.shape)) })
    let headerHeight = 28 + (subtitle == nil ? 0 : 17) + legend.height(width: width - 16)
    let height = headerHeight + 6 + Double(groups.count) * groupHeight + 50
    var canvas = SVGCanvas(width: width, height: height)
    let top = ChartFrame.drawHeader(into: &canvas, title: title, subtitle: subtitle, legend: legend, width: width)
    var all: [Double] = []
    for s in series {
      all += s.values
      for i in s.intervals { if let i { all += [i.lowerBound, i.upperBound] } }
    }
    if let reference { all.append(reference) }
    let finite = all.filter(\.isFinite)
    let lo = finite.min() ?? 0, hi = finite.max() ?? 1
    let pad = hi > lo ? (hi - lo) * 0.05 : max(abs(lo) * 0.01, 0.001)
    var frame = ChartFrame(width: width, height: height, top: top, xAxis: valueAxis, yAxis: Axis(title: ""),
                           xData: (lo - pad, hi + pad), yData: (0, 1), rightMargin: 24)
    let labelWidth = groups.map { SVGCanvas.textWidth($0, size: 12) }.max() ?? 0
    frame.left = 10 + min(labelWidth, width * 0.38) + 10
    frame.x = LinearScale(domain: frame.xTicks.lower...frame.xTicks.upper, start: frame.left, end: frame.right)

    canvas.beginGroup(class: "axes")
    for (g, _) in groups.enumerated() where g % 2 == 1 {
      canvas.rect(x: frame.left, y: frame.top + Double(g) * groupHeight, width: frame.right - frame.left, height: groupHeight, fill: "#F6F8FA")
    }
    for v in frame.xTicks.values {
      let px = frame.x.map(v)
      canvas.line(px, frame.top, px, frame.bottom, stroke: "#D8DEE4", width: 1)
      canvas.text(valueAxis.format.label(v, decimals: frame.xTicks.decimals), x: px, y: frame.bottom + 18, size: 11, anchor: .middle, fill: "#424A53")
    }
    canvas.line(frame.left, frame.bottom, frame.right, frame.bottom, stroke: "#424A53", width: 1)
    if let reference, reference.isFinite {
      let px = frame.x.map(reference)
      canvas.line(px, frame.top, px, frame.bottom, stroke: "#1F2328", width: 1.5, dash: "5 3", class: "reference")
    }
    canvas.text(valueAxis.title, x: (frame.left + frame.right) / 2, y: frame.bottom + 36, size: 12, anchor: .middle)
    canvas.endGroup()

    canvas.beginGroup(class: "dots")
    for (g, group) in groups.enumerated() {
      let y0 = frame.top + Double(g) * groupHeight + Self.groupPadding / 2
      canvas.text(group, x: frame.left - 10, y: y0 + Double(series.count) * Self.lineHeight / 2 + 4, size: 12, anchor: .end, weight: "600")
      for (s, serie) in series.enumerated() {
        let v = serie.values[g]
        guard v.isFinite else { continue }
        let y = y0 + (Double(s) + 0.5) * Self.lineHeight
        let digits = frame.xTicks.decimals + 1
        var tip = "\(group), \(serie.name): \(valueAxis.format.label(v, decimals: digits))"
        if let i = serie.intervals[g] {
          let a = frame.x.map(i.lowerBound), b = frame.x.map(i.upperBound)
          canvas.line(a, y, b, y, stroke: serie.color, width: 1.5)
          canvas.line(a, y - 4, a, y + 4, stroke: serie.color, width: 1.5)
          canvas.line(b, y - 4, b, y + 4, stroke: serie.color, width: 1.5)
          tip += " (95% CI \(valueAxis.format.label(i.lowerBound, decimals: digits)) to \(valueAxis.format.label(i.upperBound, decimals: digits)))"
        }
        serie.shape.draw(into: &canvas, x: frame.x.map(v), y: y, r: 5, color: serie.color, tooltip: tip)
      }
    }
    canvas.endGroup()
    return canvas.document(id: id, className: "chart " + className, title: title, description: description)
  }
}
