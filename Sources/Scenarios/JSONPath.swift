/// A location in a JSON document, written as in error messages: `skus[0].demand.promotions[1].uplift`.
///
/// Keys are separated by `.` and array positions are written `[i]`. A key made of other characters
/// than letters, digits, `_` and `-` can be quoted: `overrides["odd key"]`. Paths are generic:
/// nothing here knows which keys a scenario has.
public struct JSONPath: Sendable, Hashable, CustomStringConvertible {
  /// One step of a path.
  public enum Component: Sendable, Hashable {
    /// The member of an object.
    case key(String)
    /// The element of an array, from 0.
    case index(Int)
  }

  /// Why a path's text could not be read.
  public struct SyntaxError: Error, Sendable, Equatable {
    /// What is wrong and what to write instead.
    public var problem: String
  }

  /// The steps from the document's root.
  public var components: [Component]

  /// Creates a path from its steps.
  public init(_ components: [Component]) { self.components = components }

  /// Reads a path such as `suppliers[0].leadTime.mean`.
  ///
  /// - Throws: `SyntaxError` for an empty path, an empty key, an unclosed or non-numeric index,
  ///   or a path that does not start with a key.
  public init(parsing text: String) throws(SyntaxError) {
    let chars = Array(text)
    var out: [Component] = []
    var i = 0
    func fail(_ problem: String) -> SyntaxError { SyntaxError(problem: "bad path \"\(text)\": \(problem)") }
    guard !chars.isEmpty else { throw SyntaxError(problem: "the path is empty; write it like skus[0].demand.mean") }
    while i < chars.count {
      let c = chars[i]
      if c == "[" {
        i += 1
        if i < chars.count, chars[i] == "\"" {
          i += 1
          var key = ""
          while i < chars.count, chars[i] != "\"" { key.append(chars[i]); i += 1 }
          guard i + 1 < chars.count, chars[i] == "\"", chars[i + 1] == "]" else { throw fail("a quoted key needs a closing \"]") }
          i += 2
          out.append(.key(key))
        } else {
          guard !out.isEmpty else { throw fail("a path starts with a key, e.g. skus[0]") }
          var digits = ""
          while i < chars.count, chars[i] != "]" { digits.append(chars[i]); i += 1 }
          guard i < chars.count else { throw fail("'[' without a closing ']'") }
          guard let index = Int(digits), index >= 0, digits.allSatisfy(\.isASCII) else {
            throw fail("an index is a whole number >= 0, got [\(digits)]")
          }
          i += 1
          out.append(.index(index))
        }
        continue
      }
      if c == "." {
        guard !out.isEmpty else { throw fail("a path starts with a key, not '.'") }
        i += 1
      } else if !out.isEmpty {
        throw fail("expected '.' or '[' after \(Self.render(out)), found '\(c)'")
      }
      var key = ""
      while i < chars.count, chars[i] != ".", chars[i] != "[" {
        guard chars[i] != "]" else { throw fail("']' without an opening '['") }
        key.append(chars[i])
        i += 1
      }
      guard !key.isEmpty else { throw fail("empty key (two dots, or a dot at the end?)") }
      guard key.allSatisfy(Self.isPlainKeyCharacter) else {
        throw fail("key '\(key)' has characters other than letters, digits, '_' and '-'; quote it as [\"\(key)\"]")
      }
      out.append(.key(key))
    }
    components = out
  }

  /// The path as text, e.g. `skus[0].demand.mean`; the empty path is the document itself.
  public var description: String { Self.render(components) }

  /// The first `count` steps.
  public func prefix(_ count: Int) -> JSONPath { JSONPath(Array(components.prefix(count))) }

  /// This path with `component` appended.
  public func appending(_ component: Component) -> JSONPath { JSONPath(components + [component]) }

  /// This path with `other`'s steps appended.
  public func appending(contentsOf other: JSONPath) -> JSONPath { JSONPath(components + other.components) }

  static func isPlainKeyCharacter(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" || c == "-" }

  static func render(_ components: [Component]) -> String {
    var out = ""
    for c in components {
      switch c {
      case let .index(i): out += "[\(i)]"
      case let .key(k):
        if !k.isEmpty && k.allSatisfy(isPlainKeyCharacter) { out += out.isEmpty ? k : "." + k } else { out += "[\"\(k)\"]" }
      }
    }
    return out
  }
}
