import InventoryOptimization
import Stochastics
import SupplyModel

extension DemandFamily {
  /// One day's demand as an exact table when this family at mean `mean` draws independent whole
  /// units: Poisson, negative binomial, zero-inflated Poisson or negative binomial, empirical (each value scaled to the mean and rounded
  /// stochastically, as the simulator draws it), and deterministic demand with a whole-unit
  /// mean. Nil for the continuous families (normal, gamma, lognormal, uniform) and for
  /// deterministic demand with a fractional mean (the simulator spreads it evenly over days,
  /// which is not independent from day to day).
  public func exactDailyDemand(mean: Double) throws(OptimizationError) -> DemandPMF? {
    guard mean.isFinite, mean >= 0 else { return nil }
    switch self {
    case .poisson:
      return try DemandPMF(Poisson(mean: mean))
    case let .negativeBinomial(r):
      return try DemandPMF(NegativeBinomial(mean: mean, dispersion: r))
    case .deterministic:
      guard mean == mean.rounded(), mean < Double(DemandPMF.supportLimit) else { return nil }
      var p = Array(repeating: 0.0, count: Int(mean) + 1)
      p[Int(mean)] = 1
      return try DemandPMF(probabilities: p)
    case let .empirical(values, probabilities):
      let mu = zip(values, probabilities).reduce(0) { $0 + $1.0 * $1.1 }
      guard mu > 0 else { return try DemandPMF(probabilities: [1]) }
      var p: [Double] = []
      for (v, w) in zip(values, probabilities) where w > 0 {
        let x = max(0, v * mean / mu)
        guard x < Double(DemandPMF.supportLimit) else { throw .demandTooWide(support: Int(min(x, 1e18)), limit: DemandPMF.supportLimit) }
        let whole = x.rounded(.down)
        let i = Int(whole)
        if p.count < i + 2 { p += Array(repeating: 0, count: i + 2 - p.count) }
        p[i] += w * (1 - (x - whole))
        p[i + 1] += w * (x - whole)
      }
      return try DemandPMF(probabilities: p)
    case let .zeroInflated(pi, r):
      let inner = mean / (1 - pi)
      let base: DemandPMF
      if let r { base = try DemandPMF(NegativeBinomial(mean: inner, dispersion: r)) } else { base = try DemandPMF(Poisson(mean: inner)) }
      var p = base.probabilities.map { $0 * (1 - pi) }
      p[0] += pi
      return try DemandPMF(probabilities: p)
    case .normal, .gamma, .lognormal, .uniform, .recorded:
      return nil
    }
  }
}
