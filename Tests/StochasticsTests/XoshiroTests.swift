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

/// A generator that returns one fixed word, to reach the edges of inversion tables.
struct FixedWord: RandomSource {
  var word: UInt64
  mutating func next() -> UInt64 { word }
}

@Test func poissonTableSetHandlesTheLargestUniform() {
  // u = 1 − 2⁻⁵³: u·n rounds to n for large tables; the draw must stay within the member.
  let tables = PoissonTableSet(means: [3000, 1])
  var rng = FixedWord(word: .max)
  let k = tables.sample(member: 0, using: &rng)
  let exact = Poisson(mean: 3000).quantile(1 - 0x1p-53)
  #expect(abs(k - exact) <= 25, "the 1 − 1.1e-16 quantile of Poisson(3000) is \(exact); got \(k)")
  var zero = FixedWord(word: 0)
  #expect(tables.sample(member: 1, using: &zero) == 0)
}
