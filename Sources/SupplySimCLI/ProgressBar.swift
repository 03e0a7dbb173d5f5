#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Synchronization

/// A one-line progress bar with an ETA on standard error; silent unless stderr is a terminal.
final class ProgressBar: Sendable {
  private let console: Console
  private let label: String
  private let enabled: Bool
  private let start = ContinuousClock.now
  /// When the bar was last drawn, and whether it ever was.
  private let drawn = Mutex((last: ContinuousClock.now - .seconds(1), any: false))

  /// Creates a bar; it draws only when `enabled` and standard error is a terminal.
  init(console: Console, label: String, enabled: Bool) {
    self.console = console
    self.label = label
    self.enabled = enabled && console.errorIsTerminal
  }

  /// Records progress; redraws at most ten times a second. Safe from any thread.
  func update(_ done: Int, _ total: Int) {
    guard enabled else { return }
    drawn.withLock { drawn in
      let now = ContinuousClock.now
      guard done == total || now - drawn.last > .milliseconds(100) else { return }
      drawn = (now, true)
      let fraction = total > 0 ? Double(done) / Double(total) : 1
      let width = 30
      let filled = Int(fraction * Double(width))
      let elapsed = Self.seconds(now - start)
      let eta = done > 0 ? elapsed / Double(done) * Double(total - done) : 0
      let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
      console.err("\r\(label) [\(bar)] \(done)/\(total)  ETA \(Int(eta.rounded()))s ")
    }
  }

  /// Clears the line.
  func finish() {
    guard enabled, drawn.withLock({ $0.any }) else { return }
    console.err("\r" + String(repeating: " ", count: 70) + "\r")
  }

  static func seconds(_ d: Duration) -> Double {
    Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
  }
}
