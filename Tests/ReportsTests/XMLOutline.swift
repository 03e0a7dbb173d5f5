import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// What the report tests need from a parsed page: elements with their attributes and paths.
final class XMLOutline: NSObject, XMLParserDelegate {
  struct Element {
    var name: String
    var attributes: [String: String]
    var ancestors: [(name: String, className: String)]
    var text = ""
  }

  private(set) var elements: [Element] = []
  private var stack: [Int] = []
  private(set) var error: String?

  /// Parses `text`; nil when it is not well-formed XML.
  static func parse(_ text: String) -> XMLOutline? {
    let outline = XMLOutline()
    let parser = XMLParser(data: Data(text.utf8))
    parser.delegate = outline
    return parser.parse() ? outline : nil
  }

  func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
    let ancestors = stack.map { (elements[$0].name, elements[$0].attributes["class"] ?? "") }
    elements.append(Element(name: elementName, attributes: attributes, ancestors: ancestors))
    stack.append(elements.count - 1)
  }

  func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
    stack.removeLast()
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) {
    for i in stack { elements[i].text += string }
  }

  /// Elements named `name` whose class list contains `className` (any when nil).
  func elements(_ name: String, class className: String? = nil) -> [Element] {
    elements.filter { e in
      e.name == name && (className == nil || (e.attributes["class"] ?? "").split(separator: " ").contains { $0 == className! })
    }
  }
}
