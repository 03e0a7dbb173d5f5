import Foundation
import Testing
import DemandFitting
import Stochastics
@testable import Scenarios
@testable import SupplyModel

/// `"demand": {"source": "fitted"}`: the scenario fits each SKU's days before startDate.
@Suite struct FittedDemandTests {
  /// 420 days from 2024-01-01: A sells at two nodes, Poisson 3 a day each (so 6 in total) with a
  /// weekly pattern; B is negative binomial (mean 5, r = 1.5) and out of stock whenever demand
  /// reaches 7 on even days (sales 7, available 0).
  static func history() -> String {
    var text = "date,sku,quantity,node,available\n"
    let start = CalendarDate(iso: "2024-01-01")!  // a Monday
    let weekly = [0.8, 0.9, 1.0, 1.0, 1.1, 1.3, 0.9]
    var rng = Xoshiro256(seed: 99)
    var nb = DemandSampler(.negativeBinomial(dispersion: 1.5))
    for d in 0..<420 {
      let date = start.adding(days: d)
      for node in ["N1", "N2"] {
        text += "\(date),A,\(Poisson.sample(mean: 3 * weekly[d % 7], using: &rng)),\(node),1\n"
      }
      let demand = nb.sample(mean: 5, using: &rng)
      let cut = d % 2 == 0 && demand >= 7
      text += "\(date),B,\(cut ? 7 : demand),N1,\(cut ? 0 : 1)\n"
    }
    return text
  }

  static func scenario(startDate: String = "2025-02-25", extra: String = "") -> String {
    """
    {"name": "f", "seed": 3, "horizonDays": 60, "startDate": "\(startDate)", "history": {"file": "sales.csv"},
     "suppliers": [{"id": "s", "leadTime": {"distribution": "deterministic", "mean": 2}}],
     "skus": [{"id": "A", "supplier": "s", "demand": {"source": "fitted"\(extra)}, "unitCost": 1, "holdingCostPerUnitDay": 0.01, "backorderCostPerUnitDay": 0.5},
              {"id": "B", "supplier": "s", "demand": {"source": "fitted"}, "unitCost": 1, "holdingCostPerUnitDay": 0.01, "backorderCostPerUnitDay": 0.5}],
     "policies": [{"name": "bs", "type": "baseStock", "serviceLevel": 0.9}]}
    """
  }

  static func load(_ json: String) throws(ScenarioErrors) -> Scenario {
    let folder = ScratchFolder("fitted")
    defer { folder.remove() }
    folder.write("sales.csv", history())
    return try Scenario.load(json: json, file: folder.path + "f.json")
  }

  @Test func fittedSKUsGetTheFitsModelAndTheFitIsRecorded() throws {
    let s = try Self.load(Self.scenario())
    #expect(s.demandFits.map(\.sku) == ["A", "B"])
    let a = s.demandFits[0].fit, b = s.demandFits[1].fit
    // A: the nodes' sum, Poisson 6 with the weekly pattern (2024-01-01 is a Monday).
    #expect(a.days == 421)
    #expect(a.family == .poisson, "\(a.candidates)")
    let weekly = [0.8, 0.9, 1.0, 1.0, 1.1, 1.3, 0.9].map { $0 / 1.0 }
    for d in 0..<7 { #expect(abs(a.weekly[d] - weekly[d]) < 0.1, "weekday \(d): \(a.weekly[d])") }
    #expect(abs(a.level.value - 6) < 3 * (a.level.standardError ?? 0), "\(a.level)")
    // B: negative binomial, censored days corrected: the naive mean is biased low.
    #expect(b.censoredDays > 30)
    guard case let .negativeBinomial(r) = b.family else { Issue.record("B: \(b.family)"); return }
    #expect(abs(r.value - 1.5) < 3 * (r.standardError ?? 0), "\(r)")
    #expect(abs(b.level.value - 5) < 3 * (b.level.standardError ?? 0), "\(b.level), naive \(b.naiveMean)")
    #expect(b.naiveMean < 4.8)
    // The network's models are the fits' models from startDate on (421 days after the first).
    let skuA = s.network.skus.first { $0.id == "A" }!
    #expect(skuA.demand.family == a.family.demandFamily)
    #expect(skuA.demand.profile == a.profile(fromDay: 421))
    #expect(skuA.demand.past.count == 421)
    // Same weekday; the 365-day yearly cycle drifts a day over 2024's 29 February.
    #expect(s.network.calendar.startWeekday == a.calendar(fromDay: 421).startWeekday)
    #expect(abs(s.network.calendar.startDayOfYear - a.calendar(fromDay: 421).startDayOfYear) <= 1)
  }

  @Test func tooShortAHistoryAndBootstrapKeysAreErrors() {
    let short = #expect(throws: ScenarioErrors.self) { try Self.load(Self.scenario(startDate: "2024-01-20")) }
    #expect(short?.errors.first?.path == "skus[0].demand.source")
    #expect(short?.errors.first?.problem.contains("needs at least 28 days") == true, "\(String(describing: short))")
    let block = #expect(throws: ScenarioErrors.self) { try Self.load(Self.scenario(extra: #", "blockDays": 7"#)) }
    #expect(block?.errors.first?.path == "skus[0].demand.blockDays", "\(String(describing: block))")
  }
}
