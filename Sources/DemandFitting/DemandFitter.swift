#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Parallelism
import Stochastics
import SupplyModel

/// Fits a demand model to a daily sales history.
///
/// Steps: (1) the Syntetos–Boylan class from the uncensored days; (2) the daily mean by Poisson
/// quasi-likelihood (`MeanRegression`): weekday effects, promotion uplift, price elasticity, a
/// linear trend and two yearly harmonics, as far as the history supports them, with censored
/// days imputed by EM; (3) the count family around that mean by maximum likelihood (censored
/// days as P(D >= sales)) among Poisson and negative binomial, plus zero-inflated Poisson and
/// negative binomial for intermittent and lumpy series, chosen by AIC; with censored days, (2)
/// is redone under the chosen family; (4) Wald tests drop an insignificant trend or yearly wave
/// (then (2)–(3) are redone); (5) a chi-square goodness-of-fit test, and an empirical family
/// when the best parametric one is rejected at `empiricalBelow`.
///
/// Standard errors of the mean coefficients are sandwich estimates with the fitted family's
/// variance; those of the family parameters come from the observed information. Both ignore
/// the information lost to censoring, so they are slightly small on heavily censored series.
public struct DemandFitter: Sendable {
  /// The level of the trend and yearly tests: terms with a larger p-value are dropped.
  public var significance: Double
  /// Below this goodness-of-fit p-value the family becomes empirical.
  public var empiricalBelow: Double

  /// The fewest days a scenario fits (four weeks: one weekly cycle per weekday factor is too few).
  public static let minimumDays = 28

  /// Creates a fitter.
  public init(significance: Double = 0.01, empiricalBelow: Double = 0.001) {
    self.significance = significance
    self.empiricalBelow = empiricalBelow
  }

  /// Fits many histories on up to `threads` threads; the result does not depend on `threads`.
  public func fit(_ histories: [DemandHistory], threads: Int) -> [DemandFit] {
    Parallel.map(histories.count, threads: threads) { i in fit(histories[i]) }
  }

