/// Small data checks shared by the ARIMA code.
enum ARIMAData {
  /// True when all values are equal (or there are none).
  static func isConstant(_ x: [Double]) -> Bool {
    guard let first = x.first else { return true }
    return x.allSatisfy { $0 == first }
  }
}
