/// A rectangle in SVG pixels (y grows downwards).
public struct PixelRect: Sendable, Equatable {
  /// Left, top, right and bottom edges.
  public var x0: Double, y0: Double, x1: Double, y1: Double

  /// Creates a rectangle from its edges.
  public init(x0: Double, y0: Double, x1: Double, y1: Double) {
    self.x0 = min(x0, x1)
    self.y0 = min(y0, y1)
    self.x1 = max(x0, x1)
    self.y1 = max(y0, y1)
  }

  /// Whether the two rectangles share any area.
  public func intersects(_ o: PixelRect) -> Bool { x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1 }

  /// Whether `o` lies wholly inside.
  public func contains(_ o: PixelRect) -> Bool { o.x0 >= x0 && o.x1 <= x1 && o.y0 >= y0 && o.y1 <= y1 }
}

/// Places the labels of points so that no label overlaps another label, a point, a whisker or
/// the plot's edge: each label tries positions around its point (right, left, above, below, then
/// the four diagonals), first close, then further out, and takes the first free one.
///
/// A label that finds no free position gets nil; a chart then falls back to short numbered
/// labels with the names in the legend (see `ScatterChart`).
public struct LabelPlacement: Sendable {
  /// The height of a label's box.
  public var labelHeight: Double
  /// The distances from the point tried, nearest first.
  public var gaps: [Double]

  /// Creates a placement with labels `labelHeight` pixels high.
  public init(labelHeight: Double = 14, gaps: [Double] = [8, 18, 30]) {
    self.labelHeight = labelHeight
    self.gaps = gaps
  }

  /// The candidate boxes of a label `width` wide around the point (x, y), in the order tried.
  public func candidates(x: Double, y: Double, width w: Double) -> [PixelRect] {
    let h = labelHeight
    var out: [PixelRect] = []
    for g in gaps {
      let d = g * 0.7
      out += [
        PixelRect(x0: x + g, y0: y - h / 2, x1: x + g + w, y1: y + h / 2),
        PixelRect(x0: x - g - w, y0: y - h / 2, x1: x - g, y1: y + h / 2),
        PixelRect(x0: x - w / 2, y0: y - g - h, x1: x + w / 2, y1: y - g),
        PixelRect(x0: x - w / 2, y0: y + g, x1: x + w / 2, y1: y + g + h),
        PixelRect(x0: x + d, y0: y - d - h, x1: x + d + w, y1: y - d),
        PixelRect(x0: x + d, y0: y + d, x1: x + d + w, y1: y + d + h),
        PixelRect(x0: x - d - w, y0: y - d - h, x1: x - d, y1: y - d),
        PixelRect(x0: x - d - w, y0: y + d, x1: x - d, y1: y + d + h),
      ]
    }
    return out
  }

  /// The box of each label, or nil where none is free.
  ///
  /// - Parameters:
  ///   - points: The anchor points, in pixels.
  ///   - widths: The width of each label.
  ///   - obstacles: Boxes no label may overlap (points, whiskers).
  ///   - bounds: The box every label must lie in (the plot area).
  public func place(points: [(x: Double, y: Double)], widths: [Double], obstacles: [PixelRect], bounds: PixelRect) -> [PixelRect?] {
    precondition(points.count == widths.count, "\(points.count) points but \(widths.count) label widths")
    var taken = obstacles
    var out: [PixelRect?] = []
    for (p, w) in zip(points, widths) {
      let spot = candidates(x: p.x, y: p.y, width: w).first { c in bounds.contains(c) && !taken.contains { $0.intersects(c) } }
      if let spot { taken.append(spot) }
      out.append(spot)
    }
    return out
  }
}