  /// Fits one history.
  public func fit(_ history: DemandHistory) -> DemandFit {
    let n = history.count
    let pattern = DemandPattern(quantities: history.quantities, include: history.isAvailable)
    var censored = 0, unavailable = 0, exactDays = 0, exactSales = 0.0
    for t in 0..<n {
      if history.isAvailable(t) {
        exactDays += 1
        exactSales += Double(history.quantities[t])
      } else if history.quantities[t] > 0 { censored += 1 } else { unavailable += 1 }
    }
    let naiveMean = exactDays > 0 ? exactSales / Double(exactDays) : 0
    var fit = DemandFit(days: n, censoredDays: censored, unavailableDays: unavailable, pattern: pattern, family: .poisson,
                        candidates: [], level: Estimate(0, standardError: nil), trendPerDay: 0, weekly: [],
                        yearly: nil, trendTest: nil, yearlyTest: nil, promotionUplift: nil, priceElasticity: nil,
                        referencePrice: nil, goodnessOfFit: nil, naiveMean: naiveMean, fittedMean: 0, calendar: history.calendar)
    let used = (0..<n).filter { history.isAvailable($0) || history.quantities[$0] > 0 }
    let sales = used.reduce(0.0) { $0 + Double(history.quantities[$1]) }
    guard sales > 0 else { return fit }

    // Terms the history supports.
    var referencePrice = 1.0
    var terms = MeanTerms(weekly: n >= 28, promotion: false, price: false, trend: n >= 56, yearly: n >= 700)
    if !history.promotion.isEmpty {
      let promoted = used.filter { history.promotion[$0] }.count
      terms.promotion = promoted > 0 && promoted < used.count
    }
    if !history.price.isEmpty {
      let regular = used.filter { history.promotion.isEmpty || !history.promotion[$0] }.map { history.price[$0] }.sorted()
      let prices = regular.isEmpty ? used.map { history.price[$0] }.sorted() : regular
      referencePrice = prices[prices.count / 2]
      let low = used.map { history.price[$0] }.min() ?? 1, high = used.map { history.price[$0] }.max() ?? 1
      terms.price = log(high / low) > 1e-3
      fit.referencePrice = referencePrice
    }

    var start = [Double](repeating: 0, count: terms.count)
    start[0] = log(sales / Double(used.count))
    var regression = MeanRegression(history: history, terms: terms, referencePrice: referencePrice)
    var theta: [Double]
    if let first = regression.fit(from: start, model: .poisson) {
      theta = first.theta
    } else {
      // A singular design (e.g. a price that moves only with the promotion): intercept only.
      terms = MeanTerms(weekly: false, promotion: false, price: false, trend: false, yearly: false)
      regression = MeanRegression(history: history, terms: terms, referencePrice: referencePrice)
      theta = regression.fit(from: [start[0]], model: .poisson)?.theta ?? [start[0]]
    }
    // Wald tests of the trend and the yearly wave, with a robust (sandwich) covariance that
    // holds whatever the count family: the meat weighs each day by (y − μ)², censored days by μ.
    let robust = sandwich(regression, theta) { t, m in
      guard history.isAvailable(t) else { return m }
      let d = Double(history.quantities[t]) - m
      return d * d
    }
    let weekdayEffects = terms.weekly ? [0] + Array(theta[1...6]) : [Double](repeating: 0, count: 7)
    let weekdayMean = weekdayEffects.reduce(0) { $0 + exp($1) } / 7
    let centreLevel = exp(theta[0]) * weekdayMean
    var dropTrend = false, dropYearly = false
    if terms.trend {
      let i = terms.trendIndex
      let se = robust.map { $0[i * terms.count + i].squareRoot() }
      let p = se.map { 2 * SpecialFunctions.normalSurvival(abs(theta[i]) / $0) } ?? 1
      dropTrend = !(p < significance)
      fit.trendTest = TrendTest(perDay: Estimate(centreLevel * theta[i], standardError: se.map { centreLevel * $0 }),
                                pValue: p, kept: !dropTrend)
    }
    if terms.yearly {
      let k = terms.yearlyStart, p = terms.count
      var block = [Double](repeating: 0, count: 16)
      var statistic = 0.0
      if let v = robust {
        for i in 0..<4 { for j in 0..<4 { block[i * 4 + j] = v[(k + i) * p + k + j] } }
        let a = Array(theta[k..<(k + 4)])
        if let x = SymmetricSolver.solve(block, a, size: 4) { statistic = zip(a, x).reduce(0) { $0 + $1.0 * $1.1 } }
      }
      let pValue = SpecialFunctions.chiSquareSurvival(statistic, degreesOfFreedom: 4)
      dropYearly = !(pValue < significance)
      fit.yearlyTest = YearlyTest(statistic: statistic, pValue: pValue, kept: !dropYearly)
    }
    if dropTrend || dropYearly {
      var reduced = terms
      reduced.trend = terms.trend && !dropTrend
      reduced.yearly = terms.yearly && !dropYearly
      var next = Array(theta[0..<terms.trendIndex])
      if reduced.trend { next.append(theta[terms.trendIndex]) }
      if reduced.yearly { next += theta[terms.yearlyStart..<(terms.yearlyStart + 4)] }
      let smaller = MeanRegression(history: history, terms: reduced, referencePrice: referencePrice)
      if let refit = smaller.fit(from: next, model: .poisson) {
        terms = reduced
        regression = smaller
        theta = refit.theta
      }
    }

    var means = regression.means(theta) ?? [Double](repeating: sales / Double(used.count), count: n)
    var choice = selectFamily(history: history, means: means, pattern: pattern, meanParameters: terms.count)
    if censored > 0 && choice.model != .poisson,
       let refit = regression.fit(from: theta, model: choice.model), let m = regression.means(refit.theta) {
      theta = refit.theta
      means = m
      choice = selectFamily(history: history, means: means, pattern: pattern, meanParameters: terms.count)
    }
    let model = choice.model
    let covariance = sandwich(regression, theta) { _, m in model.variance(atMean: m) }

    // The fitted profile.
    let p = terms.count
    func se(_ i: Int) -> Double? { covariance.map { $0[i * p + i].squareRoot() } }
    let effects = terms.weekly ? [0] + Array(theta[1...6]) : [Double](repeating: 0, count: 7)
    let m = effects.reduce(0) { $0 + exp($1) } / 7
    let lc = exp(theta[0]) * m
    let gamma = terms.trend ? theta[terms.trendIndex] : 0
    let tc = regression.trendCentre
    let level0 = lc * (1 - gamma * tc)
    var gradient = [Double](repeating: 0, count: p)
    gradient[0] = level0
    if terms.weekly { for d in 1...6 { gradient[d] = level0 * exp(effects[d]) / (7 * m) } }
    if terms.trend { gradient[terms.trendIndex] = -lc * tc }
    let levelVariance = covariance.map { v in
      (0..<p).reduce(0.0) { s, i in s + (0..<p).reduce(0.0) { $0 + gradient[i] * v[i * p + $1] * gradient[$1] } }
    }
    fit.level = Estimate(level0, standardError: levelVariance.map { max(0, $0).squareRoot() })
    fit.trendPerDay = lc * gamma
    fit.weekly = terms.weekly ? effects.map { exp($0) / m } : []
    if terms.yearly {
      let k = terms.yearlyStart
      fit.yearly = .fourier([(theta[k], theta[k + 1]), (theta[k + 2], theta[k + 3])])
    }
    if terms.promotion {
      let u = exp(theta[terms.promotionIndex])
      fit.promotionUplift = Estimate(u, standardError: se(terms.promotionIndex).map { u * $0 })
    }
    if terms.price { fit.priceElasticity = Estimate(theta[terms.priceIndex], standardError: se(terms.priceIndex)) }
    fit.fittedMean = means.reduce(0, +) / Double(max(n, 1))

    let likelihood = FamilyLikelihood(history: history, means: means)
    fit.candidates = choice.candidates
    fit.family = choice.family
    fit.goodnessOfFit = GoodnessOfFit.test(choice.model, parameters: choice.parameters, on: likelihood)
    if let gof = fit.goodnessOfFit, gof.pValue < empiricalBelow {
      fit.family = Self.empiricalFamily(likelihood)
    }
    return fit
  }

