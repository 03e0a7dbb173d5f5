import Testing
@testable import Reports
import SupplyModel

/// The trajectory panels' vertical scale is set by the steady state, not the opening stock.
@Suite struct TrajectoryScaleTests {
  @Test func steadyStateStartsAfterTheWarmUp() {
    #expect(TrajectoryScale.steadyStart(warmUpDays: 28, dayCount: 365) == 28)
    #expect(TrajectoryScale.steadyStart(warmUpDays: 0, dayCount: 365) == 30)
    #expect(TrajectoryScale.steadyStart(warmUpDays: 0, dayCount: 50) == 5)
    #expect(TrajectoryScale.steadyStart(warmUpDays: 500, dayCount: 365) == 364)
  }

  /// An opening stock of 2,600 on day 0 does not set the scale: the steady state peaks at 230 and
  /// the level S = 206, so the scale ends at the top of about 4 nice ticks (0, 100, 200, 300), not
  /// at 2,600 or beyond; a backorder of 40 reaches below zero to −40 (ticks 0, −20, −40).
  @Test func theOpeningStockIsLeftOutAndBackordersGoBelowZero() {
    var scale = TrajectoryScale(steadyStart: 10)
    scale.add(day: 0, onHand: 2600, onOrder: 0, backordered: 0)
    scale.add(day: 5, onHand: 0, onOrder: 900, backordered: 500)
    scale.add(day: 12, onHand: 230, onOrder: 120, backordered: 0)
    scale.add(day: 13, onHand: 0, onOrder: 150, backordered: 40)
    scale.add(level: 206)
    scale.add(level: .infinity)
    #expect(scale.domain == -40...300)
    var noShortage = TrajectoryScale(steadyStart: 0)
    noShortage.add(day: 0, onHand: 7, onOrder: 0, backordered: 0)
    #expect(noShortage.domain == 0...8)
  }

  /// Levels come from the policy's parameters by name, whatever the policy family.
  @Test func levelsAreReadFromTheParameters() throws {
    let result = ReportFixture.fiveReplications
    let sQ = TrajectoryScale.levels(result.outcomes[0].parameters, sku: 0).map(\.label)
    #expect(sQ.count == 2 && sQ[0].hasPrefix("s = ") && sQ[1].hasPrefix("s + Q = "))
    let sS = TrajectoryScale.levels(result.outcomes[1].parameters, sku: 0).map(\.label)
    #expect(sS.count == 2 && sS[0].hasPrefix("s = ") && sS[1].hasPrefix("S = "))
    let rS = TrajectoryScale.levels(result.outcomes[2].parameters, sku: 0).map(\.label)
    #expect(rS.count == 1 && rS[0].hasPrefix("S = "))
    let s = try #require(result.outcomes[1].parameters.value(PolicyParameters.reorderPoint, ofSKU: 0))
    #expect(TrajectoryScale.levels(result.outcomes[1].parameters, sku: 0)[0].value == s)
  }
}

/// Order ticks: one per order when sparse; when denser than one per 3 pixels, one lighter tick
/// per 2-pixel column, so thousands of orders never merge into a solid bar.
@Suite struct EventRugTests {
  func ticks(orders: Int, days: Int) throws -> [XMLOutline.Element] {
    var chart = LineChart(id: "t", title: "T", description: "d", xAxis: Axis(title: "Day"), yAxis: Axis(title: "Units"),
                          lines: [LineSeries(name: "on hand", color: ChartPalette.blue, x: [0, Double(days)], y: [0, 10])], width: 600, height: 200)
    let x = (0..<orders).map { Double($0 * days / orders) }
    chart.rug = EventRug(name: "Order placed", color: "#24292F", x: x, sizes: x.map { _ in 5 }, tooltips: x.map { "day \($0)" })
    let outline = try #require(XMLOutline.parse(chart.render()))
    return outline.elements("line").filter { line in line.ancestors.contains { $0.className == "rug" } }
  }

  @Test func sparseOrdersGetOneTickEach() throws {
    let sparse = try ticks(orders: 20, days: 365)
    #expect(sparse.count == 20)
    #expect(sparse.allSatisfy { $0.attributes["stroke-opacity"] == nil })
  }

  @Test func denseOrdersAreBinnedPerColumn() throws {
    let dense = try ticks(orders: 5000, days: 5000)
    #expect(dense.count < 300 && dense.count > 100)
    #expect(dense.allSatisfy { $0.attributes["stroke-opacity"] == "0.55" })
  }

  @Test func longRunsShowTheWarmUpAndAYear() {
    #expect(TrajectoryScale.shownDays(warmUpDays: 28, dayCount: 365) == 365)
    #expect(TrajectoryScale.shownDays(warmUpDays: 0, dayCount: 730) == 730)
    #expect(TrajectoryScale.shownDays(warmUpDays: 100, dayCount: 10_000) == 465)
  }
}
