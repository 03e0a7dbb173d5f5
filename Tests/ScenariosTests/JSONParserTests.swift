import Testing
@testable import Scenarios

@Suite struct JSONParserTests {
  @Test func parsesEveryKindOfValue() throws {
    let v = try JSONParser.parse(#"{"a": [1, -2.5e3, true, false, null], "b": "x\"\u00e9\n"}"#)
    #expect(v["a"] == .array([.number("1"), .number("-2.5e3"), .bool(true), .bool(false), .null]))
    #expect(v["b"] == .string("x\"é\n"))
  }

  @Test("rejects malformed documents", arguments: ["", "{", "[1,]", "{\"a\":1,}", "01", "\"abc", "{\"a\" 1}", "[1] 2", "{\"a\":1,\"a\":2}", "tru"])
  func rejects(_ text: String) {
    #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(text) }
  }

  @Test func reportsLineAndColumn() {
    do {
      _ = try JSONParser.parse("{\n  \"a\": 1\n  \"b\": 2\n}")
      Issue.record("should fail")
    } catch {
      #expect(error.line == 3 && error.column == 3)
    }
  }

  /// `parse(_:deferring:)` on a document's text, with each deferred element parsed again.
  static func deferred(_ text: String, _ keys: Set<String>) throws(JSONSyntaxError) -> (JSONValue, [String: [JSONValue]]) {
    let bytes = Array(text.utf8)
    return try bytes.withUnsafeBufferPointer { b throws(JSONSyntaxError) in
      let (value, ranges) = try JSONParser.parse(b, deferring: keys)
      return (value, ranges.mapValues { $0.map { JSONParser.element(in: b, range: $0) } })
    }
  }

  /// Arrays at deferred root keys are left empty in the document and their elements, parsed
  /// again from their byte ranges, are those of the whole parse; other values are untouched.
  @Test func deferredArraysGiveTheSameElements() throws {
    let text = #"{"name": "x", "skus": [ {"id": "A", "w": [1, 2.5e1, {"k": null}]}, [1,2] , "s\u00e9", -3, true ], "nodes": {"file": "n.csv"}, "lanes": [], "other": [{"skus": [1]}]}"#
    let whole = try JSONParser.parse(text)
    let (document, elements) = try Self.deferred(text, ["skus", "nodes", "lanes"])
    guard case let .array(items)? = whole["skus"], case let .object(members) = whole, case let .object(deferredMembers) = document else {
      Issue.record("not parsed"); return
    }
    #expect(elements["skus"] == items)
    #expect(elements["lanes"] == [])
    #expect(elements["nodes"] == nil)
    #expect(document["skus"] == .array([]))
    #expect(deferredMembers.map(\.key) == members.map(\.key))
    for (a, b) in zip(members, deferredMembers) where a.key != "skus" { #expect(a.value == b.value, "\(a.key)") }
  }

  /// A malformed element of a deferred array is reported exactly as the whole parse reports it.
  @Test("deferred arrays fail where the whole parse does", arguments: [
    #"{"skus": [{"id": "A"}, {"id": "B",}]}"#,
    "{\"skus\": [{\"id\": \"A\"},\n {\"id\": \"B\", \"id\": \"C\"}]}",
    #"{"skus": [{"id": "A"} {"id": "B"}]}"#,
    #"{"skus": [1, 2,]}"#,
    #"{"skus": [01]}"#,
    #"{"skus": [{"id": "unterminated}]}"#,
    #"{"skus": [[[[1]]], "#,
  ])
  func deferredErrors(_ text: String) {
    var whole: JSONSyntaxError?, deferred: JSONSyntaxError?
    do { _ = try JSONParser.parse(text) } catch { whole = error }
    do { _ = try Self.deferred(text, ["skus"]) } catch { deferred = error }
    #expect(whole != nil)
    #expect(whole == deferred)
  }
}
