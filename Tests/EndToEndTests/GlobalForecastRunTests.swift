import Foundation
import Testing
@testable import SupplySimCLI

/// `supplysim run` on a small scenario with a sales history and a global GRU policy.
@Suite(.serialized) struct GlobalForecastRunTests {
  /// Three SKUs with 120 days of history (weekly pattern at three levels) and a 14-day run.
  static func writeScenario(in dir: String) -> String {
    var csv = "date,sku,quantity\n"
    let start = DateComponents(calendar: Calendar(identifier: .gregorian), timeZone: TimeZone(identifier: "UTC"), year: 2024, month: 9, day: 3).date!
    let formatter = DateFormatter()
    formatter.dateFormat = "yyyy-MM-dd"
    formatter.timeZone = TimeZone(identifier: "UTC")
    for d in 0..<120 {
      let date = formatter.string(from: start.addingTimeInterval(Double(d) * 86_400))
      for (k, level) in [3, 10, 40].enumerated() {
        csv += "\(date),S\(k),\(level * (d % 7 == 5 ? 2 : 1) + (d * 7 + k) % 3)\n"
      }
    }
    try? csv.write(toFile: dir + "/sales.csv", atomically: true, encoding: .utf8)
    let sku = #""supplier": "s", "demand": {"source": "bootstrap", "blockDays": 14}, "unitCost": 1, "holdingCostPerUnitDay": 0.01, "backorderCostPerUnitDay": 0.5"#
    let json = """
    {"name": "global-run", "seed": 5, "horizonDays": 14, "startDate": "2025-01-01", "history": {"file": "sales.csv"},
     "suppliers": [{"id": "s", "leadTime": {"distribution": "deterministic", "mean": 2}}],
     "skus": [{"id": "S0", \(sku)}, {"id": "S1", \(sku)}, {"id": "S2", \(sku)}],
     "policies": [{"name": "sS-gru-global", "type": "sS", "fillRate": 0.95,
                   "forecast": {"model": "gru", "global": true, "retrainEvery": 7, "parameters": {"epochs": 2, "hidden": 4, "window": 7}}}]}
    """
    try? json.write(toFile: dir + "/scenario.json", atomically: true, encoding: .utf8)
    return dir + "/scenario.json"
  }

  @Test func globalGRURunsFromTheCLIAndIsTheSameOnOneAndTwoThreads() {
    let dir = temporaryDirectory("global")
    let scenario = Self.writeScenario(in: dir)
    let a = dir + "/a", b = dir + "/b"
    let one = runCLI(["run", scenario, "--out", a, "--threads", "1", "--replications", "2", "--no-daily"])
    #expect(one.code == 0, "\(one.err)")
    #expect(one.out.contains("sS-gru-global"))
    let two = runCLI(["run", scenario, "--out", b, "--threads", "2", "--replications", "2", "--no-daily"])
    #expect(two.code == 0, "\(two.err)")
    for name in ["summary.json", "kpis.csv", "report.md"] {
      #expect(read(a + "/" + name) == read(b + "/" + name), "\(name) differs between 1 and 2 threads")
    }
    let summary = String(decoding: read(a + "/summary.json") ?? Data(), as: UTF8.self)
    #expect(summary.contains("gru(epochs=2, hidden=4, window=7) global"))
  }
}
