import Parallelism
import Synchronization
import Testing

@Suite struct ProgressCounterTests {
  @Test("Every count is reported once, from any thread", arguments: [1, 2, 8])
  func everyCountOnce(threads: Int) {
    let reports = Mutex<[[Int]]>([])
    let counter = ProgressCounter(total: 400) { done, total in reports.withLock { $0.append([done, total]) } }
    _ = Parallel.map(400, threads: threads) { _ in counter.step() }
    let seen = reports.withLock { $0 }
    #expect(seen.map { $0[0] }.sorted() == Array(1...400))
    #expect(seen.allSatisfy { $0[1] == 400 })
  }

  @Test func stepWithoutCallbackDoesNothing() {
    let counter = ProgressCounter(total: 3, report: nil)
    for _ in 0..<5 { counter.step() }
    #expect(counter.total == 3)
  }
}
