#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
import Stochastics
import SupplyModel
@testable import DemandFitting

@Suite struct ProfileTests {
  @Test func weeklyFactorsRecovered() {
    let raw = [0.6, 0.8, 1.0, 1.0, 1.1, 1.6, 0.9]
    let weekly = raw.map { $0 / (raw.reduce(0, +) / 7) }
    let calendar = SimulationCalendar(startWeekday: 3, startDayOfYear: 40)
    let model = DemandModel(family: .negativeBinomial(dispersion: 5), profile: DemandProfile(base: 20, weekly: weekly))
    let y = simulate(model, days: 1400, calendar: calendar, seed: 2)
    let fit = DemandFitter().fit(DemandHistory(quantities: y, calendar: calendar))
    // Each factor rests on 200 days of mean m = 20·f with NB variance m + m²/5: its SE is about
    // f·sqrt((m + m²/5)/200)/m (ignoring the small error of the normalising level).
    for d in 0..<7 {
      let m = 20 * weekly[d]
      let se = weekly[d] * ((m + m * m / 5) / 200).squareRoot() / m
      #expect(abs(fit.weekly[d] - weekly[d]) < 4 * se, "weekday \(d): \(fit.weekly[d]) vs \(weekly[d]), SE \(se)")
    }
    #expect(within(fit.level, 20), "\(fit.level)")
  }

  @Test func promotionUpliftRecovered() {
    var rng = Xoshiro256(seed: 77)
    let promotion = (0..<1200).map { _ in rng.nextUnit() < 0.12 }
    let model = DemandModel(family: .poisson, profile: DemandProfile(base: 6))
    let y = simulate(model, days: 1200, seed: 12, promotion: promotion, uplift: 2.5)
    let fit = DemandFitter().fit(DemandHistory(quantities: y, promotion: promotion))
    let uplift = try! #require(fit.promotionUplift)
    #expect(within(uplift, 2.5), "\(uplift)")
    #expect(within(fit.level, 6), "\(fit.level)")
  }

  @Test func priceElasticityRecovered() {
    var rng = Xoshiro256(seed: 78)
    let price = (0..<1000).map { _ in [4.0, 5.0, 6.0][rng.nextInt(below: 3)] }
    var sampler = DemandSampler(.poisson)
    let y = price.map { p in sampler.sample(mean: 10 * pow(p / 5, -1.5), using: &rng) }
    let fit = DemandFitter().fit(DemandHistory(quantities: y, price: price))
    let e = try! #require(fit.priceElasticity)
    #expect(within(e, -1.5), "\(e)")
    #expect(fit.referencePrice == 5)
  }

  @Test func significantTrendIsKeptAndItsSlopeRecovered() {
    let model = DemandModel(family: .poisson, profile: DemandProfile(base: 10, trendPerDay: 0.01))
    let y = simulate(model, days: 1000, seed: 31)
    let fit = DemandFitter().fit(DemandHistory(quantities: y))
    let test = try! #require(fit.trendTest)
    #expect(test.kept)
    #expect(within(test.perDay, 0.01), "\(test.perDay)")
    #expect(within(fit.level, 10), "\(fit.level)")
    // Continuing after the history: the level there is base + slope·1000 ≈ 20.
    #expect(abs(fit.profile(fromDay: 1000).base - 20) < 1.5)
  }

  @Test func yearlyWaveIsKeptOnlyWhenPresent() {
    let calendar = SimulationCalendar(startWeekday: 0, startDayOfYear: 100)
    let wave = YearlySeasonality.fourier([(0.3, -0.2)])
    let model = DemandModel(family: .negativeBinomial(dispersion: 4), profile: DemandProfile(base: 12, yearly: wave))
    let y = simulate(model, days: 1100, calendar: calendar, seed: 41)
    let fit = DemandFitter().fit(DemandHistory(quantities: y, calendar: calendar))
    #expect(fit.yearlyTest?.kept == true)
    guard case let .fourier(terms)? = fit.yearly else { Issue.record("\(String(describing: fit.yearly))"); return }
    #expect(abs(terms[0].cos - 0.3) < 0.05 && abs(terms[0].sin + 0.2) < 0.05, "\(terms)")
    #expect(abs(terms[1].cos) < 0.05 && abs(terms[1].sin) < 0.05, "\(terms)")
    let flat = simulate(DemandModel(family: .negativeBinomial(dispersion: 4), profile: DemandProfile(base: 12)), days: 1100, seed: 42)
    let none = DemandFitter().fit(DemandHistory(quantities: flat, calendar: calendar))
    #expect(none.yearlyTest?.kept == false)
    #expect(none.yearly == nil)
  }

  @Test func shortHistoriesFitNoYearlyWave() {
    let y = simulate(DemandModel(family: .poisson, profile: DemandProfile(base: 3)), days: 400, seed: 1)
    let fit = DemandFitter().fit(DemandHistory(quantities: y))
    #expect(fit.yearlyTest == nil && fit.yearly == nil)
  }

  /// Stock runs out on 40% of days at a cap below the mean: sales understate demand, the
  /// censored likelihood does not.
  @Test("censoring correction recovers the mean", arguments: [DemandFamily.poisson, .negativeBinomial(dispersion: 3)])
  func censoredMeanRecovered(family: DemandFamily) {
    let demand = simulate(DemandModel(family: family, profile: DemandProfile(base: 10)), days: 1500, seed: 51)
    var rng = Xoshiro256(seed: 52)
    var sales: [Int] = [], available: [Bool] = []
    for d in demand {
      let stock = rng.nextUnit() < 0.4 ? 8 : Int.max
      sales.append(min(d, stock))
      available.append(d < stock)
    }
    let fit = DemandFitter().fit(DemandHistory(quantities: sales, available: available))
    let naive = Double(sales.reduce(0, +)) / Double(sales.count)
    #expect(naive < 9.2, "naive mean \(naive) should be visibly biased")
    #expect(within(fit.level, 10), "\(fit.level), naive \(naive)")
    #expect(fit.censoredDays > 100)
  }

  @Test func fittedModelRegeneratesItsOwnMeanAndFamily() {
    let weekly = [0.8, 0.9, 1.0, 1.0, 1.1, 1.3, 0.9]
    let truth = DemandModel(family: .negativeBinomial(dispersion: 2), profile: DemandProfile(base: 7, weekly: weekly.map { $0 / (7.0 / 7) }))
    let y = simulate(truth, days: 700, seed: 61)
    let fit = DemandFitter().fit(DemandHistory(quantities: y))
    let model = fit.demandModel(fromDay: 700)
    let again = simulate(model, days: 700, calendar: fit.calendar(fromDay: 700), seed: 62)
    let refit = DemandFitter().fit(DemandHistory(quantities: again, calendar: fit.calendar(fromDay: 700)))
    #expect(abs(refit.level.value - fit.level.value) < 4 * (refit.level.standardError ?? 0) + 1e-9)
    #expect(refit.family.name == fit.family.name)
  }

  @Test func batchFitIsTheSameOnOneAndTwoThreads() {
    let histories = (0..<12).map { k in
      DemandHistory(quantities: simulate(DemandModel(family: .negativeBinomial(dispersion: 1), profile: DemandProfile(base: 0.5 + Double(k))),
                                         days: 200, seed: UInt64(k)))
    }
    let one = DemandFitter().fit(histories, threads: 1)
    let two = DemandFitter().fit(histories, threads: 2)
    #expect(one == two)
  }
}
