import Parallelism
import Synchronization
import Testing

@Suite struct ParallelTests {
  @Test("Results come back in index order", arguments: [1, 2, 3, 4, 7, 16, 64])
  func resultsInIndexOrder(threads: Int) {
    for count in [0, 1, 2, 3, 100, 1_000] {
      let squares = Parallel.map(count, threads: threads) { $0 * $0 }
      #expect(squares == (0..<count).map { $0 * $0 }, "count \(count)")
    }
  }

  @Test("Every index runs exactly once", arguments: [1, 2, 5, 32])
  func everyIndexOnce(threads: Int) {
    let count = 500
    let calls = Mutex([Int](repeating: 0, count: count))
    _ = Parallel.map(count, threads: threads) { i in calls.withLock { $0[i] += 1 } }
    #expect(calls.withLock { $0 } == [Int](repeating: 1, count: count))
  }

  @Test func zeroPiecesCallNothing() {
    let calls = Atomic<Int>(0)
    let scratches = Atomic<Int>(0)
    let none: [Int] = Parallel.map(0, threads: 8, scratch: { _ in scratches.add(1) }) { i, _ in calls.add(1); return i }
    #expect(none.isEmpty)
    #expect(calls.load(ordering: .relaxed) == 0)
    #expect(scratches.load(ordering: .relaxed) == 0)
  }

  @Test func onePieceRunsOnceWithOneWorker() {
    let workers = Mutex<[Int]>([])
    let one = Parallel.map(1, threads: 8, scratch: { worker in worker }) { i, worker in
      workers.withLock { $0.append(worker) }
      return i + 41
    }
    #expect(one == [41])
    #expect(workers.withLock { $0 } == [0])
  }

  @Test func oneThreadRunsInIndexOrderOnOneWorker() {
    let order = Mutex<[Int]>([])
    let workers = Parallel.map(50, threads: 1, scratch: { $0 }) { i, worker in
      order.withLock { $0.append(i) }
      return worker
    }
    #expect(order.withLock { $0 } == Array(0..<50))
    #expect(Set(workers) == [0])
  }

  @Test("Each worker makes its scratch once and keeps it", arguments: [2, 3, 8])
  func scratchPerWorker(threads: Int) {
    let made = Mutex<[Int]>([])
    let count = 300
    // Scratch counts the pieces its worker ran; each piece returns (worker, running count).
    let runs = Parallel.map(count, threads: threads, scratch: { worker -> (worker: Int, done: Int) in
      made.withLock { $0.append(worker) }
      return (worker, 0)
    }) { _, scratch in
      scratch.done += 1
      return [scratch.worker, scratch.done]
    }
    let makers = made.withLock { $0 }
    #expect(makers.count == min(threads, count))
    #expect(Set(makers) == Set(0..<min(threads, count)))
    // Within a worker the running counts are 1, 2, 3, ... in the order its pieces ran.
    for worker in Set(makers) {
      let counts = runs.filter { $0[0] == worker }.map { $0[1] }.sorted()
      #expect(counts == Array(0..<counts.count).map { $0 + 1 })
    }
    #expect(runs.count == count)
  }

  /// Two pieces wait for each other: they finish at once only if two workers run at the same
  /// time. The second worker is a thread of the shared dispatch pool, which the suite's other
  /// tests (Swift Testing runs them on the same pool) may hold for minutes on a 2-core machine;
  /// then the pieces run one after another once the wait ends. The results must be right either
  /// way; that the two workers met is a known intermittent issue under a loaded suite (it holds
  /// when this test runs alone: `--filter workIsSplitAcrossConcurrentWorkers`).
  @Test(.enabled(if: Parallel.defaultThreadCount >= 2), .timeLimit(.minutes(2)))
  func workIsSplitAcrossConcurrentWorkers() {
    let arrived = Mutex<Set<Int>>([])
    let clock = ContinuousClock()
    let deadline = clock.now + .seconds(20)
    let seen = Parallel.map(8, threads: 2, scratch: { $0 }) { _, worker -> Int in
      arrived.withLock { _ = $0.insert(worker) }
      while arrived.withLock({ $0.count }) < 2 && clock.now < deadline {}
      return arrived.withLock { $0.count }
    }
    #expect(seen.count == 8 && seen.allSatisfy { (1...2).contains($0) })
    #expect(arrived.withLock { $0 }.isSubset(of: [0, 1]) && !arrived.withLock { $0 }.isEmpty)
    withKnownIssue("the dispatch pool's second thread was held by other tests", isIntermittent: true) {
      #expect(Set(arrived.withLock { $0 }) == [0, 1])
      #expect(seen.allSatisfy { $0 == 2 })
    }
  }

  struct Failure: Error, Equatable {
    var item: Int
  }

  @Test("The lowest failing index's error is thrown", arguments: [1, 2, 4, 16])
  func lowestErrorWins(threads: Int) {
    let failing: Set<Int> = [37, 5, 80]
    for _ in 0..<20 {
      #expect(throws: Failure(item: 5)) {
        try Parallel.map(100, threads: threads) { (i: Int) throws(Failure) -> Int in
          if failing.contains(i) { throw Failure(item: i) }
          return i
        }
      }
    }
  }

  @Test func oneThreadStopsAtTheFirstError() {
    let calls = Atomic<Int>(0)
    #expect(throws: Failure(item: 3)) {
      try Parallel.map(10, threads: 1) { (i: Int) throws(Failure) -> Int in
        calls.add(1)
        if i == 3 { throw Failure(item: i) }
        return i
      }
    }
    #expect(calls.load(ordering: .relaxed) == 4)
  }

  @Test(.timeLimit(.minutes(1)))
  func noNewPiecesStartAfterAnError() {
    let calls = Atomic<Int>(0)
    let count = 2_000
    let clock = ContinuousClock()
    #expect(throws: Failure(item: 0)) {
      try Parallel.map(count, threads: 4) { (i: Int) throws(Failure) -> Int in
        calls.add(1)
        if i == 0 { throw Failure(item: 0) }
        let end = clock.now + .microseconds(200)
        while clock.now < end {}
        return i
      }
    }
    #expect(calls.load(ordering: .relaxed) < count)
  }

  @Test func mapsWithoutErrorsDoNotNeedTry() {
    // `E` is inferred as `Never`, so no `try` is needed.
    let doubled: [Double] = Parallel.map(4, threads: 2) { Double($0) * 2 }
    #expect(doubled == [0, 2, 4, 6])
  }

  @Test func defaultThreadCountIsPositive() {
    #expect(Parallel.defaultThreadCount >= 1)
  }
}

extension Atomic<Int> {
  fileprivate func add(_ n: Int) { _ = wrappingAdd(n, ordering: .relaxed) }
}
