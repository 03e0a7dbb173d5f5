#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
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
