import Foundation
import _TestSupport

/// Fixture loading and a seeded Gaussian generator for the ARIMA tests.
enum ARIMAFixtures {
  static var directory: String { SourceTree.root() + "/Tests/ForecastingTests/Fixtures/arima" }

  /// Reads a one-column CSV with `#` comment lines and a header.
  static func series(_ relativePath: String) -> [Double] {
    let text = try! String(contentsOfFile: directory + "/" + relativePath, encoding: .utf8)
    return text.split(separator: "\n").compactMap { line in
      line.hasPrefix("#") ? nil : Double(line.trimmingCharacters(in: .whitespaces))
    }
  }

  /// Parses a JSON fixture.
  static func json(_ relativePath: String) -> [String: Any] {
    let data = try! Data(contentsOf: URL(fileURLWithPath: directory + "/" + relativePath))
    return try! JSONSerialization.jsonObject(with: data) as! [String: Any]
  }
}

/// A small seeded generator (SplitMix64) with Box–Muller normals, independent of the code under test.
struct ARIMATestGaussian {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func nextUInt64() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
  mutating func uniform() -> Double { (Double(nextUInt64() >> 11) + 0.5) / 9_007_199_254_740_992.0 }
  mutating func normal() -> Double {
    let u1 = uniform(), u2 = uniform()
    return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
  }

  /// Simulates `n` values of φ(B)y = θ(B)ε with unit-variance noise after a burn-in of 500.
  mutating func arma(n: Int, ar: [Double], ma: [Double], mean: Double = 0) -> [Double] {
    let burn = 500
    var y = [Double](repeating: 0, count: n + burn)
    var e = [Double](repeating: 0, count: n + burn)
    for t in 0..<(n + burn) {
      e[t] = normal()
      var s = e[t]
      for (i, a) in ar.enumerated() where t - i - 1 >= 0 { s += a * y[t - i - 1] }
      for (j, b) in ma.enumerated() where t - j - 1 >= 0 { s += b * e[t - j - 1] }
      y[t] = s
    }
    return y.suffix(n).map { $0 + mean }
  }
}
