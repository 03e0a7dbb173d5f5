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

/// Reads a text file line by line in fixed-size chunks, so memory stays bounded whatever the
/// file's size; hands each line (without its `\n` or `\r\n`) to a closure as bytes.
struct ByteLines {
  /// The chunk read at a time.
  static let chunkSize = 1 << 20

  /// Calls `body(line, lineNumber)` for every line, numbered from 1; a final line without `\n`
  /// counts. Stops early when `body` returns false.
  ///
  /// - Throws: `ImportError` when the file cannot be opened, or what `body` throws.
  static func forEach(path: String, name: String,
                      _ body: (UnsafeBufferPointer<UInt8>, Int) throws(ImportError) -> Bool) throws(ImportError) {
    guard let handle = fopen(path, "rb") else {
      throw ImportError(file: name, line: nil, problem: FileManager.default.fileExists(atPath: path) ? "cannot be read (check permissions)" : "no such file")
    }
    defer { fclose(handle) }
    var pending: [UInt8] = []
    var lineNumber = 0
    var buffer = [UInt8]()
    var chunk = [UInt8](repeating: 0, count: chunkSize)
    while true {
      let got = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, chunkSize, handle) }
      if got < chunkSize && ferror(handle) != 0 {
        throw ImportError(file: name, line: lineNumber, problem: "read failed after line \(lineNumber)")
      }
      let atEnd = got == 0
      buffer.removeAll(keepingCapacity: true)
      buffer.append(contentsOf: pending)
      buffer.append(contentsOf: chunk[0..<got])
      pending.removeAll(keepingCapacity: true)
      var stop = false
      try buffer.withUnsafeBufferPointer { (all: UnsafeBufferPointer<UInt8>) throws(ImportError) in
        var start = 0
        var i = 0
        while i < all.count {
          if all[i] == 10 {
            lineNumber += 1
            var end = i
            if end > start && all[end - 1] == 13 { end -= 1 }
            if !(try body(UnsafeBufferPointer(rebasing: all[start..<end]), lineNumber)) { stop = true; return }
            start = i + 1
          }
          i += 1
        }
        if atEnd {
          if start < all.count {
            lineNumber += 1
            var end = all.count
            if all[end - 1] == 13 { end -= 1 }
            _ = try body(UnsafeBufferPointer(rebasing: all[start..<end]), lineNumber)
          }
        } else {
          pending.append(contentsOf: all[start...])
        }
      }
      if stop || atEnd { return }
    }
  }

  /// The start and end offsets of the comma-separated fields of `line`, into `fields`.
  /// Fields are not quoted (the M5 files quote nothing).
  @inline(__always)
  static func split(_ line: UnsafeBufferPointer<UInt8>, into fields: inout [Range<Int>]) {
    fields.removeAll(keepingCapacity: true)
    var start = 0
    for i in 0..<line.count where line[i] == 44 {
      fields.append(start..<i)
      start = i + 1
    }
    fields.append(start..<line.count)
  }

  /// The text of a field.
  static func text(_ line: UnsafeBufferPointer<UInt8>, _ field: Range<Int>) -> String {
    String(decoding: UnsafeBufferPointer(rebasing: line[field]), as: UTF8.self)
  }

  /// A non-negative decimal integer of at most 15 digits, or nil.
  @inline(__always)
  static func integer(_ line: UnsafeBufferPointer<UInt8>, _ field: Range<Int>) -> Int? {
    guard !field.isEmpty, field.count <= 15 else { return nil }
    var value = 0
    for i in field {
      let d = Int(line[i]) - 48
      guard d >= 0 && d <= 9 else { return nil }
      value = value * 10 + d
    }
    return value
  }

  /// A non-negative decimal with at most 4 decimals and 10 integer digits, in 1e-4 units; nil
  /// when malformed.
  static func tenThousandths(_ line: UnsafeBufferPointer<UInt8>, _ field: Range<Int>) -> Int? {
    guard !field.isEmpty else { return nil }
    var whole = 0, fraction = 0, decimals = 0, digits = 0, seenPoint = false
    for i in field {
      let c = line[i]
      if c == 46 {
        guard !seenPoint else { return nil }
        seenPoint = true
        continue
      }
      let d = Int(c) - 48
      guard d >= 0 && d <= 9 else { return nil }
      if seenPoint {
        decimals += 1
        guard decimals <= 4 else { return nil }
        fraction = fraction * 10 + d
      } else {
        digits += 1
        guard digits <= 10 else { return nil }
        whole = whole * 10 + d
      }
    }
    guard digits + decimals > 0 else { return nil }
    while decimals < 4 { fraction *= 10; decimals += 1 }
    return whole * 10_000 + fraction
  }
}

