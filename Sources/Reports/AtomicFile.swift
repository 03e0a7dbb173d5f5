#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes files so that a reader sees either the old file or the whole new one, never a part.
public enum AtomicFile {
  /// Writes `contents` to a temporary file beside `path`, then renames it over `path`.
  ///
  /// - Throws: The underlying file-system error; the temporary file is removed on failure.
  public static func write(_ contents: String, to path: String) throws {
    try write(Data(contents.utf8), to: path)
  }

  /// Writes bytes atomically; see `write(_:to:)`.
  public static func write(_ data: Data, to path: String) throws {
    let url = URL(fileURLWithPath: path)
    try data.write(to: url, options: .atomic)
  }
}

extension AtomicFile {
  /// Streams a file: `body` appends bytes to a sink that writes them to a temporary file beside
  /// `path` whenever its buffer passes `flushBytes`, and the temporary file is renamed over
  /// `path` when `body` returns, so memory stays bounded by the buffer however large the file,
  /// and a reader sees either the old file or the whole new one.
  ///
  /// - Throws: `AtomicFile.StreamError` naming the file when it cannot be created, written or
  ///   renamed, or what `body` throws; the temporary file is removed on failure.
  public static func stream(to path: String, flushBytes: Int = 1 << 20, _ body: (inout ByteSink) throws -> Void) throws {
    let slash = path.lastIndex(of: "/")
    let directory = slash.map { String(path[...$0]) } ?? ""
    let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
    let temporary = directory + ".\(name).\(getpid()).partial"
    let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard descriptor >= 0 else { throw StreamError(path: temporary, action: "create", code: errno) }
    var sink = ByteSink(descriptor: descriptor, path: temporary, flushBytes: flushBytes)
    do {
      try body(&sink)
      try sink.flush()
    } catch {
      close(descriptor)
      unlink(temporary)
      throw error
    }
    close(descriptor)
    guard rename(temporary, path) == 0 else {
      let code = errno
      unlink(temporary)
      throw StreamError(path: path, action: "rename into", code: code)
    }
  }

  /// A file that could not be streamed.
  public struct StreamError: Error, CustomStringConvertible {
    /// The file.
    public var path: String
    /// What failed: "create", "write" or "rename into".
    public var action: String
    /// The system's error number.
    public var code: Int32
    /// One sentence naming the file.
    public var description: String { "\(path): cannot \(action) the file (\(String(cString: strerror(code))))" }
  }
}

/// A byte buffer that `AtomicFile.stream(to:flushBytes:_:)` writes to its file as it fills.
public struct ByteSink {
  private let descriptor: Int32
  private let path: String
  private let flushBytes: Int
  /// Bytes not yet written.
  private var buffer: [UInt8] = []

  init(descriptor: Int32, path: String, flushBytes: Int) {
    self.descriptor = descriptor
    self.path = path
    self.flushBytes = max(1, flushBytes)
    buffer.reserveCapacity(self.flushBytes + 4096)
  }

  /// Appends the UTF-8 bytes of `text`.
  public mutating func append(_ text: String) {
    buffer.append(contentsOf: text.utf8)
  }

  /// Appends bytes.
  public mutating func append(bytes: [UInt8]) {
    buffer.append(contentsOf: bytes)
  }

  /// Appends one byte.
  public mutating func append(byte: UInt8) {
    buffer.append(byte)
  }

  /// Appends the decimal digits of `value`, with a minus sign when negative, as `"\(value)"` does.
  public mutating func append(decimal value: Int) {
    if value < 0 { buffer.append(UInt8(ascii: "-")) }
    var magnitude = value.magnitude
    let start = buffer.count
    repeat {
      buffer.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
      magnitude /= 10
    } while magnitude > 0
    buffer[start...].reverse()
  }

  /// Writes the buffer out when it has passed the flush size.
  public mutating func flushIfFull() throws {
    if buffer.count >= flushBytes { try flush() }
  }

  /// Writes the buffer out.
  mutating func flush() throws {
    var written = 0
    while written < buffer.count {
      let n = buffer[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
      if n < 0 {
        if errno == EINTR { continue }
        throw AtomicFile.StreamError(path: path, action: "write", code: errno)
      }
      written += n
    }
    buffer.removeAll(keepingCapacity: true)
  }
}
