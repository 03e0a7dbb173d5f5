#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Stochastics
import SupplyModel

extension ScenarioBuilder {
  /// The demand sources a SKU can take from the sales history.
  static let demandSources = ["replay", "bootstrap", "fitted"]
  /// Default bootstrap block length in days.
  static let defaultBlockDays = 28

  /// A path in a scenario (`history.file`, `skus.file`) relative to the scenario file's folder.
  static func resolve(_ relative: String, against scenarioFile: String) -> String {
    if relative.hasPrefix("/") { return relative }
    guard let slash = scenarioFile.lastIndex(of: "/") else { return relative }
    return String(scenarioFile[...slash]) + relative
  }

  /// Reads `startDate` (which sets the calendar) and the sales history, if given.
  mutating func readDateAndHistory() {
    if let text = spec.startDate {
      if let date = CalendarDate(iso: text) {
        startDate = date
        calendar = SimulationCalendar(startWeekday: date.weekday, startDayOfYear: min(date.dayOfYear, 364))
      } else {
        validator.fail("startDate", "expected a date yyyy-mm-dd that exists, got \"\(text)\"")
      }
      if spec.calendar != nil {
        validator.fail("calendar", "conflicts with startDate, which already places day 0 in the week and the year; remove one of them")
      }
    }
    guard let h = spec.history else { return }
    guard spec.startDate != nil else {
      validator.fail("history", "needs \"startDate\" (yyyy-mm-dd) to place day 0 in it: rows before it are the past, rows from it on the horizon")
      return
    }
    validator.require(!h.file.isEmpty, "history.file", "must name a CSV file")
    guard !h.file.isEmpty else { return }
    let path = Self.resolve(h.file, against: file)
    do {
      let read = try SalesHistory.read(path: path, name: path, knownSKUs: Set(spec.skus.map(\.id)))
      history = read
      historyPositions = read.seriesPositions()
    } catch {
      for e in error.errors { validator.fail(located: e) }
    }
  }

  /// The SKU's recorded demand before day 0 (over all its nodes), for forecasters to start
  /// from; empty when it has no rows or the history starts on or after day 0.
  func pastDemand(of sku: String) -> [Double] {
    guard let history, let startDate, let positions = historyPositions[sku] else { return [] }
    let days = startDate.daysSinceEpoch - history.firstDate.daysSinceEpoch
    guard days > 0, days <= SalesHistory.maximumSpanDays else { return [] }
    return history.totals(ofSeries: positions, from: history.firstDate, count: days).quantity
  }

  /// The SKU's promotion calendar before day 0 as a forecasting covariate, aligned with
  /// `pastDemand(of:)` (`SalesHistory.promotionCovariate`); empty without promotions.
  func pastPromotion(of sku: String) -> [Double] {
    guard let history, let startDate, let positions = historyPositions[sku] else { return [] }
    let days = startDate.daysSinceEpoch - history.firstDate.daysSinceEpoch
    guard days > 0, days <= SalesHistory.maximumSpanDays else { return [] }
    return history.promotionCovariate(ofSeries: positions, from: history.firstDate, count: days)
  }

