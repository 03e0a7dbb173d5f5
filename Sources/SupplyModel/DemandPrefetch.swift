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
  private let group = DispatchGroup()

  /// Draws `phase`'s demand for days `0..<horizon`.
  ///
  /// - Parameter concurrent: Draw the next block on another thread while the current one is used
  ///   (blocks of up to 32 days, about 512 KB each); otherwise draw one day at a time when asked.
  init(_ phase: CustomerDemandPhase, calendar: SimulationCalendar, horizon: Int, concurrent: Bool) {
    self.phase = phase
    self.calendar = calendar
    self.horizon = horizon
    let slots = phase.slots.count, ahead = concurrent && slots > 0
    let days = ahead ? max(1, min(32, 65_536 / slots)) : 1
    slotCount = slots
    self.concurrent = ahead
    blockDays = days
    blocks = (0..<(ahead ? 2 : 1)).map { _ in Column(repeating: 0, count: days * slots) }
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
      } else {
        fill(block: b)
      }
    }
    let start = offset * slotCount
    return UnsafeBufferPointer(rebasing: blocks[b % blocks.count].values[start..<(start + slotCount)])
  }
}
