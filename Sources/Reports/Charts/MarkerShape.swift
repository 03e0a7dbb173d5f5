/// The shape of a point marker.
public enum MarkerShape: String, Sendable, Equatable {
  /// A filled circle.
  case circle
  /// A filled triangle pointing up.
  case triangle
  /// A filled triangle pointing down.
  case triangleDown
  /// A filled square.
  case square
  /// A filled diamond.
  case diamond

  /// Draws the marker centred on (x, y) with half-size `r`.
  func draw(into canvas: inout SVGCanvas, x: Double, y: Double, r: Double, color: String, tooltip: String? = nil) {
    switch self {
    case .circle:
      canvas.circle(cx: x, cy: y, r: r, fill: color, stroke: "#FFFFFF", tooltip: tooltip)
    case .triangle:
      canvas.path(SVGCanvas.pathData([(x, y - r * 1.2), (x + r * 1.1, y + r * 0.8), (x - r * 1.1, y + r * 0.8)], closed: true), fill: color, tooltip: tooltip)
    case .triangleDown:
      canvas.path(SVGCanvas.pathData([(x, y + r * 1.2), (x + r * 1.1, y - r * 0.8), (x - r * 1.1, y - r * 0.8)], closed: true), fill: color, tooltip: tooltip)
    case .square:
      canvas.rect(x: x - r, y: y - r, width: 2 * r, height: 2 * r, fill: color, tooltip: tooltip)
    case .diamond:
      canvas.path(SVGCanvas.pathData([(x, y - r * 1.3), (x + r * 1.1, y), (x, y + r * 1.3), (x - r * 1.1, y)], closed: true), fill: color, tooltip: tooltip)
    }
  }
}
