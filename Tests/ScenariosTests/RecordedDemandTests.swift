import Foundation
import Testing
@testable import Scenarios
@testable import SupplyModel

/// Demand replayed or bootstrapped from a sales history, checked against the history itself.
@Suite struct RecordedDemandTests {
  /// A history of `days` days from 2024-01-01 for SKUs A and B: A follows a weekly pattern
  /// (Monday 2 … Sunday 14) plus a slow wave, B a different pattern; some days are out of stock.
  static func history(days: Int) -> (text: String, a: [Int], b: [Int]) {
    var text = "date,sku,quantity,available\n"
    var a: [Int] = [], b: [Int] = []
    let start = CalendarDate(iso: "2024-01-01")!  // a Monday
    var state: UInt64 = 12345
    for d in 0..<days {
      state = state &* 6364136223846793005 &+ 1442695040888963407
      let noise = Int(state >> 61)  // 0…7
      let qa = 2 * (d % 7 + 1) + noise + (d / 60) % 3
      let qb = (d % 7 == 5 ? 9 : 1) + Int((state >> 40) % 3)
      a.append(qa)
      b.append(qb)
      let date = start.adding(days: d)
      text += "\(date),A,\(qa),\(d % 97 == 13 ? 0 : 1)\n"
      if d % 11 != 4 { text += "\(date),B,\(qb),1\n" } else { b[d] = 0 }  // a missing row is a day without sales
    }
    return (text, a, b)
  }

  static func scenario(source: String, horizon: Int, startDate: String = "2025-01-01", extraSKU: Bool = false, blockDays: Int? = nil, policy: String = #"{"name": "never", "type": "baseStock", "serviceLevel": 0.5}"#) -> String {
    let demand = #"{"source": "\#(source)"\#(blockDays.map { #", "blockDays": \#($0)"# } ?? "")}"#
    let extra = extraSKU ? #", {"id": "B", "supplier": "s", "demand": \#(demand), "unitCost": 1, "holdingCostPerUnitDay": 0.01, "backorderCostPerUnitDay": 0.5}"# : ""
    return """
    {"name": "h", "seed": 3, "horizonDays": \(horizon), "startDate": "\(startDate)", "history": {"file": "sales.csv"},
     "suppliers": [{"id": "s", "leadTime": {"distribution": "deterministic", "mean": 2}}],
     "skus": [{"id": "A", "supplier": "s", "demand": \(demand), "unitCost": 1, "holdingCostPerUnitDay": 0.01, "backorderCostPerUnitDay": 0.5, "initialOnHand": 400}\(extra)],
     "policies": [\(policy)]}
    """
  }