  /// The chosen family, its fitted form and every candidate.
  struct FamilyChoice {
    var model: CountModel
    var family: FittedFamily
    var parameters: Int
    var candidates: [FamilyCandidate]
  }

  /// Fits Poisson and negative binomial, and for sporadic series their zero-inflated forms, to
  /// the counts around `means`; picks the smallest AIC.
  func selectFamily(history: DemandHistory, means: [Double], pattern: DemandPattern, meanParameters k: Int) -> FamilyChoice {
    let likelihood = FamilyLikelihood(history: history, means: means)
    var options: [(model: CountModel, family: FittedFamily, parameters: Int, logLikelihood: Double)] = []
    options.append((.poisson, .poisson, 0, likelihood.logLikelihood(.poisson)))

    // Negative binomial: start from the moments, Σ m² / Σ((y − m)² − m).
    var excess = 0.0, squares = 0.0
    for t in likelihood.exact {
      let d = Double(likelihood.y[t]) - means[t]
      excess += d * d - means[t]
      squares += means[t] * means[t]
    }
    let r0 = excess > 0 ? min(max(squares / excess, 0.01), 1e5) : 1e5
    let logR = (lower: log(1e-3), upper: log(1e6))
    let nb = BoxNewton.maximize([log(r0)], lower: [logR.lower], upper: [logR.upper]) {
      likelihood.logLikelihood(.negativeBinomial(dispersion: exp($0[0])))
    }
    let r = exp(nb.x[0])
    let rSE = Self.standardErrors(nb.hessian, size: 1, atBound: nb.atBound).map { [r * $0[0]] }
    options.append((.negativeBinomial(dispersion: r), .negativeBinomial(dispersion: Estimate(r, standardError: rSE?[0])), 1, nb.value))

    if pattern.demandClass.isSporadic {
      // Zero inflation: start from the excess of observed over expected zeros.
      var zeros = 0.0, expectedZeros = 0.0
      for g in likelihood.groupMean.indices {
        zeros += likelihood.groupZeros[g]
        expectedZeros += likelihood.groupDays[g] * exp(-r * log1p(likelihood.groupMean[g] / r))
      }
      var poissonZeros = 0.0
      for g in likelihood.groupMean.indices { poissonZeros += likelihood.groupDays[g] * exp(-likelihood.groupMean[g]) }
      let count = Double(max(likelihood.exact.count, 1))
      let pi0 = min(max((zeros - expectedZeros) / max(count - expectedZeros, 1), 0.02), 0.9)
      let logit = (lower: -12.0, upper: 6.0)
      // A zero-inflated model can beat its base only with more zeros than the base expects:
      // without such an excess its π sits at 0 and it costs a parameter, so it is not fitted.
      if zeros > poissonZeros {
      let zip = BoxNewton.maximize([log(pi0 / (1 - pi0))], lower: [logit.lower], upper: [logit.upper]) {
        likelihood.logLikelihood(.zeroInflated(zeroProbability: Self.logistic($0[0]), dispersion: nil))
      }
      let pi = Self.logistic(zip.x[0])
      let piSE = Self.standardErrors(zip.hessian, size: 1, atBound: zip.atBound).map { pi * (1 - pi) * $0[0] }
      options.append((.zeroInflated(zeroProbability: pi, dispersion: nil),
                      .zeroInflatedPoisson(zeroProbability: Estimate(pi, standardError: piSE)), 1, zip.value))
      }
      if zeros > expectedZeros {
      let zinb = BoxNewton.maximize([log(pi0 / (1 - pi0)), nb.x[0]], lower: [logit.lower, logR.lower], upper: [logit.upper, logR.upper]) {
        likelihood.logLikelihood(.zeroInflated(zeroProbability: Self.logistic($0[0]), dispersion: exp($0[1])))
      }
      let pi2 = Self.logistic(zinb.x[0]), r2 = exp(zinb.x[1])
      let ses = Self.standardErrors(zinb.hessian, size: 2, atBound: zinb.atBound)
      options.append((.zeroInflated(zeroProbability: pi2, dispersion: r2),
                      .zeroInflatedNegativeBinomial(zeroProbability: Estimate(pi2, standardError: ses.map { pi2 * (1 - pi2) * $0[0] }),
                                                    dispersion: Estimate(r2, standardError: ses.map { r2 * $0[1] })),
                      2, zinb.value))
      }
    }
    let candidates = options.map {
      FamilyCandidate(name: $0.family.name, logLikelihood: $0.logLikelihood, aic: -2 * $0.logLikelihood + 2 * Double(k + $0.parameters))
    }
    // Smallest AIC; ties go to the simpler family (listed first).
    var best = 0
    for i in options.indices where candidates[i].aic < candidates[best].aic - 1e-9 { best = i }
    let order = candidates.indices.sorted { (candidates[$0].aic, $0) < (candidates[$1].aic, $1) }
    return FamilyChoice(model: options[best].model, family: options[best].family, parameters: options[best].parameters,
                        candidates: order.map { candidates[$0] })
  }

