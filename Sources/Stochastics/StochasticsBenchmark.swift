/// Micro-benchmarks of the samplers, for `supplysim bench`; meaningful only in a release build.
package enum StochasticsBenchmark {
  /// Times `draws` calls of `Poisson.sample(mean:using:)` (the simulator's path, no cached
  /// constants) for each mean, on a fixed auxiliary stream, with `ContinuousClock`.
  ///
  /// Each draw's mean is `mean` times (1 + j·2⁻⁴⁰) for j = draw index mod 8: a change far below
  /// any statistical effect that stops the optimizer from hoisting the per-mean set-up (exp, log,
  /// square root) out of the loop, as it could not in a simulation whose mean changes daily.
  ///
  /// - Parameters:
  ///   - means: The Poisson means to time, each >= 0.
  ///   - draws: Draws per mean, > 0; a million (20–50 ms per mean) gives figures stable to a
  ///     few percent on an idle machine; take the minimum of several calls on a busy one.
  /// - Returns: For each mean in order, the wall-clock nanoseconds per draw.
  package static func poissonDrawsPerSecond(means: [Double], draws: Int) -> [(mean: Double, nanosecondsPerDraw: Double)] {
    precondition(draws > 0, "poissonDrawsPerSecond needs draws > 0, got \(draws)")
    var results: [(mean: Double, nanosecondsPerDraw: Double)] = []
    for (index, mean) in means.enumerated() {
      var rng = Xoshiro256(seed: 2026, entity: UInt64(index), purpose: .auxiliary)
      var total = 0
      let clock = ContinuousClock()
      let elapsed = clock.measure {
        for i in 0..<draws {
          let jittered = mean + mean * 0x1p-40 * Double(i & 7)
          total &+= Poisson.sample(mean: jittered, using: &rng)
        }
      }
      // Using the total keeps the optimizer from removing the loop.
      precondition(total >= 0 || mean < 0, "Poisson draws summed to \(total)")
      results.append((mean, nanoseconds(elapsed) / Double(draws)))
    }
    return results
  }

  /// The number of nanoseconds in a `Duration`.
  static func nanoseconds(_ d: Duration) -> Double {
    let (seconds, attoseconds) = d.components
    return Double(seconds) * 1e9 + Double(attoseconds) * 1e-9
  }
}
