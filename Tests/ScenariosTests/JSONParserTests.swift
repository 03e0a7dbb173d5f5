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
}
