import Experiments
import Scenarios
import Replenishment
import SupplyModel

/// Forecast accuracy beside the KPIs: for every policy that follows a forecaster, its accuracy
/// on the end of the sales history (`HoldoutAccuracy`, when the scenario has one) and on the
/// simulated days (each day against the forecast of the last refit before it), pooled over SKUs
/// and as a distribution over SKUs, with the empirical coverage of its 80% and 95% intervals;
/// for a conformally calibrated policy also the coverage of its calibrated safety-stock bound
/// beside the nominal level and the raw bound's (`ForecastErrorTotals.recordBound`).
struct ForecastAccuracyFigures {
  /// One forecasting policy's figures.
  struct Policy {
    /// Index into `result.outcomes`.
    var outcome: Int
    /// The forecaster's label.
    var forecaster: String
    /// Pooled over SKUs on the history's holdout; nil without a history.
    var holdout: ForecastAccuracy?
    /// Per SKU on the holdout (network order), nil without a history.
    var holdoutPerSKU: [ForecastAccuracy]?
    /// Pooled over SKUs on the simulated days, mean over replications.
    var simulated: ForecastAccuracy?
    /// Per SKU on the simulated days (the first stocking node's), mean over replications.
    var simulatedPerSKU: [ForecastAccuracy]?
  }

  /// The forecasting policies, in scenario order.
  var policies: [Policy]
  /// Whether some policy calibrates its safety-stock spread (`"calibration": "conformal"`): then
  /// the coverage of its calibrated bound is reported too.
  var calibrated: Bool

  /// The figures of `result`.
  init(result: ExperimentResult) {
    let skus = result.scenario.network.skus.count
    calibrated = result.outcomes.contains { ($0.definition.model.forecast?.calibration ?? .none) != .none }
    policies = result.outcomes.indices.compactMap { i in
      let outcome = result.outcomes[i]
      guard let settings = outcome.definition.model.forecast else { return nil }
      let holdout = i < result.holdout.count ? result.holdout[i] : nil
      var simulatedPerSKU: [ForecastAccuracy]?
      if let perReplication = outcome.forecastErrors, !perReplication.isEmpty, perReplication.allSatisfy({ $0.count.count >= skus }) {
        simulatedPerSKU = (0..<skus).map { k in ForecastAccuracy.mean(perReplication.map { $0.accuracy(skus: k..<(k + 1)) })! }
      }
      return Policy(outcome: i, forecaster: settings.label, holdout: holdout?.accuracy(),
                    holdoutPerSKU: holdout.map { h in (0..<skus).map { h.accuracy(skus: $0..<($0 + 1)) } },
                    simulated: outcome.meanForecastAccuracy, simulatedPerSKU: simulatedPerSKU)
    }
  }

  /// The 10th, 50th and 90th percentiles (linear interpolation) of the finite values, or nil.
  static func percentiles(_ values: [Double]) -> (p10: Double, median: Double, p90: Double)? {
    let v = values.filter(\.isFinite).sorted()
    guard !v.isEmpty else { return nil }
    func q(_ p: Double) -> Double {
      let x = p * Double(v.count - 1)
      let i = Int(x.rounded(.down)), j = min(i + 1, v.count - 1)
      return v[i] + (x - Double(i)) * (v[j] - v[i])
    }
    return (q(0.1), q(0.5), q(0.9))
  }

  /// The per-SKU columns `kpis.csv` appends when some policy follows a forecaster.
  static let csvColumns = ["holdoutMASE", "holdoutWAPE", "holdoutRMSE", "holdoutBias", "holdoutCoverage80", "holdoutCoverage95",
                           "forecastMASE", "forecastWAPE", "forecastRMSE", "forecastBias", "forecastCoverage80", "forecastCoverage95"]

  /// The per-SKU columns `kpis.csv` appends when some policy calibrates, after `csvColumns`: the
  /// calibrated bound's nominal level, its coverage and the raw bound's coverage on the
  /// simulated days.
  static let boundColumns = ["forecastBoundLevel", "forecastBoundCoverage", "forecastRawBoundCoverage"]

  /// The accuracy columns of this result's `kpis.csv`.
  var columns: [String] { Self.csvColumns + (calibrated ? Self.boundColumns : []) }

  /// The `boundColumns` cells of `a` (nil: empty cell).
  static func boundCells(_ a: ForecastAccuracy?) -> [Double?] {
    guard let a, a.boundDays > 0 else { return Array(repeating: nil, count: boundColumns.count) }
    return [a.boundLevel, a.boundCoverage, a.rawBoundCoverage].map { v in v.flatMap { $0.isFinite ? $0 : nil } }
  }

