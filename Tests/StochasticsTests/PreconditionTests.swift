import Testing
@testable import Stochastics

#if os(Linux) || os(macOS)
@Suite struct PreconditionTests {
  @Test func negativePoissonMeanStopsWithTheValueInTheMessage() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      _ = Poisson(mean: -2.5)
    }
    let stderr = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
    #expect(stderr.contains("Poisson mean must be in 0...2^52, got -2.5"))
  }

  @Test func badEmpiricalProbabilitiesNameTheEntry() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      _ = EmpiricalDiscrete(values: [1, 2], probabilities: [1.2, -0.2])
    }
    let stderr = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
    #expect(stderr.contains("probabilities[1] must be finite and >= 0, got -0.2"))
  }
}
#endif
