#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Where the CLI writes: standard output for results, standard error for diagnostics.
/// Tests capture both by using a recording console.
///
/// Safe from any thread (progress bars write from worker threads): a `Mutex` orders the writes,
/// so each call's text stays whole.
public final class Console: Sendable {
  private struct Recorded: Sendable {
    var out = "", err = ""
    var input: [UInt8]
  }
  /// What a recording console holds; `nil` for the process's real streams.
  private let recorded: Mutex<Recorded?>
  private let isRecording: Bool

  /// A console on the process's real streams.
  public static func standard() -> Console { Console(recorded: nil) }

  /// A console that keeps what is written, for tests; `input` is what standard input holds.
  public static func recording(input: String = "") -> Console {
    Console(recorded: Recorded(input: Array(input.utf8)))
  }

  private init(recorded: Recorded?) {
    isRecording = recorded != nil
    self.recorded = Mutex(recorded)
  }

  /// Reads standard input to its end (a recording console returns its `input`, once).
  public func readInput() -> [UInt8] {
    if isRecording {
      return recorded.withLock { state in
        defer { state!.input = [] }
        return state!.input
      }
    }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65_536)
    while true {
      let n = buffer.withUnsafeMutableBytes { Glibc.read(0, $0.baseAddress!, $0.count) }
      if n < 0 && errno == EINTR { continue }
      if n <= 0 { break }
      bytes += buffer[0..<n]
    }
    return bytes
  }

  /// True for a recording console (tests): input comes from `readInput`, not the process's stdin.
  var isRecordingConsole: Bool { isRecording }

  /// What was written to standard output (recording consoles only).
  public var output: String { recorded.withLock { $0?.out ?? "" } }
  /// What was written to standard error (recording consoles only).
  public var errors: String { recorded.withLock { $0?.err ?? "" } }

  /// Writes to standard output.
  public func out(_ text: String) {
    recorded.withLock { state in
      if state != nil { state!.out += text } else { Self.write(text, to: 1) }
    }
  }

  /// Writes to standard error.
  public func err(_ text: String) {
    recorded.withLock { state in
      if state != nil { state!.err += text } else { Self.write(text, to: 2) }
    }
  }

  /// Writes all of `text` to a file descriptor, retrying on partial writes.
  private static func write(_ text: String, to fd: Int32) {
    var bytes = Array(text.utf8)
    var offset = 0
    while offset < bytes.count {
      let n = bytes.withUnsafeMutableBytes { buffer in
        Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
      }
      if n <= 0 { return }
      offset += n
    }
  }

  /// True when standard error is a terminal (progress bars show only then).
  public var errorIsTerminal: Bool { !isRecording && isatty(2) == 1 }
}
