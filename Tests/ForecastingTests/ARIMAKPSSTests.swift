import Foundation
import Testing
@testable import Forecasting

/// KPSS statistics and STL seasonal strength against statsmodels 0.15.0
/// (Fixtures/arima/statsmodels_reference.json, from Fixtures/arima/scripts/make_refs.py).
@Suite struct ARIMAKPSSTests {
  static func namedSeries(_ name: String, _ ref: [String: Any]) -> [Double] {
    let ap = ARIMAFixtures.series("airpassengers.csv")
    switch name {
    case "airpassengers": return ap
    case "log_airpassengers": return ap.map { log($0) }
    case "diff_log_airpassengers": return (1..<ap.count).map { log(ap[$0]) - log(ap[$0 - 1]) }
    case "wineind": return ARIMAFixtures.series("monthly/wineind.csv.full")
    default: return ref["kpss_series_white_noise_n200_seed11"] as! [Double]
    }
  }

  @Test func kpssStatisticMatchesStatsmodels() {
    let ref = ARIMAFixtures.json("statsmodels_reference.json")
    let rows = ref["kpss"] as! [[String: Any]]
    #expect(rows.count >= 6)
    for row in rows {
      let x = Self.namedSeries(row["series"] as! String, ref)
      #expect(x.count == row["n"] as! Int)
      let stat = KPSSTest.statistic(x, lags: row["lags"] as! Int)
      let expected = row["statistic"] as! Double
      #expect(abs(stat - expected) < 1e-9 * max(1, expected), "\(row["series"]!) lags \(row["lags"]!)")
    }
  }

  @Test func kpssPValueInterpolatesTheTable() {
    #expect(KPSSTest.pValue(statistic: 0.1) == 0.10)
    #expect(abs(KPSSTest.pValue(statistic: 0.463) - 0.05) < 1e-12)
    #expect(abs(KPSSTest.pValue(statistic: (0.463 + 0.574) / 2) - 0.0375) < 1e-12)
    #expect(KPSSTest.pValue(statistic: 5) == 0.01)
    #expect(KPSSTest.defaultLags(count: 144) == 2)
  }

  @Test func differencingRuleOnAirPassengers() {
    let logAP = ARIMAFixtures.series("airpassengers.csv").map { log($0) }
    #expect(SeasonalityStrength.seasonalDifferencesNeeded(logAP, period: 12) == 1)
    let sdiff = (12..<logAP.count).map { logAP[$0] - logAP[$0 - 12] }
    #expect(KPSSTest.differencesNeeded(sdiff) == 1)
    #expect(KPSSTest.differencesNeeded([Double](repeating: 3, count: 50)) == 0)
  }

  @Test func seasonalStrengthMatchesStatsmodelsSTL() {
    let ref = ARIMAFixtures.json("statsmodels_reference.json")
    for row in ref["seasonal_strength"] as! [[String: Any]] {
      let name = row["series"] as! String
      let x = name == "white_noise_n200_seed11" ? ref["kpss_series_white_noise_n200_seed11"] as! [Double]
        : Self.namedSeries(name, ref)
      let fs = SeasonalityStrength.strength(x, period: 12)
      #expect(abs(fs - (row["strength"] as! Double)) < 1e-6, "\(name): \(fs) vs \(row["strength"]!)")
    }
  }
}