  /// Standard errors from the Hessian of the log-likelihood; nil at a bound or when it is not
  /// negative definite.
  static func standardErrors(_ hessian: [Double], size: Int, atBound: Bool) -> [Double]? {
    guard !atBound, let inverse = SymmetricSolver.inverse(hessian.map { -$0 }, size: size) else { return nil }
    let ses = (0..<size).map { inverse[$0 * size + $0] }
    guard ses.allSatisfy({ $0 > 0 && $0.isFinite }) else { return nil }
    return ses.map { $0.squareRoot() }
  }

  /// 1 / (1 + e^{−x}).
  static func logistic(_ x: Double) -> Double { 1 / (1 + exp(-x)) }

  /// A⁻¹·B·A⁻¹ with A = Σ μ z z' and B = Σ w_t z z': the covariance of the mean coefficients
  /// when day t's variance is `variance(t, μ_t)` rather than Poisson's μ_t.
  func sandwich(_ regression: MeanRegression, _ theta: [Double], variance: (Int, Double) -> Double) -> [Double]? {
    let p = regression.terms.count
    let a = regression.crossProduct(theta) { _, m in m }
    guard let inverse = SymmetricSolver.inverse(a, size: p) else { return nil }
    let b = regression.crossProduct(theta, weight: variance)
    var ab = [Double](repeating: 0, count: p * p), result = ab
    for i in 0..<p { for j in 0..<p { ab[i * p + j] = (0..<p).reduce(0) { $0 + inverse[i * p + $1] * b[$1 * p + j] } } }
    for i in 0..<p { for j in 0..<p { result[i * p + j] = (0..<p).reduce(0) { $0 + ab[i * p + $1] * inverse[$1 * p + j] } } }
    return result
  }

  /// Ratios of sales to fitted mean on the uncensored days: zeros, then up to 49 equal-count
  /// groups of the positive ratios, each represented by its mean.
  static func empiricalFamily(_ likelihood: FamilyLikelihood) -> FittedFamily {
    var ratios: [Double] = []
    var zeros = 0
    for t in likelihood.exact {
      if likelihood.y[t] == 0 { zeros += 1 } else if likelihood.m[t] > 0 { ratios.append(Double(likelihood.y[t]) / likelihood.m[t]) }
    }
    ratios.sort()
    let total = Double(zeros + ratios.count)
    var values: [Double] = [], probabilities: [Double] = []
    if zeros > 0 { values.append(0); probabilities.append(Double(zeros) / total) }
    let groups = min(49, ratios.count)
    for g in 0..<groups {
      let lo = ratios.count * g / groups, hi = ratios.count * (g + 1) / groups
      guard hi > lo else { continue }
      values.append(ratios[lo..<hi].reduce(0, +) / Double(hi - lo))
      probabilities.append(Double(hi - lo) / total)
    }
    return .empirical(values: values, probabilities: probabilities)
  }
}
