import Foundation
import Testing
@testable import Scenarios

/// The history file is read in chunks: every chunk size gives what parsing the whole text gives,
/// and errors keep their line and column.
@Suite struct SalesHistoryStreamingTests {
  /// Three series over 40 days, with a quoted SKU holding a comma and a newline, CRLF endings,
  /// blank lines and a byte-order mark.
  static let text: String = {
    var t = "\u{FEFF}date,sku,quantity,price,promotion,available\r\n"
    for d in 0..<40 {
      let date = CalendarDate(iso: "2024-03-01")!.adding(days: d)
      t += "\(date),A,\(d % 7),\(d % 5 == 0 ? "" : "2.5"),\(d % 9 == 0 ? 1 : 0),\(d % 13 == 4 ? 0 : 1)\r\n"
      if d % 3 == 0 { t += "\(date),\"B, \"\"big\"\"\nbox\",\(d * 2),3,,1\r\n" }
      if d % 10 == 0 { t += "\r\n" }
      t += "\(date),C,\(100 + d),,,\n"
    }
    return t
  }()

  static func same(_ a: SalesHistory, _ b: SalesHistory) -> Bool {
    guard a.series.count == b.series.count, a.firstDate == b.firstDate, a.lastDate == b.lastDate else { return false }
    return zip(a.series, b.series).allSatisfy { x, y in
      x.sku == y.sku && x.node == y.node && x.firstDate == y.firstDate && x.quantity == y.quantity && x.available == y.available
        && x.promotion == y.promotion && x.price.map(\.bitPattern) == y.price.map(\.bitPattern)
    }
  }

  @Test func everyChunkSizeReadsWhatTheWholeTextGives() throws {
    let folder = ScratchFolder("stream")
    defer { folder.remove() }
    folder.write("s.csv", Self.text)
    let whole = try SalesHistory.parse(text: Self.text, name: "s.csv")
    #expect(whole.series.map(\.sku) == ["A", "B, \"big\"\nbox", "C"])
    #expect(whole.series[2].quantity == (0..<40).map { Double(100 + $0) })
    for chunk in [1, 2, 3, 7, 64, 1000, 1 << 20] {
      let streamed = try SalesHistory.read(path: folder.path + "s.csv", name: "s.csv", knownSKUs: nil, chunkBytes: chunk)
      #expect(Self.same(streamed, whole), "chunk \(chunk)")
    }
  }

  @Test(arguments: [1, 5, 64, 1 << 20])
  func errorsKeepTheirLineAndColumnWhateverTheChunk(chunk: Int) {
    let folder = ScratchFolder("stream-error")
    defer { folder.remove() }
    // Line 1 header, lines 2-31 good rows, line 32 a bad quantity in column 3.
    var t = "date,sku,quantity\n"
    for d in 0..<30 { t += "\(CalendarDate(iso: "2024-01-01")!.adding(days: d)),A,\(d)\n" }
    t += "2024-02-01,A,1e999\n2024-02-02,A,1\n"
    folder.write("s.csv", t)
    #expect(throws: ScenarioErrors.self) { _ = try SalesHistory.read(path: folder.path + "s.csv", name: "s.csv", knownSKUs: nil, chunkBytes: chunk) }
    do {
      _ = try SalesHistory.read(path: folder.path + "s.csv", name: "s.csv", knownSKUs: nil, chunkBytes: chunk)
    } catch {
      #expect("\(error)".contains("s.csv:32:3 'quantity'"), "\(error)")
    }
    // An unclosed quote on line 3 is reported there, after reading to the end of the file.
    folder.write("q.csv", "date,sku,quantity\n2024-01-01,A,1\n2024-01-02,\"A,2\n2024-01-03,A,3\n")
    do {
      _ = try SalesHistory.read(path: folder.path + "q.csv", name: "q.csv", knownSKUs: nil, chunkBytes: chunk)
      Issue.record("accepted an unclosed quote")
    } catch {
      #expect("\(error)".contains("q.csv:3:2"), "\(error)")
    }
  }
}
