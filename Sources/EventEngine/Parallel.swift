import Dispatch

/// Runs independent pieces of work on several threads and returns their results in index order.
///
/// Each piece must own its random streams; results are merged by index, never by completion
/// order, so outputs are identical whatever the thread count.
public enum Parallel {
  /// The number of threads to use by default: the machine's active processor count.
  public static var defaultThreadCount: Int { max(1, activeProcessorCount()) }

  /// Computes `body(i)` for `i` in `0..<count` on up to `threads` threads.
  ///
  /// - Parameters:
  ///   - count: How many pieces.
  ///   - threads: The most threads to use; 1 runs everything on the caller's thread.
  ///   - body: The work; called exactly once per index, possibly concurrently.
  /// - Returns: The results, `result[i] = body(i)`.
  public static func map<T: Sendable>(_ count: Int, threads: Int, _ body: @Sendable (Int) -> T) -> [T] {
    if count == 0 { return [] }
    if threads <= 1 || count == 1 { return (0..<count).map(body) }
    let slots = ResultSlots<T>(count: count)
    let workers = min(threads, count)
    let next = AtomicCounter()
    DispatchQueue.concurrentPerform(iterations: workers) { _ in
      while true {
        let i = next.increment()
        if i >= count { break }
        slots.store(body(i), at: i)
      }
    }
    return slots.collect()
  }
}

/// One slot per result, written by exactly one worker each.
private final class ResultSlots<T>: @unchecked Sendable {
  private let buffer: UnsafeMutablePointer<T?>
  private let count: Int
  init(count: Int) {
    self.count = count
    buffer = .allocate(capacity: count)
    buffer.initialize(repeating: nil, count: count)
  }
  func store(_ value: T, at i: Int) { buffer[i] = value }
  func collect() -> [T] { (0..<count).map { buffer[$0]! } }
  deinit {
    buffer.deinitialize(count: count)
    buffer.deallocate()
  }
}

/// A work counter shared by the workers; a lock keeps it simple and portable.
private final class AtomicCounter: @unchecked Sendable {
  private var value = 0
  private let lock = DispatchSemaphore(value: 1)
  func increment() -> Int {
    lock.wait()
    defer { lock.signal() }
    let v = value
    value += 1
    return v
  }
}

#if canImport(Glibc)
import Glibc
private func activeProcessorCount() -> Int { Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))) }
#elseif canImport(Darwin)
import Darwin
private func activeProcessorCount() -> Int { Int(sysconf(_SC_NPROCESSORS_ONLN)) }
#else
private func activeProcessorCount() -> Int { 1 }
#endif
