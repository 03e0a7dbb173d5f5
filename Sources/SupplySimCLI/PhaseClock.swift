#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// Wall time and peak resident memory of the consecutive phases of a command (load, plan,
/// simulate, aggregate, write), for `bench run`.
///
/// The peak of each phase is read from `VmHWM` in `/proc/self/status` after the high-water mark
/// was reset at the phase's start (by writing 5 to `/proc/self/clear_refs`, Linux 4.0 and later),
/// so a phase's peak is its own, not an earlier phase's; where the reset is refused the peaks are
/// the process's so far and `resets` is false.
final class PhaseClock {
  /// One finished phase.
  struct Lap {
    /// The phase's name.
    var name: String
    /// Wall time in seconds.
    var seconds: Double
    /// CPU time over all threads in seconds, when /proc tells.
    var cpuSeconds: Double?
    /// Peak resident memory during the phase in MiB, when /proc tells.
    var peakMiB: Double?
  }

  /// The finished phases, in order.
  private(set) var laps: [Lap] = []
  /// True when every reset of the high-water mark succeeded.
  private(set) var resets = true
  private var start = ContinuousClock.now
  private var cpuStart: Double?

  /// Starts the clock (and the first phase).
  init() { restart() }

  /// Ends the running phase as `name` and starts the next one.
  func lap(_ name: String) {
    let cpu = BenchCommand.processCPUSeconds().flatMap { now in cpuStart.map { now - $0 } }
    laps.append(Lap(name: name, seconds: ProgressBar.seconds(ContinuousClock.now - start), cpuSeconds: cpu, peakMiB: BenchCommand.peakMemoryMiB()))
    restart()
  }

  /// The sum of the laps' times.
  var total: Double { laps.reduce(0) { $0 + $1.seconds } }

  /// The sum of the laps' CPU times, when every lap has one.
  var cpuTotal: Double? {
    laps.allSatisfy { $0.cpuSeconds != nil } ? laps.reduce(0) { $0 + $1.cpuSeconds! } : nil
  }

  /// The highest peak of any lap.
  var peakMiB: Double? { laps.compactMap(\.peakMiB).max() }

  private func restart() {
    if !Self.resetPeakMemory() { resets = false }
    cpuStart = BenchCommand.processCPUSeconds()
    start = ContinuousClock.now
  }

  /// Resets the process's resident-memory high-water mark; false where the system refuses.
  static func resetPeakMemory() -> Bool {
    #if canImport(Glibc)
    let descriptor = open("/proc/self/clear_refs", O_WRONLY)
    guard descriptor >= 0 else { return false }
    defer { close(descriptor) }
    return write(descriptor, "5", 1) == 1
    #else
    return false
    #endif
  }
}
