/// A left-to-right flow diagram: labelled boxes in columns, joined by arrows with labels, e.g.
/// suppliers, then distribution centres, warehouses and stores, with lanes labelled by lead time.
///
/// Layout is deterministic: the second column keeps its given order; every later column is
/// ordered by the mean vertical position of the boxes that feed it (ties keep the given order),
/// and the first column by the mean position of the boxes it feeds, which keeps crossings few in
/// tree-like networks. Arrows run from the right edge of a box to the left edge of the next and
/// carry their label near the head, where fanned-out arrows are furthest apart.
public struct NetworkDiagram: Sendable, Equatable {
  /// A box.
  public struct Box: Sendable, Equatable {
    /// The main text (bold).
    public var title: String
    /// A smaller second line, or empty.
    public var subtitle: String
    /// The column, 0 = leftmost.
    public var column: Int
    /// Fill colour.
    public var fill: String
    /// Outline colour, or nil for none.
    public var stroke: String?
    /// Hover text.
    public var tooltip: String

    /// Creates a box.
    public init(title: String, subtitle: String = "", column: Int, fill: String, stroke: String? = nil, tooltip: String = "") {
      self.title = title
      self.subtitle = subtitle
      self.column = column
      self.fill = fill
      self.stroke = stroke
      self.tooltip = tooltip
    }
  }

  /// An arrow between two boxes.
  public struct Link: Sendable, Equatable {
    /// The box it leaves (index in `boxes`).
    public var from: Int
    /// The box it enters.
    public var to: Int
    /// A short label drawn near the head, e.g. "7 d".
    public var label: String
    /// Dashed (for example a supply without a lane).
    public var dashed: Bool
    /// Hover text.
    public var tooltip: String

    /// Creates a link.
    public init(from: Int, to: Int, label: String, dashed: Bool = false, tooltip: String = "") {
      self.from = from
      self.to = to
      self.label = label
      self.dashed = dashed
      self.tooltip = tooltip
    }
  }

  /// The element id.
  public var id: String
  /// The title.
  public var title: String
  /// A line under the title, or nil.
  public var subtitle: String?
  /// The text alternative.
  public var description: String
  /// A heading over each column, left to right.
  public var columnTitles: [String]
  /// The boxes.
  public var boxes: [Box]
  /// The arrows.
  public var links: [Link]
  /// A key drawn under the title, or nil.
  public var legend: Legend?
  /// Width in pixels at 100% (at least; it grows when the boxes need more room); the height
  /// follows from the tallest column.
  public var width: Double
  /// Extra classes on the `<svg>` element.
  public var className: String

  /// Creates a diagram.
  ///
  /// - Precondition: every box's column has a title and every link joins existing boxes.
  public init(id: String, title: String, subtitle: String? = nil, description: String, columnTitles: [String], boxes: [Box], links: [Link],
              legend: Legend? = nil, width: Double = 760, className: String = "network-diagram") {
    for b in boxes { precondition(columnTitles.indices.contains(b.column), "box \(b.title): column \(b.column) of \(columnTitles.count)") }
    for l in links { precondition(boxes.indices.contains(l.from) && boxes.indices.contains(l.to), "link \(l.from)→\(l.to) of \(boxes.count) boxes") }
    self.id = id
    self.title = title
    self.subtitle = subtitle
    self.description = description
    self.columnTitles = columnTitles
    self.boxes = boxes
    self.links = links
    self.legend = legend
    self.width = width
    self.className = className
  }

  static let boxHeight = 40.0
  static let rowGap = 16.0

  /// The boxes of each column, top to bottom (see the type's notes).
  public func columnOrder() -> [[Int]] {
    var columns: [[Int]] = Array(repeating: [], count: columnTitles.count)
    for (i, b) in boxes.enumerated() { columns[b.column].append(i) }
    var rank = Array(repeating: 0.0, count: boxes.count)
    func place(_ c: Int) { for (r, i) in columns[c].enumerated() { rank[i] = Double(r) - Double(columns[c].count - 1) / 2 } }
    func sortByNeighbours(_ c: Int, neighbours: (Int) -> [Int]) {
      let keyed = columns[c].enumerated().map { position, i -> (Double, Int, Int) in
        let placed = neighbours(i)
        let key = placed.isEmpty ? Double(position) : placed.reduce(0.0) { $0 + rank[$1] } / Double(placed.count)
        return (key, position, i)
      }
      columns[c] = keyed.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map(\.2)
    }
    if columns.count > 1 { place(1) }
    if columns.count > 2 {
      for c in 2..<columns.count {
        sortByNeighbours(c) { i in links.filter { $0.to == i && boxes[$0.from].column >= 1 && boxes[$0.from].column < c }.map(\.from) }
        place(c)
      }
    }
    if !columns.isEmpty {
      sortByNeighbours(0) { i in links.filter { $0.from == i && boxes[$0.to].column > 0 }.map(\.to) }
      place(0)
    }
    return columns
  }

