/// One change to a scenario document: the value at a JSON path, e.g. `suppliers[0].leadTime.mean = 7`.
///
/// Variations act on the parsed document (`JSONValue`), not on the decoded spec, so they know no
/// particular keys: any path that exists in the file can be varied, and the varied document is
/// then checked and built like any scenario file (`ScenarioTemplate.variant`), so every rule of
/// the format applies to it.
public struct ScenarioVariation: Sendable, Equatable {
  /// Where the value goes.
  public var path: JSONPath
  /// The new value, as JSON (a number keeps its literal, so `7` decodes into whole-number fields).
  public var value: JSONValue

  /// Creates a variation.
  public init(path: JSONPath, value: JSONValue) {
    self.path = path
    self.value = value
  }

  /// The document with `value` at `path`.
  ///
  /// Every step but the last must exist: keys in objects, indices within arrays. The last step
  /// replaces an existing value, or adds a new key to an existing object (e.g. `outages` to a
  /// supplier that has none); whether that key is allowed there is for the scenario checks to say.
  ///
  /// - Parameters:
  ///   - document: The scenario document (an object).
  ///   - file: The file name for error messages.
  /// - Throws: `ScenarioError` whose path is this variation's path and whose problem names the
  ///   step that failed, with the nearest existing key or a corrected path as a suggestion.
  public func apply(to document: JSONValue, file: String) throws(ScenarioError) -> JSONValue {
    guard !path.components.isEmpty else {
      throw ScenarioError(file: file, path: "", problem: "a variation needs a path below the document's root")
    }
    do {
      return try Self.set(value, in: document, at: path.components[...], depth: 0, full: path)
    } catch {
      throw ScenarioError(file: file, path: path.description, problem: error.problem)
    }
  }

  /// The value at `path` in `document`, or nil when a step is missing.
  public static func value(at path: JSONPath, in document: JSONValue) -> JSONValue? {
    var current = document
    for c in path.components {
      switch (c, current) {
      case let (.key(k), .object):
        guard let next = current[k] else { return nil }
        current = next
      case let (.index(i), .array(items)):
        guard items.indices.contains(i) else { return nil }
        current = items[i]
      default:
        return nil
      }
    }
    return current
  }

  private static func set(_ value: JSONValue, in node: JSONValue, at rest: ArraySlice<JSONPath.Component>, depth: Int,
                          full: JSONPath) throws(LookupProblem) -> JSONValue {
    guard let step = rest.first else { return value }
    let here = full.prefix(depth)
    let last = rest.count == 1
    switch (step, node) {
    case let (.key(k), .object(members)):
      var members = members
      if let i = members.firstIndex(where: { $0.key == k }) {
        members[i].value = try set(value, in: members[i].value, at: rest.dropFirst(), depth: depth + 1, full: full)
      } else if last {
        members.append((k, value))
      } else {
        throw LookupProblem(problem: missingKey(k, in: node, at: here, full: full, depth: depth))
      }
      return .object(members)
    case let (.index(i), .array(items)):
      guard items.indices.contains(i) else {
        let what = here.components.isEmpty ? "the document" : here.description
        let range = items.isEmpty ? "it is empty" : "it has \(items.count) element\(items.count == 1 ? "" : "s"), indices 0...\(items.count - 1)"
        throw LookupProblem(problem: "index \(i) is out of range: \(what) is an array and \(range)")
      }
      var items = items
      items[i] = try set(value, in: items[i], at: rest.dropFirst(), depth: depth + 1, full: full)
      return .array(items)
    case let (.key(k), .array(items)):
      let example = here.appending(.index(0)).appending(.key(k))
      throw LookupProblem(problem: "\(here) is an array of \(items.count), not an object; pick an element, e.g. \(example)")
    case (.index, .object(let members)):
      let keys = members.map(\.key).joined(separator: ", ")
      throw LookupProblem(problem: "\(here) is an object, not an array; its keys are: \(keys)")
    default:
      throw LookupProblem(problem: "\(here) is \(node.kindName), which has no \(step.isKey ? "keys" : "elements")")
    }
  }

  /// The problem text for a missing key: the nearest key here, else the key found deeper down
  /// (`skus[0].promotions` → `skus[0].demand.promotions`), else the keys that exist.
  private static func missingKey(_ key: String, in node: JSONValue, at here: JSONPath, full: JSONPath, depth: Int) -> String {
    guard case let .object(members) = node else { return "no key '\(key)'" }
    let place = here.components.isEmpty ? "at the top level" : "in \(here)"
    let rest = JSONPath(Array(full.components.dropFirst(depth + 1)))
    if let best = NearestName.closest(to: key, among: members.map(\.key)) {
      return "no key '\(key)' \(place); did you mean '\(here.appending(.key(best)).appending(contentsOf: rest))'?"
    }
    if let deeper = find(key, below: node, at: here) {
      return "no key '\(key)' \(place); did you mean '\(deeper.appending(contentsOf: rest))'?"
    }
    let keys = members.map(\.key).joined(separator: ", ")
    return "no key '\(key)' \(place); keys here: \(keys)"
  }

  /// The path of the first member named `key` below `node` (breadth first, document order, up to four levels).
  private static func find(_ key: String, below node: JSONValue, at path: JSONPath) -> JSONPath? {
    var frontier: [(JSONValue, JSONPath)] = [(node, path)]
    for _ in 0..<4 {
      var next: [(JSONValue, JSONPath)] = []
      for (value, at) in frontier {
        switch value {
        case let .object(members):
          for m in members {
            if m.key == key { return at.appending(.key(key)) }
            next.append((m.value, at.appending(.key(m.key))))
          }
        case let .array(items):
          for (i, item) in items.enumerated() { next.append((item, at.appending(.index(i)))) }
        default:
          break
        }
      }
      frontier = next
    }
    return nil
  }
}

/// Why a path does not lead anywhere in a document.
private struct LookupProblem: Error {
  var problem: String
}

extension JSONPath.Component {
  /// True for a key step.
  var isKey: Bool { if case .key = self { return true } else { return false } }
}
