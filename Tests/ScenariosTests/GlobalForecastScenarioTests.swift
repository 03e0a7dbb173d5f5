import Foundation
import Testing
@testable import Scenarios
@testable import SupplyModel
@testable import Replenishment

/// `"global": true` on a forecast-driven policy: one LSTM/GRU across the catalogue.
@Suite struct GlobalForecastScenarioTests {
  static func scenario(forecast: String) -> String {
    """
    {"name": "g", "seed": 3, "horizonDays": 20, "startDate": "2025-01-01", "history": {"file": "sales.csv"},
     "suppliers": [{"id": "s", "leadTime": {"distribution": "deterministic", "mean": 2}}],
     "skus": [{"id": "A", "supplier": "s", "demand": {"source": "bootstrap"}, "unitCost": 1, "holdingCostPerUnitDay": 0.01, "backorderCostPerUnitDay": 0.5},
              {"id": "B", "supplier": "s", "demand": {"source": "bootstrap"}, "unitCost": 1, "holdingCostPerUnitDay": 0.01, "backorderCostPerUnitDay": 0.5}],
     "policies": [{"name": "g", "type": "sS", "fillRate": 0.95, "forecast": \(forecast)}]}
    """
  }

  static func load(_ json: String) throws(ScenarioErrors) -> Scenario {
    let (text, _, _) = RecordedDemandTests.history(days: 366)
    return try RecordedDemandTests.load(json, history: text)
  }

  @Test func globalLSTMIsOnePolicyOverAllSKUsAndNotSeparable() throws {
    let s = try Self.load(Self.scenario(forecast: #"{"model": "lstm", "global": true, "maxTrainingWindows": 64, "parameters": {"epochs": 2, "hidden": 4, "window": 7}}"#))
    guard let spec = s.policies[0].model as? PolicySpecification else { Issue.record("not a specification"); return }
    let policy = ScenarioPolicy.make(spec, for: s.network)
    #expect(!policy.isSeparable)
    #expect(policy.base is GlobalForecastDrivenPolicy)
    #expect(spec.forecast?.global == true && spec.forecast?.maxTrainingWindows == 64)
    #expect(spec.forecast?.label == "lstm(epochs=2, hidden=4, window=7) global")
    // Without the option the same forecaster fits per SKU and splits across threads.
    let perSKU = try Self.load(Self.scenario(forecast: #"{"model": "lstm", "parameters": {"epochs": 2, "hidden": 4, "window": 7}}"#))
    #expect(ScenarioPolicy.make(perSKU.policies[0].model, named: "p", for: perSKU.network).isSeparable)
  }

  @Test func globalTrainingSucceedsOnTheHistoryBeforeDayZero() throws {
    let s = try Self.load(Self.scenario(forecast: #"{"model": "gru", "global": true, "parameters": {"epochs": 2, "hidden": 4, "window": 7}}"#))
    let policy = ScenarioPolicy.make(s.policies[0].model, named: "g", for: s.network)
    guard var g = policy.base as? GlobalForecastDrivenPolicy else { Issue.record("not global"); return }
    #expect(g.policy.tracker.history.map(\.count) == [366, 366])
    g.observe(demand: [4, 5], day: 0)
    var orders = [0, 0]
    g.decide(InventoryState(onHand: [0, 0], onOrder: [0, 0], backordered: [0, 0]), day: 0, orders: &orders)
    #expect(g.policy.tracker.failedFits == 0)
    #expect(g.policy.tracker.forecastMeans.allSatisfy { $0.count >= 7 && $0.allSatisfy { $0.isFinite && $0 >= 0 } })
  }

  @Test(arguments: [
    (#"{"model": "auto_ets", "global": true}"#, "policies[0].forecast.global"),
    (#"{"model": "lstm", "global": true, "maxTrainingWindows": 0}"#, "policies[0].forecast.maxTrainingWindows"),
    (#"{"model": "lstm", "maxTrainingWindows": 100}"#, "policies[0].forecast.maxTrainingWindows"),
    (#"{"model": "lstm", "global": "yes"}"#, "policies[0].forecast.global"),
    (#"{"model": "lstm", "global": true, "maxTrainingWindows": 1e30}"#, "policies[0].forecast.maxTrainingWindows"),
  ])
  func badGlobalOptionsNameTheirJSONPath(forecast: String, path: String) {
    do {
      _ = try Self.load(Self.scenario(forecast: forecast))
      Issue.record("accepted \(forecast)")
    } catch {
      #expect("\(error)".contains(path), "\(error)")
    }
  }
}
