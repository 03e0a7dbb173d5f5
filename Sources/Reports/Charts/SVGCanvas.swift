import SupplyModel

/// Builds the markup of one SVG image element by element, with deterministic number printing.
///
/// Coordinates print with at most two decimals and no trailing zeros, so the same drawing is
/// the same bytes on every run and machine. All text passes through `XMLEscape`.
public struct SVGCanvas: Sendable {
  /// Horizontal text alignment.
  public enum Anchor: String, Sendable {
    /// Text starts at x.
    case start
    /// Text is centred on x.
    case middle
    /// Text ends at x.
    case end
  }

  /// The width in user units (pixels at 100%).
  public let width: Double
  /// The height in user units.
  public let height: Double
  /// The elements drawn so far.
  public private(set) var body = ""

  /// Creates an empty canvas.
  public init(width: Double, height: Double) {
    self.width = width
    self.height = height
  }

  /// A coordinate as text: two decimals at most, trailing zeros dropped ("12.5", "3", "-0.25").
  public static func number(_ x: Double) -> String {
    var s = NumberFormat.fixed(x, 2)
    if s.contains(".") {
      while s.hasSuffix("0") { s.removeLast() }
      if s.hasSuffix(".") { s.removeLast() }
    }
    return s == "-0" ? "0" : s
  }

  private static func attribute(_ name: String, _ value: String?) -> String {
    guard let value else { return "" }
    return " \(name)=\"\(XMLEscape.escape(value))\""
  }

  /// Appends raw markup (already well-formed and escaped).
  public mutating func raw(_ markup: String) { body += markup }

  /// Opens a group, optionally with a class; close it with `endGroup()`.
  public mutating func beginGroup(class className: String? = nil) {
    body += "<g\(Self.attribute("class", className))>\n"
  }

  /// Closes the innermost group.
  public mutating func endGroup() { body += "</g>\n" }

  /// A straight line.
  public mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String,
                            width: Double = 1, dash: String? = nil, class className: String? = nil) {
    let n = Self.number
    body += "<line x1=\"\(n(x1))\" y1=\"\(n(y1))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(n(width))\"\(Self.attribute("stroke-dasharray", dash))\(Self.attribute("class", className))/>\n"
  }

  /// A rectangle.
  public mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String,
                            opacity: Double? = nil, stroke: String? = nil, class className: String? = nil, tooltip: String? = nil) {
    let n = Self.number
    var s = "<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(max(width, 0)))\" height=\"\(n(max(height, 0)))\" fill=\"\(fill)\""
    if let opacity { s += " fill-opacity=\"\(n(opacity))\"" }
    if let stroke { s += " stroke=\"\(stroke)\" stroke-width=\"1\"" }
    s += Self.attribute("class", className)
    if let tooltip { s += "><title>\(XMLEscape.escape(tooltip))</title></rect>\n" } else { s += "/>\n" }
    body += s
  }

  /// A circle.
  public mutating func circle(cx: Double, cy: Double, r: Double, fill: String, stroke: String? = nil, tooltip: String? = nil) {
    let n = Self.number
    var s = "<circle cx=\"\(n(cx))\" cy=\"\(n(cy))\" r=\"\(n(r))\" fill=\"\(fill)\""
    if let stroke { s += " stroke=\"\(stroke)\" stroke-width=\"1.5\"" }
    if let tooltip { s += "><title>\(XMLEscape.escape(tooltip))</title></circle>\n" } else { s += "/>\n" }
    body += s
  }

  /// A path from SVG path data, e.g. built with `pathData(_:)`.
  public mutating func path(_ d: String, fill: String = "none", fillOpacity: Double? = nil, stroke: String? = nil,
                            width: Double = 1, dash: String? = nil, class className: String? = nil, tooltip: String? = nil) {
    guard !d.isEmpty else { return }
    var s = "<path d=\"\(d)\" fill=\"\(fill)\""
    if let fillOpacity { s += " fill-opacity=\"\(Self.number(fillOpacity))\"" }
    if let stroke { s += " stroke=\"\(stroke)\" stroke-width=\"\(Self.number(width))\" stroke-linejoin=\"round\"" }
    s += Self.attribute("stroke-dasharray", dash) + Self.attribute("class", className)
    if let tooltip { body += s + "><title>\(XMLEscape.escape(tooltip))</title></path>\n" } else { body += s + "/>\n" }
  }

  /// Path data joining `points` with straight lines; a non-finite point breaks the line.
  public static func pathData(_ points: [(Double, Double)], closed: Bool = false) -> String {
    var d = ""
    var pen = false
    for (x, y) in points {
      guard x.isFinite, y.isFinite else { pen = false; continue }
      d += (pen ? "L" : (d.isEmpty ? "M" : " M")) + number(x) + " " + number(y)
      pen = true
    }
    if closed && !d.isEmpty { d += "Z" }
    return d
  }

  /// Text at (x, y) (the baseline), optionally rotated about that point.
  public mutating func text(_ string: String, x: Double, y: Double, size: Double = 12, anchor: Anchor = .start,
                            weight: String? = nil, fill: String = "#1F2328", rotation: Double? = nil, class className: String? = nil) {
    let n = Self.number
    var s = "<text x=\"\(n(x))\" y=\"\(n(y))\" font-size=\"\(n(size))\""
    if anchor != .start { s += " text-anchor=\"\(anchor.rawValue)\"" }
    if let weight { s += " font-weight=\"\(weight)\"" }
    s += " fill=\"\(fill)\""
    if let rotation { s += " transform=\"rotate(\(n(rotation)) \(n(x)) \(n(y)))\"" }
    s += Self.attribute("class", className)
    body += s + ">\(XMLEscape.escape(string))</text>\n"
  }

  /// The approximate width of `string` at font size `size` (average glyph width of sans-serif faces).
  public static func textWidth(_ string: String, size: Double) -> Double { Double(string.count) * size * 0.58 }

  /// The complete `<svg>` element: the drawing with an accessible title and description.
  ///
  /// - Parameters:
  ///   - id: The element's id (also the prefix of the title and description ids).
  ///   - className: Classes of the element, e.g. "chart chart-cost".
  ///   - title: Read by screen readers as the image's name.
  ///   - description: A longer text alternative.
  public func document(id: String, className: String, title: String, description: String) -> String {
    let n = Self.number
    let safe = XMLEscape.identifier(id)
    var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"\(safe)\" class=\"\(XMLEscape.escape(className))\""
    s += " width=\"\(n(width))\" height=\"\(n(height))\" viewBox=\"0 0 \(n(width)) \(n(height))\""
    s += " role=\"img\" aria-labelledby=\"\(safe)-title \(safe)-desc\""
    s += " font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif\">\n"
    s += "<title id=\"\(safe)-title\">\(XMLEscape.escape(title))</title>\n"
    s += "<desc id=\"\(safe)-desc\">\(XMLEscape.escape(description))</desc>\n"
    s += body
    s += "</svg>\n"
    return s
  }
}
