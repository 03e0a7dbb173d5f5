import DemandFitting
import Scenarios
import SupplyModel

extension RunReport {
  /// The `demandFits` array of `summary.json`: one object per SKU whose demand was fitted to
  /// the sales history; nil when none was.
  static func demandFitsJSON(_ scenario: Scenario) -> JSONValue? {
    guard !scenario.demandFits.isEmpty else { return nil }
    func estimate(_ e: Estimate) -> JSONValue {
      .object([("value", JSONWriter.number(e.value)), ("standardError", e.standardError.map { JSONWriter.number($0) } ?? .null)])
    }
    return .array(scenario.demandFits.map { entry in
      let sku = entry.sku, f = entry.fit
      var m: [(key: String, value: JSONValue)] = [
        ("sku", .string(sku)),
        ("days", JSONWriter.number(f.days)),
        ("censoredDays", JSONWriter.number(f.censoredDays)),
        ("class", .string(f.demandClass.rawValue)),
        ("adi", f.pattern.adi.isFinite ? JSONWriter.number(f.pattern.adi) : .null),
        ("cv2", JSONWriter.number(f.pattern.cv2)),
        ("family", .string(f.family.name)),
      ]
      switch f.family {
      case let .negativeBinomial(r): m.append(("dispersion", estimate(r)))
      case let .zeroInflatedPoisson(pi): m.append(("zeroProbability", estimate(pi)))
      case let .zeroInflatedNegativeBinomial(pi, r): m.append(("zeroProbability", estimate(pi))); m.append(("dispersion", estimate(r)))
      case .poisson, .empirical: break
      }
      m.append(("levelAtHistoryStart", estimate(f.level)))
      m.append(("trendPerDay", JSONWriter.number(f.trendPerDay)))
      if let t = f.trendTest { m.append(("trendPValue", JSONWriter.number(t.pValue))) }
      m.append(("weekly", .array(f.weekly.map { JSONWriter.number($0) })))
      if let y = f.yearlyTest { m.append(("yearlyKept", .bool(y.kept))); m.append(("yearlyPValue", JSONWriter.number(y.pValue))) }
      if let u = f.promotionUplift { m.append(("promotionUplift", estimate(u))) }
      if let e = f.priceElasticity { m.append(("priceElasticity", estimate(e))) }
      m.append(("naiveMeanPerDay", JSONWriter.number(f.naiveMean)))
      m.append(("fittedMeanPerDay", JSONWriter.number(f.fittedMean)))
      if let g = f.goodnessOfFit {
        m.append(("goodnessOfFit", .object([
          ("chiSquare", JSONWriter.number(g.statistic)), ("degreesOfFreedom", JSONWriter.number(g.degreesOfFreedom)),
          ("pValue", JSONWriter.number(g.pValue)),
        ])))
      } else {
        m.append(("goodnessOfFit", .null))
      }
      m.append(("candidates", .array(f.candidates.map { c in
        .object([("family", .string(c.name)), ("logLikelihood", JSONWriter.number(c.logLikelihood)), ("aic", JSONWriter.number(c.aic))])
      })))
      return .object(m)
    })
  }
}
