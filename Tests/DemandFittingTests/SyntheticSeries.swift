#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Stochastics
import SupplyModel
@testable import DemandFitting

/// Draws `days` of demand from `model` with the simulator's own sampler, so a fit that recovers
/// the model also checks that fitted profiles mean what `DemandProfile` means.
func simulate(_ model: DemandModel, days: Int, calendar: SimulationCalendar = SimulationCalendar(), seed: UInt64,
              promotion: [Bool] = [], uplift: Double = 1) -> [Int] {
  var rng = Xoshiro256(seed: seed)
  var sampler = DemandSampler(model.family)
  return (0..<days).map { t in
    var m = model.profile.mean(onDay: t, calendar: calendar)
    if !promotion.isEmpty && promotion[t] { m *= uplift }
    return sampler.sample(mean: m, using: &rng)
  }
}

/// True when `estimate` is within `k` standard errors of `truth`.
func within(_ estimate: Estimate, _ truth: Double, _ k: Double = 3) -> Bool {
  guard let se = estimate.standardError else { return false }
  return abs(estimate.value - truth) <= k * se
}
