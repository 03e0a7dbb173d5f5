import Foundation
import Testing
import _TestSupport
@testable import Reports

/// Rules every generated report and every reference document keeps: no broken links, no
/// internal words.
@Suite struct ReportHygieneTests {
  /// Every `href="..."` in `html`.
  static func hrefs(_ html: String) -> [String] {
    var found: [String] = []
    var rest = html[...]
    while let at = rest.range(of: "href=\"") {
      let tail = rest[at.upperBound...]
      guard let end = tail.firstIndex(of: "\"") else { break }
      found.append(String(tail[..<end]))
      rest = tail[end...]
    }
    return found
  }

  /// The broken links of the page at `path`: anchors with no element of that id on the page,
  /// relative targets missing from the page's folder.
  static func brokenLinks(page path: String) throws -> [String] {
    let html = try String(contentsOfFile: path, encoding: .utf8)
    let folder = (path as NSString).deletingLastPathComponent
    return hrefs(html).filter { href in
      let target = href.replacingOccurrences(of: "&amp;", with: "&")
      if target.hasPrefix("http://") || target.hasPrefix("https://") || target.hasPrefix("mailto:") { return false }
      if target.hasPrefix("#") { return !html.contains("id=\"\(target.dropFirst())\"") }
      let file = String(target.split(separator: "#", maxSplits: 1).first ?? "")
      if let hash = target.firstIndex(of: "#"), FileManager.default.fileExists(atPath: folder + "/" + file) {
        let other = (try? String(contentsOfFile: folder + "/" + file, encoding: .utf8)) ?? ""
        return !other.contains("id=\"\(target[target.index(after: hash)...])\"")
      }
      return !FileManager.default.fileExists(atPath: folder + "/" + file)
    }
  }

  /// Every report this suite generates, written into a fresh folder: sweep, stress and run pages.
  static func generatedFolders() throws -> [String] {
    let base = FileManager.default.temporaryDirectory.appendingPathComponent("hygiene-\(UUID().uuidString)").path
    try SweepReport(result: SweepReportFixture.twoAxes, version: "test").write(to: base + "/sweep")
    try StressReport(result: SweepReportFixture.stress, version: "test").write(to: base + "/stress")
    try RunReport(result: ReportFixture.run(replications: 2), version: "test").write(to: base + "/run")
    return [base + "/sweep", base + "/stress", base + "/run"]
  }

  static func files(in folder: String, endingWith suffixes: [String]) -> [String] {
    guard let names = FileManager.default.enumerator(atPath: folder) else { return [] }
    return names.compactMap { $0 as? String }.filter { name in suffixes.contains { name.hasSuffix($0) } }.sorted().map { folder + "/" + $0 }
  }

  @Test func everyLinkInEveryReportResolves() throws {
    let committed = SourceTree.root() + "/reports"
    let pages = try Self.generatedFolders().flatMap { Self.files(in: $0, endingWith: [".html"]) } + Self.files(in: committed, endingWith: [".html"])
    #expect(pages.count >= 4)
    for page in pages {
      let broken = try Self.brokenLinks(page: page)
      #expect(broken.isEmpty, "\(page): broken links \(broken)")
    }
    // The checker itself: a missing anchor and a missing file are caught, present ones pass.
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("links-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    try "<a href=\"#here\">a</a><p id=\"here\"/><a href=\"#gone\">b</a><a href=\"report.html\">c</a><a href=\"x.csv\">d</a>"
      .write(toFile: dir + "/p.html", atomically: true, encoding: .utf8)
    try "x".write(toFile: dir + "/x.csv", atomically: true, encoding: .utf8)
    #expect(try Self.brokenLinks(page: dir + "/p.html") == ["#gone", "report.html"])
  }

  /// Words from the project's own bookkeeping ("issue-6", "issue 17", "the issue's bug") that mean
  /// nothing to a reader.
  static func internalWords(_ text: String) -> [String] {
    let pattern = try! NSRegularExpression(pattern: "\\b(issue[- ]?#?[0-9]+|the issue's)\\b", options: [.caseInsensitive])
    let range = NSRange(text.startIndex..., in: text)
    return pattern.matches(in: text, range: range).compactMap { Range($0.range, in: text).map { String(text[$0]) } }
  }

  @Test func docsAndReportsUseNoInternalWords() throws {
    #expect(Self.internalWords("see issue-6 and Issue 17, also issue #3; the issue's bug") == ["issue-6", "Issue 17", "issue #3", "the issue's"])
    #expect(Self.internalWords("issues are tracked; an issue arises").isEmpty)
    let root = SourceTree.root()
    let docs = ["README.md", "scenarios/README.md", "reports/README.md"].map { root + "/" + $0 }
      + Self.files(in: root + "/scenarios", endingWith: [".json"])
      + Self.files(in: root + "/reports", endingWith: [".html", ".md"])
      + (try Self.generatedFolders()).flatMap { Self.files(in: $0, endingWith: [".html", ".md", ".json", ".csv"]) }
    for file in docs {
      let text = try String(contentsOfFile: file, encoding: .utf8)
      let words = Self.internalWords(text)
      #expect(words.isEmpty, "\(file): internal words \(words)")
    }
  }
}
