import SupplyModel
import Testing

/// Locale-free formatting, including the extremes a user's costs can reach.
@Suite struct NumberFormatTests {
  @Test func fixedRoundsHalfAwayFromZeroWithExactlyTheDigitsAsked() {
    #expect(NumberFormat.fixed(3.14159, 2) == "3.14")
    #expect(NumberFormat.fixed(2.5, 0) == "3")
    #expect(NumberFormat.fixed(-2.5, 0) == "-3")
    #expect(NumberFormat.fixed(-0.004, 2) == "0.00")
    #expect(NumberFormat.fixed(0.1, 18) == "0.100000000000000000")
    #expect(NumberFormat.grouped(1234567.8, 0) == "1,234,568")
  }

  /// An axis over costs near 1e-300 asks for about 300 decimals: the scale would overflow
  /// UInt64 (a trap the fuzz campaign found through a run report's cost chart).
  @Test func moreDigitsThanADoubleCarriesGiveTheShortestForm() {
    #expect(NumberFormat.fixed(1e-300, 302) == "1e-300")
    #expect(NumberFormat.fixed(1.5, 19) == "1.5")
    #expect(NumberFormat.grouped(2e-300, 301) == "2e-300")
    #expect(NumberFormat.fixed(7, -3) == "7")
    #expect(NumberFormat.fixed(1e300, 2) == "1e+300")
  }
}
