/// One entry of a legend.
public struct LegendItem: Sendable, Equatable {
  /// How the entry's key looks.
  public enum Symbol: Sendable, Equatable {
    /// A line, optionally dashed (an SVG dash array such as "5 3").
    case line(dash: String?)
    /// A filled square, for bars and areas.
    case swatch
    /// A translucent band with a line through it, for intervals.
    case band
    /// A point marker.
    case marker(MarkerShape)
  }

  /// The series' name.
  public var name: String
  /// Its colour.
  public var color: String
  /// Its key.
  public var symbol: Symbol

  /// Creates an item.
  public init(name: String, color: String, symbol: Symbol) {
    self.name = name
    self.color = color
    self.symbol = symbol
  }
}

/// A legend laid out in rows across the top of a chart.
public struct Legend: Sendable, Equatable {
  /// The entries, in order.
  public var items: [LegendItem]
  /// Font size of the names.
  public var fontSize: Double = 12

  /// Creates a legend.
  public init(items: [LegendItem]) { self.items = items }

  static let rowHeight = 18.0
  static let keyWidth = 22.0

  private func itemWidth(_ item: LegendItem) -> Double {
    Self.keyWidth + 6 + SVGCanvas.textWidth(item.name, size: fontSize) + 16
  }

  /// The rows of item indices when laid out in `width`.
  private func rows(width: Double) -> [[Int]] {
    var rows: [[Int]] = []
    var current: [Int] = []
    var used = 0.0
    for (i, item) in items.enumerated() {
      let w = itemWidth(item)
      if !current.isEmpty && used + w > width {
        rows.append(current)
        current = []
        used = 0
      }
      current.append(i)
      used += w
    }
    if !current.isEmpty { rows.append(current) }
    return rows
  }

  /// The height the legend needs in `width` (0 when empty).
  public func height(width: Double) -> Double { Double(rows(width: width).count) * Self.rowHeight }

  /// Draws the legend with its top-left corner at (x, y), wrapping at `width`.
  public func draw(into canvas: inout SVGCanvas, x: Double, y: Double, width: Double) {
    guard !items.isEmpty else { return }
    canvas.beginGroup(class: "legend")
    for (r, row) in rows(width: width).enumerated() {
      var cx = x
      let cy = y + Double(r) * Self.rowHeight + Self.rowHeight / 2
      for i in row {
        let item = items[i]
        switch item.symbol {
        case let .line(dash):
          canvas.line(cx, cy, cx + Self.keyWidth, cy, stroke: item.color, width: 2.5, dash: dash)
        case .swatch:
          canvas.rect(x: cx + 4, y: cy - 6, width: 14, height: 12, fill: item.color)
        case .band:
          canvas.rect(x: cx, y: cy - 6, width: Self.keyWidth, height: 12, fill: item.color, opacity: 0.25)
          canvas.line(cx, cy, cx + Self.keyWidth, cy, stroke: item.color, width: 2, dash: "4 3")
        case let .marker(shape):
          shape.draw(into: &canvas, x: cx + Self.keyWidth / 2, y: cy, r: 4.5, color: item.color)
        }
        canvas.text(item.name, x: cx + Self.keyWidth + 6, y: cy + fontSize * 0.35, size: fontSize)
        cx += itemWidth(item)
      }
    }
    canvas.endGroup()
  }
}
