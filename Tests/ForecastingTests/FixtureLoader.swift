import Foundation
import _TestSupport

/// Reads JSON fixtures from `Tests/ForecastingTests/Fixtures/` (located via `#filePath`).
enum Fixture {
  static func data(_ name: String, file: StaticString = #filePath) throws -> Data {
    let dir = "\(file)".split(separator: "/").dropLast().joined(separator: "/")
    return try Data(contentsOf: URL(fileURLWithPath: "/" + dir + "/Fixtures/" + name))
  }

  static func decode<T: Decodable>(_ type: T.Type, _ name: String) throws -> T {
    try JSONDecoder().decode(T.self, from: data(name))
  }
}

/// `Fixtures/ets_statsmodels.json`, written by `Fixtures/make_ets_fixture.py`.
struct ETSFixture: Decodable {
  struct Case: Decodable {
    var series: String, trend: String, seasonality: String
    var alpha: Double, beta: Double, gamma: Double, phi: Double, sse: Double
    var fixedAlpha: Double, fixedBeta: Double, fixedGamma: Double, fixedPhi: Double, fixedSSE: Double
    var fixedForecast: [Double]
  }
  var source: String
  var period: Int
  var series: [String: [Double]]
  var cases: [Case]
}
