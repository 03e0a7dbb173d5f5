import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs independent work items on a fixed number of threads.
///
/// Item `i` always does the same work whichever thread runs it, and callers combine results in
/// item order afterwards, so outputs never depend on `threads`.
enum Parallel {
  /// Online processors, at least 1.
  static var processorCount: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

  /// Calls `body(item, worker)` for every item in `0..<count`; worker `w` takes items
  /// `w, w + workers, ...`, where `workers = min(threads, count)`.
  static func forEach(count: Int, threads: Int, _ body: (_ item: Int, _ worker: Int) -> Void) {
    let workers = max(1, min(threads, count))
    if workers == 1 {
      for i in 0..<count { body(i, 0) }
      return
    }
    withoutActuallyEscaping(body) { body in
      let box = UncheckedBox(body)
      DispatchQueue.concurrentPerform(iterations: workers) { w in
        var i = w
        while i < count { box.value(i, w); i += workers }
      }
    }
  }
}

/// Carries a non-Sendable value into concurrent work whose items touch disjoint memory.
struct UncheckedBox<Value>: @unchecked Sendable {
  let value: Value
  init(_ value: Value) { self.value = value }
}
