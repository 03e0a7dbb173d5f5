#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
import Stochastics
import SupplyModel
@testable import DemandFitting

@Suite struct FamilyTests {
  @Test func poissonSeriesFitsPoissonAndItsMean() {
    let y = simulate(DemandModel(family: .poisson, profile: DemandProfile(base: 5)), days: 1000, seed: 3)
    let fit = DemandFitter().fit(DemandHistory(quantities: y))
    #expect(fit.family == .poisson, "\(fit.candidates)")
    #expect(within(fit.level, 5), "\(fit.level)")
    #expect(fit.trendTest?.kept == false)
    #expect(fit.goodnessOfFit.map { $0.pValue > 0.001 } == true, "\(String(describing: fit.goodnessOfFit))")
  }

  @Test func negativeBinomialDispersionWithinThreeSE() {
    let y = simulate(DemandModel(family: .negativeBinomial(dispersion: 2), profile: DemandProfile(base: 8)), days: 2000, seed: 5)
    let fit = DemandFitter().fit(DemandHistory(quantities: y))
    guard case let .negativeBinomial(r) = fit.family else { Issue.record("family \(fit.family)"); return }
    #expect(within(r, 2), "\(r)")
    #expect(within(fit.level, 8), "\(fit.level)")
  }

  @Test func zeroInflatedPoissonIsFoundAndItsZeroProbabilityRecovered() {
    let truth = DemandFamily.zeroInflated(zeroProbability: 0.6, dispersion: nil)
    // Overall mean 0.4 × 3 = 1.2.
    let y = simulate(DemandModel(family: truth, profile: DemandProfile(base: 1.2)), days: 1500, seed: 9)
    let fit = DemandFitter().fit(DemandHistory(quantities: y))
    #expect(fit.demandClass.isSporadic)
    guard case let .zeroInflatedPoisson(pi) = fit.family else { Issue.record("family \(fit.family), \(fit.candidates)"); return }
    #expect(within(pi, 0.6), "\(pi)")
    #expect(within(fit.level, 1.2), "\(fit.level)")
  }

  @Test func zeroInflatedNegativeBinomialBeatsPlainFamiliesOnItsOwnData() {
    let truth = DemandFamily.zeroInflated(zeroProbability: 0.5, dispersion: 3)
    let y = simulate(DemandModel(family: truth, profile: DemandProfile(base: 4)), days: 3000, seed: 21)
    let fit = DemandFitter().fit(DemandHistory(quantities: y))
    guard case let .zeroInflatedNegativeBinomial(pi, r) = fit.family else { Issue.record("family \(fit.family), \(fit.candidates)"); return }
    #expect(within(pi, 0.5), "\(pi)")
    #expect(within(r, 3), "\(r)")
  }

  /// The likelihood's shortcuts (tail counts, log1p forms) against a direct sum of log pmfs.
  @Test func likelihoodEqualsDirectSumOfLogPMFs() {
    let y = simulate(DemandModel(family: .negativeBinomial(dispersion: 1.5), profile: DemandProfile(base: 3, weekly: [0.5, 1, 1, 1, 1, 1.5, 1])),
                     days: 300, seed: 4)
    var available = [Bool](repeating: true, count: 300)
    for t in stride(from: 0, to: 300, by: 7) { available[t] = false }
    let history = DemandHistory(quantities: y, available: available)
    let means = (0..<300).map { 1 + Double($0 % 5) * 0.7 }
    let likelihood = FamilyLikelihood(history: history, means: means)
    for r in [0.3, 1.5, 40.0] {
      var direct = 0.0
      for t in 0..<300 {
        let d = NegativeBinomial(mean: means[t], dispersion: r)
        direct += available[t] ? log(d.probability(y[t])) : (y[t] > 0 ? log(1 - d.cdf(y[t] - 1)) : 0)
      }
      let fast = likelihood.logLikelihood(.negativeBinomial(dispersion: r))
      #expect(abs(fast - direct) < 1e-8 * abs(direct), "r = \(r): \(fast) vs \(direct)")
    }
    var direct = 0.0
    for t in 0..<300 {
      let lambda = means[t] / 0.7
      let p0 = 0.3 + 0.7 * exp(-lambda)
      if available[t] {
        direct += y[t] == 0 ? log(p0) : log(0.7 * Poisson(mean: lambda).probability(y[t]))
      } else if y[t] > 0 {
        direct += log(0.7 * (1 - Poisson(mean: lambda).cdf(y[t] - 1)))
      }
    }
    let fast = likelihood.logLikelihood(.zeroInflated(zeroProbability: 0.3, dispersion: nil))
    #expect(abs(fast - direct) < 1e-8 * abs(direct), "\(fast) vs \(direct)")
  }