  static func load(_ json: String, history: String) throws(ScenarioErrors) -> Scenario {
    let folder = ScratchFolder("recorded")
    defer { folder.remove() }
    // Without SKU B in the scenario its rows would be an unknown SKU's.
    let rows = json.contains(#""id": "B""#) ? history : history.split(separator: "\n").filter { !$0.contains(",B,") }.joined(separator: "\n")
    folder.write("sales.csv", rows)
    return try Scenario.load(json: json, file: folder.path + "h.json")
  }

  @Test func replayIsTheRecordedHistoryDayByDay() throws {
    let (text, a, b) = Self.history(days: 731)
    let s = try Self.load(Self.scenario(source: "replay", horizon: 365, extraSKU: true), history: text)
    #expect(s.network.calendar.startWeekday == 2)  // 2025-01-01 is a Wednesday
    #expect(s.network.calendar.startDayOfYear == 0)
    let offset = 366  // 2024 is a leap year
    for threads in [1, 2] {
      let paths = Simulation.demandPaths(s.network, threads: threads)
      #expect(paths[0] == Array(a[offset..<(offset + 365)]))
      #expect(paths[1] == Array(b[offset..<(offset + 365)]))
    }
    // Planners see the moments of the in-stock days before day 0.
    guard case let .recorded(r) = s.network.skus[0].demand.family else { Issue.record("not recorded"); return }
    let inStockPast = (0..<offset).filter { $0 % 97 != 13 }.map { Double(a[$0]) }
    let mean = inStockPast.reduce(0, +) / Double(inStockPast.count)
    #expect(abs(r.reference - mean) < 1e-9)
    #expect(r.censoredDays == (offset..<(offset + 365)).filter { $0 % 97 == 13 }.count)
    #expect(s.network.skus[0].demand.past == a[..<offset].map(Double.init))
  }

  @Test func theHistorysPromotionsReachTheForecastersWithoutLookingAhead() throws {
    // A on promotion (uplift unknown) on the 10th of every month, selling 3× its usual days then.
    let (text, a, _) = Self.history(days: 731)
    let start = CalendarDate(iso: "2024-01-01")!
    var rows = ["date,sku,quantity,available,promotion"]
    for line in text.split(separator: "\n").dropFirst() where line.contains(",A,") {
      let cells = line.split(separator: ",")
      let date = CalendarDate(iso: String(cells[0]))!
      let d = date.daysSinceEpoch - start.daysSinceEpoch
      let promo = date.description.hasSuffix("-10")
      rows.append("\(cells[0]),A,\(promo ? 3 * a[d] : a[d]),\(cells[3]),\(promo ? 1 : 0)")
    }
    let s = try Self.load(Self.scenario(source: "replay", horizon: 365), history: rows.joined(separator: "\n"))
    let demand = s.network.skus[0].demand
    let offset = 366
    let promoDays = (0..<731).filter { start.adding(days: $0).description.hasSuffix("-10") }
    // The uplift of the unknown promotions, from the in-stock days before startDate only.
    var on = 0.0, onDays = 0.0, off = 0.0, offDays = 0.0
    for d in 0..<offset where d % 97 != 13 {
      if promoDays.contains(d) { on += Double(3 * a[d]); onDays += 1 } else { off += Double(a[d]); offDays += 1 }
    }
    let uplift = (on / onDays) / (off / offDays) - 1
    #expect(demand.pastPromotion.count == offset)
    #expect(demand.knownPromotion.count == 365)
    for d in 0..<731 {
      let expected = promoDays.contains(d) ? uplift : 0
      let got = d < offset ? demand.pastPromotion[d] : demand.knownPromotion[d - offset]
      #expect(abs(got - expected) < 1e-12, "day \(d)")
    }
  }

  /// With a policy that never orders (target 0) and 400 units on day 0, closing stock, shortages
  /// and stockout days follow from the recorded series by hand.
  @Test func replayKPIsMatchAHandComputation() throws {
    let (text, a, _) = Self.history(days: 731)
    let s = try Self.load(Self.scenario(source: "replay", horizon: 200), history: text)
    let result = Simulation.run(s.network, separable: true) { _, _ in NeverOrder() }
    let st = result.statistics[0]
    var onHand = 400, short = 0, stockoutDays = 0, holding = 0
    for d in a[366..<566] {
      let filled = min(d, onHand)
      onHand -= filled
      if d > filled { short += d - filled; stockoutDays += 1 }
      holding += onHand
    }
    #expect(st.demand == a[366..<566].reduce(0, +))
    #expect(st.unitsShort == short)
    #expect(st.stockoutDays == stockoutDays)
    #expect(st.onHandSum == holding)
    #expect(st.filledFromStock == 400)
  }

  @Test func bootstrapCopiesWeekAlignedBlocksOfThePast() throws {
    let (text, a, _) = Self.history(days: 366)
    let s = try Self.load(Self.scenario(source: "bootstrap", horizon: 700, blockDays: 10), history: text)
    let path = Simulation.demandPaths(s.network)[0]
    let dayZeroWeekday = 2  // Wednesday; the history starts on a Monday
    // Every block is a run of consecutive past days that starts on the block's own weekday.
    for block in stride(from: 0, to: 700, by: 10) {
      let piece = Array(path[block..<min(block + 10, 700)])
      let weekday = (dayZeroWeekday + block) % 7
      let starts = (0...(366 - 10)).filter { $0 % 7 == weekday }
      #expect(starts.contains { Array(a[$0..<($0 + piece.count)]).map(Double.init) == piece.map(Double.init) }, "block at \(block)")
    }
    // Weekly profile and level within sampling error of the history's.
    func weekdayMeans(_ xs: [Int], firstWeekday: Int) -> [Double] {
      (0..<7).map { w in
        let v = xs.indices.filter { ($0 + firstWeekday) % 7 == w }.map { Double(xs[$0]) }
        return v.reduce(0, +) / Double(v.count)
      }
    }
    let hist = weekdayMeans(a, firstWeekday: 0), sim = weekdayMeans(path, firstWeekday: dayZeroWeekday)
    for w in 0..<7 { #expect(abs(hist[w] - sim[w]) < 1.5, "weekday \(w): \(hist[w]) vs \(sim[w])") }
    // Block means: the mean of all simulated days against the history's (sd of a day ≈ 2.5; blocks are dependent, so 3 × a generous standard error).
    let simMean = Double(path.reduce(0, +)) / 700, histMean = Double(a.reduce(0, +)) / 366
    #expect(abs(simMean - histMean) < 3 * 2.5 * (10.0 / 700).squareRoot() * 2)
  }

  @Test func bootstrapKeepsCommonRandomNumbersAndThreadCounts() throws {
    let (text, _, _) = Self.history(days: 400)
    let one = try Self.load(Self.scenario(source: "bootstrap", horizon: 300), history: text)
    let two = try Self.load(Self.scenario(source: "bootstrap", horizon: 300, extraSKU: true), history: text)
    let p1 = Simulation.demandPaths(one.network, threads: 1), p2 = Simulation.demandPaths(two.network, threads: 2)
    #expect(p1[0] == p2[0])  // SKU A's draws do not depend on B or on threads
    #expect(p1[0] != Simulation.demandPaths(one.network, replication: 1)[0])  // a new replication resamples
  }

  @Test("rejects what cannot be built, with a sentence", arguments: [
    (#""source": "replay""#, 400, "replay needs the history up to 2026-02-04 (startDate + horizonDays − 1), but it ends on 2025-12-31; set horizonDays to at most 365 or extend the history"),
    (#""source": "replay""#, 4_000_000_000_000_000_000, "horizonDays: must be <= 36500"),  // a horizon past any date: a sentence, not a trap
    (#""source": "fitted", "blockDays": 7"#, 30, "skus[0].demand.blockDays: does not apply to fitted demand"),
    (#""source": "replya""#, 30, "unknown demand source \"replya\"; did you mean 'replay'?"),
    (#""source": "replay", "mean": 3"#, 30, "skus[0].demand.mean: does not apply to demand from the history"),
    (#""source": "bootstrap", "blockDays": 0"#, 30, "skus[0].demand.blockDays: must be >= 1, got 0"),
    (#""source": "bootstrap", "blockDays": 400"#, 30, "bootstrap with blocks of 400 days needs at least 406 days of history before startDate 2025-01-01, got 366"),
  ])
  func rejects(_ demand: String, _ horizon: Int, _ fragment: String) {
    let (text, _, _) = Self.history(days: 731)
    let json = Self.scenario(source: "replay", horizon: horizon).replacingOccurrences(of: #""source": "replay""#, with: demand)
    do {
      _ = try Self.load(json, history: text)
      Issue.record("accepted \(demand)")
    } catch {
      #expect(error.errors[0].description.contains(fragment), "\(error.errors[0])")
    }
  }

  @Test func startDateConflictsAndRequirements() {
    let (text, _, _) = Self.history(days: 731)
    let withCalendar = Self.scenario(source: "replay", horizon: 30).replacingOccurrences(of: #""seed": 3,"#, with: #""seed": 3, "calendar": {"startWeekday": "monday"},"#)
    #expect(throws: ScenarioErrors.self) { try Self.load(withCalendar, history: text) }
    do { _ = try Self.load(withCalendar, history: text) } catch {
      #expect(error.errors[0].description.hasSuffix("calendar: conflicts with startDate, which already places day 0 in the week and the year; remove one of them"))
    }
    let badDate = Self.scenario(source: "replay", horizon: 30, startDate: "2025-02-30")
    do { _ = try Self.load(badDate, history: text); Issue.record("accepted") } catch {
      #expect(error.errors[0].description.hasSuffix("startDate: expected a date yyyy-mm-dd that exists, got \"2025-02-30\""))
    }
    let noDate = Self.scenario(source: "replay", horizon: 30).replacingOccurrences(of: #""startDate": "2025-01-01","#, with: "")
    do { _ = try Self.load(noDate, history: text); Issue.record("accepted") } catch {
      #expect(error.errors[0].description.contains("history: needs \"startDate\""))
    }
  }
}
