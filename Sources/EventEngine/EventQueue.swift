/// A timed event with its place in the day.
public struct ScheduledEvent<Payload: Sendable>: Sendable {
  /// The simulated day, from 0.
  public var day: Int
  /// The phase of the day in which it runs.
  public var phase: EventPhase
  /// The order of scheduling; breaks ties within a (day, phase).
  public var sequence: UInt64
  /// What happens.
  public var payload: Payload
}

/// A binary-heap priority queue of events ordered by `(day, phase, sequence)`.
///
/// The sequence is a counter the queue assigns when an event is scheduled, so two events at the
/// same day and phase run in the order they were scheduled: the ordering is total and stable,
/// and a run never depends on heap internals. Use it for sparse events (outages, capacity cuts,
/// demand shocks); use `CalendarQueue` for the dense daily stream of receipts.
///
/// - Complexity: `schedule` and `pop` O(log n).
public struct EventQueue<Payload: Sendable>: Sendable {
  private var heap: [ScheduledEvent<Payload>] = []
  private var nextSequence: UInt64 = 0

  /// Creates an empty queue.
  public init() {}

  /// The number of events waiting.
  public var count: Int { heap.count }
  /// True when nothing is waiting.
  public var isEmpty: Bool { heap.isEmpty }

  /// Schedules `payload` on `day` in `phase`, after every event already at that (day, phase).
  public mutating func schedule(_ payload: Payload, on day: Int, phase: EventPhase) {
    heap.append(ScheduledEvent(day: day, phase: phase, sequence: nextSequence, payload: payload))
    nextSequence += 1
    siftUp(heap.count - 1)
  }

  /// The earliest event, without removing it.
  public var first: ScheduledEvent<Payload>? { heap.first }

  /// Removes and returns the earliest event.
  public mutating func pop() -> ScheduledEvent<Payload>? {
    guard !heap.isEmpty else { return nil }
    heap.swapAt(0, heap.count - 1)
    let top = heap.removeLast()
    if !heap.isEmpty { siftDown(0) }
    return top
  }

  /// Removes and hands to `body`, in order, every event at or before (`day`, `phase`).
  public mutating func popAll(through day: Int, phase: EventPhase, _ body: (ScheduledEvent<Payload>) -> Void) {
    while let top = heap.first, (top.day, top.phase.rawValue) <= (day, phase.rawValue) {
      body(pop()!)
    }
  }

  private static func precedes(_ a: ScheduledEvent<Payload>, _ b: ScheduledEvent<Payload>) -> Bool {
    (a.day, a.phase.rawValue, a.sequence) < (b.day, b.phase.rawValue, b.sequence)
  }

  private mutating func siftUp(_ start: Int) {
    var child = start
    while child > 0 {
      let parent = (child - 1) / 2
      guard Self.precedes(heap[child], heap[parent]) else { return }
      heap.swapAt(child, parent)
      child = parent
    }
  }

  private mutating func siftDown(_ start: Int) {
    var parent = start
    while true {
      let left = 2 * parent + 1
      guard left < heap.count else { return }
      var best = left
      if left + 1 < heap.count, Self.precedes(heap[left + 1], heap[left]) { best = left + 1 }
      guard Self.precedes(heap[best], heap[parent]) else { return }
      heap.swapAt(best, parent)
      parent = best
    }
  }
}