  /// The NB dispersion MLE against an independent computation: bisection on the score
  /// Σ [ψ(y + r) − ψ(r) + log(r/(r + m)) + (m − y)/(r + m)] = 0, with ψ differences as sums.
  @Test func negativeBinomialMLESolvesTheScoreEquation() {
    let y = simulate(DemandModel(family: .negativeBinomial(dispersion: 0.9), profile: DemandProfile(base: 6)), days: 4000, seed: 8)
    let m = Double(y.reduce(0, +)) / Double(y.count)
    func score(_ r: Double) -> Double {
      y.reduce(0.0) { s, k in
        var digammaDifference = 0.0
        for j in 0..<k { digammaDifference += 1 / (r + Double(j)) }
        return s + digammaDifference + log(r / (r + m)) + (m - Double(k)) / (r + m)
      }
    }
    var lo = 0.05, hi = 50.0
    for _ in 0..<100 { let mid = (lo * hi).squareRoot(); if score(mid) > 0 { lo = mid } else { hi = mid } }
    let fitter = DemandFitter()
    let history = DemandHistory(quantities: y)
    let choice = fitter.selectFamily(history: history, means: [Double](repeating: m, count: y.count),
                                     pattern: DemandPattern(quantities: y) { _ in true }, meanParameters: 1)
    let nb = choice.candidates.first { $0.name == "negativeBinomial" }
    #expect(nb != nil)
    guard case let .negativeBinomial(r) = choice.family else { Issue.record("\(choice.family)"); return }
    #expect(abs(r.value - lo) < 1e-3 * lo, "fitted \(r.value), score root \(lo)")
    // Large sample: the method-of-moments estimate m²/(s² − m) agrees within a few SE.
    let variance = y.reduce(0.0) { $0 + (Double($1) - m) * (Double($1) - m) } / Double(y.count)
    let moments = m * m / (variance - m)
    #expect(within(r, moments, 4), "MLE \(r), moments \(moments)")
  }

  @Test func conditionalMeanAndSurvivalMatchDirectSums() {
    for model in [CountModel.poisson, .negativeBinomial(dispersion: 2.5), .zeroInflated(zeroProbability: 0.4, dispersion: 1.2)] {
      let m = 4.0
      let (lambda, pi) = model.inner(m)
      func pmf(_ k: Int) -> Double {
        let base: Double = model.dispersion.map { NegativeBinomial(mean: lambda, dispersion: $0).probability(k) } ?? Poisson(mean: lambda).probability(k)
        return (1 - pi) * base + (k == 0 ? pi : 0)
      }
      for s in [1, 3, 7] {
        var tail = 0.0, first = 0.0
        for k in s..<400 { tail += pmf(k); first += Double(k) * pmf(k) }
        #expect(abs(model.survival(atLeast: s, mean: m) - tail) < 1e-10, "\(model) S(\(s))")
        #expect(abs(model.conditionalMean(atLeast: s, mean: m) - first / tail) < 1e-8, "\(model) E[D|D>=\(s)]")
      }
      var cdf = [0.0, 0.0, 0.0]
      model.cdf(at: [0, 2, 5], mean: m, into: &cdf)
      #expect(abs(cdf[2] - (0...5).reduce(0) { $0 + pmf($1) }) < 1e-12)
      let variance = (0..<400).reduce(0.0) { $0 + Double($1 * $1) * pmf($1) } - m * m
      #expect(abs(model.variance(atMean: m) - variance) < 1e-9, "\(model) variance")
    }
  }
}
