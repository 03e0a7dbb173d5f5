/// A priority queue for events on integer days: one bucket per day in a ring, FIFO within a day.
///
/// Scheduling and draining are O(1) amortised, and buckets keep their capacity, so a simulation
/// in steady state allocates nothing. Events on the same day come out in the order they were
/// scheduled (their sequence), which makes runs reproducible. The ring grows when an event is
/// scheduled further ahead than it spans, so memory follows the longest lead time, not the horizon.
///
/// - Complexity: `schedule` O(1) amortised; `drain` O(events that day).
/// - SeeAlso: R. Brown (1988), "Calendar queues", CACM 31(10): the bucket-per-day idea.
public struct CalendarQueue<Event>: Sendable where Event: Sendable {
  @usableFromInline var buckets: [[Event]]
  @usableFromInline var mask: Int
  @usableFromInline var _currentDay: Int
  /// The earliest day that may still hold events.
  public var currentDay: Int { _currentDay }
  /// The number of events waiting.
  public var count: Int { _count }
  @usableFromInline var _count: Int

  /// Creates an empty queue whose ring spans at least `span` days (rounded up to a power of two).
  public init(span: Int = 16, startDay: Int = 0) {
    var size = 1
    while size < max(span, 2) { size <<= 1 }
    buckets = Array(repeating: [], count: size)
    mask = size - 1
    _currentDay = startDay
    _count = 0
  }

  /// Schedules `event` on `day`, after every event already scheduled that day.
  ///
  /// - Precondition: `day >= currentDay` (the past cannot be scheduled).
  @inlinable
  public mutating func schedule(_ event: Event, on day: Int) {
    precondition(day >= _currentDay, "cannot schedule on day \(day): the queue is at day \(_currentDay)")
    if day - _currentDay > mask { grow(toSpan: day - _currentDay + 1) }
    buckets[day & mask].append(event)
    _count += 1
  }

  /// Removes the events of `day` in their scheduled order and hands each to `body`.
  ///
  /// Days are drained in increasing order; draining day d also marks every earlier day done.
  /// `body` may not schedule into the queue (collect follow-up events and schedule afterwards).
  @inlinable
  public mutating func drain(day: Int, _ body: (Event) -> Void) {
    advance(to: day)
    let index = day & mask
    if !buckets[index].isEmpty {
      for event in buckets[index] { body(event) }
      _count -= buckets[index].count
      buckets[index].removeAll(keepingCapacity: true)
    }
    _currentDay = day + 1
  }

  /// Removes the events of `day` in their scheduled order into `events`, replacing its contents.
  ///
  /// The same as `drain(day:_:)` without a closure: the caller loops over `events` inline, so a
  /// simulator's receiving code captures nothing. The arrays trade places, so both keep their
  /// capacity and steady state allocates nothing.
  @inlinable
  public mutating func drain(day: Int, into events: inout [Event]) {
    advance(to: day)
    events.removeAll(keepingCapacity: true)
    swap(&events, &buckets[day & mask])
    _count -= events.count
    _currentDay = day + 1
  }

  /// Moves the queue to `day`, checking that the days skipped over held no events.
  @inlinable
  mutating func advance(to day: Int) {
    precondition(day >= _currentDay, "cannot drain day \(day): the queue is at day \(_currentDay)")
    // Days skipped over must have been empty: a skipped event would be lost.
    var skipped = _currentDay
    while skipped < day && skipped - _currentDay <= mask {
      precondition(buckets[skipped & mask].isEmpty, "day \(skipped) was skipped with events in it")
      skipped += 1
    }
    _currentDay = day
  }

  /// The events waiting on `day`, in order, without removing them.
  public func events(on day: Int) -> [Event] {
    guard day >= _currentDay, day - _currentDay <= mask else { return [] }
    return buckets[day & mask]
  }

  /// Calls `body(day, event)` for every event waiting after `day`, by day, then in scheduled
  /// order, without removing any.
  ///
  /// - Complexity: O(span + events waiting).
  public func forEachWaiting(after day: Int, _ body: (_ day: Int, _ event: Event) -> Void) {
    let first = max(day + 1, _currentDay)
    for d in first..<(_currentDay + mask + 1) {
      for event in buckets[d & mask] { body(d, event) }
    }
  }

  @usableFromInline
  mutating func grow(toSpan span: Int) {
    var size = buckets.count
    while size < span { size <<= 1 }
    var fresh: [[Event]] = Array(repeating: [], count: size)
    for offset in 0...mask {
      let day = _currentDay + offset
      fresh[day & (size - 1)] = buckets[day & mask]
    }
    buckets = fresh
    mask = size - 1
  }
}
