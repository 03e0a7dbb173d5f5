#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
import Stochastics
import SupplyModel
@testable import DemandFitting

@Suite struct ClassificationTests {
  @Test("Syntetos–Boylan classes of clear-cut series",
        arguments: [
          (DemandFamily.poisson, 20.0, DemandClass.smooth),
          (.negativeBinomial(dispersion: 0.8), 12.0, .erratic),
          (.poisson, 0.3, .intermittent),
          (.negativeBinomial(dispersion: 0.15), 0.8, .lumpy),
        ])
  func classes(family: DemandFamily, mean: Double, expected: DemandClass) {
    let y = simulate(DemandModel(family: family, profile: DemandProfile(base: mean)), days: 1000, seed: 11)
    let fit = DemandFitter().fit(DemandHistory(quantities: y))
    #expect(fit.demandClass == expected, "ADI \(fit.pattern.adi), CV² \(fit.pattern.cv2)")
  }

  @Test func adiAndCV2ByHand() {
    // Sales 0 4 0 0 2 0: ADI = 6/2 = 3; sizes 4, 2: mean 3, variance 1, CV² = 1/9.
    let pattern = DemandPattern(quantities: [0, 4, 0, 0, 2, 0]) { _ in true }
    #expect(pattern.adi == 3)
    #expect(abs(pattern.cv2 - 1.0 / 9) < 1e-15)
    #expect(pattern.demandClass == .intermittent)
    #expect(DemandClass.classify(adi: 1.32, cv2: 0.49) == .smooth)
    #expect(DemandClass.classify(adi: 1.33, cv2: 0.5) == .lumpy)
  }

  @Test func noSalesIsNoDemandWithZeroLevel() {
    let fit = DemandFitter().fit(DemandHistory(quantities: [0, 0, 0, 0]))
    #expect(fit.demandClass == .noDemand)
    #expect(fit.level.value == 0)
    #expect(fit.demandModel(fromDay: 4).profile.base == 0)
  }
}
