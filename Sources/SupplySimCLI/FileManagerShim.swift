#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The few file-system calls the commands need.
enum FileManagerShim {
  /// Creates `path` and its parents if missing.
  static func createDirectory(_ path: String) throws {
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }
}