  /// One block of `csvColumns` (MASE, WAPE, RMSE, bias, 80% and 95% coverage) of `a`; nil
  /// cells where a figure is undefined or nothing was scored.
  static func csvCells(_ a: ForecastAccuracy?) -> [Double?] {
    guard let a, a.days > 0 else { return Array(repeating: nil, count: csvColumns.count / 2) }
    return [a.mase, a.wape, a.rmse, a.bias, a.coverage80, a.coverage95].map { $0.isFinite ? $0 : nil }
  }

  /// The values of `csvColumns` for SKU `k` of outcome `outcome` (nil: empty cell).
  func csvValues(outcome: Int, sku k: Int) -> [Double?] {
    guard let p = policies.first(where: { $0.outcome == outcome }) else { return Array(repeating: nil, count: columns.count) }
    return Self.csvCells(p.holdoutPerSKU?[k]) + Self.csvCells(p.simulatedPerSKU?[k]) + (calibrated ? Self.boundCells(p.simulatedPerSKU?[k]) : [])
  }

  /// The `csvColumns` cells of outcome `outcome`'s TOTAL row: figures pooled over SKUs.
  func csvTotals(outcome: Int) -> [String] {
    guard let p = policies.first(where: { $0.outcome == outcome }) else { return Array(repeating: "", count: columns.count) }
    return (Self.csvCells(p.holdout) + Self.csvCells(p.simulated) + (calibrated ? Self.boundCells(p.simulated) : [])).map { $0.map(NumberFormat.shortest) ?? "" }
  }
}

extension RunReport {
  /// `forecastAccuracy` of outcome `i` in `summary.json` from `figures` (computed once for every
  /// policy), nil for a policy without a forecaster.
  static func forecastAccuracyJSON(_ figures: ForecastAccuracyFigures, outcome i: Int) -> JSONValue? {
    guard let p = figures.policies.first(where: { $0.outcome == i }) else { return nil }
    func block(_ a: ForecastAccuracy?, _ perSKU: [ForecastAccuracy]?) -> JSONValue {
      guard let a else { return .null }
      var members: [(key: String, value: JSONValue)] = [
        ("skuDays", JSONWriter.number(a.days)), ("mase", JSONWriter.number(a.mase)), ("rmse", JSONWriter.number(a.rmse)),
        ("mae", JSONWriter.number(a.mae)), ("bias", JSONWriter.number(a.bias)), ("wape", JSONWriter.number(a.wape)),
        ("coverage80", JSONWriter.number(a.coverage80)), ("coverage95", JSONWriter.number(a.coverage95)),
      ]
      if a.boundDays > 0 {
        func optional(_ x: Double?) -> JSONValue { x.map { JSONWriter.number($0) } ?? .null }
        members += [("boundDays", JSONWriter.number(a.boundDays)), ("boundLevel", optional(a.boundLevel)),
                    ("boundCoverage", optional(a.boundCoverage)), ("rawBoundCoverage", optional(a.rawBoundCoverage))]
      }
      if let perSKU {
        var distribution: [(key: String, value: JSONValue)] = []
        for (name, values) in [("mase", perSKU.map(\.mase)), ("wape", perSKU.map(\.wape)), ("coverage80", perSKU.map(\.coverage80))] {
          if let q = ForecastAccuracyFigures.percentiles(values) {
            distribution.append((name, .object([("p10", JSONWriter.number(q.p10)), ("median", JSONWriter.number(q.median)), ("p90", JSONWriter.number(q.p90))])))
          }
        }
        members.append(("perSKU", .object(distribution)))
      }
      return .object(members)
    }
    return .object([
      ("model", .string(p.forecaster)),
      ("holdout", block(p.holdout, p.holdoutPerSKU)),
      ("simulated", block(p.simulated, p.simulatedPerSKU)),
    ])
  }

  /// "Forecast accuracy beside the KPIs" in `report.md`; empty without forecasting policies.
  func forecastAccuracySection() -> String {
    let figures = ForecastAccuracyFigures(result: result)
    guard !figures.policies.isEmpty else { return "" }
    var md = "## Forecast accuracy beside the KPIs\n\n"
    md += Self.accuracyLede(hasHoldout: figures.policies.contains { $0.holdout != nil }) + "\n\n"
    var table = TextTable(header: Self.accuracyHeader, rightAligned: [false, false] + Array(repeating: true, count: Self.accuracyHeader.count - 2))
    for row in accuracyRows(figures) { table.rows.append(row) }
    md += table.markdown() + "\n"
    let bounds = boundRows(figures)
    if !bounds.isEmpty {
      md += Self.boundLede + "\n\n"
      var t = TextTable(header: Self.boundHeader, rightAligned: [false] + Array(repeating: true, count: Self.boundHeader.count - 1))
      t.rows = bounds
      md += t.markdown() + "\n"
    }
    return md
  }

  /// Columns of the calibrated-bound table (Markdown and HTML).
  static let boundHeader = ["Policy", "Decision days", "Nominal level", "Calibrated bound coverage", "Raw bound coverage"]

