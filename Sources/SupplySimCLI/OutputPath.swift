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
import Reports

/// Output locations named on the command line (`--out`, `--junit`, `--json`, `--save-model`),
/// treated the same way by every command: checked before any work starts, and missing folders
/// are created when the output is written.
enum OutputPath {
  /// What an option names.
  enum Kind {
    /// A folder of report files (`run --out DIR`).
    case folder
    /// One file (`lp --out FILE`); its missing parent folders are created.
    case file
  }

  /// Checks that `path` can be written as `kind`, without creating anything.
  ///
  /// - Parameters:
  ///   - path: The value given (or the default).
  ///   - option: The option's name without dashes, for messages.
  ///   - kind: A folder or a file.
  ///   - command: The command, for usage messages.
  /// - Throws: `UsageError` for an empty path; `CLIError` naming the option, the path and what
  ///   to fix when the path is a file where a folder is needed (or the reverse), lies under a
  ///   file, or is in a folder that cannot be written.
  static func check(_ path: String, option: String, kind: Kind, command: String) throws {
    let subject = "--\(option) \(path)"
    guard !path.isEmpty else { throw UsageError("\(command): --\(option): needs a path, got an empty string") }
    var start: String
    switch kind {
    case .folder:
      if let isFolder = isDirectory(path) {
        guard isFolder else {
          throw CLIError(subject: subject, problem: "is a file, not a folder; name a folder for the report files (missing folders are created)")
        }
        guard writable(path) else { throw CLIError(subject: subject, problem: "cannot write in this folder (permission denied); choose another --\(option)") }
        return
      }
      start = parent(path)
    case .file:
      if path.hasSuffix("/") || isDirectory(path) == true {
        throw CLIError(subject: subject, problem: "is a folder, not a file; name a file, e.g. --\(option) \(trimmingSlashes(path))/\(exampleName(option))")
      }
      start = parent(path)
    }
    // The nearest existing ancestor must be a writable folder: the rest is created.
    var dir = start
    while true {
      if let isFolder = isDirectory(dir) {
        guard isFolder else {
          throw CLIError(subject: subject, problem: "\(dir) is a file, so no folder can be made under it; choose another --\(option)")
        }
        guard writable(dir) else {
          throw CLIError(subject: subject, problem: "cannot write in \(dir) (permission denied); choose another --\(option)")
        }
        return
      }
      let up = parent(dir)
      if up == dir { return }
      dir = up
    }
  }

  /// Writes `text` to `path` atomically, creating missing parent folders.
  ///
  /// - Throws: `CLIError` naming the option and the path when writing fails.
  static func write(_ text: String, to path: String, option: String) throws {
    do {
      let folder = parent(path)
      if isDirectory(folder) == nil { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
      try AtomicFile.write(text, to: path)
    } catch {
      throw CLIError(subject: "--\(option) \(path)", problem: "cannot be written: \(ErrorText.fileProblem(error)); check that the folder is writable")
    }
  }

  /// Writes bytes; see `write(_:to:option:)`.
  static func write(_ data: Data, to path: String, option: String) throws {
    try write(String(decoding: data, as: UTF8.self), to: path, option: option)
  }

  /// True for a folder, false for another kind of file, nil when nothing is there.
  static func isDirectory(_ path: String) -> Bool? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    return (info.st_mode & S_IFMT) == S_IFDIR
  }

  static func writable(_ path: String) -> Bool { access(path, W_OK) == 0 }

  /// The folder holding `path`: `.` for a bare name, `/` at the root.
  static func parent(_ path: String) -> String {
    let s = trimmingSlashes(path)
    guard let slash = s.lastIndex(of: "/") else { return "." }
    if slash == s.startIndex { return "/" }
    return String(s[..<slash])
  }

  static func trimmingSlashes(_ path: String) -> String {
    var s = path
    while s.count > 1 && s.hasSuffix("/") { s.removeLast() }
    return s
  }

  static func exampleName(_ option: String) -> String {
    switch option {
    case "junit": "junit.xml"
    case "json": "check.json"
    case "save-model": "model.json"
    default: "out.csv"
    }
  }
}
