// Compiled as another package would compile against SupplySim: `import SupplySim` only, no
// `@testable`. It is also the extension guide's example, in full (see scenarios/README.md,
// "Your own policies and forecasters").
import Foundation
import SupplySim
import Synchronization
import Testing

// MARK: A policy of our own

/// The settings of "fixedLevel": order up to `level` units, every SKU, every day.
struct FixedLevel: PolicyModel {
  var level: Int

  var summary: String { "order up to \(level) units every day" }

  func makePolicy(named name: String, for network: SupplyNetwork) -> any ReplenishmentPolicy {
    FixedLevelPolicy(name: name, level: level, skuCount: network.skus.count)
  }
}

/// The runnable policy: one call a day decides every SKU of the node.
struct FixedLevelPolicy: SeparableReplenishmentPolicy {
  var name: String
  var level: Int
  var skuCount: Int

  mutating func decide(_ state: InventoryState, day: Int, orders: inout [Int]) {
    for k in 0..<skuCount {
      let position = state.onHand[k] + state.onOrder[k] - state.backordered[k]
      if position < level { orders[k] = level - position }
    }
  }

  var parameters: PolicyParameters {
    PolicyParameters([.init(name: PolicyParameters.orderUpTo, units: Array(repeating: level, count: skuCount))])
  }

  func restricted(to range: Range<Int>) -> FixedLevelPolicy {
    FixedLevelPolicy(name: name, level: level, skuCount: range.count)
  }
}

// MARK: A forecaster of our own

/// "trailing_mean": the mean of the last `window` values, flat over the horizon, with normal
/// intervals from the one-step errors of the same rule over the history.
struct TrailingMean: Forecaster {
  var window: Int
  var name: String { "trailing_mean" }
  var minimumHistory: Int { window + 2 }

  /// Fits made with `window` 13, a window only the report test uses (tests run concurrently).
  static let fitsOfWindow13 = Atomic<Int>(0)

  func fit(_ input: ForecastInput) throws(ForecastError) -> Model {
    if window == 13 { Self.fitsOfWindow13.add(1, ordering: .relaxed) }
    let y = input.values
    guard y.count >= minimumHistory else { throw .historyTooShort(method: name, needed: minimumHistory, got: y.count) }
    func mean(endingBefore t: Int) -> Double { y[(t - window)..<t].reduce(0, +) / Double(window) }
    var fitted = Array(repeating: Double.nan, count: y.count)
    var squares = 0.0
    for t in window..<y.count {
      fitted[t] = mean(endingBefore: t)
      squares += (y[t] - fitted[t]) * (y[t] - fitted[t])
    }
    return Model(level: mean(endingBefore: y.count), sigma: (squares / Double(y.count - window)).squareRoot(), fittedValues: fitted)
  }

  struct Model: FittedForecast {
    var level: Double
    var sigma: Double
    var fittedValues: [Double]

    func predict(horizon: Int, levels: [Double]) -> Forecast {
      let mean = Array(repeating: level, count: horizon)
      let intervals = levels.map { coverage in
        let z = Normal(mean: 0, standardDeviation: 1).quantile(0.5 + coverage / 2)
        return PredictionInterval(level: coverage, lower: mean.map { $0 - z * sigma }, upper: mean.map { $0 + z * sigma })
      }
      return Forecast(mean: mean, intervals: intervals)
    }
  }
}

// MARK: Registration, once per process

enum Extensions {
  /// Registers both; later calls find them registered.
  static let registered: Bool = {
    do {
      try PolicyRegistry.register(PolicyRegistry.Entry(
        name: "fixedLevel", summary: "order up to one level for every SKU",
        keys: [("level", "the order-up-to level in units, 0 to 1,000,000")]
      ) { reader in
        guard let level = reader.int("level", min: 0, max: 1_000_000) else {
          if !reader.has("level") { reader.fail("level", "is required") }
          return nil
        }
        return FixedLevel(level: level)
      })
      try ForecasterCatalog.register(ForecasterRegistry.Entry(
        name: "trailing_mean", summary: "mean of the last window values",
        parameters: [("window", "values averaged, default 7")]
      ) { _, p throws(ForecastError) in
        TrailingMean(window: try p.int("window", min: 1) ?? 7)
      })
      return true
    } catch {
      return false
    }
  }()
}

/// Three SKUs, one supplier, Poisson demand: small enough to run in a moment.
func scenarioJSON(policies: String) -> String {
  """
  {"name": "custom", "seed": 7, "horizonDays": 200, "warmUpDays": 20, "replications": 3,
   "warehouse": {"id": "dc"}, "suppliers": [{"id": "s", "leadTime": {"distribution": "deterministic", "mean": 3}}],
   "skus": [
     {"id": "A", "supplier": "s", "demand": {"distribution": "poisson", "mean": 2}, "unitCost": 5, "holdingCostPerUnitDay": 0.01, "backorderCostPerUnitDay": 0.5, "orderCost": 10},
     {"id": "B", "supplier": "s", "demand": {"distribution": "poisson", "mean": 6}, "unitCost": 3, "holdingCostPerUnitDay": 0.01, "backorderCostPerUnitDay": 0.5, "orderCost": 10},
     {"id": "C", "supplier": "s", "demand": {"distribution": "poisson", "mean": 0.5}, "unitCost": 9, "holdingCostPerUnitDay": 0.02, "backorderCostPerUnitDay": 0.9, "orderCost": 10}],
   "policies": [\(policies)]}
  """
}

