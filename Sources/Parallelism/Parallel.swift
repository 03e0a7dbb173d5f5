import Dispatch
import Synchronization

/// Runs independent pieces of work on several threads and returns their results in index order.
///
/// Results are placed by index, never by completion order, so a caller whose pieces own their
/// random streams gets identical output whatever the thread count. Workers claim the next index
/// from a shared `Atomic` counter, so a slow piece does not hold the others back.
public enum Parallel {
  /// The number of threads to use by default: the processors online, at least 1.
  public static var defaultThreadCount: Int { ProcessorCount.online }

  /// Computes `body(i)` for every `i` in `0..<count` on up to `threads` threads.
  ///
  /// - Parameters:
  ///   - count: How many pieces; 0 gives an empty array without calling `body`.
  ///   - threads: The most threads to use; 1 or less runs everything in order on the caller's thread.
  ///   - body: The work; called at most once per index, possibly concurrently.
  /// - Returns: The results, `result[i] = body(i)`.
  /// - Throws: When a piece throws, no new pieces start, and the error of the lowest index that
  ///   threw is rethrown: the same error a loop in index order would stop at, since every lower
  ///   index had already started.
  public static func map<T: Sendable, E: Error>(
    _ count: Int, threads: Int, _ body: @Sendable (_ item: Int) throws(E) -> T
  ) throws(E) -> [T] {
    try map(count, threads: threads, scratch: { _ in () }) { (item, _: inout Void) throws(E) -> T in try body(item) }
  }

  /// Computes `body(i, &scratch)` for every `i` in `0..<count` on up to `threads` threads, each
  /// worker with scratch state of its own.
  ///
  /// Each worker calls `makeScratch` once, on its own thread, and passes the result to every piece
  /// it runs, so the scratch need not be `Sendable`. Which pieces share a worker depends on timing:
  /// a result must not depend on what an earlier piece left in the scratch.
  ///
  /// - Parameters:
  ///   - count: How many pieces; 0 gives an empty array without calling anything.
  ///   - threads: The most threads to use; 1 or less runs everything in order on the caller's thread.
  ///   - makeScratch: Makes worker `w`'s scratch, `w` in `0..<min(threads, count)`.
  ///   - body: The work; called at most once per index, possibly concurrently.
  /// - Returns: The results, `result[i] = body(i, &scratch)`.
  /// - Throws: As `map(_:threads:_:)`: the error of the lowest index that threw.
  public static func map<Scratch, T: Sendable, E: Error>(
    _ count: Int, threads: Int, scratch makeScratch: @Sendable (_ worker: Int) -> Scratch,
    _ body: @Sendable (_ item: Int, _ scratch: inout Scratch) throws(E) -> T
  ) throws(E) -> [T] {
    precondition(count >= 0, "Parallel.map: count must be >= 0, got \(count)")
    if count == 0 { return [] }
    let workers = min(max(threads, 1), count)
    if workers == 1 {
      var scratch = makeScratch(0)
      var results: [T] = []
      results.reserveCapacity(count)
      for item in 0..<count { results.append(try body(item, &scratch)) }
      return results
    }
    let next = Atomic<Int>(0)
    let stop = Atomic<Bool>(false)
    let finished = Mutex<[(item: Int, value: T)]>([])
    let failure = Mutex<(item: Int, error: E)?>(nil)
    DispatchQueue.concurrentPerform(iterations: workers) { worker in
      var scratch = makeScratch(worker)
      var mine: [(item: Int, value: T)] = []
      while !stop.load(ordering: .relaxed) {
        let item = next.wrappingAdd(1, ordering: .relaxed).oldValue
        if item >= count { break }
        do throws(E) {
          mine.append((item, try body(item, &scratch)))
        } catch {
          failure.withLock { first in
            if first.map({ item < $0.item }) ?? true { first = (item, error) }
          }
          stop.store(true, ordering: .relaxed)
        }
      }
      finished.withLock { $0.append(contentsOf: mine) }
    }
    if let failure = failure.withLock({ $0 }) { throw failure.error }
    var pairs = finished.withLock { $0 }
    precondition(pairs.count == count, "Parallel.map: \(pairs.count) results for \(count) pieces")
    pairs.sort { $0.item < $1.item }
    return pairs.map(\.value)
  }
}
