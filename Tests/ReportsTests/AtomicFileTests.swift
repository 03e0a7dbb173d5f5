import Testing
import Foundation
@testable import Reports

@Test func atomicWriteReplacesWholeFile() throws {
  let path = NSTemporaryDirectory() + "supplysim-atomic-\(UInt32.random(in: 0...UInt32.max)).txt"
  try AtomicFile.write("first", to: path)
  try AtomicFile.write("second", to: path)
  #expect(try String(contentsOfFile: path, encoding: .utf8) == "second")
  try? FileManager.default.removeItem(atPath: path)
}