  /// The `<svg>` element.
  public func render() -> String {
    let columns = columnOrder()
    let tallest = Double(columns.map(\.count).max() ?? 1)
    let boxWidth = max(96, boxes.map { max(SVGCanvas.textWidth($0.title, size: 13), SVGCanvas.textWidth($0.subtitle, size: 11)) + 20 }.max() ?? 0)
    // Wide boxes widen the drawing rather than squeeze the gaps the lane labels sit in.
    let width = max(self.width, Double(columns.count) * boxWidth + Double(max(columns.count - 1, 0)) * 72 + 16)
    let headerHeight = 28 + (subtitle == nil ? 0 : 17) + (legend?.height(width: width - 16) ?? 0)
    let top = headerHeight + 28
    let bodyHeight = tallest * Self.boxHeight + (tallest - 1) * Self.rowGap
    let height = top + bodyHeight + 16
    var canvas = SVGCanvas(width: width, height: height)
    _ = ChartFrame.drawHeader(into: &canvas, title: title, subtitle: subtitle, legend: legend, width: width)

    // Column x positions spread over the width; rows centred on the body's midline.
    let spacing = columns.count > 1 ? (width - 16 - boxWidth) / Double(columns.count - 1) : 0
    var x = Array(repeating: 0.0, count: boxes.count), y = Array(repeating: 0.0, count: boxes.count)
    let middle = top + bodyHeight / 2
    for (c, column) in columns.enumerated() {
      for (r, i) in column.enumerated() {
        x[i] = 8 + Double(c) * spacing
        y[i] = middle + (Double(r) - Double(column.count - 1) / 2) * (Self.boxHeight + Self.rowGap) - Self.boxHeight / 2
      }
    }

    canvas.beginGroup(class: "columns")
    for (c, t) in columnTitles.enumerated() {
      // Centred over the column, but kept inside the canvas when wider than the boxes.
      let half = SVGCanvas.textWidth(t, size: 12) / 2
      let cx = min(max(8 + Double(c) * spacing + boxWidth / 2, half + 4), width - half - 4)
      canvas.text(t, x: cx, y: top - 10, size: 12, anchor: .middle, weight: "600", fill: ChartPalette.grey)
    }
    canvas.endGroup()

    canvas.beginGroup(class: "links")
    for link in links {
      let x0 = x[link.from] + boxWidth, y0 = y[link.from] + Self.boxHeight / 2
      let x1 = x[link.to] - 2, y1 = y[link.to] + Self.boxHeight / 2
      let dx = x1 - x0, dy = y1 - y0, length = max((dx * dx + dy * dy).squareRoot(), 1)
      let (ux, uy) = (dx / length, dy / length)
      let base = (x1 - 8 * ux, y1 - 8 * uy)
      canvas.path(SVGCanvas.pathData([(x0, y0), base]), stroke: "#424A53", width: 1.4,
                  dash: link.dashed ? "5 4" : nil, class: "lane", tooltip: link.tooltip.isEmpty ? nil : link.tooltip)
      // The head: a small triangle pointing along the arrow.
      canvas.path(SVGCanvas.pathData([(x1, y1), (base.0 - 4 * uy, base.1 + 4 * ux), (base.0 + 4 * uy, base.1 - 4 * ux)], closed: true), fill: "#424A53")
      if !link.label.isEmpty {
        let t = 0.72
        let lx = x0 + dx * t, ly = y0 + dy * t
        let w = SVGCanvas.textWidth(link.label, size: 11) + 8
        canvas.rect(x: lx - w / 2, y: ly - 8, width: w, height: 15, fill: "#FFFFFF", opacity: 0.9, class: "lane-label")
        canvas.text(link.label, x: lx, y: ly + 4, size: 11, anchor: .middle, fill: "#1F2328")
      }
    }
    canvas.endGroup()

    canvas.beginGroup(class: "nodes")
    for (i, b) in boxes.enumerated() {
      canvas.rect(x: x[i], y: y[i], width: boxWidth, height: Self.boxHeight, fill: b.fill, stroke: b.stroke, class: "node",
                  tooltip: b.tooltip.isEmpty ? nil : b.tooltip)
      let ink = ChartPalette.textColor(on: b.fill)
      let cx = x[i] + boxWidth / 2
      if b.subtitle.isEmpty {
        canvas.text(b.title, x: cx, y: y[i] + Self.boxHeight / 2 + 4.5, size: 13, anchor: .middle, weight: "600", fill: ink)
      } else {
        canvas.text(b.title, x: cx, y: y[i] + 17, size: 13, anchor: .middle, weight: "600", fill: ink)
        canvas.text(b.subtitle, x: cx, y: y[i] + 32, size: 11, anchor: .middle, fill: ink)
      }
    }
    canvas.endGroup()
    return canvas.document(id: id, className: "chart " + className, title: title, description: description)
  }
}
