#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Stochastics

/// Standard normal draws by the Box–Muller transform, caching the second variate.
///
/// Private to Forecasting on purpose (the simulation of ETS intervals needs only this); the
/// stream advances only through the generator handed to `next(using:)`.
/// - SeeAlso: G. Box, M. Muller (1958), Ann. Math. Statist. 29(2), 610–611.
struct GaussianSampler {
  private var spare: Double? = nil

  /// One standard normal variate.
  mutating func next<R: RandomSource>(using rng: inout R) -> Double {
    if let s = spare { spare = nil; return s }
    let u1 = rng.nextOpenUnit(), u2 = rng.nextUnit()
    let r = (-2 * log(u1)).squareRoot()
    let theta = 2 * Double.pi * u2
    spare = r * sin(theta)
    return r * cos(theta)
  }
}
