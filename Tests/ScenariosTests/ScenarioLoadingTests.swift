import Testing
import Foundation
@testable import Scenarios
import Replenishment
@testable import SupplyModel
import _TestSupport

@Suite struct ScenarioLoadingTests {
  static let minimal = """
  {
    "name": "mini", "seed": 1, "horizonDays": 60, "warmUpDays": 5,
    "suppliers": [{"id": "acme", "leadTime": {"distribution": "gamma", "mean": 4, "sd": 1}}],
    "skus": [
      {"id": "A", "supplier": "acme", "demand": {"distribution": "poisson", "mean": 3}, "unitCost": 2, "holdingCostPerUnitDay": 0.01},
      {"id": "B", "supplier": "acme", "demand": {"distribution": "negativeBinomial", "mean": 5, "dispersion": 2}, "unitCost": 2, "holdingCostPerUnitDay": 0.01}
    ],
    "policies": [{"name": "p", "type": "sS", "serviceLevel": 0.9}]
  }
  """

  /// The minimal scenario with one JSON fragment replaced.
  static func variant(_ old: String, _ new: String) -> String {
    precondition(minimal.contains(old), "fixture lacks \(old)")
    return minimal.replacingOccurrences(of: old, with: new)
  }

  static func firstError(_ json: String) -> ScenarioError? {
    do {
      _ = try Scenario.load(json: json, file: "bad.json")
      return nil
    } catch {
      return error.errors.first
    }
  }

  @Test func minimalScenarioBuildsItsNetwork() throws {
    let s = try Scenario.load(json: Self.minimal, file: "mini.json")
    #expect(s.network.skus.count == 2)
    #expect(s.network.warmUpDays == 5)
    #expect(s.network.skus[1].demand.family == .negativeBinomial(dispersion: 2))
    #expect(s.policies.count == 1)
    #expect(s.network.initialStock[0][0] == 54)  // 3/day x (4 + 14) days
  }

