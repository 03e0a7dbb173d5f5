/// A horizontal colour bar with ticks: the one legend shared by every heatmap of a page that
/// shows the same quantity on the same `domain` (small multiples), so one colour means one value
/// across all of them.
public struct ColorScaleLegend: Sendable, Equatable {
  /// The element id.
  public var id: String
  /// What the colours mean, e.g. "Total cost (mean, currency units)".
  public var title: String
  /// The values at the two ends of the bar.
  public var domain: ClosedRange<Double>
  /// The colour scale (the same as the heatmaps').
  public var ramp: ColorRamp
  /// How tick labels print.
  public var format: TickFormat
  /// Words under the two ends, e.g. ("better", "worse"); empty strings for none.
  public var endLabels: (low: String, high: String)
  /// Width in pixels at 100%.
  public var width: Double

  /// Creates a legend.
  public init(id: String, title: String, domain: ClosedRange<Double>, ramp: ColorRamp, format: TickFormat = .number,
              endLabels: (low: String, high: String) = ("", ""), width: Double = 560) {
    self.id = id
    self.title = title
    self.domain = domain
    self.ramp = ramp
    self.format = format
    self.endLabels = endLabels
    self.width = width
  }

  /// Equality of every field.
  public static func == (a: ColorScaleLegend, b: ColorScaleLegend) -> Bool {
    a.id == b.id && a.title == b.title && a.domain == b.domain && a.ramp == b.ramp && a.format == b.format
      && a.endLabels.low == b.endLabels.low && a.endLabels.high == b.endLabels.high && a.width == b.width
  }

  /// The `<svg>` element.
  public func render() -> String {
    let height = endLabels.low.isEmpty && endLabels.high.isEmpty ? 64.0 : 76.0
    var canvas = SVGCanvas(width: width, height: height)
    let left = 12.0, right = width - 24, top = 24.0, barHeight = 14.0
    canvas.text(title, x: left, y: 15, size: 12, weight: "600")
    canvas.beginGroup(class: "color-legend")
    let steps = 48
    let stepWidth = (right - left) / Double(steps)
    for i in 0..<steps {
      let u = (Double(i) + 0.5) / Double(steps)
      canvas.rect(x: left + Double(i) * stepWidth, y: top, width: stepWidth + 0.3, height: barHeight, fill: ramp.color(at: u))
    }
    canvas.rect(x: left, y: top, width: right - left, height: barHeight, fill: "none", stroke: "#D8DEE4")
    let lo = domain.lowerBound, hi = domain.upperBound
    if hi > lo {
      let scale = LinearScale(domain: lo...hi, start: left, end: right)
      let ticks = NiceTicks(covering: lo, hi, count: 5, extendsToTicks: false)
      for v in ticks.values where v >= lo && v <= hi {
        let x = scale.map(v)
        canvas.line(x, top + barHeight, x, top + barHeight + 4, stroke: "#424A53")
        canvas.text(format.label(v, decimals: ticks.decimals), x: x, y: top + barHeight + 16, size: 10, anchor: .middle, fill: "#424A53")
      }
    } else {
      canvas.text(format.label(lo, decimals: 0), x: (left + right) / 2, y: top + barHeight + 16, size: 10, anchor: .middle, fill: "#424A53")
    }
    if !endLabels.low.isEmpty { canvas.text(endLabels.low, x: left, y: height - 4, size: 10, fill: "#59636E") }
    if !endLabels.high.isEmpty { canvas.text(endLabels.high, x: right, y: height - 4, size: 10, anchor: .end, fill: "#59636E") }
    canvas.endGroup()
    return canvas.document(id: id, className: "chart chart-color-scale", title: title,
                           description: "Colour scale of \(title.lowercased()) from \(format.label(lo, decimals: 2)) to \(format.label(hi, decimals: 2)), shared by the heatmaps below.")
  }
}
