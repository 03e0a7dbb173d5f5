#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
import SupplyModel
@testable import DemandFitting

/// The shortcuts that share work between days with equal terms (`MeanRegression` row keys,
/// `FamilyLikelihood` mean groups and censored pairs) give what the day-by-day forms give, bit
/// for bit.
@Suite struct SharedTermsTests {
  /// A history with weekdays, promotions, three prices (one the reference) and stockouts.
  static func history(days: Int = 120) -> DemandHistory {
    let quantities = (0..<days).map { ($0 * 7 + $0 / 5) % 9 }
    let available = (0..<days).map { $0 % 11 != 3 }
    let promotion = (0..<days).map { $0 % 13 == 2 || $0 % 17 == 5 }
    let price = (0..<days).map { [2.0, 2.5, 1.75][($0 / 10) % 3] }
    return DemandHistory(quantities: quantities, available: available, price: price, promotion: promotion,
                         calendar: SimulationCalendar(startWeekday: 3, startDayOfYear: 40))
  }

  @Test func keyedRowsEqualDayByDayRows() {
    let history = Self.history()
    let terms = MeanTerms(weekly: true, promotion: true, price: true, trend: false, yearly: false)
    let regression = MeanRegression(history: history, terms: terms, referencePrice: 2)
    let combinations = Set((0..<history.count).map { "\(history.calendar.weekday(ofDay: $0)) \(history.promotion[$0]) \(history.price[$0])" })
    #expect(regression.keyDay.count == combinations.count && combinations.count > 14, "keys \(regression.keyDay.count)")
    let theta = [0.7, -0.2, 0.1, 0.3, -0.4, 0.25, 0.05, 0.6, -1.3]
    var index = [Int](repeating: 0, count: 16), value = [Double](repeating: 0, count: 16)
    var seen = 0
    let ok = regression.forEachRow(theta, usedOnly: false) { t, m, ki, kv, n, key in
      seen += 1
      let r = theta.withUnsafeBufferPointer { th in
        index.withUnsafeMutableBufferPointer { ix in
          value.withUnsafeMutableBufferPointer { vx in regression.row(t, th.baseAddress!, ix.baseAddress!, vx.baseAddress!) }
        }
      }
      #expect(key == regression.rowKey[t])
      #expect(r.mean?.bitPattern == m.bitPattern, "day \(t): \(String(describing: r.mean)) vs \(m)")
      #expect(r.count == n, "day \(t)")
      for u in 0..<min(n, r.count) {
        #expect(ki[u] == index[u] && kv[u].bitPattern == value[u].bitPattern, "day \(t) entry \(u)")
      }
    }
    #expect(ok && seen == history.count)
    // With a trend every day is its own row: no keys.
    let trended = MeanRegression(history: history, terms: MeanTerms(weekly: true, promotion: true, price: true, trend: true, yearly: false),
                                 referencePrice: 2)
    #expect(trended.keyDay.isEmpty)
  }

  @Test func meanGroupsAndCensoredPairsMatchTheirDefinitions() {
    let history = Self.history()
    let means = (0..<history.count).map { [1.5, 0.25, 3.0, 0.25 + 1e-12][$0 % 4] }
    let likelihood = FamilyLikelihood(history: history, means: means)
    let exact = (0..<history.count).filter { history.isAvailable($0) }
    let distinct = Array(Set(exact.map { means[$0] })).sorted()
    #expect(likelihood.groupMean == distinct)
    for (g, mean) in distinct.enumerated() {
      let days = exact.filter { means[$0] == mean }
      #expect(likelihood.groupDays[g] == Double(days.count))
      #expect(likelihood.groupZeros[g] == Double(days.filter { history.quantities[$0] == 0 }.count))
      #expect(likelihood.groupSumY[g] == Double(days.reduce(0) { $0 + history.quantities[$1] }))
    }
    #expect(likelihood.censoredPair.count == likelihood.censored.count)
    for (i, t) in likelihood.censored.enumerated() {
      let u = likelihood.censoredPair[i]
      #expect(likelihood.pairSales[u] == history.quantities[t] && likelihood.pairMean[u] == means[t])
    }
    #expect(Set(zip(likelihood.pairSales, likelihood.pairMean).map { "\($0.0) \($0.1)" }).count == likelihood.pairSales.count)
    // Censored days enter one by one as log P(D >= sales).
    let model = CountModel.negativeBinomial(dispersion: 1.7)
    var direct = likelihood.logLikelihood(.negativeBinomial(dispersion: 1.7))
    for t in likelihood.censored { direct -= log(model.survival(atLeast: history.quantities[t], mean: means[t])) }
    let uncensored = FamilyLikelihood(history: DemandHistory(quantities: history.quantities.enumerated().map { history.isAvailable($0.offset) ? $0.element : 0 },
                                                             available: history.available), means: means)
    #expect(abs(direct - uncensored.logLikelihood(.negativeBinomial(dispersion: 1.7))) < 1e-9 * abs(direct))
  }
}