  @Test func negativeLeadTimeNamesThePath() {
    let e = Self.firstError(Self.variant(#""mean": 4, "sd": 1"#, #""mean": -2, "sd": 1"#))
    #expect(e?.path == "suppliers[0].leadTime.mean")
    #expect(e?.problem == "must be >= 0, got -2")
    #expect(e?.description == "bad.json: suppliers[0].leadTime.mean: must be >= 0, got -2")
  }

  @Test func skuLeadTimeOverrideIsCheckedToo() {
    let e = Self.firstError(Self.variant(#""supplier": "acme", "demand": {"distribution": "poisson""#,
                                         #""supplier": "acme", "leadTime": {"distribution": "deterministic", "mean": -2}, "demand": {"distribution": "poisson""#))
    #expect(e?.path == "skus[0].leadTime.mean")
  }

  @Test func unknownKeySuggestsTheNearestValidOne() {
    let e = Self.firstError(Self.variant(#""unitCost": 2, "holdingCostPerUnitDay": 0.01},"#, #""unitCost": 2, "holdingCostPerUnitDya": 0.01},"#))
    #expect(e?.path == "skus[0].holdingCostPerUnitDya")
    #expect(e?.problem.contains("did you mean 'holdingCostPerUnitDay'") == true)
  }

  @Test func missingKeyIsNamed() {
    let e = Self.firstError(Self.variant(#""seed": 1, "#, ""))
    #expect(e?.path == "")
    #expect(e?.problem == "missing required key 'seed'")
  }

  @Test func wrongTypeSaysWhatWasExpected() {
    let e = Self.firstError(Self.variant(#""horizonDays": 60"#, #""horizonDays": "sixty""#))
    #expect(e?.path == "horizonDays")
    #expect(e?.problem.hasPrefix("expected a whole number, got a string") == true)
  }

  @Test func malformedJSONGivesLineAndColumn() {
    let e = Self.firstError("{\n  \"name\": \"x\",\n  \"seed\": 1,,\n}")
    #expect(e?.problem == "malformed JSON at line 3, column 13: expected a key in double quotes, found ','")
  }

  @Test func unknownFamilyAndSupplierSuggestNames() {
    let e1 = Self.firstError(Self.variant(#""distribution": "poisson""#, #""distribution": "poison""#))
    #expect(e1?.path == "skus[0].demand.distribution")
    #expect(e1?.problem.contains("did you mean 'poisson'") == true)
    let e2 = Self.firstError(Self.variant(#""id": "A", "supplier": "acme""#, #""id": "A", "supplier": "acne""#))
    #expect(e2?.path == "skus[0].supplier")
    #expect(e2?.problem.contains("did you mean 'acme'") == true)
  }

  @Test func impossibleParametersAreRejectedWithPaths() {
    let cases: [(String, String, String)] = [
      (#""warmUpDays": 5"#, #""warmUpDays": 60"#, "warmUpDays"),
      (#""serviceLevel": 0.9"#, #""serviceLevel": 1.5"#, "policies[0].serviceLevel"),
      (#""dispersion": 2"#, #""dispersion": 0"#, "skus[1].demand.dispersion"),
      (#""type": "sS""#, #""type": "sX""#, "policies[0].type"),
      (#""mean": 5, "dispersion": 2"#, #""mean": 5, "dispersion": 2, "cv": 0.3"#, "skus[1].demand.cv"),
    ]
    for (old, new, path) in cases {
      #expect(Self.firstError(Self.variant(old, new))?.path == path, "\(new)")
    }
  }

  @Test func everyProblemIsListed() {
    let json = Self.variant(#""mean": 4, "sd": 1"#, #""mean": -2, "sd": -1"#)
    do {
      _ = try Scenario.load(json: json, file: "bad.json")
      Issue.record("expected errors")
    } catch {
      #expect(error.errors.map(\.path) == ["suppliers[0].leadTime.mean", "suppliers[0].leadTime.sd"])
    }
  }

  /// The documented promise of `planningView`: a single warehouse plans on the network itself,
  /// sharing its SKUs' storage, so that planning a million SKUs does not copy them.
  @Test func aSingleWarehousePlansOnItsOwnSKUsWithoutACopy() throws {
    for name in ["quickstart.json", "supplier-outage.json"] {
      let network = try Scenario.load(path: SourceTree.root() + "/scenarios/" + name).network
      let view = network.planningView(ofNode: 0, echelon: false)
      #expect(view.skus == network.skus, "\(name)")
      let shared = view.skus.withUnsafeBufferPointer { v in network.skus.withUnsafeBufferPointer { $0.baseAddress == v.baseAddress } }
      #expect(shared, "\(name): the view copied the SKUs")
    }
  }

  @Test func shippedScenariosAreValid() throws {
    let root = SourceTree.root()
    for name in ["quickstart.json", "forecast-lp.json", "supplier-outage.json", "retail-history.json"] {
      let s = try Scenario.load(path: root + "/scenarios/" + name)
      #expect(!s.policies.isEmpty)
    }
  }
}


@Suite struct ForecastPolicySpecTests {
  static func scenario(_ forecast: String) -> String {
    ScenarioLoadingTests.variant(#"{"name": "p", "type": "sS", "serviceLevel": 0.9}"#,
                                 #"{"name": "p", "type": "sS", "serviceLevel": 0.9, "forecast": "# + forecast + "}")
  }

  @Test func forecastPolicyBuildsWithALabel() throws {
    let s = try Scenario.load(json: Self.scenario(#"{"model": "auto_ets", "parameters": {"period": 7}, "retrainEvery": 14}"#), file: "f.json")
    #expect(s.policies[0].model.forecast?.label == "auto_ets(period=7)")
    #expect(s.policies[0].model.forecast?.retrainEvery == 14)
  }

  @Test func unknownForecasterAndParametersNameTheirPaths() {
    let e1 = ScenarioLoadingTests.firstError(Self.scenario(#"{"model": "auto_etz"}"#))
    #expect(e1?.path == "policies[0].forecast.model")
    #expect(e1?.problem.contains("did you mean 'auto_ets'") == true)
    let e2 = ScenarioLoadingTests.firstError(Self.scenario(#"{"model": "ses", "parameters": {"alpha": 2}}"#))
    #expect(e2?.path == "policies[0].forecast.parameters")
    let e3 = ScenarioLoadingTests.firstError(Self.scenario(#"{"model": "ses", "retrainEvery": 0}"#))
    #expect(e3?.path == "policies[0].forecast.retrainEvery")
    let e4 = ScenarioLoadingTests.firstError(Self.scenario(#"{"model": "ses", "retrain": 7}"#))
    #expect(e4?.path == "policies[0].forecast.retrain")
  }

  @Test func conformalCalibrationIsReadAndAnUnknownOneNamesItsPath() throws {
    let s = try Scenario.load(json: Self.scenario(#"{"model": "ses", "calibration": "conformal"}"#), file: "f.json")
    #expect(s.policies[0].model.forecast?.calibration == .conformal)
    #expect(s.policies[0].model.forecast?.label == "ses + conformal")
    let plain = try Scenario.load(json: Self.scenario(#"{"model": "ses"}"#), file: "f.json")
    #expect(plain.policies[0].model.forecast?.calibration == ForecastSettings.Calibration.none)
    let e = ScenarioLoadingTests.firstError(Self.scenario(#"{"model": "ses", "calibration": "conformall"}"#))
    #expect(e?.path == "policies[0].forecast.calibration")
    #expect(e?.problem.contains("conformal") == true)
  }
}

@Suite struct DisruptionSpecTests {
  static func scenario(_ extra: String) -> String {
    ScenarioLoadingTests.variant(#""leadTime": {"distribution": "gamma", "mean": 4, "sd": 1}}"#,
                                 #""leadTime": {"distribution": "gamma", "mean": 4, "sd": 1}, "# + extra + "}")
  }

  @Test func disruptionsBuildOnTheSupplier() throws {
    let s = try Scenario.load(json: Self.scenario(#""outages": [{"start": 5, "end": 9}], "leadTimeSpikes": [{"start": 1, "end": 2, "extraDays": 3}], "randomOutages": {"meanDaysBetween": 50, "repairDays": {"distribution": "uniform", "min": 1, "max": 4}}"#), file: "d.json")
    let d = s.network.suppliers[0].disruptions
    #expect(d.outages == [5...9])
    #expect(d.leadTimeSpikes.map(\.extraDays) == [3])
    #expect(d.randomOutages?.meanDaysBetween == 50)
  }

  @Test func badDisruptionsNameTheirPaths() {
    #expect(ScenarioLoadingTests.firstError(Self.scenario(#""outages": [{"start": 9, "end": 5}]"#))?.path == "suppliers[0].outages[0].end")
    #expect(ScenarioLoadingTests.firstError(Self.scenario(#""capacityCuts": [{"start": 1, "end": 5, "capacityPerDay": -3}]"#))?.path == "suppliers[0].capacityCuts[0].capacityPerDay")
    #expect(ScenarioLoadingTests.firstError(Self.scenario(#""randomOutages": {"meanDaysBetween": 0.5, "repairDays": {"distribution": "uniform", "min": 1, "max": 4}}"#))?.path == "suppliers[0].randomOutages.meanDaysBetween")
    #expect(ScenarioLoadingTests.firstError(Self.scenario(#""randomOutages": {"meanDaysBetween": 30, "repairDays": {"distribution": "uniform", "min": 4, "max": 1}}"#))?.path == "suppliers[0].randomOutages.repairDays.max")
  }
}

@Suite struct DemandEventSpecTests {
  static let json = """
  {"name": "events", "seed": 1, "horizonDays": 60,
   "holidays": [{"start": 30, "end": 30, "factor": 0, "name": "closed"}],
   "shocks": [{"start": 40, "end": 41, "factor": 1.5}],
   "suppliers": [{"id": "s", "leadTime": {"distribution": "deterministic", "mean": 2}}],
   "skus": [
     {"id": "A", "supplier": "s", "unitCost": 1, "holdingCostPerUnitDay": 0.01,
      "demand": {"distribution": "deterministic", "mean": 10,
                 "promotions": [{"start": 10, "end": 14, "uplift": 2, "preDip": {"days": 3, "factor": 0.5},
                                 "postDip": {"days": 4, "factor": 0.8}, "cannibalizes": [{"sku": "B", "factor": 0.75}]}]}},
     {"id": "B", "supplier": "s", "unitCost": 1, "holdingCostPerUnitDay": 0.01,
      "demand": {"distribution": "poisson", "mean": 8, "yearly": {"fourier": [[0.2, 0.0], [0.0, 0.1]]}}}
   ],
   "policies": [{"name": "p", "type": "baseStock"}]}
  """

  @Test func promotionDipsCannibalisationHolidaysAndShocksShapeTheMean() throws {
    let s = try Scenario.load(json: Self.json, file: "events.json")
    let c = s.network.calendar
    let a = s.network.skus[0].demand.profile, b = s.network.skus[1].demand.profile
    #expect((6...19).map { a.mean(onDay: $0, calendar: c) } == [10, 5, 5, 5, 20, 20, 20, 20, 20, 8, 8, 8, 8, 10])
    // B loses a quarter of its demand during A's promotion; Fourier factor on day 0 is 1 + 0.2.
    #expect(abs(b.mean(onDay: 0, calendar: c) - 8 * 1.2) < 1e-12)
    let ratio = b.mean(onDay: 12, calendar: c) / (8 * YearlySeasonality.fourier([(0.2, 0), (0, 0.1)]).factor(dayOfYear: 12))
    #expect(abs(ratio - 0.75) < 1e-12)
    #expect(a.mean(onDay: 30, calendar: c) == 0 && b.mean(onDay: 30, calendar: c) == 0)
    #expect(a.mean(onDay: 40, calendar: c) == 15)
  }

  @Test func badEventsNameTheirPaths() {
    func error(_ old: String, _ new: String) -> String? {
      do { _ = try Scenario.load(json: Self.json.replacingOccurrences(of: old, with: new), file: "e.json"); return nil }
      catch { return error.errors.first?.path }
    }
    #expect(error(#""sku": "B", "factor": 0.75"#, #""sku": "C", "factor": 0.75"#) == "skus[0].demand.promotions[0].cannibalizes[0].sku")
    #expect(error(#""days": 4, "factor": 0.8"#, #""days": 4, "factor": 1.8"#) == "skus[0].demand.promotions[0].postDip.factor")
    #expect(error(#""start": 30, "end": 30"#, #""start": 30, "end": 20"#) == "holidays[0].end")
    #expect(error(#"[[0.2, 0.0], [0.0, 0.1]]"#, #"[[0.2, 0.0, 0.3]]"#) == "skus[1].demand.yearly.fourier[0]")
  }
}
