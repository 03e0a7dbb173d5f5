import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs pieces of work that meet at barriers: every piece on a thread of its own at the same time
/// (the caller's thread runs piece 0), so a piece waiting at a `Barrier` never waits for a piece
/// that has no thread yet, as it could in a shared pool like `Parallel.map`'s.
public enum LockStep {
  /// Computes `body(i, barrier)` for every `i` in `0..<count`, all at once, and returns the results
  /// in index order. Every piece must arrive at `barrier` equally often.
  public static func run<T: Sendable>(_ count: Int, _ body: @Sendable (_ item: Int, _ barrier: Barrier) -> T) -> [T] {
    precondition(count >= 1, "LockStep.run: count must be >= 1, got \(count)")
    let barrier = Barrier(parties: count)
    let results = (0..<count).map { _ in ResultBox<T>() }
    // Every thread is joined before this returns, so `body` does not outlive the call.
    return withoutActuallyEscaping(body) { body in
      var threads: [DedicatedThread] = []
      for i in 1..<count {
        let box = results[i]
        threads.append(DedicatedThread { box.value = body(i, barrier) })
      }
      results[0].value = body(0, barrier)
      for t in threads { t.join() }
      return results.map { $0.value! }
    }
  }
}

/// A point where a fixed number of threads wait for each other; the last to arrive runs the
/// serial step before any is released, so whatever it writes is seen by all afterwards.
public final class Barrier: Sendable {
  private let parties: Int
  private let arrived = Atomic<Int>(0)
  private let generation = Atomic<Int>(0)

  /// A barrier for `parties` threads.
  public init(parties: Int) { self.parties = parties }

  /// A party's arrival at the barrier, to wait on with `wait(_:)`.
  public struct Arrival: Sendable {
    fileprivate let generation: Int
  }

  /// Waits until every party has arrived; the last to arrive runs `serial` first, alone. Spins
  /// briefly, then yields the processor while it waits.
  public func arriveAndWait(_ serial: () -> Void) {
    wait(arrive(serial))
  }

  /// Arrives without waiting (a split-phase barrier): the last party to arrive runs `serial`
  /// before this returns. A party may then do work that needs nothing the others or `serial`
  /// write, and calls `wait(_:)` before it reads any of that; the time it works is time it
  /// would otherwise have waited.
  public func arrive(_ serial: () -> Void) -> Arrival {
    let current = generation.load(ordering: .acquiring)
    if arrived.wrappingAdd(1, ordering: .acquiringAndReleasing).newValue == parties {
      arrived.store(0, ordering: .relaxed)
      serial()
      generation.store(current &+ 1, ordering: .releasing)
    }
    return Arrival(generation: current)
  }

  /// Waits until every party has made the arrival `arrival` was and the serial step has run.
  /// Spins briefly, then yields the processor while it waits.
  public func wait(_ arrival: Arrival) {
    wait(arrival, helping: { false })
  }

  /// Waits like `wait(_:)`, calling `help` while it waits: work that does not depend on the
  /// others, returning true when it did some (it is called again at once) and false when there
  /// is none for now.
  public func wait(_ arrival: Arrival, helping help: () -> Bool) {
    var spins = 0
    while generation.load(ordering: .acquiring) == arrival.generation {
      if help() { continue }
      spins += 1
      if spins > 200 { sched_yield() }
    }
  }
}

/// A value a piece of `LockStep.run` sets on its own thread; `join` orders the write before the read.
private final class ResultBox<T>: @unchecked Sendable {
  var value: T?
}

/// A POSIX thread running one closure, joined once.
private final class DedicatedThread {
  private final class Start {
    let body: () -> Void
    init(_ body: @escaping () -> Void) { self.body = body }
  }
  #if canImport(Glibc)
  private var thread = pthread_t()
  #else
  private var thread: pthread_t?
  #endif

  init(_ body: @escaping @Sendable () -> Void) {
    let context = Unmanaged.passRetained(Start(body)).toOpaque()
    let status = pthread_create(&thread, nil, { context in
      #if canImport(Glibc)
      let start = Unmanaged<Start>.fromOpaque(context!).takeRetainedValue()
      #else
      let start = Unmanaged<Start>.fromOpaque(context).takeRetainedValue()
      #endif
      start.body()
      return nil
    }, context)
    precondition(status == 0, "LockStep: could not start a thread (pthread_create returned \(status))")
  }

  func join() {
    #if canImport(Glibc)
    pthread_join(thread, nil)
    #else
    pthread_join(thread!, nil)
    #endif
  }
}