  /// Demand taken from the sales history (`demand.source`).
  mutating func recordedDemand(_ s: DemandSpec, path: String, sku: String) -> DemandModel? {
    let before = validator.errors.count
    guard let source = s.source else {
      validator.fail("\(path).distribution", "is required (or a \"source\" in the sales history: \(Self.demandSources.joined(separator: ", ")))")
      return nil
    }
    let fields: [(String, Bool)] = [("distribution", s.distribution != nil), ("mean", s.mean != nil), ("trendPerDay", s.trendPerDay != nil),
                                    ("weekly", s.weekly != nil), ("yearly", s.yearly != nil), ("dispersion", s.dispersion != nil),
                                    ("cv", s.cv != nil), ("spread", s.spread != nil), ("values", s.values != nil), ("probabilities", s.probabilities != nil)]
    validator.absent(fields, base: path, because: "to demand from the history (source \"\(source)\"), whose days already carry their level and seasons")
    var blockDays = Self.defaultBlockDays
    switch source {
    case "replay":
      validator.absent([("blockDays", s.blockDays != nil)], base: path, because: "to replayed demand")
    case "bootstrap":
      if let b = s.blockDays {
        validator.number(Double(b), "\(path).blockDays", min: 1, max: 3650)
        blockDays = min(max(b, 1), 3650)
      }
    case "fitted":
      validator.absent([("blockDays", s.blockDays != nil)], base: path, because: "to fitted demand")
    default:
      validator.fail("\(path).source", "unknown demand source \"\(source)\"; \(suggestion(for: source, among: Self.demandSources))")
      return nil
    }
    let windows = promotionWindows(s.promotions, path: path)
    guard let history, let startDate else {
      if spec.history == nil { validator.fail("\(path).source", "needs a sales history: add \"history\": {\"file\": \"sales.csv\"} and \"startDate\" to the scenario") }
      return nil
    }
    guard validator.errors.count == before else { return nil }
    guard let positions = historyPositions[sku] else {
      validator.fail("\(path).source", "SKU \"\(sku)\" has no rows in the history \(spec.history?.file ?? ""); give it a distribution instead")
      return nil
    }
    let pastDays = startDate.daysSinceEpoch - history.firstDate.daysSinceEpoch
    guard pastDays <= SalesHistory.maximumSpanDays else {
      validator.fail("startDate", "lies \(pastDays) days after the history's first date \(history.firstDate); at most \(SalesHistory.maximumSpanDays)")
      return nil
    }
    let past = history.totals(ofSeries: positions, from: history.firstDate, count: max(0, pastDays))
    if source == "fitted" {
      return fittedDemand(sku: sku, path: path, positions: positions, history: history, startDate: startDate, windows: windows, past: past.quantity)
    }
    let horizon = spec.horizonDays
    // An out-of-range horizon is reported by `build`; nothing here may compute with it.
    guard horizon >= 1, horizon <= 36_500 else { return nil }
    var values: [Double], censored: Int, mode: RecordedDemand.Mode
    if source == "replay" {
      let lastNeeded = startDate.adding(days: horizon - 1)
      guard history.lastDate >= lastNeeded else {
        let have = max(0, history.lastDate.daysSinceEpoch - startDate.daysSinceEpoch + 1)
        validator.fail("\(path).source", "replay needs the history up to \(lastNeeded) (startDate + horizonDays − 1), but it ends on \(history.lastDate)\(have > 0 ? "; set horizonDays to at most \(have) or extend the history" : ", before startDate \(startDate); move startDate or extend the history")")
        return nil
      }
      let future = history.totals(ofSeries: positions, from: startDate, count: horizon)
      values = future.quantity
      censored = future.available.lazy.filter { !$0 }.count
      mode = .replay
    } else {
      let needed = RecordedDemand.minimumBootstrapDays(blockDays: blockDays)
      guard pastDays >= needed else {
        validator.fail("\(path).source", "bootstrap with blocks of \(blockDays) days needs at least \(needed) days of history before startDate \(startDate), got \(max(0, pastDays)); lower blockDays or move startDate later")
        return nil
      }
      values = past.quantity
      censored = past.available.lazy.filter { !$0 }.count
      mode = .bootstrap(blockDays: blockDays)
    }
    // Planners get the moments of the in-stock days before day 0 (replay with no past: of the replayed days).
    var moments = RunningMoments()
    for (q, a) in zip(past.quantity, past.available) where a { moments.add(q) }
    if moments.count == 0, mode == .replay { for q in values { moments.add(q) } }
    // A replay's promotions are planned ahead: forecasters know them, with an unknown uplift
    // estimated on the days before startDate only.
    var known: [Double] = []
    if mode == .replay {
      let before = max(0, pastDays)
      let calendar = history.promotionCovariate(ofSeries: positions, from: startDate.adding(days: -before), count: before + horizon, estimateDays: before)
      if !calendar.isEmpty, calendar[before...].contains(where: { $0 != 0 }) { known = Array(calendar[before...]) }
    }
    let recorded = RecordedDemand(mode: mode, values: values, firstWeekday: history.firstDate.weekday, dayZeroWeekday: startDate.weekday,
                                  reference: moments.mean, dailyVariance: moments.variance, censoredDays: censored)
    var model = DemandModel(family: .recorded(recorded), profile: DemandProfile(base: moments.mean, windows: windows), past: past.quantity)
    model.knownPromotion = known
    return model
  }
}

