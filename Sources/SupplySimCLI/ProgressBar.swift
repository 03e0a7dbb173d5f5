#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Synchronization

/// Progress on standard error: a one-line bar with an ETA when stderr is a terminal, or with
/// `--progress json` one JSON object per line for scheduler logs; silent otherwise.
final class ProgressBar: Sendable {
  /// How progress is shown.
  enum Mode: Sendable, Equatable {
    /// The bar, on a terminal only (the default).
    case bar
    /// JSON lines, wherever stderr goes: `{"command": "sweep", "shard": "2/8", "done": 40,
    /// "total": 120, "elapsed": 12.5, "eta": 25.0}` (shard null when not sharded; seconds).
    case json(command: String, shard: String?)
    /// Nothing.
    case none
  }

  private let console: Console
  private let label: String
  private let mode: Mode
  private let start = ContinuousClock.now
  /// When the bar was last drawn, and whether it ever was.
  private let drawn = Mutex((last: ContinuousClock.now - .seconds(1), any: false))

  /// Creates a bar; it draws only when `enabled` and standard error is a terminal.
  convenience init(console: Console, label: String, enabled: Bool) {
    self.init(console: console, label: label, mode: enabled ? .bar : .none)
  }

  /// Creates progress output in `mode` (`.bar` draws only on a terminal).
  init(console: Console, label: String, mode: Mode) {
    self.console = console
    self.label = label
    self.mode = mode == .bar && !console.errorIsTerminal ? .none : mode
  }

  /// Records progress; redraws at most ten times a second (a JSON line at most once a second),
  /// and always at the end. Safe from any thread.
  func update(_ done: Int, _ total: Int) {
    if mode == .none { return }
    drawn.withLock { drawn in
      let now = ContinuousClock.now
      let interval: Duration = if case .json = mode { .seconds(1) } else { .milliseconds(100) }
      guard done == total || now - drawn.last > interval else { return }
      drawn = (now, true)
      let elapsed = Self.seconds(now - start)
      let eta = done > 0 ? elapsed / Double(done) * Double(total - done) : 0
      switch mode {
      case .none: break
      case let .json(command, shard):
        console.err(Self.jsonLine(command: command, shard: shard, done: done, total: total, elapsed: elapsed, eta: done > 0 ? eta : nil))
      case .bar:
        let fraction = total > 0 ? Double(done) / Double(total) : 1
        let width = 30
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        console.err("\r\(label) [\(bar)] \(done)/\(total)  ETA \(Int(eta.rounded()))s ")
      }
    }
  }

  /// One progress line: times in seconds with two decimals, `eta` null before the first run ends.
  static func jsonLine(command: String, shard: String?, done: Int, total: Int, elapsed: Double, eta: Double?) -> String {
    func seconds(_ x: Double) -> String {
      let cents = Int(min(max(x, 0), 1e12) * 100 + 0.5)
      let fraction = cents % 100
      return "\(cents / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
    let shardText = shard.map { "\"\($0)\"" } ?? "null"
    return "{\"command\": \"\(command)\", \"shard\": \(shardText), \"done\": \(done), \"total\": \(total), "
      + "\"elapsed\": \(seconds(elapsed)), \"eta\": \(eta.map(seconds) ?? "null")}\n"
  }

  /// Clears the line (the bar only).
  func finish() {
    guard mode == .bar, drawn.withLock({ $0.any }) else { return }
    console.err("\r" + String(repeating: " ", count: 70) + "\r")
  }

  static func seconds(_ d: Duration) -> Double {
    Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
  }
}
