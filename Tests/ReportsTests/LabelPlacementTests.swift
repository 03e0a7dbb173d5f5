import Testing
@testable import Reports

/// Scatter labels never overlap each other, a point, a whisker or the plot's edge; when they
/// cannot all be placed, the chart numbers its points and names them in the legend.
@Suite struct LabelPlacementTests {
  @Test func placedLabelsOverlapNothing() {
    let bounds = PixelRect(x0: 0, y0: 0, x1: 400, y1: 300)
    let points: [(x: Double, y: Double)] = [(100, 100), (104, 102), (108, 98), (390, 150), (200, 295)]
    let whisker = PixelRect(x0: 60, y0: 95, x1: 150, y1: 105)
    let obstacles = points.map { PixelRect(x0: $0.x - 7, y0: $0.y - 7, x1: $0.x + 7, y1: $0.y + 7) } + [whisker]
    let spots = LabelPlacement().place(points: points, widths: Array(repeating: 60, count: points.count), obstacles: obstacles, bounds: bounds)
    let placed = spots.compactMap { $0 }
    #expect(placed.count == points.count)
    for (i, a) in placed.enumerated() {
      #expect(bounds.contains(a))
      #expect(!obstacles.contains { $0.intersects(a) })
      for b in placed[(i + 1)...] { #expect(!a.intersects(b)) }
    }
    // The point at the right edge is labelled on its left, the one at the bottom above it.
    #expect(spots[3]!.x1 <= 390 && spots[4]!.y1 <= 295)
  }

  @Test func aLabelWithNoRoomGetsNil() {
    let bounds = PixelRect(x0: 0, y0: 0, x1: 40, y1: 40)
    let spots = LabelPlacement().place(points: [(20, 20)], widths: [200], obstacles: [], bounds: bounds)
    #expect(spots == [nil])
  }

  /// Four points with long names crowded in a small chart: numbers beside the points, names in
  /// the legend; two points far apart keep their names.
  @Test func crowdedScattersFallBackToNumbers() throws {
    let names = ["a long policy name one", "a long policy name two", "a long policy name three", "a long policy name four"]
    let crowded = ScatterChart(id: "s", title: "S", description: "d", xAxis: Axis(title: "x"), yAxis: Axis(title: "y"),
                               points: names.enumerated().map { ScatterPoint(label: $1, color: ChartPalette.blue, x: 1 + Double($0) * 0.001, y: 2, yInterval: 1...3) },
                               width: 300, height: 220).render()
    let outline = try #require(XMLOutline.parse(crowded))
    let labels = outline.elements("text").filter { $0.attributes["class"] == "point-label" }.map(\.text)
    #expect(labels == ["1", "2", "3", "4"])
    #expect(crowded.contains("1 a long policy name one"))
    let apart = ScatterChart(id: "s", title: "S", description: "d", xAxis: Axis(title: "x"), yAxis: Axis(title: "y"),
                             points: [ScatterPoint(label: "left", color: ChartPalette.blue, x: 0, y: 0),
                                      ScatterPoint(label: "right", color: ChartPalette.orange, x: 10, y: 10)]).render()
    let named = try #require(XMLOutline.parse(apart)).elements("text").filter { $0.attributes["class"] == "point-label" }.map(\.text)
    #expect(named == ["left", "right"])
  }
}
