import Dispatch

/// Customer demand drawn ahead for the network simulator, a block of days at a time, optionally on
/// a second thread while the simulator runs the block before.
///
/// Demand does not depend on stock, so every slot draws the same numbers from its own stream in
/// the same order whatever the timing: results are identical with or without the second thread.
/// Only the drawing moves; serving the demand from stock stays in the day loop
/// (`CustomerDemandPhase.settle`).
final class DemandPrefetch: @unchecked Sendable {
  // Not checked by the compiler, so stated here: between starting a fill and waiting for it, the
  // drawing thread alone touches `phase` and the block being filled; the simulator reads only the
  // other block. `group.wait()` orders the two.
  private var phase: CustomerDemandPhase
  private let calendar: SimulationCalendar
  private let horizon: Int
  private let slotCount: Int
  private let blockDays: Int
  private let blocks: [Column<Int>]
  private let concurrent: Bool
  /// Without a second thread: the last day drawn (days are drawn one at a time).
  private var lastDrawn = -1
  private let group = DispatchGroup()

  /// Draws `phase`'s demand for days `0..<horizon`.
  ///
  /// - Parameters:
  ///   - concurrent: Draw the next block on another thread while the current one is used
  ///     (blocks of up to 32 days, about 512 KB each); otherwise draw one day at a time, when
  ///     asked or ahead (`drawAhead`).
  ///   - drawsAhead: Without a second thread, keep room for the next day too, so `drawAhead` can
  ///     draw it while today's demand is still in use.
  init(_ phase: CustomerDemandPhase, calendar: SimulationCalendar, horizon: Int, concurrent: Bool, drawsAhead: Bool = false) {
    self.phase = phase
    self.calendar = calendar
    self.horizon = horizon
    let slots = phase.slots.count, ahead = concurrent && slots > 0
    let days = ahead ? max(1, min(32, 65_536 / slots)) : 1
    slotCount = slots
    self.concurrent = ahead
    blockDays = days
    blocks = (0..<(ahead || drawsAhead ? 2 : 1)).map { _ in Column(repeating: 0, count: days * slots) }
  }

  /// Draws day `day`'s demand now, on this thread, unless it is drawn or past the horizon: work
  /// for a thread that would otherwise wait (at a barrier, say). Today's demand stays valid.
  ///
  /// - Precondition: The prefetch was made with `drawsAhead` and without a second thread, and
  ///   `day` is the day after the last one asked for.
  func drawAhead(day: Int) {
    precondition(!concurrent && blocks.count == 2, "DemandPrefetch.drawAhead needs room for a second day and no second thread")
    guard day < horizon, day > lastDrawn else { return }
    fill(block: day)
    lastDrawn = day
  }

  deinit { group.wait() }

  /// Draws the days of block `b` into its buffer.
  private func fill(block b: Int) {
    let buffer = blocks[b % blocks.count].values
    let first = b * blockDays
    for day in first..<min(first + blockDays, horizon) {
      let offset = (day - first) * slotCount
      phase.draw(day: day, calendar: calendar, into: UnsafeMutableBufferPointer(rebasing: buffer[offset..<(offset + slotCount)]))
    }
  }

  /// Day `day`'s demand, one value per slot, valid until the next call.
  ///
  /// - Precondition: Called for days 0, 1, 2, … in order.
  func demand(onDay day: Int) -> UnsafeBufferPointer<Int> {
    let b = day / blockDays, offset = day % blockDays
    if offset == 0 {
      if concurrent {
        if b == 0 { fill(block: 0) } else { group.wait() }
        if (b + 1) * blockDays < horizon {
          group.enter()
          DispatchQueue.global().async {
            self.fill(block: b + 1)
            self.group.leave()
          }
        }
      } else if day > lastDrawn {
        fill(block: b)
        lastDrawn = day
      }
    }
    let start = offset * slotCount
    return UnsafeBufferPointer(rebasing: blocks[b % blocks.count].values[start..<(start + slotCount)])
  }
}
