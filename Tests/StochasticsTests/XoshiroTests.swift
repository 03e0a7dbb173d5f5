import Testing
@testable import Stochastics

@Suite struct XoshiroTests {
  @Test func sameKeyGivesSameStream() {
    var a = Xoshiro256(seed: 42, entity: 7, purpose: .demand)
    var b = Xoshiro256(seed: 42, entity: 7, purpose: .demand)
    for _ in 0..<100 { #expect(a.next() == b.next()) }
  }

  @Test func substreamsDifferByEveryKeyField() {
    let base = Xoshiro256(seed: 42, entity: 7, purpose: .demand, replication: 0)
    #expect(base != Xoshiro256(seed: 43, entity: 7, purpose: .demand, replication: 0))
    #expect(base != Xoshiro256(seed: 42, entity: 8, purpose: .demand, replication: 0))
    #expect(base != Xoshiro256(seed: 42, entity: 7, purpose: .leadTime, replication: 0))
    #expect(base != Xoshiro256(seed: 42, entity: 7, purpose: .demand, replication: 1))
  }

  @Test("uniform mean and variance within 5 SE")
  func unitMoments() {
    var rng = Xoshiro256(seed: 1)
    let n = 200_000
    var sum = 0.0, sumSq = 0.0
    for _ in 0..<n { let u = rng.nextUnit(); sum += u; sumSq += u * u }
    let mean = sum / Double(n)
    #expect(abs(mean - 0.5) < 5 * (1.0 / 12 / Double(n)).squareRoot())
    #expect(abs(sumSq / Double(n) - mean * mean - 1.0 / 12) < 0.002)
  }

  @Test func boundedIntegersStayInRangeAndCoverIt() {
    var rng = Xoshiro256(seed: 3)
    var seen = Array(repeating: 0, count: 7)
    for _ in 0..<7_000 { seen[rng.nextInt(below: 7)] += 1 }
    #expect(seen.allSatisfy { $0 > 800 && $0 < 1200 })
  }
}
