import Testing
import Foundation
@testable import Reports
import Experiments

@Suite struct ChartTests {
  /// A seasonal series with a forecast over its last 14 days and a ±1.64 sd band.
  static func syntheticForecast() -> SeriesForecast {
    func wave(_ day: Int) -> Double { 4 * sin(Double(day) * 2 * Double.pi / 7) }
    let actual: [Double] = (0..<70).map { day in 10 + wave(day) + Double(day % 3) }
    let mean: [Double] = (56..<70).map { day in 11 + wave(day) }
    return SeriesForecast(sku: "SKU<1>", method: "seasonal naive & drift", actual: actual, forecastStart: 56,
                          mean: mean, lower: mean.map { $0 - 3.3 }, upper: mean.map { $0 + 3.3 }, level: 0.9)
  }

  @Test func forecastChartDrawsActualMeanAndBand() throws {
    let forecast = Self.syntheticForecast()
    let svg = forecast.chart(id: "f1").render()
    let outline = try #require(XMLOutline.parse(svg))
    let root = try #require(outline.elements.first)
    #expect(root.name == "svg" && root.attributes["id"] == "f1")
    #expect(outline.elements("path", class: "band").count == 1)
    #expect(outline.elements("path", class: "series").count == 2)
    #expect(outline.elements("g", class: "legend").count == 1)
    #expect(svg.contains("SKU&lt;1&gt;"))
    #expect(svg.contains("90% prediction interval"))
    #expect(forecast.coverage == 1)
  }

  @Test func chartsAreDeterministicAndParse() throws {
    let charts = [
      StackedBarChart(id: "b", title: "Bars & <more>", description: "d", categories: ["x<y", "z"],
                      segments: [BarSegment(name: "one", color: ChartPalette.blue, values: [1, 2]),
                                 BarSegment(name: "two", color: ChartPalette.orange, values: [3, 0])],
                      valueAxis: Axis(title: "Cost")).render(),
      ScatterChart(id: "s", title: "S", description: "d", xAxis: Axis(title: "x"), yAxis: Axis(title: "y"),
                   points: [ScatterPoint(label: "p\"1", color: ChartPalette.blue, x: 1, y: 2, xInterval: 0.5...1.5, yInterval: 1...3),
                            ScatterPoint(label: "p2", color: ChartPalette.orange, x: 2, y: 2.1)]).render(),
      HistogramChart(id: "h", title: "H", description: "d", bins: HistogramBin.wholeNumbers(upTo: 3),
                     series: [HistogramSeries(name: "a", color: ChartPalette.blue, counts: [3, 1, 0])],
                     xTitle: "Days", yAxis: Axis(title: "Count", minimumStep: 1)).render(),
    ]
    for svg in charts { #expect(XMLOutline.parse(svg) != nil, "\(svg.prefix(200))") }
    let again = StackedBarChart(id: "b", title: "Bars & <more>", description: "d", categories: ["x<y", "z"],
                                segments: [BarSegment(name: "one", color: ChartPalette.blue, values: [1, 2]),
                                           BarSegment(name: "two", color: ChartPalette.orange, values: [3, 0])],
                                valueAxis: Axis(title: "Cost")).render()
    #expect(again == charts[0])
  }

  @Test func scatterDrawsWhiskersInBothDirections() throws {
    let svg = ScatterChart(id: "s", title: "S", description: "d", xAxis: Axis(title: "x"), yAxis: Axis(title: "y"),
                           points: [ScatterPoint(label: "p", color: ChartPalette.blue, x: 1, y: 2, xInterval: 0.5...1.5, yInterval: 1...3)]).render()
    let outline = try #require(XMLOutline.parse(svg))
    let whiskers = outline.elements("line").filter { line in line.ancestors.contains { $0.className == "whiskers" } }
    #expect(whiskers.count == 6)
  }

  @Test func escapingCoversMarkupAndControlCharacters() {
    #expect(XMLEscape.escape("a<b & \"c\" 'd'>") == "a&lt;b &amp; &quot;c&quot; &#39;d&#39;&gt;")
    #expect(XMLEscape.escape("x\u{1}y") == "xy")
    #expect(XMLEscape.identifier("a b<c") == "a-b-c")
  }

  @Test func coordinatesPrintCompactly() {
    #expect(SVGCanvas.number(12.5) == "12.5")
    #expect(SVGCanvas.number(3) == "3")
    #expect(SVGCanvas.number(-0.001) == "0")
    #expect(SVGCanvas.number(1.25) == "1.25")
    #expect(SVGCanvas.number(2.999) == "3")
  }

  @Test func paletteIsOkabeIto() {
    #expect(ChartPalette.series.count == 8)
    #expect(Set(ChartPalette.series).count == 8)
    #expect(ChartPalette.textColor(on: ChartPalette.blue) == "#FFFFFF")
    #expect(ChartPalette.textColor(on: ChartPalette.yellow) == "#000000")
  }
}
