/// Strict decoding of any `Decodable` JSON document, with the errors scenarios get: malformed
/// JSON by line and column, unknown keys with a suggestion, missing keys and wrong types by JSON path.
public enum JSONDocument {
  /// Decodes `type` from `json`.
  ///
  /// - Parameters:
  ///   - json: The document text.
  ///   - file: The name to put in error messages.
  /// - Throws: `ScenarioErrors` naming the file, the JSON path and the problem of every missing,
  ///   mistyped or unknown key (malformed JSON: the one place where parsing stopped).
  public static func decode<T: Decodable>(_ type: T.Type, json: String, file: String) throws(ScenarioErrors) -> T {
    let value: JSONValue
    do {
      value = try JSONParser.parse(json)
    } catch {
      throw ScenarioErrors(errors: [ScenarioError(file: file, path: "", problem: "malformed JSON at \(error.description)")])
    }
    return try decode(type, value: value, file: file)
  }

  /// Decodes `type` from a parsed document (see `decode(_:json:file:)`).
  public static func decode<T: Decodable>(_ type: T.Type, value: JSONValue, file: String) throws(ScenarioErrors) -> T {
    try decode(type, value: value, file: file, elementSources: [:])
  }

  /// Decodes `type` from a parsed document whose top-level arrays named in `elementSources` take
  /// their elements from there (CSV tables; the document holds an empty array in their place).
  static func decode<T: Decodable>(_ type: T.Type, value: JSONValue, file: String, elementSources: [String: any ElementSource]) throws(ScenarioErrors) -> T {
    let issues = IssueLog()
    issues.elementSources = elementSources
    func collected() -> ScenarioErrors {
      ScenarioErrors(errors: issues.issues.map { ScenarioError(file: file, path: $0.path, problem: $0.problem) })
    }
    do {
      let result = try StrictDecoder.decode(T.self, from: value, path: [], issues: issues)
      if !issues.issues.isEmpty { throw collected() }
      return result
    } catch let errors as ScenarioErrors {
      throw errors
    } catch let issue as DecodingIssue {
      issues.record(issue)
      throw collected()
    } catch is StopCollecting {
      throw collected()
    } catch let error as DecodingError {
      throw ScenarioErrors(errors: [ScenarioError(file: file, path: Self.path(of: error), problem: Self.problem(of: error))])
    } catch {
      throw ScenarioErrors(errors: [ScenarioError(file: file, path: "", problem: "\(error)")])
    }
  }

  static func path(of error: DecodingError) -> String {
    switch error {
    case let .dataCorrupted(c), let .keyNotFound(_, c), let .typeMismatch(_, c), let .valueNotFound(_, c): jsonPath(c.codingPath)
    @unknown default: ""
    }
  }

  static func problem(of error: DecodingError) -> String {
    switch error {
    case let .dataCorrupted(c): c.debugDescription
    case let .keyNotFound(key, _): "missing required key '\(key.stringValue)'"
    case let .typeMismatch(type, c): "expected \(type): \(c.debugDescription)"
    case let .valueNotFound(type, c): "expected \(type), got null: \(c.debugDescription)"
    @unknown default: "\(error)"
    }
  }
}