@Suite struct CustomPolicyAndForecasterTests {
  init() { #expect(Extensions.registered) }

  /// A policy of our own, named in JSON, gives exactly the KPIs of the built-in base-stock
  /// policy with the same levels, replication by replication.
  @Test func aRegisteredPolicyRunsFromJSONAndMatchesTheBuiltInEquivalent() throws {
    let json = scenarioJSON(policies: """
      {"name": "mine", "type": "fixedLevel", "level": 20},
      {"name": "builtin", "type": "baseStock", "overrides": [{"sku": "A", "S": 20}, {"sku": "B", "S": 20}, {"sku": "C", "S": 20}]}
      """)
    let scenario = try Scenario.load(json: json, file: "custom.json")
    #expect(scenario.policies[0].type == "fixedLevel")
    let result = try Experiment(scenario: scenario, replications: 3, threads: 2).run()
    let mine = result.outcomes[0], builtIn = result.outcomes[1]
    #expect(mine.totals.count == 3)
    #expect(mine.totals == builtIn.totals)
    #expect(mine.perSKU == builtIn.perSKU)
    #expect(mine.summary(of: "fillRate").mean > 0.5)
    #expect(mine.summary(of: "totalCost").interval != nil)

    let report = RunReport(result: result, version: "test")
    #expect(report.markdown().contains("**mine**: order up to 20 units every day"))
    let rows = report.kpisCSV().split(separator: "\n")
    #expect(rows[0].hasPrefix("policy,sku,reorderPoint,orderUpTo,orderQuantity,"))
    #expect(rows[1].hasPrefix("mine,A,,20,,"))
  }

  /// The type's keys are checked like every other key, with paths and suggestions.
  @Test func aRegisteredPolicysKeysAreCheckedWithPaths() {
    #expect(throws: ScenarioErrors.self) { try Scenario.load(json: scenarioJSON(policies: #"{"name": "m", "type": "fixedLevel", "levl": 20}"#), file: "c.json") }
    do {
      _ = try Scenario.load(json: scenarioJSON(policies: #"{"name": "m", "type": "fixedLevel", "levl": 20}"#), file: "c.json")
    } catch {
      #expect(error.description.contains("policies[0].levl: unknown key 'levl'; did you mean 'level'?"))
    }
    do {
      _ = try Scenario.load(json: scenarioJSON(policies: #"{"name": "m", "type": "fixedLevel", "level": -3}"#), file: "c.json")
      Issue.record("a negative level loaded")
    } catch {
      #expect(error.description.contains("policies[0].level: must be >= 0, got -3"))
    }
    do {
      _ = try Scenario.load(json: scenarioJSON(policies: #"{"name": "m", "type": "fixedLevl"}"#), file: "c.json")
      Issue.record("an unknown type loaded")
    } catch {
      #expect(error.description.contains("did you mean 'fixedLevel'?"))
    }
  }

  /// A registered name cannot be taken twice.
  @Test func registeringATakenNameFails() {
    #expect(throws: PolicyRegistry.RegistrationError.self) {
      try PolicyRegistry.register(PolicyRegistry.Entry(name: "sS", summary: "clash", keys: []) { _ in nil })
    }
    #expect(throws: ForecastError.self) {
      try ForecasterCatalog.register(ForecasterRegistry.Entry(name: "naive", summary: "clash", parameters: []) { _, _ in NaiveForecaster() })
    }
  }

  /// A forecaster of our own drives a built-in policy from JSON, and its accuracy is reported.
  @Test func aRegisteredForecasterDrivesABuiltInPolicy() throws {
    let model = try ForecasterCatalog.make(ForecasterSpec(name: "trailing_mean", parameters: ["window": 3]))
    let fitted = try model.fit([1, 2, 3, 4, 5, 6, 7, 8])
    #expect(fitted.predict(horizon: 2, levels: []).mean == [7, 7])

    let json = scenarioJSON(policies: #"{"name": "tm", "type": "RS", "reviewPeriod": 7, "serviceLevel": 0.9, "forecast": {"model": "trailing_mean", "parameters": {"window": 14}, "retrainEvery": 7}}"#)
    let scenario = try Scenario.load(json: json, file: "f.json")
    let result = try Experiment(scenario: scenario, replications: 2, threads: 1).run()
    let outcome = result.outcomes[0]
    #expect(outcome.definition.model.forecast?.label == "trailing_mean(window=14)")
    let accuracy = try #require(outcome.meanForecastAccuracy)
    #expect(accuracy.mae > 0 && accuracy.mae < 5)
    #expect(RunReport(result: result, version: "test").markdown().contains("trailing_mean(window=14)"))
  }

  /// What a report shows is recorded by the run: writing every report file after the run fits
  /// no forecaster, yet the HTML charts the forecasts against actual demand.
  @Test func writingAReportFitsNothing() throws {
    let json = scenarioJSON(policies: #"{"name": "tm", "type": "RS", "reviewPeriod": 7, "serviceLevel": 0.9, "forecast": {"model": "trailing_mean", "parameters": {"window": 13}, "retrainEvery": 7}}"#)
    let result = try Experiment(scenario: try Scenario.load(json: json, file: "f.json"), replications: 2, threads: 1, recordTrace: true).run()
    let fitsDuringRun = TrailingMean.fitsOfWindow13.load(ordering: .relaxed)
    #expect(fitsDuringRun > 0)
    #expect(!result.forecastShowcase.isEmpty)
    #expect(result.forecastShowcase.allSatisfy { $0.method == "trailing_mean(window=13)" && $0.mean.count == 28 })
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("supplysim-fits-\(ProcessInfo.processInfo.processIdentifier)").path
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try RunReport(result: result, version: "test").write(to: folder)
    #expect(TrailingMean.fitsOfWindow13.load(ordering: .relaxed) == fitsDuringRun)
    let html = try String(contentsOfFile: folder + "/report.html", encoding: .utf8)
    #expect(html.contains("trailing_mean(window=13)"))
    #expect(html.contains("id=\"forecasts\""))
  }
}
