import Testing
@testable import Experiments

@Suite struct SHA256Tests {
  @Test("SHA-256 matches the FIPS 180-4 examples and block-boundary lengths", arguments: [
    ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
    ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
    ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    (String(repeating: "a", count: 55), "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"),
    (String(repeating: "a", count: 56), "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"),
    (String(repeating: "a", count: 64), "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"),
    (String(repeating: "é", count: 100), "f42ec48e1e4b487e590e0b3d4e58437c8327efa855d769709f4942a4f73a7eb6"),
  ])
  func knownDigests(text: String, hex: String) {
    #expect(SHA256.hex(text) == hex)
  }
}

@Suite struct ScenarioFingerprintTests {
  let original = #"{"name": "a", "seed": 7, "skus": [{"id": "x", "mean": 2.5}], "rate": 5}"#

  @Test func whitespaceKeyOrderAndNumberSpellingDoNotChangeTheFingerprint() throws {
    let reformatted = """
      {
        "skus": [ { "mean": 2.50, "id": "x" } ],
        "rate": 5.0,
        "seed": 7,
        "name": "a"
      }
      """
    #expect(try ScenarioFingerprint.of(json: original) == ScenarioFingerprint.of(json: reformatted))
    #expect(try ScenarioFingerprint.of(json: original).hasPrefix("sha256:"))
    #expect(try ScenarioFingerprint.of(json: original).count == 7 + 64)
  }

  @Test func anyValueChangeChangesTheFingerprint() throws {
    let base = try ScenarioFingerprint.of(json: original)
    for changed in [
      #"{"name": "a", "seed": 8, "skus": [{"id": "x", "mean": 2.5}], "rate": 5}"#,
      #"{"name": "a", "seed": 7, "skus": [{"id": "x", "mean": 2.6}], "rate": 5}"#,
      #"{"name": "b", "seed": 7, "skus": [{"id": "x", "mean": 2.5}], "rate": 5}"#,
      #"{"name": "a", "seed": 7, "skus": [{"id": "x", "mean": 2.5}], "rate": 5, "extra": null}"#,
    ] {
      #expect(try ScenarioFingerprint.of(json: changed) != base, "\(changed)")
    }
  }

  @Test func canonicalTextSortsKeysAndDropsWhitespace() throws {
    let value = try Scenarios.JSONParser.parse(#"{ "b": [1, 2.0, 1e2, -0], "a": "q\"\n" }"#)
    #expect(ScenarioFingerprint.canonicalText(value) == #"{"a":"q\"\u000a","b":[1,2,100,0]}"#)
  }

  @Test func largeIntegersStayExact() {
    #expect(ScenarioFingerprint.canonicalNumber("18446744073709551615") == "18446744073709551615")
    #expect(ScenarioFingerprint.canonicalNumber("18446744073709551614") != ScenarioFingerprint.canonicalNumber("18446744073709551615"))
  }
}

import Scenarios
