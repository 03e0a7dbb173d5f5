import Testing
@testable import Reports

@Suite struct NiceTicksTests {
  @Test("ticks step by 1, 2 or 5 times a power of ten and cover the range",
        arguments: [
          (0.0, 100.0, 5, [0.0, 20, 40, 60, 80, 100]),
          (0.0, 1.0, 5, [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]),
          (-3.0, 7.0, 5, [-4.0, -2, 0, 2, 4, 6, 8]),
          (0.97, 1.0, 5, [0.97, 0.98, 0.99, 1.0]),
          (640_000.0, 720_000.0, 4, [640_000.0, 660_000, 680_000, 700_000, 720_000]),
          (3.0, 3.0, 5, [2.6, 2.8, 3.0, 3.2, 3.4]),
        ])
  func niceTicks(low: Double, high: Double, count: Int, expected: [Double]) {
    let ticks = NiceTicks(covering: low, high, count: count)
    #expect(ticks.values == expected)
    #expect(ticks.lower <= min(low, high) && ticks.upper >= max(low, high))
  }

  @Test func stepsAreOneTwoOrFive() {
    for (lo, hi) in [(0.0, 7.3), (12.0, 987.0), (0.001, 0.0042), (-50.0, 13.0), (1e6, 3.3e6)] {
      let step = NiceTicks(covering: lo, hi).step
      var m = step
      while m >= 10 { m /= 10 }
      while m < 1 { m *= 10 }
      #expect([1.0, 2.0, 5.0].contains { abs($0 - m) < 1e-9 }, "step \(step) for \(lo)...\(hi)")
    }
  }

  @Test func minimumStepKeepsCountsWhole() {
    let ticks = NiceTicks(covering: 0, 3, count: 5, minimumStep: 1)
    #expect(ticks.values == [0, 1, 2, 3])
    #expect(ticks.decimals == 0)
  }

  @Test func decimalsPrintEveryTickExactly() {
    let ticks = NiceTicks(covering: 0.97, 1.0)
    #expect(ticks.decimals == 2)
    #expect(ticks.values.map { TickFormat.percent.label($0, decimals: ticks.decimals) } == ["97%", "98%", "99%", "100%"])
  }

  @Test func keepingTheDataRangeDropsOutsideTicks() {
    let ticks = NiceTicks(covering: 0, 364, count: 5, extendsToTicks: false)
    #expect(ticks.lower == 0 && ticks.upper == 364)
    #expect(ticks.values == [0, 100, 200, 300])
  }

  @Test func axisLimitsClampTheDomain() {
    let ticks = Axis(title: "Fill rate", format: .percent, limits: 0...1).ticks(low: 0.975, high: 1.004)
    #expect(ticks.upper == 1)
    #expect(ticks.values.last == 1)
  }

  @Test func scaleMapsLinearlyAndBackwards() {
    let y = LinearScale(domain: 0...10, start: 200, end: 0)
    #expect(y.map(0) == 200)
    #expect(y.map(10) == 0)
    #expect(y.map(2.5) == 150)
  }
}