  /// What the calibrated-bound table shows.
  static let boundLede = "Calibrated safety-stock bound (policies with \"calibration\": \"conformal\"), simulated days after warm-up: every decision day t, once its protection interval has passed, compares the demand of days t + 1 … t + ⌊P⌋ (P = lead time + review − 1) with the one-sided bound F + z·c·σ the policy used (F the last refit's forecast of those days, σ its uncalibrated spread, c the conformal factor, z the normal quantile of the nominal level: the cycle service level, the fill-rate target or the newsvendor ratio) and with the raw bound F + z·σ. Coverage is the share of days at or below the bound; a calibrated bound within sampling error of its nominal level is doing its job. Mean over replications."

  /// The rows of the calibrated-bound table: per calibrated policy with scored days, its
  /// decision days, nominal level and the coverage of the calibrated and the raw bound.
  func boundRows(_ figures: ForecastAccuracyFigures) -> [[String]] {
    figures.policies.compactMap { p in
      guard let a = p.simulated, a.boundDays > 0 else { return nil }
      func pct(_ x: Double?) -> String { x.map { $0.isFinite ? NumberFormat.percent($0, 1) : "–" } ?? "–" }
      return ["\(result.outcomes[p.outcome].name) (\(p.forecaster))", NumberFormat.grouped(Double(a.boundDays), 0), pct(a.boundLevel),
              pct(a.boundCoverage), pct(a.rawBoundCoverage)]
    }
  }

  /// Columns of the accuracy table (Markdown and HTML).
  static let accuracyHeader = ["Policy", "Forecast on", "Total cost", "Fill rate", "CSL", "SKU-days", "MASE", "MASE per SKU p10–p50–p90",
                               "WAPE", "RMSE", "Bias", "80% PI coverage", "95% PI coverage"]

  /// The rows of the accuracy table: per forecasting policy, one for the holdout (when the
  /// scenario has a history) and one for the simulated days.
  func accuracyRows(_ figures: ForecastAccuracyFigures) -> [[String]] {
    var rows: [[String]] = []
    for p in figures.policies {
      let o = result.outcomes[p.outcome]
      let kpis = [NumberFormat.grouped(o.summary(of: "totalCost").mean, 0), NumberFormat.percent(o.summary(of: "fillRate").mean, 2),
                  NumberFormat.percent(o.summary(of: "cycleServiceLevel").mean, 1)]
      func row(_ label: String, _ a: ForecastAccuracy?, _ perSKU: [ForecastAccuracy]?, first: Bool) -> [String]? {
        guard let a else { return nil }
        let spread = ForecastAccuracyFigures.percentiles(perSKU?.map(\.mase) ?? []).map {
          "\(NumberFormat.fixed($0.p10, 2))–\(NumberFormat.fixed($0.median, 2))–\(NumberFormat.fixed($0.p90, 2))"
        } ?? "–"
        func pct(_ x: Double) -> String { x.isFinite ? NumberFormat.percent(x, 1) : "–" }
        func num(_ x: Double, _ d: Int) -> String { x.isFinite ? NumberFormat.fixed(x, d) : "–" }
        return [first ? "\(o.name) (\(p.forecaster))" : "", label] + (first ? kpis : ["", "", ""]) + [
          NumberFormat.grouped(Double(a.days), 0), num(a.mase, 3), spread, pct(a.wape), num(a.rmse, 2), num(a.bias, 2),
          pct(a.coverage80), pct(a.coverage95)]
      }
      let holdout = row("history holdout", p.holdout, p.holdoutPerSKU, first: true)
      if let holdout { rows.append(holdout) }
      if let simulated = row("simulated days", p.simulated, p.simulatedPerSKU, first: holdout == nil) { rows.append(simulated) }
    }
    return rows
  }

  /// What the accuracy table shows.
  static func accuracyLede(hasHoldout: Bool) -> String {
    var text = ""
    if hasHoldout {
      text += "History holdout: each forecaster fitted as its policy fits it (with the history's promotion calendar), at \(ForecastHoldout.reportOrigins) origins spaced by its refit interval at the end of the sales history, each forecasting the next ⌊lead time + review − 1⌋ days (at least 1) inside the history; MASE scales the MAE by the in-sample mean absolute one-day change of each fit window. "
    }
    text += "Simulated days: each measured day against the forecast of the last refit before it; MASE scales by the one-day naive forecast on the same days. "
    text += "Errors are actual − forecast in units per day (bias > 0: under-forecast); WAPE = Σ|error| / Σ demand. PI coverage: share of days whose demand fell inside the forecaster's central 80% and 95% prediction intervals (nominal 80% and 95%; days forecast by the running mean before a fit are not counted). MASE per SKU: 10th, 50th and 90th percentile over SKUs. Costs and service are the run's KPIs for comparison."
    return text
  }
}