/// A buffered output file written to `path.partial` and renamed into place by `finish()`, so a
/// failed import never leaves a half-written file under the final name.
struct ByteWriter {
  let path: String
  let name: String
  private var handle: UnsafeMutablePointer<FILE>?
  var buffer: [UInt8] = []

  init(path: String, name: String) throws(ImportError) {
    self.path = path
    self.name = name
    let partial = path + ".partial"
    guard let h = fopen(partial, "wb") else {
      throw ImportError(file: name, line: nil, problem: "cannot be written (check the folder exists and is writable)")
    }
    handle = h
    buffer.reserveCapacity(1 << 20 + 4096)
  }

  /// Appends bytes, flushing past 1 MiB.
  @inline(__always)
  mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) throws(ImportError) {
    buffer.append(contentsOf: bytes)
    if buffer.count >= 1 << 20 { try flush() }
  }

  /// Appends a string's UTF-8.
  mutating func append(_ text: String) throws(ImportError) {
    buffer.append(contentsOf: text.utf8)
    if buffer.count >= 1 << 20 { try flush() }
  }

  /// Appends a non-negative integer in decimal.
  @inline(__always)
  mutating func append(integer value: Int) {
    if value < 10 { buffer.append(UInt8(48 + value)); return }
    var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
      (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    var n = value, count = 0
    withUnsafeMutableBytes(of: &digits) { d in
      while n > 0 { d[count] = UInt8(48 + n % 10); n /= 10; count += 1 }
      for i in stride(from: count - 1, through: 0, by: -1) { buffer.append(d[i]) }
    }
  }

  /// Writes the buffer out.
  mutating func flush() throws(ImportError) {
    guard let handle else { return }
    let written = buffer.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, handle) }
    guard written == buffer.count else {
      throw ImportError(file: name, line: nil, problem: "write failed (disk full?)")
    }
    buffer.removeAll(keepingCapacity: true)
  }

  /// Flushes, closes and moves the file into place.
  mutating func finish() throws(ImportError) {
    try flush()
    let closed = handle.map { fclose($0) == 0 } ?? true
    handle = nil
    guard closed else { throw ImportError(file: name, line: nil, problem: "write failed on close (disk full?)") }
    let partial = path + ".partial"
    do {
      if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
      try FileManager.default.moveItem(atPath: partial, toPath: path)
    } catch {
      throw ImportError(file: name, line: nil, problem: "cannot be moved into place: \(error)")
    }
  }

  /// Removes the partial file after a failure.
  mutating func abandon() {
    if let handle { fclose(handle) }
    handle = nil
    try? FileManager.default.removeItem(atPath: path + ".partial")
  }
}

/// An import problem: the file, the line (and column) and what to fix.
public struct ImportError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The file name as shown to the user.
  public var file: String
  /// The 1-based line, when the problem is on one.
  public var line: Int?
  /// The problem and the value found.
  public var problem: String

  /// Creates an error.
  public init(file: String, line: Int?, problem: String) {
    self.file = file
    self.line = line
    self.problem = problem
  }

  /// `file:line: problem`.
  public var description: String { line.map { "\(file):\($0): \(problem)" } ?? "\(file): \(problem)" }
}
