/// Lets a scenario field hold any JSON value as written (a stress test's replacement values, a
/// sweep's list of values): decoding captures the document's own subtree, number literals included.
extension JSONValue: Decodable {
  /// Captures the value under the decoder's position.
  ///
  /// - Throws: `DecodingError.dataCorrupted` with a decoder other than the scenario loader's,
  ///   which is the only one that keeps number literals and key order.
  public init(from decoder: any Decoder) throws {
    guard let strict = decoder as? StrictDecoder else {
      throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "JSONValue decodes only with the scenario loader"))
    }
    self = strict.value
  }
}
