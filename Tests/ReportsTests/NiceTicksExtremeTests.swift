import Testing
@testable import Reports

@Suite struct NiceTicksExtremeTests {
  static let ranges: [(Double, Double)] = [
    (-1e308, 1e308), (0, 1.7976931348623157e308), (1e308, 1e308), (5e-324, 5e-324), (0, 5e-324), (-5e-324, 1e-320),
    (1e300, 1e300), (-Double.greatestFiniteMagnitude, 0), (1e-300, 2e-300),
  ]

  @Test("extreme and subnormal ranges give finite ascending ticks", arguments: ranges)
  func extremeRanges(low: Double, high: Double) {
    let ticks = NiceTicks(covering: low, high, count: 5)
    #expect(ticks.lower.isFinite && ticks.upper.isFinite && ticks.step.isFinite && ticks.step > 0)
    #expect(ticks.lower <= ticks.upper)
    #expect(!ticks.values.isEmpty && ticks.values.count < 30)
    #expect(ticks.values == ticks.values.sorted())
    let kept = NiceTicks(covering: low, high, count: 4, extendsToTicks: false)
    #expect(kept.lower <= kept.upper && kept.lower.isFinite && kept.upper.isFinite)
  }

  @Test func ordinaryRangesAreUnchanged() {
    let ticks = NiceTicks(covering: 0, 364, count: 5)
    #expect(ticks.values == [0, 100, 200, 300, 400])
  }
}
