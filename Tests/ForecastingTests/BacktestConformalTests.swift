import Testing
import Foundation
@testable import Forecasting

/// Conformal recalibration of backtest intervals (`BacktestResult.conformalized`).
@Suite struct BacktestConformalTests {
  /// One-step records of series 0 and model "m" at origins 10, 11, …, each with the 80% band
  /// `band` around 0.
  static func records(actuals: [Double], band: (Double, Double)) -> BacktestResult {
    let records = actuals.enumerated().map { t, y in
      BacktestRecord(series: 0, model: "m", origin: 10 + t, trainingStart: 0, actual: [y],
                     forecast: Forecast(mean: [0], intervals: [PredictionInterval(level: 0.8, lower: [band.0], upper: [band.1])]),
                     failure: nil, scale: 1)
    }
    return BacktestResult(records: records, scores: BacktestResult.score(records, models: ["m"], levels: [0.8]))
  }

  /// By hand: band [−1, 1] (width 2); scores max(l − y, y − u) / 2 of y = 0, 3, −5, 2, 0.5, 7 are
  /// −0.5, 1, 2, 0.5, −0.25, 3. The 80% rank ⌈(n + 1)·0.8⌉ first exists at n = 4 known scores
  /// (origin 14): the 4th smallest of {−0.5, 1, 2, 0.5} is 2, so the band widens by 2 × 2 on each
  /// side; at origin 15 the 5th smallest of five (adding −0.25) is still 2. Earlier origins keep
  /// the model's band, and no forecast sees its own actual.
  @Test func theQuantileOfEarlierScoresWidensTheBandByHand() {
    let c = Self.records(actuals: [0, 3, -5, 2, 0.5, 7], band: (-1, 1)).conformalized(levels: [0.8])
    let bands = c.result.records.map { ($0.forecast!.intervals[0].lower[0], $0.forecast!.intervals[0].upper[0]) }
    #expect(bands.map(\.0) == [-1, -1, -1, -1, -5, -5])
    #expect(bands.map(\.1) == [1, 1, 1, 1, 5, 5])
    #expect(c.calibrated == 2 && c.intervals == 6)
    // Coverage is scored on the recalibrated bands: of the first four only 0 is inside [−1, 1];
    // 0.5 is inside [−5, 5] and 7 is not: 2 of 6. Raw: 0 and 0.5 inside, also 2 of 6.
    #expect(c.result.scores[0].coverage == [2.0 / 6])
    #expect(Self.records(actuals: [0, 3, -5, 2, 0.5, 7], band: (-1, 1)).scores[0].coverage == [2.0 / 6])
    // The last record alone: raw [−1, 1] misses 7, and so does [−5, 5]; 0.5 is inside both.
    #expect(c.result.records[5].forecast!.intervals[0].upper[0] < 7)
  }

  /// A band far too wide narrows, but never past its midpoint.
  @Test func aTooWideBandNarrowsAndStopsAtItsMidpoint() {
    // Every actual is 0 in a band [−10, 10]: scores −0.5, so the band shrinks to [0, 0].
    let c = Self.records(actuals: Array(repeating: 0, count: 8), band: (-10, 10)).conformalized(levels: [0.8])
    let last = c.result.records.last!.forecast!.intervals[0]
    #expect(last.lower == [0] && last.upper == [0])
    // Actuals at ±1 in [−10, 10]: scores −0.45, so the band becomes [−1, 1].
    let d = Self.records(actuals: [1, -1, 1, -1, 1, -1], band: (-10, 10)).conformalized(levels: [0.8])
    let band = d.result.records.last!.forecast!.intervals[0]
    #expect(abs(band.lower[0] + 1) < 1e-12 && abs(band.upper[0] - 1) < 1e-12)
  }

  /// Gaussian actuals with σ = 2 under bands that claim σ = 1 (too narrow: raw 80% coverage
  /// about 47%) or σ = 4 (too wide: about 99%): recalibrated, both cover 80% within sampling
  /// error (2,000 forecasts: standard error 0.9 points; 4 of them allowed).
  @Test(arguments: [1.0, 4.0])
  func recalibratedBandsHoldTheirLevelWhateverTheModelClaims(claimedSigma: Double) {
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    func uniform() -> Double {
      state = state &* 6364136223846793005 &+ 1442695040888963407
      return (Double(state >> 11) + 0.5) / 9007199254740992
    }
    var actuals: [Double] = []
    for _ in 0..<2000 { actuals.append(2 * (-2 * Foundation.log(uniform())).squareRoot() * Foundation.cos(2 * .pi * uniform())) }
    let z80 = 1.2815515655446004
    let result = Self.records(actuals: actuals, band: (-z80 * claimedSigma, z80 * claimedSigma))
    let raw = result.scores[0].coverage[0]
    let calibrated = result.conformalized(levels: [0.8]).result.scores[0].coverage[0]
    #expect(abs(raw - 0.8) > 0.15, "raw coverage \(raw)")
    #expect(abs(calibrated - 0.8) < 4 * (0.8 * 0.2 / 2000).squareRoot(), "calibrated coverage \(calibrated), raw \(raw)")
  }
}
