#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the CLI writes: standard output for results, standard error for diagnostics.
/// Tests capture both by using a recording console.
public final class Console: @unchecked Sendable {
  private var recorded: (out: String, err: String)?
  private var input: [UInt8]?

  /// A console on the process's real streams.
  public static func standard() -> Console { Console(recording: false) }

  /// A console that keeps what is written, for tests; `input` is what standard input holds.
  public static func recording(input: String = "") -> Console {
    let console = Console(recording: true)
    console.input = Array(input.utf8)
    return console
  }

  private init(recording: Bool) { recorded = recording ? ("", "") : nil }

  /// Reads standard input to its end (a recording console returns its `input`, once).
  public func readInput() -> [UInt8] {
    if let input {
      self.input = []
      return input
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

  /// What was written to standard output (recording consoles only).
  public var output: String { recorded?.out ?? "" }
  /// What was written to standard error (recording consoles only).
  public var errors: String { recorded?.err ?? "" }

  /// Writes to standard output.
  public func out(_ text: String) {
    if recorded != nil { recorded!.out += text } else { Self.write(text, to: 1) }
  }

  /// Writes to standard error.
  public func err(_ text: String) {
    if recorded != nil { recorded!.err += text } else { Self.write(text, to: 2) }
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
  public var errorIsTerminal: Bool { recorded == nil && isatty(2) == 1 }
}
