/// The elements of an array to decode, made in index order: an array of the document, the
/// elements of a huge array of the scenario text (`TextElements`), or the rows of a CSV table
/// (`CatalogueRows`); the last two become `JSONValue`s only while they are decoded.
protocol ElementSource: Sendable {
  /// How many elements.
  var count: Int { get }
  /// Hands the elements of `range` to `body` in order; `body` must not keep them for longer.
  func forEachElement(in range: Range<Int>, _ body: (Int, JSONValue) throws -> Void) rethrows
}

/// The elements of an array written in the document.
struct DocumentElements: ElementSource {
  let items: [JSONValue]
  var count: Int { items.count }
  func forEachElement(in range: Range<Int>, _ body: (Int, JSONValue) throws -> Void) rethrows {
    for i in range { try body(i, items[i]) }
  }
}

/// The elements of an array of a JSON text that `JSONParser.parse(_:deferring:)` checked and left
/// out of the document, each parsed again from its bytes when it is decoded.
struct TextElements: ElementSource {
  /// The whole document, with contiguous UTF-8.
  let text: String
  /// Each element's bytes in `text`.
  let ranges: [Range<Int>]
  var count: Int { ranges.count }

  func forEachElement(in range: Range<Int>, _ body: (Int, JSONValue) throws -> Void) rethrows {
    let done: Void? = try text.utf8.withContiguousStorageIfAvailable { bytes in
      for i in range { try body(i, JSONParser.element(in: bytes, range: ranges[i])) }
    }
    precondition(done != nil, "TextElements: the text's UTF-8 is not contiguous")
  }
}
