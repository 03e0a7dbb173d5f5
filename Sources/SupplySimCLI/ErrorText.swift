#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Scenarios

/// Turns any error that reaches the top of the CLI into one line that says where the problem is
/// and what it is; never a raw dump of a Foundation or decoding error.
enum ErrorText {
  /// The line to print after `supplysim COMMAND: `; a list of scenario problems is summed up in
  /// one line by its description, which points to `supplysim validate`.
  static func line(for error: any Error) -> String {
    switch error {
    case let e as CocoaError:
      let path = e.filePath ?? e.url?.path
      // Cocoa codes 512 and up are write errors, those below are read errors.
      let verb = e.code.rawValue >= 512 ? "cannot be written" : "cannot be read"
      return (path.map { "\($0): " } ?? "") + "\(verb): \(fileProblem(e))"
    case let e as DecodingError: return decodingDescription(e)
    case is EncodingError: return "could not encode the output"
    case let e as CustomStringConvertible: return e.description
    default: return "\(type(of: error)): an unexpected error"
    }
  }

  /// The most characters of one diagnostic line (`oneLine`).
  static let lineLimit = 800

  /// `text` as one printable line: line breaks, tabs and other control characters become
  /// escapes (`\n`, `\t`, `\u{7}`), so a message that quotes user text (a key, a value, a file
  /// name, an argument) cannot split into several lines; a line longer than `limit` characters
  /// keeps its start (where the file and path are) and its end (what to fix) around " … ".
  ///
  /// Every diagnostic the CLI prints goes through here (`Console.problem`).
  static func oneLine(_ text: String, limit: Int = lineLimit) -> String {
    var out = ""
    for u in text.unicodeScalars {
      switch u {
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        // C0 and C1 controls, DEL, and the line and paragraph separators.
        if u.value < 0x20 || (0x7F...0x9F).contains(u.value) || u.value == 0x2028 || u.value == 0x2029 {
          out += "\\u{\(String(u.value, radix: 16))}"
        } else {
          out.unicodeScalars.append(u)
        }
      }
    }
    guard out.count > limit else { return out }
    let half = (limit - 3) / 2
    return String(out.prefix(half)) + " … " + String(out.suffix(half))
  }

  /// A short phrase for a file-system error: "no such file or folder", "permission denied", ...
  static func fileProblem(_ error: any Error) -> String {
    if let e = error as? CLIError { return e.problem }
    guard let e = error as? CocoaError else {
      if let p = error as? POSIXError { return posixProblem(p.code) }
      return "the file system refused it"
    }
    if let p = e.underlying as? POSIXError { return posixProblem(p.code) }
    switch e.code {
    case .fileNoSuchFile, .fileReadNoSuchFile: return "no such file or folder"
    case .fileWriteNoPermission, .fileReadNoPermission: return "permission denied"
    case .fileWriteOutOfSpace: return "the disk is full"
    case .fileWriteVolumeReadOnly: return "the volume is read-only"
    case .fileWriteFileExists: return "a file is in the way"
    case .fileReadCorruptFile: return "the file is corrupt"
    case .fileReadInapplicableStringEncoding, .fileWriteInapplicableStringEncoding: return "the text is not UTF-8"
    default: return "the file system refused it (code \(e.code.rawValue))"
    }
  }

  static func posixProblem(_ code: POSIXError.Code) -> String {
    switch code {
    case .ENOENT: "no such file or folder"
    case .EACCES, .EPERM: "permission denied"
    case .ENOTDIR: "a part of the path is a file, not a folder"
    case .EISDIR: "is a folder"
    case .ENOSPC: "the disk is full"
    case .EROFS: "the volume is read-only"
    case .EEXIST: "a file is in the way"
    case .ENAMETOOLONG: "the name is too long"
    default: "the file system refused it (errno \(code.rawValue))"
    }
  }

  /// `PATH: PROBLEM`, or only the problem for the document as a whole.
  static func decodingDescription(_ error: DecodingError) -> String {
    let path = decodingPath(error)
    return path.isEmpty ? decodingProblem(error) : "\(path): \(decodingProblem(error))"
  }

  /// The JSON path of a decoding error, e.g. `network.parameters[3]`; empty for the whole document.
  static func decodingPath(_ error: DecodingError) -> String {
    let context: DecodingError.Context
    switch error {
    case let .dataCorrupted(c), let .keyNotFound(_, c), let .typeMismatch(_, c), let .valueNotFound(_, c): context = c
    @unknown default: return ""
    }
    var path = ""
    for key in context.codingPath {
      if let i = key.intValue { path += "[\(i)]" } else { path += (path.isEmpty ? "" : ".") + key.stringValue }
    }
    return path
  }

  /// What a decoding error says is wrong, without Swift type dumps.
  static func decodingProblem(_ error: DecodingError) -> String {
    switch error {
    case let .dataCorrupted(c):
      return c.codingPath.isEmpty ? "is not valid JSON (truncated or corrupt)" : c.debugDescription
    case let .keyNotFound(key, _): return "missing required key '\(key.stringValue)'"
    case let .typeMismatch(type, _): return "expected \(typeName(type))"
    case let .valueNotFound(type, _): return "expected \(typeName(type)), got null"
    @unknown default: return "cannot be decoded"
    }
  }

  static func typeName(_ type: Any.Type) -> String {
    if type == Double.self || type == Float.self { return "a number" }
    if type == Int.self { return "a whole number" }
    if type == String.self { return "a string" }
    if type == Bool.self { return "true or false" }
    return "\(type)".hasPrefix("Array") ? "an array" : "an object"
  }
}

extension Console {
  /// Writes one diagnostic line to standard error: `text` made one line by `ErrorText.oneLine`,
  /// then a newline.
  func problem(_ text: String) {
    err(ErrorText.oneLine(text) + "\n")
  }
}
