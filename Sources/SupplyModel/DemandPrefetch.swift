import Dispatch
import Synchronization

/// Customer demand drawn ahead for the network simulator: a block of days at a time on a second
/// thread, or a day at a time by whichever thread has time (`Mode`).
///
/// Demand does not depend on stock, so every slot draws the same numbers from its own stream in
/// the same order whatever the timing or the thread: results are identical in every mode. Only
/// the drawing moves; serving the demand from stock stays in the day loop
/// (`CustomerDemandPhase.settle`).
final class DemandPrefetch: @unchecked Sendable {
  // Not checked by the compiler, so stated here. Concurrent: between starting a fill and waiting
  // for it, the drawing thread alone touches `phase` and the block being filled; the simulator
  // reads only the other block, and `group.wait()` orders the two. Shared: `phase` and the day
  // being drawn are touched only under `nextDay`'s lock, and a day is drawn only once the owner
  // asked for the day before, so its buffer is not the one the owner reads.
  private var phase: CustomerDemandPhase
  private let calendar: SimulationCalendar
  private let horizon: Int
  private let slotCount: Int
  private let blockDays: Int
  private let blocks: [Column<Int>]
  private let mode: Mode
  private let group = DispatchGroup()
  /// Shared mode: the next day to draw (the lock that guards the drawing).
  private let nextDay = Mutex<Int>(0)
  /// Shared mode: the last day the owner asked for.
  private let requested = Atomic<Int>(-1)

  /// How the days get drawn.
  enum Mode {
    /// When asked, a day at a time.
    case onDemand
    /// The next block of days (up to 32, about 512 KB) on another thread while the current one is used.
    case concurrent
    /// A day at a time, when asked or ahead by any thread with time to spare (`drawNextDay`):
    /// a chunk in lock step draws the next day while it waits at the barrier, its own or another
    /// chunk's, so a slower core gets help.
    case shared
  }

  /// Draws `phase`'s demand for days `0..<horizon`.
  init(_ phase: CustomerDemandPhase, calendar: SimulationCalendar, horizon: Int, mode: Mode) {
    self.phase = phase
    self.calendar = calendar
    self.horizon = horizon
    let slots = phase.slots.count
    let mode = mode == .concurrent && slots == 0 ? .onDemand : mode
    let days = mode == .concurrent ? max(1, min(32, 65_536 / slots)) : 1
    slotCount = slots
    self.mode = mode
    blockDays = days
    blocks = (0..<(mode == .onDemand ? 1 : 2)).map { _ in Column(repeating: 0, count: days * slots) }
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

  /// Shared mode, from any thread: draws the next day unless another thread is drawing, the
  /// owner still reads that day's buffer, or it is past the horizon.
  ///
  /// - Returns: True when it drew a day.
  func drawNextDay() -> Bool {
    precondition(mode == .shared, "DemandPrefetch.drawNextDay needs the shared mode")
    return nextDay.withLockIfAvailable { next -> Bool in
      guard next < horizon, next <= requested.load(ordering: .acquiring) + 1 else { return false }
      fill(block: next)
      next += 1
      return true
    } ?? false
  }

  /// Day `day`'s demand, one value per slot, valid until the next call.
  ///
  /// - Precondition: Called for days 0, 1, 2, … in order, by the owner.
  func demand(onDay day: Int) -> UnsafeBufferPointer<Int> {
    let b = day / blockDays, offset = day % blockDays
    switch mode {
    case .onDemand:
      if offset == 0 { fill(block: b) }
    case .concurrent:
      if offset == 0 {
        if b == 0 { fill(block: 0) } else { group.wait() }
        if (b + 1) * blockDays < horizon {
          group.enter()
          DispatchQueue.global().async {
            self.fill(block: b + 1)
            self.group.leave()
          }
        }
      }
    case .shared:
      // Done with yesterday's buffer: others may draw tomorrow into it from now on.
      requested.store(day, ordering: .releasing)
      nextDay.withLock { next in
        if next <= day {
          fill(block: day)
          next = day + 1
        }
      }
    }
    let start = offset * slotCount
    return UnsafeBufferPointer(rebasing: blocks[b % blocks.count].values[start..<(start + slotCount)])
  }
}
