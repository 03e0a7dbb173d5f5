import SupplyModel

/// One bin of a histogram: the half-open interval lower..<upper and its axis label.
public struct HistogramBin: Sendable, Equatable {
  /// Smallest value in the bin.
  public var lower: Double
  /// First value past the bin.
  public var upper: Double
  /// The label under the bin, e.g. "3" or "6–10".
  public var label: String

  /// Creates a bin.
  public init(lower: Double, upper: Double, label: String) {
    self.lower = lower
    self.upper = upper
    self.label = label
  }

  /// Bins for whole numbers 1...`maximum`: one per value while there are at most `maxBins`,
  /// otherwise of a nice width (2, 5, 10, ...) so that at most `maxBins` remain.
  public static func wholeNumbers(upTo maximum: Int, maxBins: Int = 15) -> [HistogramBin] {
    let top = max(maximum, 1)
    var width = 1
    let steps = [1, 2, 5]
    var scale = 1
    search: while true {
      for s in steps where (top + s * scale - 1) / (s * scale) <= maxBins { width = s * scale; break search }
      scale *= 10
    }
    var bins: [HistogramBin] = []
    var start = 1
    while start <= top {
      let end = start + width - 1
      bins.append(HistogramBin(lower: Double(start), upper: Double(end + 1), label: width == 1 ? "\(start)" : "\(start)–\(end)"))
      start = end + 1
    }
    return bins
  }

  /// How many of `values` fall in each bin; values outside every bin are not counted.
  public static func counts(of values: [Double], in bins: [HistogramBin]) -> [Double] {
    var counts = Array(repeating: 0.0, count: bins.count)
    for v in values {
      if let i = bins.firstIndex(where: { $0.lower <= v && v < $0.upper }) { counts[i] += 1 }
    }
    return counts
  }
}

/// The counts of one series of a histogram, one per bin.
public struct HistogramSeries: Sendable, Equatable {
  /// The series' name in the legend.
  public var name: String
  /// Its colour.
  public var color: String
  /// One count per bin.
  public var counts: [Double]

  /// Creates a series.
  public init(name: String, color: String, counts: [Double]) {
    self.name = name
    self.color = color
    self.counts = counts
  }
}

/// A histogram over shared bins; several series are drawn as grouped bars side by side.
public struct HistogramChart: Sendable, Equatable {
  /// The element id.
  public var id: String
  /// The title.
  public var title: String
  /// A line under the title, or nil.
  public var subtitle: String?
  /// The text alternative.
  public var description: String
  /// The bins, left to right.
  public var bins: [HistogramBin]
  /// The series.
  public var series: [HistogramSeries]
  /// The title of the bin axis, with units.
  public var xTitle: String
  /// The count axis.
  public var yAxis: Axis
  /// Width in pixels at 100%.
  public var width: Double
  /// Height in pixels at 100%.
  public var height: Double
  /// Extra classes on the `<svg>` element.
  public var className: String

  /// Creates a histogram.
  ///
  /// - Precondition: every series has one count per bin.
  public init(id: String, title: String, subtitle: String? = nil, description: String, bins: [HistogramBin], series: [HistogramSeries],
              xTitle: String, yAxis: Axis, width: Double = 640, height: Double = 320, className: String = "chart-histogram") {
    for s in series {
      precondition(s.counts.count == bins.count, "series \(s.name): \(s.counts.count) counts for \(bins.count) bins")
    }
    self.id = id
    self.title = title
    self.subtitle = subtitle
    self.description = description
    self.bins = bins
    self.series = series
    self.xTitle = xTitle
    self.yAxis = yAxis
    self.width = width
    self.height = height
    self.className = className
  }

  /// The `<svg>` element.
  public func render() -> String {
    var canvas = SVGCanvas(width: width, height: height)
    let legend = series.count > 1 ? Legend(items: series.map { LegendItem(name: $0.name, color: $0.color, symbol: .swatch) }) : nil
    let top = ChartFrame.drawHeader(into: &canvas, title: title, subtitle: subtitle, legend: legend, width: width)
    var y = yAxis
    y.includesZero = true
    let highest = series.flatMap(\.counts).max() ?? 1
    let frame = ChartFrame(width: width, height: height, top: top, xAxis: Axis(title: xTitle), yAxis: y,
                           xData: (0, Double(max(bins.count, 1))), yData: (0, max(highest, 1)))
    frame.drawAxes(into: &canvas, xTicksShown: false)
    let binWidth = (frame.right - frame.left) / Double(max(bins.count, 1))
    let labelEvery = max(1, Int((bins.map { SVGCanvas.textWidth($0.label, size: 11) + 6 }.max() ?? 0) / binWidth) + 1)
    let inner = min(binWidth * 0.84, Double(max(series.count, 1)) * 36)
    let barWidth = inner / Double(max(series.count, 1))
    canvas.beginGroup(class: "bars")
    for (b, bin) in bins.enumerated() {
      let x0 = frame.left + Double(b) * binWidth + (binWidth - inner) / 2
      for (s, serie) in series.enumerated() where serie.counts[b] > 0 {
        let py = frame.y.map(serie.counts[b])
        canvas.rect(x: x0 + Double(s) * barWidth, y: py, width: barWidth - 1, height: frame.bottom - py, fill: serie.color,
                    tooltip: "\(serie.name), \(bin.label): \(NumberFormat.shortest(serie.counts[b]))")
      }
      let center = frame.left + (Double(b) + 0.5) * binWidth
      canvas.line(center, frame.bottom, center, frame.bottom + 4, stroke: "#424A53", width: 1)
      if b % labelEvery == 0 {
        canvas.text(bin.label, x: center, y: frame.bottom + 18, size: 11, anchor: .middle, fill: "#424A53")
      }
    }
    canvas.endGroup()
    return canvas.document(id: id, className: "chart " + className, title: title, description: description)
  }
}
